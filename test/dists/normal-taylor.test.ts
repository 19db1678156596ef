/**
 * The piecewise Taylor N and n against Cody's N (src/dists/normal.ts, itself checked against
 * scipy in test/dists) and e^{−d²/2}/√(2π) on a grid of 2·10⁶ points of [−9, 9], at the accuracy
 * the module doc states; the coefficients against the Hermite recurrence at one centre.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TAYLOR_TABLE, TAYLOR_STRIDE, TAYLOR_INTERVALS, taylorCentre, taylorNormalCdf, taylorNormalPdf } from '../../src/dists/normal-taylor.js';
import { normalCdf } from '../../src/dists/normal.js';

const pdf = (d: number) => Math.exp(-0.5 * d * d) / Math.sqrt(2 * Math.PI);

describe('taylorNormalCdf / taylorNormalPdf', () => {
  it('N to 3.4e-16 absolute on [−9, 9] and 1e-10 relative on [−8, 8]; n to 1.3e-13 absolute and 5e-9 relative on [−8, 8]', () => {
    let absN = 0, relN = 0, absP = 0, relP = 0;
    for (let i = 0; i <= 2_000_000; i++) {
      const d = -9 + (18 * i) / 2_000_000;
      const eN = Math.abs(taylorNormalCdf(d) - normalCdf(d));
      const eP = Math.abs(taylorNormalPdf(d) - pdf(d));
      absN = Math.max(absN, eN);
      absP = Math.max(absP, eP);
      if (Math.abs(d) <= 8) {
        relN = Math.max(relN, eN / normalCdf(d));
        relP = Math.max(relP, eP / pdf(d));
      }
    }
    expect(absN).toBeLessThanOrEqual(3.4e-16);
    expect(relN).toBeLessThanOrEqual(1e-10);
    expect(absP).toBeLessThanOrEqual(1.3e-13);
    expect(relP).toBeLessThanOrEqual(5e-9);
  });

  it('clamps beyond ±8.5 (N within 1e-17 of 0 or 1) and covers [−8.5, 8.5] with 544 intervals', () => {
    expect(TAYLOR_INTERVALS).toBe(544);
    expect(taylorCentre(0)).toBe(-8.5 + 1 / 64);
    expect(taylorNormalCdf(-1e300)).toBeLessThan(1e-17);
    expect(1 - taylorNormalCdf(1e300)).toBe(0);
    expect(taylorNormalCdf(8.5)).toBeCloseTo(1, 16);
  });

  it('holds a_k = (−1)^{k−1}·He_{k−1}(c)·n(c)/k! (He_2 = x² − 1, He_3 = x³ − 3x at c = 1.046875)', () => {
    const j = 305; // c = −8.5 + 305.5/32 = 1.046875
    const c = taylorCentre(j);
    expect(c).toBe(1.046875);
    const o = j * TAYLOR_STRIDE;
    expect(TAYLOR_TABLE[o]).toBeCloseTo(normalCdf(c), 16);
    expect(TAYLOR_TABLE[o + 1]).toBeCloseTo(pdf(c), 16);
    expect(TAYLOR_TABLE[o + 2]).toBeCloseTo((-c * pdf(c)) / 2, 16);
    expect(TAYLOR_TABLE[o + 3]).toBeCloseTo(((c * c - 1) * pdf(c)) / 6, 16);
    expect(TAYLOR_TABLE[o + 4]).toBeCloseTo((-(c ** 3 - 3 * c) * pdf(c)) / 24, 16);
  });

  it('is symmetric: N(d) + N(−d) = 1 to 7e-16, n(d) = n(−d) to 2.6e-13 (property, 1,000 runs)', () => {
    fc.assert(fc.property(fc.double({ min: -10, max: 10, noNaN: true }), (d) => {
      expect(Math.abs(taylorNormalCdf(d) + taylorNormalCdf(-d) - 1)).toBeLessThanOrEqual(7e-16);
      expect(Math.abs(taylorNormalPdf(d) - taylorNormalPdf(-d))).toBeLessThanOrEqual(2.6e-13);
    }), { numRuns: 1000 });
  });
});
