import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { adaptiveGaussLegendre, gaussLegendre20, meanExitTime, meanExitTimeInfinite } from '../../../src/risk/exit-time/index.js';

describe('Gauss–Legendre quadrature', () => {
  it('the 20-point rule is exact for degree 39 and the adaptive rule integrates e^{−t} over [0, 1000]', () => {
    expect(gaussLegendre20((t) => t ** 39 + t ** 38, -1, 1)).toBeCloseTo(2 / 39, 13);
    expect(gaussLegendre20((t) => 3 * t * t, 0, 2)).toBeCloseTo(8, 13);
    expect(adaptiveGaussLegendre((t) => Math.exp(-t), 0, 1000, 1e-13)).toBeCloseTo(1, 12);
  });
});

describe('expected exit time (Wald identities)', () => {
  it('closed forms: b/ν toward one barrier, ab/σ² driftless, ∞ when the drift points away', () => {
    expect(meanExitTimeInfinite(Infinity, 0.2, 0.4, 0.6)).toBeCloseTo(0.5, 15);
    expect(meanExitTimeInfinite(0.3, Infinity, -0.6, 0.6)).toBeCloseTo(0.5, 15);
    expect(meanExitTimeInfinite(Infinity, 0.2, -0.4, 0.6)).toBe(Infinity);
    expect(meanExitTimeInfinite(Infinity, 0.2, 0, 0.6)).toBe(Infinity);
    expect(meanExitTimeInfinite(0.1, 0.3, 0, 0.5)).toBeCloseTo(0.12, 15);
  });

  it('the small-drift series joins the exact formula continuously at |θ|w = 1e-4', () => {
    const a = 0.1, b = 0.3, s = 0.5;
    const nu = (1e-4 / (a + b)) * (s * s) / 2;
    const below = meanExitTimeInfinite(a, b, nu * (1 - 1e-9), s);
    const above = meanExitTimeInfinite(a, b, nu * (1 + 1e-9), s);
    expect(Math.abs(below - above)).toBeLessThan(1e-10 * below);
  });

  it('property (1,000 runs): 0 < E[τ ∧ T] ≤ T, increasing in T, and tending to E[τ] for long horizons', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.02, max: 0.5, noNaN: true }),
        fc.double({ min: 0.02, max: 0.5, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: 0.2, max: 1.5, noNaN: true }),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        (a, b, nu, s, T) => {
          const short = meanExitTime(a, b, nu, s, T);
          const longer = meanExitTime(a, b, nu, s, 2 * T);
          return short > 0 && short <= T && longer >= short - 1e-12;
        },
      ),
      { numRuns: 1000 },
    );
    const inf = meanExitTimeInfinite(0.2, 0.25, 0.3, 0.6);
    expect(meanExitTime(0.2, 0.25, 0.3, 0.6, 40)).toBeCloseTo(inf, 12);
  });
});
