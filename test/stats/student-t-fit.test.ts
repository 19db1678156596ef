import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { STUDENT_T_NU_BOUNDS, fitStudentT, studentTLogLikelihood } from '../../src/stats/student-t-fit.js';
import { TradesizeError } from '../../src/core/errors.js';
import { describeWithSharedData, readFixture, readSharedData } from '../helpers/shared-data.js';

interface ScipyFit {
  nu: number;
  loc: number;
  scale: number;
  logLikelihood: number;
}
interface FitFixture {
  scipy: string;
  seed: number;
  cases: (ScipyFit & { name: string; x: number[] })[];
  btc: ScipyFit & { file: string; rows: number; firstTimestamp: string; lastTimestamp: string };
}

const fixture = readFixture<FitFixture>('stats/student-t-fit.json');
const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** Our fit must reach scipy's likelihood (within 1e-6) and land on its parameters (1e-3 relative). */
function expectMatchesScipy(x: ArrayLike<number>, ref: ScipyFit): void {
  const fit = fitStudentT(Array.from(x));
  expect(fit.logLikelihood).toBeGreaterThanOrEqual(ref.logLikelihood - 1e-6);
  expect(fit.nuAtBound).toBe(false);
  expect(relative(fit.nu, ref.nu)).toBeLessThan(1e-3);
  expect(relative(fit.loc, ref.loc)).toBeLessThan(1e-3);
  expect(relative(fit.scale, ref.scale)).toBeLessThan(1e-3);
  expect(fit.logLikelihood).toBeCloseTo(studentTLogLikelihood(x, fit.loc, fit.scale, fit.nu), 9);
}

describe('studentTLogLikelihood', () => {
  it('matches closed forms: Cauchy (ν = 1) and ν = 2 densities', () => {
    // Cauchy: f(x) = 1/(πσ(1 + d²)).
    expect(studentTLogLikelihood([0, 2], 0, 2, 1)).toBeCloseTo(-2 * Math.log(2 * Math.PI) - Math.log(2), 13);
    // ν = 2: f(x) = (2 + x²)^(−3/2).
    expect(studentTLogLikelihood([1], 0, 1, 2)).toBeCloseTo(-1.5 * Math.log(3), 13);
  });
});

describe('fitStudentT', () => {
  it(`matches scipy.stats.t.fit polished by a tight Nelder-Mead (scipy ${fixture.scipy}, seed ${fixture.seed})`, () => {
    const interior = fixture.cases.filter((c) => c.nu < STUDENT_T_NU_BOUNDS.max);
    expect(interior.map((c) => c.name)).toEqual(['fat-tailed-t3', 'skewed-mixture', 't6-small', 'cauchy']);
    for (const c of interior) expectMatchesScipy(c.x, c);
  });

  it('normal data: ν stops at the upper bound 1000, within 0.03 of the unbounded scipy likelihood', () => {
    const c = fixture.cases.find((k) => k.name === 'negative-drift');
    expect(c?.nu).toBeGreaterThan(1e6);
    const fit = fitStudentT(c?.x ?? []);
    expect(fit.nu).toBe(STUDENT_T_NU_BOUNDS.max);
    expect(fit.nuAtBound).toBe(true);
    expect(fit.logLikelihood).toBeLessThanOrEqual((c?.logLikelihood ?? 0) + 1e-9);
    expect(fit.logLikelihood).toBeGreaterThan((c?.logLikelihood ?? 0) - 0.03);
    expect(relative(fit.scale, c?.scale ?? 0)).toBeLessThan(2e-3);
  });

  it('property: the fit beats every nearby (μ, σ, ν) in [1, 1000] (1,000 runs)', () => {
    fc.assert(
      fc.property(
        // Returns quoted to 6 decimals, as price data are; see the next test for extreme doubles.
        fc
          .uniqueArray(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 3, maxLength: 40 })
          .map((a) => a.map((v) => v / 1e6)),
        fc.double({ min: -0.1, max: 0.1, noNaN: true }),
        fc.double({ min: -0.1, max: 0.1, noNaN: true }),
        fc.double({ min: -0.5, max: 0.5, noNaN: true }),
        (x, dLoc, dLogScale, dLogNu) => {
          const fit = fitStudentT(x);
          const nu = Math.min(STUDENT_T_NU_BOUNDS.max, Math.max(STUDENT_T_NU_BOUNDS.min, fit.nu * Math.exp(dLogNu)));
          const other = studentTLogLikelihood(x, fit.loc + dLoc * fit.scale, fit.scale * Math.exp(dLogScale), nu);
          return fit.logLikelihood >= other - 1e-9 * Math.max(1, Math.abs(other));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('two pairs of nearly equal values (ℓ flat to 4th order in μ at ν = 1) fit, and beat a grid of nearby (μ, σ, ν)', () => {
    // fast-check counterexamples of the property above (EM used to crawl at ν = 1 and refuse).
    for (const x of [
      [0.998961, -0.775889, -0.775065, 0.999963],
      [-0.999989, 0.000002, -0.000011, -0.999988],
    ]) {
      const fit = fitStudentT(x);
      for (const dLoc of [-0.05, 0, 0.05]) {
        for (const dLogScale of [-0.05, 0, 0.05]) {
          for (const dLogNu of [-0.3, 0, 0.3]) {
            const nu = Math.min(STUDENT_T_NU_BOUNDS.max, Math.max(STUDENT_T_NU_BOUNDS.min, fit.nu * Math.exp(dLogNu)));
            const other = studentTLogLikelihood(x, fit.loc + dLoc * fit.scale, fit.scale * Math.exp(dLogScale), nu);
            expect(fit.logLikelihood).toBeGreaterThanOrEqual(other - 1e-9);
          }
        }
      }
    }
  });

  it('a near-tie among far values (EM at ν = 1 crawls along a flat ridge: ℓ gains ~1e-13 an iteration) still fits', () => {
    // Found by the property below (seed 1943172978): before, EM at ν = 1 ran to its cap and the fit threw NOT_CONVERGED.
    const fit = fitStudentT([-27672.9, 0.001, 0.0010931, -31335.5]);
    expect([fit.loc, fit.scale, fit.nu, fit.logLikelihood].every(Number.isFinite)).toBe(true);
    expect(fit.scale).toBeGreaterThan(0);
    // The profile's maximum is at the upper bound of ν here; at ν = 1 the ridge's ℓ (about −6.0249 on the standardised sample) is lower.
    expect(fit.nuAtBound).toBe(true);
  });

  it('property: values spanning 12 orders of magnitude (±[0.1, 1)·10^[−6, 6]) always fit, finite with σ > 0 (1,000 runs)', () => {
    const value = fc
      .tuple(fc.integer({ min: 100_000, max: 999_999 }), fc.boolean(), fc.integer({ min: -12, max: 0 }))
      .map(([m, negative, e]) => (negative ? -m : m) * 10 ** e);
    fc.assert(
      fc.property(fc.uniqueArray(value, { minLength: 3, maxLength: 20 }), (x) => {
        const fit = fitStudentT(x);
        return [fit.loc, fit.scale, fit.nu, fit.logLikelihood].every(Number.isFinite) && fit.scale > 0;
      }),
      { numRuns: 1000 },
    );
  });

  // Doubles spanning hundreds of orders of magnitude are mostly near-ties around 0 that hold half
  // the sample at ν = 1, where EM runs to its iteration cap before refusing: most runs end in the
  // typed error, so this is a robustness check (no NaN, no hang, no untyped throw), kept at 200 runs
  // for time; the property above checks the fits themselves.
  it('property: any distinct doubles give a finite fit or a typed NOT_CONVERGED / NON_FINITE_RESULT, never NaN (200 runs: each refusal runs EM to its cap)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.double({ noNaN: true, noDefaultInfinity: true }), {
          minLength: 3,
          maxLength: 20,
          comparator: 'SameValueZero',
        }),
        (x) => {
          try {
            const fit = fitStudentT(x);
            return [fit.loc, fit.scale, fit.nu, fit.logLikelihood].every(Number.isFinite) && fit.scale > 0;
          } catch (e) {
            return e instanceof TradesizeError && ['NOT_CONVERGED', 'NON_FINITE_RESULT'].includes(e.code);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is location-scale equivariant', () => {
    const x = fixture.cases[0]?.x ?? [];
    const a = fitStudentT(x);
    const b = fitStudentT(x.map((v) => 3 + 10 * v));
    expect(b.loc).toBeCloseTo(3 + 10 * a.loc, 6);
    expect(relative(b.scale, 10 * a.scale)).toBeLessThan(1e-6);
    expect(relative(b.nu, a.nu)).toBeLessThan(1e-5);
  });

  it('rejects bad input with typed errors naming the field', () => {
    const cases: [unknown, string, (string | number)[]][] = [
      [[1, 2], 'INSUFFICIENT_DATA', ['x']],
      [[1, 1, 1, 1], 'INSUFFICIENT_DATA', ['x']],
      [[0, 0, 1, 2], 'INSUFFICIENT_DATA', ['x']], // 0 holds half of the sample
      [[1, Number.NaN, 2], 'INVALID_INPUT', ['x', 1]],
      [Float64Array.from([1, 2, Number.NEGATIVE_INFINITY]), 'INVALID_INPUT', ['x', 2]],
      [[1, '2', 3], 'INVALID_INPUT', ['x', 1]],
      ['1,2,3', 'INVALID_INPUT', ['x']],
    ];
    for (const [x, code, path] of cases) {
      try {
        fitStudentT(x as number[]);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(TradesizeError);
        expect((e as TradesizeError).code).toBe(code);
        expect((e as TradesizeError).path).toEqual(path);
      }
    }
  });
});

describeWithSharedData('fitStudentT on BTC daily log returns', [fixture.btc.file], () => {
  it('matches scipy on the same file (fingerprint checked)', () => {
    const lines = readSharedData(fixture.btc.file).trim().split('\n');
    const header = (lines[0] ?? '').split(',');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.length).toBe(fixture.btc.rows);
    expect(rows[0]?.[0]).toBe(fixture.btc.firstTimestamp);
    expect(rows.at(-1)?.[0]).toBe(fixture.btc.lastTimestamp);
    const closes = rows.map((r) => Number(r[header.indexOf('close')]));
    const logReturns = closes.slice(1).map((c, i) => Math.log(c / (closes[i] as number)));
    expectMatchesScipy(logReturns, fixture.btc);
  });
});
