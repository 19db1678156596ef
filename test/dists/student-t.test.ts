import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { standardisedTLogConstant, studentTLogConstant, studentTLogPdf } from '../../src/dists/student-t.js';
import { readFixture } from '../helpers/shared-data.js';

/** scipy.stats.t.logpdf: scripts/fixtures/numerics_dists.py. */
const fixture = readFixture<{
  tLogPdf: { x: number; nu: number; value: number }[];
  standardisedTLogConstant: { nu: number; value: number }[];
}>('dists/special.json');

describe('Student-t log-density (dists/student-t.ts) against scipy.stats.t', () => {
  it('studentTLogPdf matches t.logpdf(x, ν) for ν from 1 to 1000 and |x| up to 40', () => {
    expect(fixture.tLogPdf.length).toBeGreaterThan(50);
    for (const p of fixture.tLogPdf) {
      expect(Math.abs(studentTLogPdf(p.x, p.nu) - p.value)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(p.value)));
    }
  });

  it('standardisedTLogConstant is the unit-variance t density at 0 (t.logpdf(0, ν, scale = √((ν−2)/ν)))', () => {
    for (const p of fixture.standardisedTLogConstant) {
      expect(Math.abs(standardisedTLogConstant(p.nu) - p.value)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(p.value)));
    }
  });

  it('the two constants differ by the Jacobian ½·ln(ν/(ν − 2)) and the density peaks at 0', () => {
    fc.assert(
      fc.property(fc.double({ min: 2.001, max: 1e4, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), (nu, x) => {
        const jacobian = 0.5 * Math.log(nu / (nu - 2));
        expect(Math.abs(standardisedTLogConstant(nu) - studentTLogConstant(nu) - jacobian)).toBeLessThanOrEqual(1e-12 * Math.max(1, jacobian));
        expect(studentTLogPdf(x, nu)).toBeLessThanOrEqual(studentTLogPdf(0, nu));
        expect(studentTLogPdf(0, nu)).toBe(studentTLogConstant(nu));
      }),
    );
  });
});
