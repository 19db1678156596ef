/**
 * Figure (issue #4 §9): Monte Carlo first passage under GBM with the Brownian-bridge correction,
 * path-steps per second (paths × steps / wall time), for `simulateFirstPassage` on one thread
 * (in the calling thread) and on two worker threads (the library keeps its workers between runs:
 * the first run, which starts them, is reported as coldRate; the rounds reuse them), against the same
 * simulation vectorised in numpy (Debian's python3-numpy, PCG64 `standard_normal` and `random`,
 * all paths advanced each step under an alive mask; only the simulation loop is timed, inside
 * one python3 process) in the same run. Same model, barriers, paths and steps; medians of the
 * rounds (the one- and two-thread rounds interleaved). ratio = ours / numpy's rate (above 1:
 * faster); speedup = 2 threads / 1 thread of the medians, speedupBest of the best rounds (the
 * figure least disturbed by other load on a shared machine; loadAverage is printed with it).
 * Targets: ratio ≥ 2 on one thread, speedup ≥ 1.8. Without /usr/bin/python3 or numpy the numpy
 * figures are null. OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are removed from the python3 env only.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { simulateFirstPassage } from '../../dist/index.js';
import { median, report } from '../harness.mjs';

const PATHS = 300_000;
const STEPS = 250;
const ROUNDS = 5;
// Barriers far enough (±2.8 sd of the horizon's log-return) that nearly every path runs all steps
// in both implementations (numpy advances every path anyway); `executed` reports the fraction.
const input = { price: 100, lower: 25, upper: 400, mu: 0.1, sigma: 0.6, horizon: STEPS / 365, steps: STEPS, paths: PATHS, seed: 1 };
const pathSteps = PATHS * STEPS;

let executed = 0;
/** The first two-thread run: its rate includes starting the workers. */
let cold = 0;

/** Rates of interleaved rounds (one thread, then two), so both see the same machine load. */
async function rates() {
  const first = await simulateFirstPassage(input, { threads: 1 });
  executed = first.expectedExitTime.mean / first.horizon;
  const t0 = process.hrtime.bigint();
  let sink = first.pLowerFirst + (await simulateFirstPassage(input, { threads: 2 })).pLowerFirst;
  cold = pathSteps / (Number(process.hrtime.bigint() - t0) / 1e9);
  const out = { 1: [], 2: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const threads of [1, 2]) {
      const t0 = process.hrtime.bigint();
      sink += (await simulateFirstPassage(input, { threads })).pLowerFirst;
      out[threads].push(pathSteps / (Number(process.hrtime.bigint() - t0) / 1e9));
    }
  }
  if (Number.isNaN(sink)) throw new Error('benchmark result was NaN');
  const stats = (v) => ({ median: median(v), min: Math.min(...v), max: Math.max(...v) });
  return { one: stats(out[1]), two: stats(out[2]) };
}

function numpyRate() {
  const a = Math.log(input.price / input.lower);
  const b = Math.log(input.upper / input.price);
  const dt = input.horizon / STEPS;
  const code = `
import math, time, numpy as np
N, steps, a, b = ${PATHS}, ${STEPS}, ${a}, ${b}
drift, scale = ${input.mu * dt}, ${input.sigma * Math.sqrt(dt)}
c2 = 2 / (scale * scale)
def run(seed):
    rng = np.random.default_rng(seed)
    t0 = time.perf_counter()
    x = np.zeros(N); alive = np.ones(N, bool); lower = np.zeros(N, bool); upper = np.zeros(N, bool)
    with np.errstate(over='ignore'):
        for _ in range(steps):
            y = x + drift + scale * rng.standard_normal(N)
            pl = np.exp(-c2 * (x + a) * (y + a)); pu = np.exp(-c2 * (b - x) * (b - y))
            u = rng.random(N)
            hl = alive & ((y <= -a) | (u < pl))
            hu = alive & ~hl & ((y >= b) | (u < pl + pu))
            lower |= hl; upper |= hu; alive &= ~(hl | hu)
            x = y
    return N * steps / (time.perf_counter() - t0), lower.mean()
run(0)
rates = sorted(run(s)[0] for s in range(1, ${ROUNDS} + 1))
print(rates[len(rates) // 2], rates[0], rates[-1], np.__version__)
`;
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const r = spawnSync('/usr/bin/python3', ['-c', code], { encoding: 'utf8', env });
  if (r.status !== 0 || r.error !== undefined) return null;
  const [med, min, max, version] = r.stdout.trim().split(/\s+/);
  return { median: Number(med), min: Number(min), max: Number(max), version };
}

const { one, two } = await rates();
const np = numpyRate();
const round = (x) => Math.round(x);
report({
  name: 'firstPassage.monteCarlo.gbm.pathStepsPerSecond',
  issue: 4,
  value: round(one.median),
  min: round(one.min),
  max: round(one.max),
  unit: `path-steps/s, one thread (${PATHS} paths × ${STEPS} steps, Brownian-bridge correction, median of ${ROUNDS})`,
  numpy: np === null ? null : round(np.median),
  numpyMin: np === null ? null : round(np.min),
  numpyMax: np === null ? null : round(np.max),
  numpyVersion: np === null ? null : np.version,
  ratio: np === null ? null : Number((one.median / np.median).toFixed(2)),
  executed: Number(executed.toFixed(4)),
});
report({
  name: 'firstPassage.monteCarlo.gbm.pathStepsPerSecond.twoThreads',
  issue: 4,
  value: round(two.median),
  min: round(two.min),
  max: round(two.max),
  unit: `path-steps/s, two worker threads, kept between runs (${PATHS} paths × ${STEPS} steps, median of ${ROUNDS}); coldRate: the first run, starting them`,
  coldRate: round(cold),
  speedup: Number((two.median / one.median).toFixed(2)),
  speedupBest: Number((two.max / one.max).toFixed(2)),
  loadAverage: Number(loadavg()[0].toFixed(2)),
  numpy: np === null ? null : round(np.median),
  ratio: np === null ? null : Number((two.median / np.median).toFixed(2)),
});
