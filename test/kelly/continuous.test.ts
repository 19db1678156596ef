import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { continuousGrowth, kellyContinuous } from '../../src/kelly/continuous.js';

describe('kellyContinuous', () => {
  it("reproduces Thorp's example: μ = 0.11, σ = 0.15, r = 0.06 → f* = 2.22, g = 0.1156 (Thorp 2006 §7.1)", () => {
    const r = kellyContinuous({ mu: 0.11, sigma: 0.15, rf: 0.06 });
    expect(r.fraction).toBeCloseTo(2.2222, 4);
    expect(r.growthRate).toBeCloseTo(0.1156, 4);
    expect(r.growthVolatility).toBeCloseTo(2.2222 * 0.15, 4);
  });

  it('fractional growth: g(c f*) = r + (c − c²/2)(μ − r)²/σ² (Thorp 2006 eq. 7.6)', () => {
    const mu = 0.11, sigma = 0.15, rf = 0.06;
    const fStar = kellyContinuous({ mu, sigma, rf }).fraction;
    for (const c of [0.25, 0.5, 1, 1.5, 2]) {
      const expected = rf + (c - (c * c) / 2) * ((mu - rf) ** 2) / sigma ** 2;
      expect(continuousGrowth(c * fStar, mu, sigma, rf)).toBeCloseTo(expected, 12);
    }
    // Twice Kelly earns only the risk-free rate.
    expect(continuousGrowth(2 * fStar, mu, sigma, rf)).toBeCloseTo(rf, 12);
  });

  it('carry (funding) reduces the fraction like a higher hurdle', () => {
    const a = kellyContinuous({ mu: 0.3, sigma: 0.6, carry: 0.1 });
    expect(a.fraction).toBeCloseTo(0.2 / 0.36, 12);
  });

  it('rejects σ ≤ 0', () => {
    expect(() => kellyContinuous({ mu: 0.1, sigma: 0 })).toThrow(/sigma/);
  });

  it('property: g(f*) ≥ g(f) for every f (1,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        fc.double({ min: -0.05, max: 0.1, noNaN: true }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        (mu, sigma, rf, f) => {
          const best = kellyContinuous({ mu, sigma, rf });
          return best.growthRate >= continuousGrowth(f, mu, sigma, rf) - 1e-12 * Math.max(1, Math.abs(best.growthRate));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
