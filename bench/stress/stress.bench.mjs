/**
 * Figure (issue #5 §7): full grid stress of a 1,000-position portfolio in at most 10 ms.
 *
 * A seeded mixed portfolio across BTC, ETH and SOL (perpetuals linear and inverse, dated futures,
 * options on black76 / black-scholes / inverse), portfolio margin. Timed: `gridStress` on the
 * compiled portfolio — 4 scopes × (27 standard + 8 extended) scenarios, every option fully
 * revalued at 35 grid points, the delta-gamma column, the PM requirement and every scenario's
 * account numbers (median ms of 21 rounds after 10 warm-up runs). Also parse + compile + grid from the JSON object.
 * Peer, side by side: the same grid fully revalued with numpy arrays and scipy.stats.norm
 * (vectorised over positions, one array pass per grid point), via /usr/bin/python3; null when absent.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePortfolio, createRng, gridStress, parsePortfolio, stressParams, stressPortfolio } from '../../dist/index.js';
import { report, timeMs } from '../harness.mjs';

const ROUNDS = 21;
const N = 1000;
const UNDER = { BTC: [65_000, 0.55], ETH: [3_500, 0.7], SOL: [150, 0.9] };
const names = Object.keys(UNDER);
const EXPIRIES = ['2026-12-04T08:00:00Z', '2026-12-25T08:00:00Z', '2027-03-26T08:00:00Z', '2027-06-25T08:00:00Z'];
const MODELS = ['black76', 'black-scholes', 'inverse'];

/** The seeded mixed portfolio of n positions (the same first positions for every n). */
function portfolioOf(n) {
  const rng = createRng(20261201);
  const positions = [];
  for (let i = 0; i < n; i++) {
    const u = names[i % 3];
    const s = UNDER[u][0];
    const q = Math.round((rng.next() * 4 - 2) * (65_000 / s) * 1000) / 1000 || 1;
    const kind = i % 10 < 2 ? 'perpetual' : i % 10 < 4 ? 'future' : 'option';
    if (kind === 'perpetual') positions.push(i % 20 === 0 ? { kind, underlying: u, settlement: 'inverse', quantity: Math.round(q * s), entryPrice: s * (0.9 + 0.2 * rng.next()) } : { kind, underlying: u, quantity: q, entryPrice: s * (0.9 + 0.2 * rng.next()) });
    else if (kind === 'future') positions.push({ kind, underlying: u, quantity: q, entryPrice: s * (0.9 + 0.2 * rng.next()), expiry: EXPIRIES[rng.nextInt(4)] });
    else positions.push({ kind, underlying: u, quantity: q, type: rng.next() < 0.5 ? 'call' : 'put', strike: s * (0.7 + 0.6 * rng.next()), expiry: EXPIRIES[rng.nextInt(4)], model: MODELS[rng.nextInt(3)], vol: 0.4 + 0.6 * rng.next() });
  }
  return {
    asOf: '2026-12-01T08:00:00Z',
    account: { collateral: { USD: 5_000_000, BTC: 5 }, margin: { style: 'portfolio', mmFactor: 0.8 } },
    underlyings: Object.fromEntries(names.map((u) => [u, { spot: UNDER[u][0], vol: UNDER[u][1] }])),
    positions,
  };
}
const json = portfolioOf(N);

const time = (fn) => timeMs(fn, { rounds: ROUNDS, warmup: 10 });

const compiled = compilePortfolio(parsePortfolio(json));
const params = stressParams();
const result = gridStress(compiled, params);
const grid = time(() => gridStress(compiled, params).worstLoss);
const endToEnd = time(() => gridStress(compilePortfolio(parsePortfolio(json)), stressParams()).worstLoss);

const PEER = String.raw`
import json, sys, time, math
import numpy as np, scipy
from scipy.stats import norm
from datetime import datetime
doc = json.load(open(sys.argv[1]))
asof = datetime.fromisoformat(doc['asOf'].replace('Z', '+00:00'))
names = list(doc['underlyings']); spot = np.array([doc['underlyings'][u]['spot'] for u in names])
P = doc['positions']
u = np.array([names.index(p['underlying']) for p in P]); q = np.array([p['quantity'] for p in P], float)
opt = np.array([p['kind'] == 'option' for p in P]); inv = np.array([p.get('settlement') == 'inverse' or p.get('model') == 'inverse' for p in P])
ent = np.array([p.get('entryPrice', 1.0) for p in P]); K = np.array([p.get('strike', 1.0) for p in P])
T = np.array([(datetime.fromisoformat(p['expiry'].replace('Z', '+00:00')) - asof).total_seconds() / (365 * 86400) if 'expiry' in p else 0.0 for p in P])
vol = np.array([p.get('vol', 0.5) for p in P]); call = np.array([p.get('type') == 'call' for p in P])
w = np.where(call, 1.0, -1.0); coin = np.array([doc['account']['collateral'].get(n, 0.0) for n in names])
dte = np.maximum(T * 365, 1e-9); sc = (30 / dte) ** np.where(dte < 30, 0.3, 0.13)
vup = vol + np.maximum(vol, 0.5) * 0.5 * sc; vdn = vol * np.maximum(1 - 0.25 * sc, 0.05)
moves = [0.16 * (k - 4) / 4 for k in range(9)]; ext = [-0.66, -0.33, 0.5, 1, 2, 3, 4, 5]
def value(s, v):
    sd = v * np.sqrt(np.where(opt, T, 1.0)); F = s
    d1 = np.log(F / K) / sd + 0.5 * sd; d2 = d1 - sd
    b = w * (F * norm.cdf(w * d1) - K * norm.cdf(w * d2))
    o = q * np.where(inv, b / F * s, b)
    lin = np.where(inv, q * (1 / ent - 1 / s) * s, q * (s - ent))
    return np.where(opt, o, lin)
def grid():
    s0 = spot[u]; v0 = value(s0, vol); U = len(names); out = []
    for m in moves:
        for v in (vup, vol, vdn):
            d = value(s0 * (1 + m), v) - v0
            per = np.bincount(u, d, U) + coin * spot * m
            out.extend(list(per)); out.append(per.sum())
    for m in ext:
        d = value(s0 * (1 + m), vup) - v0
        per = np.bincount(u, d, U) + coin * spot * m
        out.extend(list(per)); out.append(per.sum())
    return max(0.0, -min(out[:len(moves) * 3 * (U + 1)]))
worst = grid(); ts = []
for _ in range(15):
    t0 = time.perf_counter(); grid(); ts.append((time.perf_counter() - t0) * 1000)
ts.sort(); print(ts[len(ts) // 2], worst, np.__version__, scipy.__version__)
`;

function peer() {
  const dir = mkdtempSync(join(tmpdir(), 'tradesize-stress-bench-'));
  const file = join(dir, 'portfolio.json');
  writeFileSync(file, JSON.stringify(json));
  const script = join(dir, 'peer.py');
  writeFileSync(script, PEER);
  const r = spawnSync('/usr/bin/python3', [script, file], { encoding: 'utf8' });
  if (r.status !== 0 || r.error !== undefined) return null;
  const [ms, worst, numpy, scipy] = r.stdout.trim().split(/\s+/);
  return { ms: Number(ms), worst: Number(worst), numpy, scipy };
}

/**
 * Scaling (issue "Foundation before the engine" §6: 20,000 positions took 94 s in `stress`):
 * microseconds per position of `gridStress` on the compiled portfolio and of `stressPortfolio`
 * (parse, compile, grid, Greeks, largest adverse moves; no Monte Carlo) at 1,000, 20,000 and
 * 100,000 positions — flat per-position figures mean linear time. Median of 5 rounds after 2 warm-ups.
 */
const scaling = [1_000, 20_000, 100_000].map((n) => {
  const doc = portfolioOf(n);
  const c = compilePortfolio(parsePortfolio(doc));
  const g = timeMs(() => gridStress(c, params).worstLoss, { rounds: 5, warmup: 2 });
  const all = timeMs(() => stressPortfolio(doc).worstLoss, { rounds: 5, warmup: 2 });
  return { positions: n, gridUsPerPosition: Number(((g.median * 1000) / n).toFixed(3)), stressPortfolioUsPerPosition: Number(((all.median * 1000) / n).toFixed(3)) };
});
const perPosition = scaling.map((s) => s.gridUsPerPosition);

const p = peer();
report({
  name: 'stress.grid1000.ms', issue: 5, value: Number(grid.median.toFixed(3)), min: Number(grid.min.toFixed(3)), max: Number(grid.max.toFixed(3)),
  unit: `ms per full grid stress of ${N} positions (${result.scenarios.length} scenarios, gridStress on the compiled portfolio, median, one thread)`,
  target: 10, pass: grid.median <= 10,
  peer: 'numpy + scipy.stats.norm vectorised full revaluation', peerMs: p === null ? null : Number(p.ms.toFixed(3)),
  peerVersions: p === null ? null : { numpy: p.numpy, scipy: p.scipy },
  ratio: p === null || !(p.ms > 0) ? null : Number((grid.median / p.ms).toFixed(3)),
  worstLoss: result.worstLoss, peerWorstLoss: p === null ? null : p.worst,
});
report({
  name: 'stress.grid1000.endToEnd.ms', issue: 5, value: Number(endToEnd.median.toFixed(3)), min: Number(endToEnd.min.toFixed(3)), max: Number(endToEnd.max.toFixed(3)),
  unit: `ms per parse (zod) + compile + full grid stress of ${N} positions (median, one thread)`, target: null, pass: null,
});
report({
  name: 'stress.scaling.usPerPosition', issue: 5, value: perPosition[2], min: Math.min(...perPosition), max: Math.max(...perPosition),
  unit: 'µs per position of gridStress at 100,000 positions (median of 5); scaling: per-position µs of gridStress and stressPortfolio at 1,000 / 20,000 / 100,000 positions',
  target: null, pass: null, scaling,
});
