/**
 * fitHmm: EM invariants (monotone likelihood, stochastic matrices, probability rows), label and
 * scale invariance, options and errors. The reference comparisons are in statsmodels.test.ts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitHmm, type HmmFit } from '../../src/regime/hmm.js';
import { thrown } from '../helpers/assert.js';
import { hmmParams, simulateHmm } from './arbitraries.js';

const TWO_STATE = { means: [0.001, -0.003], variances: [1e-4, 1.6e-3], transition: [[0.97, 0.03], [0.06, 0.94]], initial: [0.5, 0.5] };
const sample = simulateHmm(11, 600, TWO_STATE);

/** Random series from random parameters: length 30 … 120, any K. */
const series = fc.record({ p: hmmParams, seed: fc.integer({ min: 0, max: 1_000_000 }), n: fc.integer({ min: 30, max: 120 }) }).map(({ p, seed, n }) => simulateHmm(seed, n, p));

/** The first violated invariant of a fit's matrices and probability rows, or null (plain checks: cheap inside properties). */
function stochasticViolation(fit: HmmFit): string | null {
  const isDistribution = (row: ArrayLike<number>): boolean => {
    let sum = 0;
    for (let i = 0; i < row.length; i++) {
      const x = row[i] as number;
      if (!(x >= 0 && x <= 1)) return false;
      sum += x;
    }
    return Math.abs(sum - 1) <= 1e-12;
  };
  const bad = fit.transition.findIndex((row) => !isDistribution(row));
  if (bad >= 0) return `transition row ${bad}: ${fit.transition[bad]?.join(', ')}`;
  if (!isDistribution(fit.initial)) return `initial: ${fit.initial.join(', ')}`;
  for (const [name, rows] of [['filtered', fit.filtered], ['smoothed', fit.smoothed]] as const) {
    const t = rows.findIndex((row) => !isDistribution(row));
    if (t >= 0) return `${name}[${t}]: ${Array.from(rows[t] as Float64Array).join(', ')}`;
  }
  return null;
}

describe('fitHmm invariants', () => {
  it('the log-likelihood never decreases over EM steps or SQUAREM cycles; matrices stay stochastic; states ascend in vol', () => {
    fc.assert(
      fc.property(series, fc.constantFrom(2 as const, 3 as const), fc.constantFrom('squarem' as const, 'none' as const), (y, states, acceleration) => {
        const fit = fitHmm(y, { states, acceleration, maxIterations: 40 });
        const trace = fit.logLikelihoodTrace;
        const drop = trace.findIndex((x, i) => i > 0 && x < (trace[i - 1] as number) - 1e-12 * Math.abs(trace[i - 1] as number));
        expect(drop).toBe(-1);
        expect(fit.logLikelihood).toBeCloseTo(trace[trace.length - 1] as number, 8);
        expect(stochasticViolation(fit)).toBeNull();
        expect(fit.vols.every((v, s) => s === 0 || v >= (fit.vols[s - 1] as number))).toBe(true);
        expect(fit.variances.every((v) => v >= fit.varianceFloor)).toBe(true);
        expect(fit.viterbi.length).toBe(y.length);
        expect(fit.viterbi.every((s) => s >= 0 && s < states)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('labels do not depend on the order of the start: a permuted start gives the same fit (200 runs: two EM fits of a simulated series each)', () => {
    fc.assert(
      fc.property(hmmParams, fc.integer({ min: 0, max: 1000 }), (p, seed) => {
        const y = simulateHmm(seed, 150, p);
        const k = p.means.length;
        const order = Array.from({ length: k }, (_, i) => k - 1 - i);
        const permuted = {
          means: order.map((o) => p.means[o] as number),
          variances: order.map((o) => p.variances[o] as number),
          transition: order.map((o) => order.map((r) => p.transition[o]?.[r] as number)),
          initial: order.map((o) => p.initial[o] as number),
        };
        const states = k as 2 | 3;
        // Plain EM for 50 steps: the two runs differ only by summation order.
        const a = fitHmm(y, { states, start: p, maxIterations: 50, acceleration: 'none' });
        const b = fitHmm(y, { states, start: permuted, maxIterations: 50, acceleration: 'none' });
        expect(Math.abs(b.logLikelihood - a.logLikelihood)).toBeLessThanOrEqual(1e-9 * Math.abs(a.logLikelihood));
        a.vols.forEach((v, s) => expect(Math.abs(v - (b.vols[s] as number))).toBeLessThanOrEqual(1e-7 * v));
        a.transition.forEach((row, i) => row.forEach((x, j) => expect(Math.abs(x - (b.transition[i]?.[j] as number))).toBeLessThanOrEqual(1e-7)));
      }),
      { numRuns: 200 },
    );
  });

  it('scaling the returns by c scales means by c and vols by |c|, and leaves probabilities unchanged (1,000 runs)', () => {
    const base = fitHmm(sample);
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), (c) => {
        const fit = fitHmm(sample.map((x) => c * x));
        expect(fit.logLikelihood).toBeCloseTo(base.logLikelihood - sample.length * Math.log(c), 6);
        base.means.forEach((m, s) => expect(Math.abs((fit.means[s] as number) - c * m)).toBeLessThanOrEqual(1e-7 * c * (base.vols[s] as number)));
        base.vols.forEach((v, s) => expect(Math.abs((fit.vols[s] as number) - c * v)).toBeLessThanOrEqual(1e-7 * c * v));
        const last = sample.length - 1;
        (base.filtered[last] as Float64Array).forEach((x, s) => expect(Math.abs(x - ((fit.filtered[last] as Float64Array)[s] as number))).toBeLessThanOrEqual(1e-6));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('fitHmm estimates', () => {
  it('recovers the simulated regimes of a long 2-state series', () => {
    const y = simulateHmm(5, 5000, TWO_STATE);
    const fit = fitHmm(y);
    expect(fit.converged).toBe(true);
    expect(fit.vols[0] as number).toBeCloseTo(0.01, 3);
    expect(fit.vols[1] as number).toBeCloseTo(0.04, 2);
    expect(fit.transition[0]?.[0] as number).toBeCloseTo(0.97, 1);
    expect(fit.transition[1]?.[1] as number).toBeCloseTo(0.94, 1);
  });

  it('more starts never lower the likelihood, and the same seed gives the same fit', () => {
    const one = fitHmm(sample, { states: 3 });
    const many = fitHmm(sample, { states: 3, starts: 6, seed: 42 });
    expect(many.logLikelihood).toBeGreaterThanOrEqual(one.logLikelihood);
    expect(many.startsRun).toBe(6);
    const again = fitHmm(sample, { states: 3, starts: 6, seed: 42 });
    expect(again.logLikelihood).toBe(many.logLikelihood);
    expect(again.bestStart).toBe(many.bestStart);
  });

  it('a fixed initial distribution is kept; maxIterations bounds the work and reports non-convergence', () => {
    const fixed = fitHmm(sample, { initial: [0.25, 0.75] });
    expect(fixed.initial).toEqual([0.25, 0.75]);
    const short = fitHmm(sample, { maxIterations: 1, acceleration: 'none' });
    expect(short.iterations).toBe(1);
    expect(short.converged).toBe(false);
    expect(short.logLikelihoodTrace.length).toBe(2);
  });

  it('the variance floor stops a state collapsing onto repeated returns', () => {
    const y = [...sample.slice(0, 200), ...new Array<number>(40).fill(0)];
    const fit = fitHmm(y, { states: 3 });
    expect(fit.variances[0]).toBeGreaterThanOrEqual(fit.varianceFloor);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
  });
});

describe('fitHmm errors', () => {
  it('names the offending field', () => {
    const cases: [unknown, unknown, string, (string | number)[]][] = [
      [sample, { states: 4 }, 'INVALID_INPUT', ['states']],
      [sample, { starts: 0 }, 'INVALID_INPUT', ['starts']],
      [sample, { tolerance: 0 }, 'INVALID_INPUT', ['tolerance']],
      [sample, { initial: [0.5, 0.6] }, 'INVALID_INPUT', ['initial']],
      [sample, { states: 3, start: TWO_STATE }, 'INVALID_INPUT', ['start', 'means']],
      [sample, { start: { ...TWO_STATE, variances: [1, -1] } }, 'INVALID_INPUT', ['start', 'variances', 1]],
      [sample.slice(0, 19), {}, 'INSUFFICIENT_DATA', ['returns']],
      [sample.slice(0, 29), { states: 3 }, 'INSUFFICIENT_DATA', ['returns']],
      [new Array<number>(50).fill(0.01), {}, 'INSUFFICIENT_DATA', ['returns']],
      [[...sample.slice(0, 30), Number.NaN], {}, 'INVALID_INPUT', ['returns', 30]],
    ];
    for (const [y, o, code, path] of cases) {
      const e = thrown(() => fitHmm(y as number[], o as Parameters<typeof fitHmm>[1]));
      expect(e.code).toBe(code);
      expect(e.path).toEqual(path);
    }
  });
});
