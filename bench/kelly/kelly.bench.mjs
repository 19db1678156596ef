/**
 * Figures: exact Kelly on a return sample, and the Student-t fit + scenario Kelly, timed on a
 * seeded synthetic fat-tailed sample of 3,000 daily returns (no shared data needed); the exact
 * multi-asset Kelly on 3,000 seeded one-factor scenarios × 10 assets with a gross cap (target:
 * well under a second, the figure that used to be a timing assertion in the test suite).
 */
import { createRng, kellyExact, kellyFromReturns, kellyMultiAssetExact } from '../../dist/index.js';
import { measureRate, report, timeMs } from '../harness.mjs';

const rng = createRng(7);
const n = 3000;
const returns = new Float64Array(n);
for (let i = 0; i < n; i++) {
  // Student-t(3)-like draw: normal / sqrt(chi2_3 / 3), scaled to ~3.5 % daily, with drift.
  const z = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const chi = (z() ** 2 + z() ** 2 + z() ** 2) / 3;
  returns[i] = Math.expm1(0.0012 + 0.02 * (z() / Math.sqrt(chi)));
}

const exact = measureRate(() => kellyExact({ returns }).fraction, { batch: 1, rounds: 21, warmup: 5 });
report({ name: 'kellyExact.3000returns.ms', issue: 2, value: Number((1000 / exact.median).toFixed(3)), unit: 'ms per solve (3,000 returns)' });

const t = measureRate(() => kellyFromReturns({ returns, dist: 'student-t' }).fraction, { batch: 1, rounds: 5, warmup: 1 });
report({ name: 'kellyFromReturns.studentT.3000returns.ms', issue: 2, value: Number((1000 / t.median).toFixed(1)), unit: 'ms per fit + 10,000-scenario solve' });

// One market factor (2 % daily) plus 3 % idiosyncratic noise per asset, drifts −0.09 % … +0.18 %.
const normal = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
const scenarios = Array.from({ length: 3000 }, () => {
  const market = 0.02 * normal();
  return Array.from({ length: 10 }, (_, i) => 0.0003 * (i - 3) + market + 0.03 * normal());
});
const caps = new Array(10).fill(1);
const multi = timeMs(() => kellyMultiAssetExact({ scenarios, maxGrossLeverage: 3, assetCaps: caps }).grossLeverage, { rounds: 5, warmup: 1 });
report({ name: 'kellyMultiAssetExact.3000x10.ms', issue: 2, value: Number(multi.median.toFixed(1)), unit: 'ms per solve (3,000 scenarios × 10 assets, gross cap 3)' });
