/**
 * Figures: Gaussian HMM on 3,000 returns (a seeded simulated 3-state series, calm/normal/turbulent
 * daily vols 1 %, 2.5 %, 6 %): median wall time of
 *   - fitHmm(x, { states: 3 }) and fitHmm(x, { states: 2 }) (deterministic start, SQUAREM EM),
 *   - hmmFilter(x, params): filtered + smoothed probabilities and log-likelihood at given parameters,
 * against statsmodels' MarkovRegression(100·x, k_regimes=K, trend='c', switching_variance=True)
 * `.fit()` (its defaults: 5 EM iterations then BFGS) and `.smooth(params)` (Hamilton filter + Kim
 * smoother) on the same series, timed inside one /usr/bin/python3 process in the same run
 * (median of its repetitions; interpreter start-up and imports excluded). ratio = ours / theirs
 * (below 1: faster). Without python3 or statsmodels the statsmodels figures are null.
 * When ../shared/data/ohlcv/btc-usdt-1d.csv is present (not in a fresh clone) one more figure
 * times the 3-state fit on its 3,130 daily log returns, a slower EM case (about 150 updates);
 * without the file that figure is null.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, fitHmm, hmmFilter, logReturns, parseSeriesCsv } from '../../dist/index.js';
import { report, timeMs } from '../harness.mjs';

const N = 3000;
const ROUNDS = 9;
const TRUE = {
  means: [0.001, 0, -0.003],
  vols: [0.01, 0.025, 0.06],
  transition: [[0.97, 0.025, 0.005], [0.03, 0.95, 0.02], [0.02, 0.08, 0.9]],
};

function simulate() {
  const rng = createRng(20261201);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const x = [];
  let s = 0;
  for (let t = 0; t < N; t++) {
    if (t > 0) {
      const u = rng.next();
      const row = TRUE.transition[s];
      s = u < row[0] ? 0 : u < row[0] + row[1] ? 1 : 2;
    }
    x.push(TRUE.means[s] + TRUE.vols[s] * normal());
  }
  return x;
}

const time = (fn) => timeMs(fn, { rounds: ROUNDS });

function timeStatsmodels(x, params3, btc) {
  const dir = mkdtempSync(join(tmpdir(), 'tradesize-hmm-bench-'));
  const file = join(dir, 'x.txt');
  writeFileSync(file, x.join('\n'));
  const btcFile = join(dir, 'btc.txt');
  writeFileSync(btcFile, btc === null ? '' : btc.join('\n'));
  // statsmodels' smooth() takes its own parameter vector: p[0->0], p[1->0], … (column-stochastic), const, sigma2.
  const a = params3.transition;
  const p = [a[0][0], a[1][0], a[2][0], a[0][1], a[1][1], a[2][1], ...params3.means.map((m) => 100 * m), ...params3.variances.map((v) => 1e4 * v)];
  const code = `
import time, warnings, numpy as np, statsmodels
from statsmodels.tsa.regime_switching.markov_regression import MarkovRegression
warnings.simplefilter('ignore')
x = 100 * np.loadtxt(${JSON.stringify(file)})
def med(f, rounds=${ROUNDS}):
    f(); f()
    out = []
    for _ in range(rounds):
        t0 = time.perf_counter(); f(); out.append(1000 * (time.perf_counter() - t0))
    return float(np.median(out))
res = {}
for k in (2, 3):
    mod = MarkovRegression(x, k_regimes=k, trend='c', switching_variance=True)
    res[f'fit{k}'] = med(lambda: mod.fit(disp=False))
mod3 = MarkovRegression(x, k_regimes=3, trend='c', switching_variance=True)
p = np.array(${JSON.stringify(p)})
res['smooth3'] = med(lambda: mod3.smooth(p))
res['btc3'] = float('nan')
if ${btc !== null ? 'True' : 'False'}:
    b = 100 * np.loadtxt(${JSON.stringify(btcFile)})
    modb = MarkovRegression(b, k_regimes=3, trend='c', switching_variance=True)
    res['btc3'] = med(lambda: modb.fit(disp=False), rounds=3)
print(res['fit2'], res['fit3'], res['smooth3'], res['btc3'], statsmodels.__version__)
`;
  const r = spawnSync('/usr/bin/python3', ['-c', code], { encoding: 'utf8' });
  if (r.status !== 0 || r.error !== undefined) return null;
  const [fit2, fit3, smooth3, btc3, version] = r.stdout.trim().split(/\s+/);
  return { fit2: Number(fit2), fit3: Number(fit3), smooth3: Number(smooth3), btc3: btc === null ? null : Number(btc3), version };
}

const btcPath = fileURLToPath(new URL('../../../shared/data/ohlcv/btc-usdt-1d.csv', import.meta.url));
const btc = existsSync(btcPath) ? Array.from(logReturns(parseSeriesCsv(readFileSync(btcPath, 'utf8')).values)) : null;
const x = simulate();
const fit3 = fitHmm(x, { states: 3 });
const fit2 = fitHmm(x, { states: 2 });
const t3 = time(() => fitHmm(x, { states: 3 }).logLikelihood);
const t2 = time(() => fitHmm(x, { states: 2 }).logLikelihood);
const tf = time(() => hmmFilter(x, fit3).logLikelihood);
const sm = timeStatsmodels(x, fit3, btc);
const figure = (name, t, theirs, unit, extra) =>
  report({
    name,
    issue: 4,
    value: Number(t.median.toFixed(3)),
    min: Number(t.min.toFixed(3)),
    max: Number(t.max.toFixed(3)),
    unit,
    ...extra,
    statsmodelsMs: theirs === null ? null : Number(theirs.toFixed(3)),
    statsmodelsVersion: sm === null ? null : sm.version,
    ratio: theirs === null || !(theirs > 0) ? null : Number((t.median / theirs).toFixed(4)),
  });
figure('fitHmm.3states.ms', t3, sm === null ? null : sm.fit3, `ms per 3-state fit of ${N} returns (median, one thread)`, { iterations: fit3.iterations, converged: fit3.converged });
figure('fitHmm.2states.ms', t2, sm === null ? null : sm.fit2, `ms per 2-state fit of ${N} returns (median, one thread)`, { iterations: fit2.iterations, converged: fit2.converged });
figure('hmmFilter.3states.ms', tf, sm === null ? null : sm.smooth3, `ms per filter + smoother pass, 3 states, ${N} returns (median)`, {});
if (btc === null) {
  report({ name: 'fitHmm.3states.btc.ms', issue: 4, value: null, unit: 'ms per 3-state fit of the BTC/USDT daily log returns (../shared/data absent)' });
} else {
  const fitB = fitHmm(btc, { states: 3 });
  const tb = time(() => fitHmm(btc, { states: 3 }).logLikelihood);
  figure('fitHmm.3states.btc.ms', tb, sm === null ? null : sm.btc3, `ms per 3-state fit of ${btc.length} BTC/USDT daily log returns (median)`, {
    iterations: fitB.iterations,
    converged: fitB.converged,
  });
}
