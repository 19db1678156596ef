/**
 * The scaled forward–backward recursions against brute-force enumeration of every state path
 * (short sequences), and the probability invariants on longer ones.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hmmFilter } from '../../src/regime/hmm.js';
import { thrown } from '../helpers/assert.js';
import { bruteForce, hmmParams, shortSeries } from './arbitraries.js';

describe('hmmFilter', () => {
  it('log-likelihood, filtered and smoothed probabilities equal brute-force enumeration (n ≤ 6)', () => {
    fc.assert(
      fc.property(hmmParams, shortSeries(6), (p, y) => {
        const f = hmmFilter(y, p);
        const ref = bruteForce(y, p);
        expect(Math.abs(f.logLikelihood - ref.logLikelihood)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(ref.logLikelihood)));
        y.forEach((_, t) => {
          for (let s = 0; s < p.means.length; s++) {
            expect(Math.abs(((f.filtered[t] as Float64Array)[s] as number) - ((ref.filtered[t] as number[])[s] as number))).toBeLessThanOrEqual(1e-10);
            expect(Math.abs(((f.smoothed[t] as Float64Array)[s] as number) - ((ref.smoothed[t] as number[])[s] as number))).toBeLessThanOrEqual(1e-10);
          }
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('every filtered and smoothed row is a probability vector, and the last rows agree', () => {
    fc.assert(
      fc.property(hmmParams, shortSeries(200), (p, y) => {
        const f = hmmFilter(y, p);
        const isDistribution = (row: Float64Array): boolean => row.every((x) => x >= 0 && x <= 1) && Math.abs(row.reduce((a, b) => a + b, 0) - 1) <= 1e-12;
        expect(f.filtered.findIndex((row) => !isDistribution(row))).toBe(-1);
        expect(f.smoothed.findIndex((row) => !isDistribution(row))).toBe(-1);
        // At the last observation filtering and smoothing condition on the same data.
        const last = y.length - 1;
        (f.filtered[last] as Float64Array).forEach((x, s) => expect(Math.abs(x - ((f.smoothed[last] as Float64Array)[s] as number))).toBeLessThanOrEqual(1e-12));
      }),
      { numRuns: 1000 },
    );
  });

  it('filtered probabilities are causal: appending observations never changes an earlier filtered row', () => {
    fc.assert(
      fc.property(hmmParams, shortSeries(60), shortSeries(20), (p, head, tail) => {
        const a = hmmFilter(head, p);
        const b = hmmFilter([...head, ...tail], p);
        const same = a.filtered.every((row, t) => row.every((x, s) => x === ((b.filtered[t] as Float64Array)[s] as number)));
        expect(same).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('an observation far in the tails does not underflow (log-shifted densities)', () => {
    const p = { means: [0, 0], variances: [1e-6, 1e-4], transition: [[0.99, 0.01], [0.01, 0.99]], initial: [0.5, 0.5] };
    const f = hmmFilter([0, 5, 0], p);
    expect(Number.isFinite(f.logLikelihood)).toBe(true);
    expect((f.filtered[1] as Float64Array)[1]).toBeCloseTo(1, 12);
  });

  it('an observation impossible under the parameters → NON_FINITE_RESULT at its index', () => {
    const p = { means: [0, 0], variances: [1e-6, 1e-2], transition: [[1, 0], [0, 1]], initial: [1, 0] };
    const e = thrown(() => hmmFilter([0, 40], p));
    expect(e.code).toBe('NON_FINITE_RESULT');
    expect(e.path).toEqual(['returns', 1]);
  });

  it('bad parameters and returns name the field', () => {
    const good = { means: [0, 0], variances: [1, 2], transition: [[0.9, 0.1], [0.2, 0.8]], initial: [0.5, 0.5] };
    const cases: [unknown, unknown, (string | number)[]][] = [
      [[0.1], { ...good, variances: [1, 0] }, ['params', 'variances', 1]],
      [[0.1], { ...good, transition: [[0.9, 0.2], [0.2, 0.8]] }, ['params', 'transition', 0]],
      [[0.1], { ...good, transition: [[0.9, 0.1]] }, ['params', 'transition']],
      [[0.1], { ...good, initial: [1.5, -0.5] }, ['params', 'initial', 0]],
      [[0.1], { ...good, means: [0, Number.NaN] }, ['params', 'means', 1]],
      [[0.1, Number.POSITIVE_INFINITY], good, ['returns', 1]],
    ];
    for (const [y, p, path] of cases) {
      const e = thrown(() => hmmFilter(y as number[], p as typeof good));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.path).toEqual(path);
    }
    expect(thrown(() => hmmFilter([], good)).code).toBe('INSUFFICIENT_DATA');
  });
});
