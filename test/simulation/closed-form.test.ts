/**
 * GBM Monte Carlo with the Brownian-bridge correction against the closed forms (reflection
 * principle, image/spectral series — themselves checked against a PDE solution in
 * test/risk/first-passage.test.ts): every probability within 3 binomial standard errors
 * √(p(1 − p)/n) of the closed-form p, and the mean exit time within 3 standard errors of the
 * closed-form E[τ ∧ T].
 */
import { describe, expect, it } from 'vitest';
import { simulateFirstPassageSync } from '../../src/simulation/index.js';
import { barrierHitProbability, firstPassage } from '../../src/risk/first-passage/index.js';
import { meanExitTime } from '../../src/risk/exit-time/index.js';

const N = 60_000;
const se = (p: number, n: number) => Math.sqrt((p * (1 - p)) / n);

const GRID = [
  { name: 'stop 10 % / target 20 %, quarter, σ 0.6', price: 100, lower: 90, upper: 120, mu: 0.1, sigma: 0.6, horizon: 0.25 },
  { name: 'tight band, strong up drift', price: 100, lower: 95, upper: 108, mu: 1.5, sigma: 0.4, horizon: 0.05 },
  { name: 'wide band, negative drift, long', price: 100, lower: 70, upper: 125, mu: -0.4, sigma: 0.5, horizon: 2 },
  { name: 'driftless symmetric, one week', price: 30_000, lower: 28_500, upper: 31_579, mu: 0, sigma: 0.8, horizon: 7 / 365 },
  { name: 'high vol, coarse grid (12 steps)', price: 50, lower: 40, upper: 65, mu: 0.3, sigma: 1.2, horizon: 1, steps: 12 },
  { name: 'low vol, long horizon', price: 100, lower: 92, upper: 110, mu: 0.05, sigma: 0.15, horizon: 3 },
  // Steps wider than the strip: the bridge is refined at drawn midpoints (both barriers in reach,
  // or a grid point beyond one barrier after a possible touch of the other).
  { name: 'two steps for a strip narrower than one step', price: 100, lower: 86, upper: 116, mu: 0.4, sigma: 0.8, horizon: 0.5, steps: 2 },
  { name: 'a single step', price: 100, lower: 86, upper: 116, mu: -0.4, sigma: 0.8, horizon: 0.1, steps: 1 },
];

describe('GBM Monte Carlo (bridge-corrected) vs the closed form, within 3 standard errors', () => {
  GRID.forEach((c, i) => {
    it(c.name, () => {
      const mc = simulateFirstPassageSync({ ...c, paths: N, seed: 100 + i });
      const cf = firstPassage(c);
      expect(mc.monitoring).toBe('continuous');
      for (const k of ['pLowerFirst', 'pUpperFirst', 'pNeither'] as const) {
        expect(Math.abs(mc[k] - cf[k])).toBeLessThanOrEqual(3 * se(cf[k], N) + 1e-12);
      }
    });
  });

  it('one barrier: a stop alone and a target alone', () => {
    const stop = { price: 100, lower: 85, mu: 0.2, sigma: 0.7, horizon: 0.5 };
    const mcStop = simulateFirstPassageSync({ ...stop, paths: N, seed: 21 });
    const pStop = barrierHitProbability({ price: 100, barrier: 85, mu: 0.2, sigma: 0.7, horizon: 0.5 }).probability;
    expect(mcStop.pUpperFirst).toBe(0);
    expect(mcStop.expectedTimeToUpper).toBeNull();
    expect(Math.abs(mcStop.pLowerFirst - pStop)).toBeLessThanOrEqual(3 * se(pStop, N));
    const target = { price: 100, upper: 130, mu: 0.5, sigma: 0.6, horizon: 1 };
    const mcTarget = simulateFirstPassageSync({ ...target, paths: N, seed: 22 });
    const pTarget = barrierHitProbability({ price: 100, barrier: 130, mu: 0.5, sigma: 0.6, horizon: 1 }).probability;
    expect(mcTarget.pLowerFirst).toBe(0);
    expect(Math.abs(mcTarget.pUpperFirst - pTarget)).toBeLessThanOrEqual(3 * se(pTarget, N));
  });

  it('without the bridge (discrete monitoring) the same grid misses crossings: fewer exits than the closed form', () => {
    const c = { price: 100, lower: 90, upper: 120, mu: 0.1, sigma: 0.6, horizon: 0.25, steps: 13, paths: N, seed: 5 };
    const discrete = simulateFirstPassageSync({ ...c, monitoring: 'discrete' });
    const cf = firstPassage(c);
    expect(discrete.monitoring).toBe('discrete');
    expect(discrete.pNeither - cf.pNeither).toBeGreaterThan(10 * se(cf.pNeither, N));
  });

  it('mean exit time E[τ ∧ T] within 3 standard errors of the closed form (fine grid: midpoint error ≤ Δt/2)', () => {
    const cases = [
      { price: 100, lower: 90, upper: 120, mu: 0.1, sigma: 0.6, horizon: 0.25, steps: 1000 },
      { price: 100, upper: 115, mu: 0.6, sigma: 0.5, horizon: 1, steps: 2000 },
    ];
    cases.forEach((c, i) => {
      const mc = simulateFirstPassageSync({ ...c, paths: 20_000, seed: 40 + i });
      const a = c.lower === undefined ? Infinity : Math.log(c.price / c.lower);
      const b = Math.log(c.upper / c.price);
      const cf = meanExitTime(a, b, c.mu, c.sigma, c.horizon);
      expect(Math.abs(mc.expectedExitTime.mean - cf)).toBeLessThanOrEqual(3 * mc.expectedExitTime.stdError);
    });
  });
});
