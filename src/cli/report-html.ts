/**
 * The `tradesize stress --report out.html` page: one self-contained HTML file (inline CSS and SVG,
 * no external assets or scripts) with the account summary, an SVG heat map of the loss per price
 * move × vol scenario for every scope, the largest adverse moves, the Monte Carlo figures and the
 * full scenario table with the delta-gamma comparison. Pure: returns the page as a string.
 *
 * Colours: white at zero loss, red up to the worst loss, green up to the best gain (linear).
 *
 * @example
 * await writeFile('stress.html', renderStressReport(output));
 */
import type { Scenario, StressResult } from '../stress/stress.js';
import type { MonteCarloStress } from '../stress/monte-carlo.js';

/** What `tradesize stress` prints with `--json`, and what the report renders. */
export interface StressOutput extends StressResult {
  readonly portfolio: string;
  readonly monteCarlo: MonteCarloStress;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** A number with `digits` decimals and thousands separators; a value that rounds to zero prints as 0, never −0. */
const num = (x: number | null, digits = 2): string => {
  if (x === null) return '–';
  const rounded = Number(x.toFixed(digits));
  return (rounded === 0 ? 0 : rounded).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
};
const pct = (x: number | null): string => (x === null ? 'none within the cap' : `${(x * 100).toFixed(2)}%`);

function colour(loss: number, worst: number, best: number): string {
  const t = loss > 0 ? Math.min(1, loss / (worst || 1)) : Math.min(1, -loss / (best || 1));
  const fade = Math.round(255 * (1 - t));
  return loss > 0 ? `rgb(255,${fade},${fade})` : `rgb(${fade},255,${fade})`;
}

/** One heat map (rows vol up/same/down, columns price moves) of a scope's standard scenarios. */
function heatMap(scope: string, rows: readonly Scenario[], worst: number, best: number): string {
  const moves = [...new Set(rows.map((s) => s.priceMove))];
  const vols = ['up', 'same', 'down'] as const;
  const cw = 86;
  const ch = 34;
  const left = 70;
  const top = 24;
  const cells = vols.flatMap((v, r) =>
    moves.map((m, k) => {
      const s = rows.find((x) => x.priceMove === m && x.vol === v) as Scenario;
      const x = left + k * cw;
      const y = top + r * ch;
      const mark = s.liquidated ? ' stroke="#000" stroke-width="2"' : ' stroke="#ccc"';
      return `<rect x="${x}" y="${y}" width="${cw}" height="${ch}" fill="${colour(s.loss, worst, best)}"${mark}><title>${esc(s.id)}: loss ${num(s.loss)}</title></rect>` +
        `<text x="${x + cw / 2}" y="${y + ch / 2 + 4}" text-anchor="middle">${num(s.loss, 0)}</text>`;
    }),
  );
  const header = moves.map((m, k) => `<text x="${left + k * cw + cw / 2}" y="${top - 8}" text-anchor="middle">${(m * 100).toFixed(0)}%</text>`);
  const side = vols.map((v, r) => `<text x="${left - 8}" y="${top + r * ch + ch / 2 + 4}" text-anchor="end">vol ${v}</text>`);
  const width = left + moves.length * cw + 10;
  const height = top + 3 * ch + 10;
  return `<h3>${esc(scope)}: loss per price move × vol scenario</h3>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">${[...header, ...side, ...cells].join('')}</svg>`;
}

/** The report page (module doc). */
export function renderStressReport(o: StressOutput): string {
  const std = o.scenarios.filter((s) => s.table === 'standard');
  const worst = Math.max(0, ...std.map((s) => s.loss));
  const best = Math.max(0, ...std.map((s) => -s.loss));
  const scopes = [...new Set(std.map((s) => s.scope))];
  const a = o.account;
  const mc = o.monteCarlo;
  const summary: [string, string][] = [
    ['margin style', a.style],
    [`equity (${o.currency})`, num(a.equity)],
    ['initial margin', num(a.initialMargin)],
    ['maintenance margin', num(a.maintenanceMargin)],
    ['margin ratio (MM / equity)', a.marginRatio === null ? '–' : num(a.marginRatio, 4)],
    ['worst loss', `${num(o.worstLoss)} (${o.worstScenario.id})`],
    ['liquidated in some grid scenario', o.liquidated ? 'yes' : 'no'],
    ['largest delta-gamma error', num(o.deltaGammaMaxError)],
    [`Monte Carlo (${mc.method}, ${mc.paths} paths, ${mc.horizonDays} days, seed ${mc.seed})`, `P(liquidation) ${num(mc.pLiquidation, 4)} ± ${num(mc.standardError, 4)}; VaR95 ${num(mc.var95)}, ES95 ${num(mc.es95)}, VaR99 ${num(mc.var99)}, ES99 ${num(mc.es99)}`],
  ];
  const row = (cells: readonly string[], tag = 'td') => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;
  const table = [
    row(['scenario', 'pnl', 'equity', 'maintenance', 'MM / equity', 'liquidated', 'delta-gamma pnl', 'error', 'extended contribution'], 'th'),
    ...o.scenarios.map((s) => row([esc(s.id), num(s.pnl), num(s.equity), num(s.maintenance), s.marginRatio === null ? '–' : num(s.marginRatio, 4), s.liquidated ? '<b>yes</b>' : 'no', num(s.deltaGammaPnl), num(s.deltaGammaError), num(s.marginContribution)])),
  ].join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tradesize stress: ${esc(o.portfolio)}</title>
<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}</style>
</head><body>
<h1>Margin stress: ${esc(o.portfolio)}</h1>
<table>${summary.map(([k, v]) => row([esc(k), esc(v)])).join('')}</table>
<h2>Scenario grid (full revaluation; black border = liquidated)</h2>
${scopes.map((s) => heatMap(s, std.filter((x) => x.scope === s), worst, best)).join('\n')}
<h2>Greeks per underlying</h2>
<table>${row(['underlying', 'spot', 'delta', 'gamma', 'vega'], 'th')}${o.greeks.map((g) => row([esc(g.underlying), num(g.spot), num(g.delta, 6), num(g.gamma, 8), num(g.vega)])).join('')}</table>
<h2>Largest adverse move before a margin call</h2>
<table>${row(['scope', 'down', 'up'], 'th')}${o.maxAdverseMove.map((m) => row([esc(m.scope), pct(m.down), pct(m.up)])).join('')}</table>
<h2>All scenarios</h2>
<table>
${table}
</table>
</body></html>
`;
}
