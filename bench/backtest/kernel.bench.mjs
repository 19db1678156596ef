/**
 * Figure (issue #11 §8): bar-steps per second of the backtest bar loop for one policy on one
 * thread — `fixed-leverage:3` with a 0.05 % fee, 2 bps slippage, per-bar funding and a flat 0.5 %
 * maintenance rate (the liquidation price solved on every bar) over 45,000 hourly bars, the
 * targets prepared once, `simulateBars` timed (it takes the specialised loop of
 * `src/backtest/kernel-cross.ts`) — side by side with the same loop compiled by numba (`@njit`,
 * Debian's python3-numba, the engine behind vectorbt; compiled before timing) on the same bars.
 * The peers (`kernel_numba.py`) do the same work as ours: the liquidation price against the
 * open and the low on every bar, funding, target, slippage, fee, band, the equity curve and the
 * run's totals (fees, funding, traded, liquidation loss, liquidations, ruin), which are checked
 * equal to ours (`sameResults`):
 *
 * - `numba`: the loop as the general kernel writes it (cash and position, t·E/c, the fill price
 *   chosen by the trade's side); `ratio` = ours / its rate (above 1: faster).
 * - `numbaSameArithmetic`: a line-for-line port of kernel-cross.ts (equity and position,
 *   E·(t/c), |Δ|·c·(s + fee) + Δ·c·s·fee), the same operations as ours; `ratioSameArithmetic`.
 *
 * Rounds alternate (ours, numba, numba same arithmetic) so that the machine's load meets all
 * three alike; each rate is the median of 9 rounds of 20 runs. Target: ≥ 20,000,000 bar-steps/s
 * and ratio > 1. Without /usr/bin/python3 or numba the numba figures are null.
 */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { flatRule, simulateBars } from '../../dist/index.js';
import { median, report } from '../harness.mjs';
import { benchBars } from './data.mjs';

const { bars, data } = benchBars();
const n = bars.close.length;
const REPEAT = 20;
const ROUNDS = 9;
const target = new Float64Array(n).fill(3);
const funding = new Float64Array(n);
for (let i = 0; i < n; i++) funding[i] = i % 8 === 0 ? 1e-4 : 0;
const params = { initial: 10_000, feeRate: 0.0005, slippage: 0.0002, band: 0, isolated: false, isolatedLeverage: 10, rule: flatRule(0.005) };
const curve = new Float64Array(n);
const input = { open: bars.open, high: bars.high, low: bars.low, close: bars.close, target, funding };

let sink = 0;
function oursRound() {
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < REPEAT; r++) sink += simulateBars(input, params, curve).finalEquity;
  return (n * REPEAT) / (Number(process.hrtime.bigint() - t0) / 1e9);
}

/** The numba peers as a child process answering one timed round per line (kernel_numba.py), or null. */
async function numbaPeers(dir) {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const script = fileURLToPath(new URL('kernel_numba.py', import.meta.url));
  const args = [script, dir, params.initial, params.feeRate, params.slippage, params.band, params.rule.tiers[1], params.rule.tiers[2], REPEAT].map(String);
  const py = spawn('/usr/bin/python3', args, { env, stdio: ['pipe', 'pipe', 'ignore'] });
  const failed = new Promise((resolve) => {
    py.on('error', () => resolve(null));
    py.on('exit', () => resolve(null));
  });
  const lines = createInterface({ input: py.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const r = await Promise.race([lines.next(), failed]);
    return r === null || r.done ? null : r.value;
  };
  const ready = await next();
  if (ready === null || !ready.startsWith('ready ')) return null;
  const [, version, totals] = ready.match(/^ready (\S+) (.*)$/);
  return {
    version,
    totals: JSON.parse(totals),
    async round(name) {
      py.stdin.write(`${name}\n`);
      const line = await next();
      return line === null ? null : Number(line);
    },
    close: () => py.stdin.end(),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'bt-bench-'));
let peers = null;
const rates = { ours: [], cash: [], equity: [] };
try {
  const bin = (name, a) => writeFileSync(join(dir, name), Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  bin('o', bars.open); bin('h', bars.high); bin('l', bars.low); bin('c', bars.close); bin('t', target); bin('f', funding);
  peers = await numbaPeers(dir);
  for (let w = 0; w < 3; w++) oursRound();
  for (let r = 0; r < ROUNDS; r++) {
    rates.ours.push(oursRound());
    if (peers === null) continue;
    rates.cash.push(await peers.round('cash'));
    rates.equity.push(await peers.round('equity'));
  }
} finally {
  peers?.close();
  rmSync(dir, { recursive: true, force: true });
}
if (Number.isNaN(sink)) throw new Error('benchmark result was NaN');

const k = simulateBars(input, params, curve);
const ours = [k.finalEquity, k.fees, k.funding, k.traded, k.liquidationLoss, k.liquidations, k.ruinedAt];
const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
const same = (t) => t.every((x, i) => close(x, ours[i]));
const ok = (v) => v.length === ROUNDS && v.every((x) => x !== null && x > 0);
const nb = peers !== null && ok(rates.cash) && ok(rates.equity);
const round = (x) => Math.round(x);
const med = { ours: median(rates.ours), cash: nb ? median(rates.cash) : null, equity: nb ? median(rates.equity) : null };
report({
  name: 'backtest.kernel.barStepsPerSecond',
  issue: 11,
  value: round(med.ours),
  min: round(Math.min(...rates.ours)),
  max: round(Math.max(...rates.ours)),
  unit: `bar-steps/s, one thread, fixed-leverage:3 with fees, slippage, funding and the liquidation price on every bar (${n} bars × ${REPEAT}, median of ${ROUNDS})`,
  data,
  numba: nb ? round(med.cash) : null,
  numbaMin: nb ? round(Math.min(...rates.cash)) : null,
  numbaMax: nb ? round(Math.max(...rates.cash)) : null,
  numbaSameArithmetic: nb ? round(med.equity) : null,
  numbaVersion: nb ? peers.version : null,
  ratio: nb ? Number((med.ours / med.cash).toFixed(2)) : null,
  ratioSameArithmetic: nb ? Number((med.ours / med.equity).toFixed(2)) : null,
  sameResults: nb ? same(peers.totals.cash) && same(peers.totals.equity) : null,
});
