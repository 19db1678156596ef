/**
 * Figures: exact Kelly on a return sample, and the Student-t fit + scenario Kelly, timed on a
 * seeded synthetic fat-tailed sample of 3,000 daily returns (no shared data needed).
 */
import { createRng, kellyExact, kellyFromReturns } from '../../dist/index.js';
import { measureRate, report } from '../harness.mjs';

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
