/**
 * The `tradesize backtest --report out.html` page: one self-contained HTML file — uPlot (bundled
 * inline, no CDN) and the run's data as JSON — drawing the equity on a log scale with
 * liquidations (red) and stop-outs (orange) marked, the drawdowns, leverage and position size
 * over time, the growth curve g(f) with the hindsight-optimal and each policy's mean leverage
 * marked, the per-bar log-return histogram against the fitted normal and Student-t, and a heat
 * map of the sweep (or of the policies) by metric. Every chart has a PNG button
 * (canvas.toDataURL). Pure: returns the page as a string; `window.__charts` lists the charts and
 * how many points each drew (the end-to-end test reads it).
 *
 * @example
 * await writeFile('report.html', renderBacktestReport(data, { js, css }, 'btc-usdt-1d.csv'));
 */
import type { ReportData } from '../backtest/report-data.js';

/** The chart library's script and stylesheet, inlined into the page. */
export interface ChartAssets {
  readonly js: string;
  readonly css: string;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const inline = (s: string): string => s.replace(/<\/(script|style)/gi, '<\\/$1');

/** The page's own script: builds every chart from the embedded JSON. */
const SCRIPT = String.raw`
const D = JSON.parse(document.getElementById('report-data').textContent);
const COLORS = ['#1f77b4', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f', '#ff7f0e', '#d62728'];
window.__charts = {};
const width = () => Math.min(1100, document.body.clientWidth - 40);
function panel(id, title) {
  const box = document.createElement('section');
  box.id = id;
  const h = document.createElement('h2');
  h.textContent = title;
  const btn = document.createElement('button');
  btn.textContent = 'PNG';
  btn.className = 'png';
  h.appendChild(btn);
  box.appendChild(h);
  document.getElementById('charts').appendChild(box);
  return { box, btn };
}
function png(btn, canvas, id) {
  btn.onclick = () => {
    const a = document.createElement('a');
    a.href = canvas.toDataURL('image/png');
    a.download = id + '.png';
    a.click();
  };
}
function count(data) {
  let n = 0;
  for (let s = 1; s < data.length; s++) for (const v of data[s]) if (v !== null && Number.isFinite(v)) n++;
  return n;
}
function chart(id, title, series, data, scales, axes) {
  const { box, btn } = panel(id, title);
  const u = new uPlot({ width: width(), height: 300, series, scales: scales || {}, axes: axes || [{}, {}] }, data, box);
  png(btn, u.ctx.canvas, id);
  window.__charts[id] = { points: count(data), canvas: u.ctx.canvas };
}
const time = { label: 'time', value: (u, v) => (v === null ? '' : new Date(v * 1000).toISOString().slice(0, 16)) };
const lines = (key) => D.policies.map((p, i) => ({ label: p.policy, stroke: COLORS[i % COLORS.length], width: 1.5 }));
const dots = (label, color) => ({ label, stroke: color, fill: color, width: 0, paths: () => null, points: { show: true, size: 8, fill: color, stroke: color } });
function marks(key, of) {
  const out = D.time.map(() => null);
  for (const p of D.policies) for (const i of p[key]) out[i] = of(p, i);
  return out;
}
// equity, log scale, events marked
chart('equity', 'Equity (log scale)',
  [time, ...lines(), dots('liquidation', '#d62728'), dots('stop-out', '#ff7f0e')],
  [D.time, ...D.policies.map((p) => p.equity.map((v) => (v > 0 ? v : null))),
    marks('liquidations', (p, i) => { for (let j = i; j >= 0; j--) if (p.equity[j] > 0) return p.equity[j]; return null; }),
    marks('stopOuts', (p, i) => (p.equity[i] > 0 ? p.equity[i] : null))],
  { y: { distr: 3 } });
chart('drawdown', 'Drawdown', [time, ...lines()], [D.time, ...D.policies.map((p) => p.drawdown)]);
chart('leverage', 'Leverage (position value / equity)', [time, ...lines()], [D.time, ...D.policies.map((p) => p.leverage)]);
chart('size', 'Position size (base units)', [time, ...lines()], [D.time, ...D.policies.map((p) => p.size)]);
// growth curve with the hindsight optimum and each policy's mean leverage
const nearest = (f) => { let best = 0; D.growth.f.forEach((x, i) => { if (Math.abs(x - f) < Math.abs(D.growth.f[best] - f)) best = i; }); return best; };
const mark = (fs) => { const out = D.growth.f.map(() => null); for (const f of fs) { const i = nearest(f); out[i] = D.growth.g[i]; } return out; };
chart('growth', 'Growth rate g(f) of constant leverage f (per year)',
  [{ label: 'f' }, { label: 'g(f)', stroke: '#1f77b4', width: 2 }, dots('hindsight optimum', '#d62728'), dots('policies (mean leverage)', '#2ca02c')],
  [D.growth.f, D.growth.g, mark(D.growth.hindsight === null ? [] : [D.growth.hindsight]), mark(D.policies.map((p) => p.meanLeverage))],
  { x: { time: false } }, [{}, {}]);
// return distribution
chart('returns', 'Per-bar log returns: histogram, fitted normal and Student-t' + (D.returns.nu === null ? '' : ' (ν = ' + D.returns.nu.toFixed(2) + ')'),
  [{ label: 'log return' }, { label: 'histogram', stroke: '#7f7f7f', fill: 'rgba(127,127,127,0.3)', paths: uPlot.paths.bars({ size: [1, Infinity] }) },
    { label: 'normal', stroke: '#1f77b4', width: 2 }, { label: 'Student-t', stroke: '#d62728', width: 2 }],
  [D.returns.x, D.returns.density, D.returns.normal, D.returns.studentT], { x: { time: false } });
// heat map: rows policies, columns metrics, colour by rank within the column
(function heat() {
  const rows = D.sweep || D.results;
  const cols = [['cagr', 1], ['logGrowth', 1], ['maxDrawdown', -1], ['sharpe', 1], ['sortino', 1], ['calmar', 1], ['liquidations', -1], ['turnover', -1], ['finalEquity', 1]];
  const { box, btn } = panel('heatmap', (D.sweep ? 'Sweep' : 'Policies') + ': metrics (green better, red worse within each column)');
  const cw = 90, rh = Math.max(4, Math.min(22, Math.floor(600 / rows.length))), left = 150, top = 24;
  const canvas = document.createElement('canvas');
  canvas.width = left + cw * cols.length;
  canvas.height = top + rh * rows.length;
  box.appendChild(canvas);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.font = '11px sans-serif';
  ctx.fillStyle = '#000';
  cols.forEach(([k], j) => ctx.fillText(k, left + j * cw + 4, 14));
  let cells = 0;
  cols.forEach(([k, sign], j) => {
    const vals = rows.map((r) => (r[k] === null ? null : sign * r[k]));
    const ok = vals.filter((v) => v !== null);
    const lo = Math.min(...ok), hi = Math.max(...ok);
    vals.forEach((v, i) => {
      const t = v === null ? 0 : hi > lo ? (v - lo) / (hi - lo) : 0.5;
      ctx.fillStyle = v === null ? '#ddd' : 'rgb(' + Math.round(255 * (1 - t)) + ',' + Math.round(200 * t + 40) + ',80)';
      ctx.fillRect(left + j * cw, top + i * rh, cw - 1, rh - 1);
      cells++;
    });
  });
  ctx.fillStyle = '#000';
  if (rh >= 9) rows.forEach((r, i) => ctx.fillText(r.policy, 4, top + i * rh + rh - 3));
  png(btn, canvas, 'heatmap');
  window.__charts.heatmap = { points: cells, canvas };
})();
document.body.dataset.ready = 'true';
`;

/** The report page (module doc). */
export function renderBacktestReport(data: ReportData, assets: ChartAssets, title: string): string {
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tradesize backtest: ${esc(title)}</title>
<style>${inline(assets.css)}
body{font-family:system-ui,sans-serif;margin:20px;color:#222}h1{font-size:20px}h2{font-size:15px;margin:24px 0 6px}
button.png{margin-left:12px;font-size:11px}table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}</style>
</head><body><h1>tradesize backtest: ${esc(title)}</h1>
${summary(data)}
<div id="charts"></div>
<script>${inline(assets.js)}</script>
<script type="application/json" id="report-data">${json}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}

function summary(d: ReportData): string {
  const f = (x: number | null, digits = 4): string => (x === null ? '–' : x.toFixed(digits));
  const head = ['policy', 'CAGR', 'log growth', 'max DD', 'Sharpe', 'Sortino', 'Calmar', 'liquidations', 'stop-outs', 'final equity', 'of hindsight'];
  const rows = d.results.map((r) => [r.policy, f(r.cagr), f(r.logGrowth), f(r.maxDrawdown), f(r.sharpe, 2), f(r.sortino, 2), f(r.calmar, 2), String(r.liquidations), String(r.stopOuts), f(r.finalEquity, 2), f(r.hindsightShare)]);
  return `<table><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</table>`;
}
