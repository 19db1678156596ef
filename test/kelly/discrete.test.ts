import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { discreteGrowth, kellyDiscrete } from '../../src/kelly/discrete.js';
import { TradesizeError } from '../../src/core/errors.js';

describe('kellyDiscrete', () => {
  it('even-money bet: f* = p − q and g(f*) = p ln p + q ln q + ln 2 (Thorp 2006 §2)', () => {
    const r = kellyDiscrete({ p: 0.6, b: 1 });
    expect(r.fraction).toBeCloseTo(0.2, 15);
    expect(r.growthRate).toBeCloseTo(0.6 * Math.log(0.6) + 0.4 * Math.log(0.4) + Math.log(2), 14);
    // Thorp quotes g(f*) ≈ 0.02014 for p = 0.6.
    expect(r.growthRate).toBeCloseTo(0.020136, 6);
  });

  it('partial loss: f* = p/a − q/b (Thorp 2006 §3)', () => {
    expect(kellyDiscrete({ p: 0.5, b: 2, a: 0.5 }).fraction).toBeCloseTo(0.75, 15);
  });

  it('no edge: stakes nothing and reports the negative optimum', () => {
    const r = kellyDiscrete({ p: 0.4, b: 1 });
    expect(r.fraction).toBe(0);
    expect(r.unconstrained).toBeCloseTo(-0.2, 15);
    expect(r.growthRate).toBe(0);
    expect(Object.is(r.growthRate, -0)).toBe(false);
  });

  it('rejects bad input with a typed error naming the field', () => {
    expect(() => kellyDiscrete({ p: 1.2, b: 1 })).toThrow(TradesizeError);
    expect(() => kellyDiscrete({ p: 0.5, b: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', path: ['b'] }));
    expect(() => kellyDiscrete({ p: Number.NaN, b: 1 })).toThrow(/p/);
  });

  it('property: g(f*) ≥ g(f) for every solvent f (1,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (p, b, a, u) => {
          const best = kellyDiscrete({ p, b, a });
          const f = u / a; // any fraction in [0, 1/a)
          const g = discreteGrowth(f, p, b, a);
          return best.growthRate >= g - 1e-12 * Math.max(1, Math.abs(g));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
