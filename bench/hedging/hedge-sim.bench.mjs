/**
 * Figures (issue #12 §6): the hedging simulation and its delta kernel, each beside numpy in the
 * same run.
 *
 * 1. `simulateHedging`, path-steps per second (paths × steps / wall time): a short 30-day ATM
 *    call on GBM (σ = 60 %), hedged every hourly step (720 steps, `interval:1`: every step
 *    reprices the book's delta and trades), proportional cost 5 bp, on one thread (in the calling
 *    thread) and on two worker threads (kept between runs; the first two-thread run, which starts
 *    them, is coldRate). The peer: the same hedge vectorised in numpy over all paths
 *    (PCG64 `standard_normal`, `scipy.special.ndtr` for N(d1); only the loop timed, one python3
 *    process), which runs on one thread. Rounds interleaved (1 thread, 2 threads), medians.
 *    ratio = ours / numpy (above 1: faster). Target: ≥ 50 M path-steps/s on two threads.
 * 2. The delta kernel `addDeltaGamma` (USD delta + gamma of one option at 1,000,000 prices, one
 *    thread, median of 7) against numpy + scipy.special.ndtr computing the same two arrays from
 *    the same log-prices, and against the full Greeks kernel `greeksBatch` on the same options —
 *    the per-thread comparison the simulator's speed rests on.
 * Ours: the delta kernel, the price step and the interval/band bookkeeping are WebAssembly SIMD
 * loops (src/options/delta-kernel.wat, src/simulation/price-steps.wat, hedge-trades.wat; the
 * simulator keeps its arrays in the kernel's memory), the random stream JavaScript; in (2) the arrays are
 * ordinary Float64Arrays, copied through the kernel's tiles of 2,048 — the cost a caller pays.
 * Checksums compare ours with numpy's results. Without /usr/bin/python3, numpy or scipy the peer
 * figures are null. loadAverage is printed: on a shared machine the wall clock counts others' time.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { addDeltaGamma, greeksBatch, simulateHedging } from '../../dist/index.js';
import { measureRate, median, report } from '../harness.mjs';
import { pythonEnv } from '../options/inputs.mjs';

const PATHS = 65_536;
const STEPS = 720;
const ROUNDS = 5;
const T = 30 / 365;
const SIGMA = 0.6;
const COST = 0.0005;
const input = {
  model: 'gbm', spot: 100, vol: SIGMA, steps: STEPS, dt: T / STEPS, costRate: COST, paths: PATHS, seed: 1,
  positions: [{ model: 'black-scholes', type: 'call', quantity: -1, strike: 100, expiry: T }], policies: ['interval:1'],
};
const pathSteps = PATHS * STEPS;

async function simRates() {
  const first = await simulateHedging(input, { threads: 1 });
  const t0 = process.hrtime.bigint();
  let sink = first.policies[0].hedgingError.value + (await simulateHedging(input, { threads: 2 })).policies[0].hedgingError.value;
  const cold = pathSteps / (Number(process.hrtime.bigint() - t0) / 1e9);
  const out = { 1: [], 2: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const threads of [1, 2]) {
      const t1 = process.hrtime.bigint();
      sink += (await simulateHedging(input, { threads })).policies[0].hedgingError.value;
      out[threads].push(pathSteps / (Number(process.hrtime.bigint() - t1) / 1e9));
    }
  }
  if (Number.isNaN(sink)) throw new Error('benchmark result was NaN');
  const stats = (v) => ({ median: median(v), min: Math.min(...v), max: Math.max(...v) });
  return { one: stats(out[1]), two: stats(out[2]), cold, hedgingError: first.policies[0].hedgingError.value };
}

function python(code) {
  const r = spawnSync('/usr/bin/python3', ['-c', code], { encoding: 'utf8', env: pythonEnv(), maxBuffer: 1 << 20 });
  if (r.status !== 0 || r.error !== undefined) return null;
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

const NUMPY_SIM = `
import json, math, time, numpy as np, scipy
from scipy.special import ndtr
N, steps, T, sigma, cost, K, S0 = ${PATHS}, ${STEPS}, ${T}, ${SIGMA}, ${COST}, 100.0, 100.0
dt = T / steps; drift = -0.5 * sigma * sigma * dt * 0; scale = sigma * math.sqrt(dt)
def bs_call(S, tau):
    s = sigma * math.sqrt(tau); d1 = np.log(S / K) / s + 0.5 * s
    return S * ndtr(d1) - K * ndtr(d1 - s)
def run(seed):
    rng = np.random.default_rng(seed)
    t0 = time.perf_counter()
    x = np.full(N, math.log(S0)); S = np.full(N, S0); h = np.zeros(N); pnl = np.zeros(N); paid = np.zeros(N)
    for i in range(steps + 1):
        if i > 0:
            x = x + drift + scale * rng.standard_normal(N)
            S1 = np.exp(x); pnl += h * (S1 - S); S = S1
        if i == steps: break
        tau = T - i * dt; s = sigma * math.sqrt(tau)
        target = ndtr((x - math.log(K)) / s + 0.5 * s)   # short 1 call: hedge N* = +N(d1)
        paid += cost * np.abs(target - h) * S; h = target
    pnl += -(np.maximum(S - K, 0.0) - bs_call(np.array([S0]), T)[0]) - paid
    return N * steps / (time.perf_counter() - t0), float(pnl.std(ddof=1))
run(0)
res = [run(s) for s in range(1, ${ROUNDS} + 1)]
rates = sorted(r[0] for r in res)
print(json.dumps({"median": rates[len(rates) // 2], "min": rates[0], "max": rates[-1], "hedgingError": res[0][1], "numpy": np.__version__, "scipy": scipy.__version__}))
`;

const KN = 1_000_000;
const NUMPY_DELTA = `
import json, math, time, numpy as np
from scipy.special import ndtr
n = ${KN}
x = math.log(100.0) + np.linspace(-0.5, 0.5, n)
S = np.exp(x)
s = 0.6 * math.sqrt(0.1); invs = 1 / s; lnK = math.log(100.0)
def kernel():
    d1 = (x - lnK) * invs + 0.5 * s
    delta = -ndtr(d1)
    gamma = -np.exp(-0.5 * d1 * d1) * (0.3989422804014327 * invs) / S
    return delta, gamma
kernel()
times = []
for _ in range(7):
    t0 = time.perf_counter(); d, g = kernel(); times.append(time.perf_counter() - t0)
times.sort()
print(json.dumps({"perSec": n / times[3], "checksum": float(d.sum() + g.sum())}))
`;

function deltaKernelRates() {
  const x = new Float64Array(KN);
  const s = new Float64Array(KN);
  for (let i = 0; i < KN; i++) {
    x[i] = Math.log(100) - 0.5 + i / (KN - 1);
    s[i] = Math.exp(x[i]);
  }
  const d = new Float64Array(KN);
  const g = new Float64Array(KN);
  const pos = { model: 0, isCall: true, quantity: -1, strike: 100, rate: 0, div: 0 };
  // The kernel adds into d and g: the timed rounds accumulate; the checksum is of one clean pass.
  const ours = measureRate(() => {
    addDeltaGamma(pos, 0.6, 0.1, x, s, 0, KN, d, g);
    return d[KN - 1] + g[0];
  }, { batch: KN, rounds: 7, warmup: 2 });
  d.fill(0);
  g.fill(0);
  addDeltaGamma(pos, 0.6, 0.1, x, s, 0, KN, d, g);
  let checksum = 0;
  for (let i = 0; i < KN; i++) checksum += d[i] + g[i];
  const ones = (v) => new Float64Array(KN).fill(v);
  const out = { price: new Float64Array(KN), delta: new Float64Array(KN), gamma: new Float64Array(KN), vega: new Float64Array(KN), theta: new Float64Array(KN), rho: new Float64Array(KN) };
  const flags = new Uint8Array(KN).fill(1);
  const k = ones(100), t = ones(0.1), v = ones(0.6), z = ones(0);
  const full = measureRate(() => {
    greeksBatch('black-scholes', flags, s, k, t, v, z, z, out);
    return out.delta[0];
  }, { batch: KN, rounds: 7, warmup: 2 });
  return { ours, full, checksum };
}

const sim = await simRates();
const kernel = deltaKernelRates();
const npSim = python(NUMPY_SIM);
const npDelta = python(NUMPY_DELTA);
const round = (x) => Math.round(x);
const ratio = (a, b) => (b === null || !(b > 0) ? null : Number((a / b).toFixed(2)));
report({
  name: 'hedging.simulate.pathStepsPerSecond',
  issue: 12,
  value: round(sim.one.median),
  min: round(sim.one.min),
  max: round(sim.one.max),
  unit: `path-steps/s, one thread: ${PATHS} paths × ${STEPS} steps, every step reprices the delta and trades (interval:1), median of ${ROUNDS}`,
  numpy: npSim === null ? null : round(npSim.median),
  ratio: ratio(sim.one.median, npSim?.median ?? null),
  hedgingError: Number(sim.hedgingError.toFixed(4)),
  numpyHedgingError: npSim === null ? null : Number(npSim.hedgingError.toFixed(4)),
  versions: { numpy: npSim?.numpy ?? null, scipy: npSim?.scipy ?? null },
});
report({
  name: 'hedging.simulate.pathStepsPerSecond.twoThreads',
  issue: 12,
  value: round(sim.two.median),
  min: round(sim.two.min),
  max: round(sim.two.max),
  unit: `path-steps/s, two worker threads kept between runs (same run as above); target ≥ 50,000,000`,
  coldRate: round(sim.cold),
  speedup: Number((sim.two.median / sim.one.median).toFixed(2)),
  numpy: npSim === null ? null : round(npSim.median),
  ratio: ratio(sim.two.median, npSim?.median ?? null),
  loadAverage: Number(loadavg()[0].toFixed(2)),
});
report({
  name: 'hedging.deltaKernel.optionsPerSec',
  issue: 12,
  value: round(kernel.ours.median),
  min: round(kernel.ours.min),
  max: round(kernel.ours.max),
  unit: 'USD delta + gamma of one option at 1,000,000 log-prices, one thread (median of 7)',
  numpyScipyPerSec: npDelta === null ? null : round(npDelta.perSec),
  ratioVsNumpyScipy: ratio(kernel.ours.median, npDelta?.perSec ?? null),
  greeksBatchPerSec: round(kernel.full.median),
  ratioVsGreeksBatch: ratio(kernel.ours.median, kernel.full.median),
  checksumRelDiffVsNumpy: npDelta === null ? null : Math.abs(kernel.checksum - npDelta.checksum) / Math.abs(npDelta.checksum),
  loadAverage: Number(loadavg()[0].toFixed(2)),
});
