import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { erfc, erfcx, normalCdf } from '../../src/dists/normal.js';
import { erfCentral, erfcxFar, erfcxMiddle, scaledNormalCdf } from '../../src/dists/normal-tail.js';
import { readFixture } from '../helpers/shared-data.js';

interface Point {
  readonly y: number;
  readonly value: number;
}

/** scipy.special.erf and erfcx on each of Cody's intervals: scripts/fixtures/numerics_dists.py. */
const fixture = readFixture<{ erf: Point[]; erfcxMiddle: Point[]; erfcxFar: Point[] }>('dists/special.json');

/** Cody's bound is 1e-15 relative; allow for scipy's own last-bit rounding (Faddeeva's erfcx). */
const REL = 2e-15;

describe("Cody's rational approximations (dists/normal-tail.ts) against scipy.special", () => {
  it.each([
    ['erfCentral', erfCentral, fixture.erf],
    ['erfcxMiddle', erfcxMiddle, fixture.erfcxMiddle],
    ['erfcxFar', erfcxFar, fixture.erfcxFar],
  ] as const)('%s matches scipy to 2e-15 relative on its interval', (_name, f, points) => {
    expect(points.length).toBeGreaterThan(20);
    for (const p of points) expect(Math.abs(f(p.y) - p.value)).toBeLessThanOrEqual(REL * Math.abs(p.value));
  });
});

describe('normal.ts evaluates the Cody kernels of the unrolled Greeks kernel normal-tail.ts', () => {
  it('erfc and erfcx are exactly the interval kernels (no second copy of the coefficients)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.46875, noNaN: true }), (y) => {
        expect(erfc(y)).toBe(1 - erfCentral(y));
        expect(erfcx(y)).toBe(Math.exp(y * y) * (1 - erfCentral(y)));
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: 0.46875, max: 4, noNaN: true, minExcluded: true }), (y) => {
        expect(erfcx(y)).toBe(erfcxMiddle(y));
      }),
    );
    fc.assert(fc.property(fc.double({ min: 4, max: 1e8, noNaN: true, minExcluded: true }), (y) => {
        expect(erfcx(y)).toBe(erfcxFar(y));
      }),
    );
  });

  it('scaledNormalCdf gives the same bits as normalCdf on the central interval and agrees in the tails', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.46875 * Math.SQRT2, max: 0.46875 * Math.SQRT2, noNaN: true }), (d) => {
        expect(scaledNormalCdf(d, 1, Math.exp(-0.5 * d * d))).toBe(0.5 + 0.5 * erfCentral(d * Math.SQRT1_2));
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (d) => {
        const a = scaledNormalCdf(d, 1, Math.exp(-0.5 * d * d));
        const b = normalCdf(d);
        // The kernel's single e^{−d²/2} versus CALERF's split exponential (normal-tail.ts doc).
        expect(Math.abs(a - b)).toBeLessThanOrEqual(6 * (1 + 0.5 * d * d) * 2 ** -53 * b + Number.MIN_VALUE);
      }),
    );
  });
});
