/**
 * Figure (issue #11 §8): bar-steps per second of the backtest bar loop for one policy on one
 * thread — `fixed-leverage:3` with a 0.05 % fee, 2 bps slippage, per-bar funding and a flat 0.5 %
 * maintenance rate (the liquidation price solved on every bar) over 45,000 hourly bars, the
 * targets prepared once, `simulateBars` timed — side by side with the same loop compiled by
 * numba (`@njit`, Debian's python3-numba, the engine behind vectorbt; compiled before timing),
 * in the same run on the same bars. ratio = ours / numba's rate (above 1: faster). Target:
 * ≥ 20,000,000 bar-steps/s and ratio > 1. Without /usr/bin/python3 or numba the numba figures are null.
 */
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flatRule, simulateBars } from '../../dist/index.js';
import { measureRate, report } from '../harness.mjs';
import { benchBars } from './data.mjs';

const { bars, data } = benchBars();
const n = bars.close.length;
const REPEAT = 20;
const target = new Float64Array(n).fill(3);
const funding = new Float64Array(n);
for (let i = 0; i < n; i++) funding[i] = i % 8 === 0 ? 1e-4 : 0;
const params = { initial: 10_000, feeRate: 0.0005, slippage: 0.0002, band: 0, isolated: false, isolatedLeverage: 10, rule: flatRule(0.005) };
const curve = new Float64Array(n);
const input = { open: bars.open, high: bars.high, low: bars.low, close: bars.close, target, funding };
const ours = measureRate(() => {
  let s = 0;
  for (let r = 0; r < REPEAT; r++) s += simulateBars(input, params, curve).finalEquity;
  return s;
}, { batch: n * REPEAT, rounds: 9, warmup: 3 });
const check = simulateBars(input, params, curve).finalEquity;

function numba() {
  const dir = mkdtempSync(join(tmpdir(), 'bt-bench-'));
  try {
    const bin = (name, a) => writeFileSync(join(dir, name), Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    bin('o', bars.open); bin('h', bars.high); bin('l', bars.low); bin('c', bars.close); bin('t', target); bin('f', funding);
    const code = `
import time, numpy as np, numba
from numba import njit
d = ${JSON.stringify(dir)}
o, h, l, c, t, f = (np.fromfile(d + '/' + k, dtype=np.float64) for k in 'ohlctf')
@njit(cache=False)
def run(o, h, l, c, t, f, curve, initial, fee, slip, mmr):
    cash = initial; q = 0.0; k = 0.0; n = c.shape[0]
    for i in range(n):
        ci = c[i]
        if q != 0.0:
            p0 = c[i - 1]
            lp = (k - q * p0) / (abs(q) * mmr - q)
            if not (lp > 0.0 and lp < np.inf):
                lp = np.nan
            x = np.nan
            if q > 0.0:
                if o[i] <= lp: x = o[i]
                elif l[i] <= lp: x = lp
            else:
                if o[i] >= lp: x = o[i]
                elif h[i] >= lp: x = lp
            if x == x:
                cash += q * x
                cash = 0.0
                q = 0.0
            else:
                cash -= f[i] * q * p0
        e = cash + q * ci
        if not (e > 0.0):
            for j in range(i, n): curve[j] = 0.0
            break
        dq = t[i] * e / ci - q
        if dq != 0.0:
            fill = ci * (1.0 + slip) if dq > 0.0 else ci * (1.0 - slip)
            cash -= dq * fill + fee * abs(dq) * fill
            q += dq
        e = cash + q * ci
        curve[i] = e
        k = e
    return curve[n - 1]
curve = np.zeros(c.shape[0])
run(o, h, l, c, t, f, curve, 10000.0, 0.0005, 0.0002, 0.005)
rates = []
for _ in range(9):
    t0 = time.perf_counter()
    s = 0.0
    for _ in range(${REPEAT}):
        s += run(o, h, l, c, t, f, curve, 10000.0, 0.0005, 0.0002, 0.005)
    rates.append(c.shape[0] * ${REPEAT} / (time.perf_counter() - t0))
rates.sort()
print(rates[len(rates) // 2], rates[0], rates[-1], curve[-1], numba.__version__)
`;
    const env = { ...process.env };
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
    const r = spawnSync('/usr/bin/python3', ['-c', code], { encoding: 'utf8', env });
    if (r.status !== 0 || r.error !== undefined) return null;
    const [med, min, max, final, version] = r.stdout.trim().split(/\s+/);
    return { median: Number(med), min: Number(min), max: Number(max), final: Number(final), version };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const nb = numba();
const round = (x) => Math.round(x);
report({
  name: 'backtest.kernel.barStepsPerSecond',
  issue: 11,
  value: round(ours.median),
  min: round(ours.min),
  max: round(ours.max),
  unit: `bar-steps/s, one thread, fixed-leverage:3 with fees, slippage, funding and the liquidation price on every bar (${n} bars × ${REPEAT}, median of 9)`,
  data,
  numba: nb === null ? null : round(nb.median),
  numbaMin: nb === null ? null : round(nb.min),
  numbaMax: nb === null ? null : round(nb.max),
  numbaVersion: nb === null ? null : nb.version,
  ratio: nb === null ? null : Number((ours.median / nb.median).toFixed(2)),
  sameFinalEquity: nb === null ? null : Math.abs(nb.final - check) <= 1e-9 * Math.abs(check),
});
