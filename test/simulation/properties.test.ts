import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulateFirstPassageSync, type MonteCarloFirstPassageInput } from '../../src/simulation/index.js';
import { TradesizeError } from '../../src/core/errors.js';
import { thrown } from '../helpers/assert.js';

const RUNS = { numRuns: 1000 };
const model = fc.constantFrom('gbm' as const, 'student-t' as const, 'garch-t' as const);

/** A small random simulation input (≤ 40 paths × 30 steps) with one or two barriers. */
const input = fc
  .record({
    model,
    a: fc.double({ min: 0.005, max: 0.5, noNaN: true }),
    b: fc.double({ min: 0.005, max: 0.5, noNaN: true }),
    which: fc.constantFrom('both', 'lower', 'upper'),
    mu: fc.double({ min: -3, max: 3, noNaN: true }),
    sigma: fc.double({ min: 0.05, max: 2, noNaN: true }),
    horizon: fc.double({ min: 0.01, max: 0.08, noNaN: true }),
    nu: fc.double({ min: 2.1, max: 30, noNaN: true }),
    paths: fc.integer({ min: 1, max: 40 }),
    seed: fc.maxSafeInteger(),
    discrete: fc.boolean(),
  })
  .map((r): MonteCarloFirstPassageInput => {
    const base = {
      price: 100,
      ...(r.which !== 'upper' ? { lower: 100 * Math.exp(-r.a) } : {}),
      ...(r.which !== 'lower' ? { upper: 100 * Math.exp(r.b) } : {}),
      mu: r.mu,
      horizon: r.horizon,
      paths: r.paths,
      seed: r.seed,
    };
    if (r.model === 'gbm') return { ...base, model: 'gbm', sigma: r.sigma, ...(r.discrete ? { monitoring: 'discrete' as const } : {}) };
    if (r.model === 'student-t') return { ...base, model: 'student-t', sigma: r.sigma, nu: r.nu };
    return { ...base, model: 'garch-t', garch: { omega: 1e-5, alpha: 0.1, beta: 0.85, nu: r.nu, variance: (r.sigma * r.sigma) / 365 } };
  });

describe('Monte Carlo first passage properties (fast-check, 1,000 runs, small path counts)', () => {
  it('probabilities lie in [0, 1], sum to 1, are multiples of 1/paths; a missing barrier is never hit', () => {
    fc.assert(
      fc.property(input, (inp) => {
        const r = simulateFirstPassageSync(inp);
        const n = inp.paths as number;
        for (const p of [r.pLowerFirst, r.pUpperFirst, r.pNeither]) {
          if (!(p >= 0 && p <= 1) || Math.abs(p * n - Math.round(p * n)) > 1e-9) return false;
        }
        if (inp.lower === undefined && r.pLowerFirst !== 0) return false;
        if (inp.upper === undefined && r.pUpperFirst !== 0) return false;
        const t = r.expectedExitTime.mean;
        return Math.abs(r.pLowerFirst + r.pUpperFirst + r.pNeither - 1) <= 1e-12 && r.stdError >= 0 && r.stdError <= 0.5 && t > 0 && t <= r.horizon + 1e-15;
      }),
      RUNS,
    );
  });

  it('reproducible: the same input gives the same numbers; another seed another stream', () => {
    fc.assert(
      fc.property(input, (inp) => {
        const a = simulateFirstPassageSync(inp);
        const b = simulateFirstPassageSync(inp);
        return JSON.stringify(a) === JSON.stringify(b);
      }),
      RUNS,
    );
    const base = { price: 100, lower: 95, upper: 105, mu: 0, sigma: 0.8, horizon: 0.1, paths: 5000 };
    expect(simulateFirstPassageSync({ ...base, seed: 1 }).pLowerFirst).not.toBe(simulateFirstPassageSync({ ...base, seed: 2 }).pLowerFirst);
  });
});

describe('Monte Carlo first passage: bad input', () => {
  const ok = { price: 100, lower: 90, upper: 120, mu: 0.1, sigma: 0.6, horizon: 0.25, paths: 10 };
  const cases: [string, Record<string, unknown>, (string | number)[]][] = [
    ['lower ≥ price', { ...ok, lower: 100 }, ['lower']],
    ['upper ≤ price', { ...ok, upper: 99 }, ['upper']],
    ['no barrier', { ...ok, lower: undefined, upper: undefined }, ['lower']],
    ['gbm without sigma', { ...ok, sigma: undefined }, ['sigma']],
    ['student-t ν ≤ 2', { ...ok, model: 'student-t', nu: 2 }, ['nu']],
    ['garch-t without parameters', { ...ok, model: 'garch-t' }, ['garch']],
    ['garch-t with steps', { ...ok, model: 'garch-t', garch: { omega: 1e-5, alpha: 0.1, beta: 0.8, nu: 5 }, steps: 10 }, ['steps']],
    ['garch-t, α + β ≥ 1, no starting variance', { ...ok, sigma: undefined, model: 'garch-t', garch: { omega: 1e-5, alpha: 0.2, beta: 0.8, nu: 5 } }, ['garch']],
    ['continuous monitoring of student-t', { ...ok, model: 'student-t', monitoring: 'continuous' }, ['monitoring']],
    ['paths 0', { ...ok, paths: 0 }, ['paths']],
    ['non-integer steps', { ...ok, steps: 2.5 }, ['steps']],
    ['unsafe seed', { ...ok, seed: 2 ** 60 }, ['seed']],
    ['NaN mu', { ...ok, mu: NaN }, ['mu']],
    ['infinite horizon', { ...ok, horizon: Infinity }, ['horizon']],
  ];
  for (const [name, inp, path] of cases) {
    it(`${name} → INVALID_INPUT at ${path.join('.')}`, () => {
      const e = thrown(() => simulateFirstPassageSync(inp as MonteCarloFirstPassageInput));
      expect(e).toBeInstanceOf(TradesizeError);
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.path).toEqual(path);
    });
  }
});
