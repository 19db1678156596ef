import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { fundingSeries, parseFundingCsv, fundingPaid, MS_PER_HOUR } from '../../src/funding/series.js';
import { estimateFunding, givenFunding } from '../../src/funding/estimate.js';
import { weightedMeanHac } from '../../src/stats/newey-west.js';
import { describeWithSharedData, readSharedData } from '../helpers/shared-data.js';

const fixture = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/funding/estimates.json', import.meta.url)), 'utf8')) as {
  files: { file: string; settlements: number; hours: number; lags: number; mean: { ratePerYear: number; stdError: number }; ewma: { ratePerYear: number; stdError: number } }[];
};
const H = MS_PER_HOUR;

describe('fundingSeries: intervals', () => {
  it('takes the time since the previous settlement, the first the next step (hand-worked: 8 h, 8 h, 1 h)', () => {
    const s = fundingSeries(Float64Array.of(0, 8 * H, 9 * H), Float64Array.of(1e-4, 1e-4, 1.25e-5));
    expect([...s.hours]).toEqual([8, 8, 1]);
    // Per hour each is 0.0000125, so 0.1095 a year: the hourly and 8-hourly rows agree.
    expect(estimateFunding(s).ratePerYear).toBeCloseTo(0.1095, 12);
  });

  it('caps a gap at 8 h (Gate misses December 2020): the settlement after it counts one interval', () => {
    expect([...fundingSeries(Float64Array.of(0, 800 * H), Float64Array.of(1e-4, 1e-4)).hours]).toEqual([8, 8]);
  });

  it('refuses one settlement, mismatched lengths and non-increasing times', () => {
    expect(() => fundingSeries(Float64Array.of(0), Float64Array.of(1e-4))).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_DATA' }));
    expect(() => fundingSeries(Float64Array.of(0, 1), Float64Array.of(1e-4))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => fundingSeries(Float64Array.of(0, 0), Float64Array.of(1e-4, 1e-4))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('fundingPaid sums the settlements in [from, to)', () => {
    const s = parseFundingCsv('timestamp,rate\n2024-01-01T00:00:00Z,0.0001\n2024-01-01T08:00:00Z,0.0002\n2024-01-01T16:00:00Z,0.0003\n');
    expect(fundingPaid(s, s.times[0] as number, (s.times[0] as number) + 16 * H)).toBeCloseTo(0.0003, 15);
  });
});

describe('estimateFunding', () => {
  it('hand-worked: three 8 h settlements 0.0001, 0.0002, 0.0003 → 0.0006/24 h × 8760 = 0.219 a year', () => {
    const s = parseFundingCsv('timestamp,rate\n2024-01-01T00:00:00Z,0.0001\n2024-01-01T08:00:00Z,0.0002\n2024-01-01T16:00:00Z,0.0003\n');
    const e = estimateFunding(s);
    expect(e.ratePerYear).toBeCloseTo(0.219, 12);
    expect(e.hours).toBe(24);
  });

  it('the HAC error of equal weights with lag 0 is the plain standard error of the mean, divisor n', () => {
    // x = 1..4: mean 2.5, Σ(x − m)² = 5, se = √5/4.
    expect(weightedMeanHac([1, 2, 3, 4], [1, 1, 1, 1], 0).stdError).toBeCloseTo(Math.sqrt(5) / 4, 15);
  });

  it('a given rate per 8 h is annualised × 1095', () => {
    expect(givenFunding(0.0001, 8).ratePerYear).toBeCloseTo(0.1095, 15);
    expect(givenFunding(0.05).ratePerYear).toBe(0.05);
    expect(() => givenFunding(Number.NaN)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('property: a constant rate per hour is estimated exactly by both methods, whatever the intervals (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e-5, max: 1e-5, noNaN: true }), fc.array(fc.constantFrom(1, 4, 8), { minLength: 2, maxLength: 40 }), (perHour, steps) => {
        const times = new Float64Array(steps.length);
        for (let i = 1; i < steps.length; i++) times[i] = (times[i - 1] as number) + (steps[i] as number) * H;
        const s = fundingSeries(times, Float64Array.from(steps, (_, i) => perHour * (s0(steps, i)))) ;
        const want = perHour * 8760;
        return ['mean', 'ewma'].every((m) => Math.abs(estimateFunding(s, { method: m as 'mean' | 'ewma' }).ratePerYear - want) <= 1e-12);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: the estimate scales with the rates and flips sign with them (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e-3, max: 1e-3, noNaN: true }), { minLength: 3, maxLength: 30 }), fc.double({ min: 0.1, max: 10, noNaN: true }), (rates, c) => {
        const times = Float64Array.from(rates, (_, i) => i * 8 * H);
        const a = estimateFunding(fundingSeries(times, Float64Array.from(rates)));
        const b = estimateFunding(fundingSeries(times, Float64Array.from(rates, (r) => -c * r)));
        return Math.abs(b.ratePerYear + c * a.ratePerYear) <= 1e-12 && Math.abs(b.stdError - c * a.stdError) <= 1e-12;
      }),
      { numRuns: 1000 },
    );
  });
});

/** The interval of settlement i of a step list, as fundingSeries takes it (the first takes the next step). */
function s0(steps: readonly number[], i: number): number {
  return Math.min(i === 0 ? (steps[1] as number) : (steps[i] as number), 8);
}

describeWithSharedData('estimateFunding against pandas/statsmodels on the 15 funding files', fixture.files.map((f) => `funding/${f.file}`), () => {
  for (const f of fixture.files) {
    it(`${f.file}: mean and EWMA (7-day half-life) with Newey–West errors`, () => {
      const s = parseFundingCsv(readSharedData(`funding/${f.file}`));
      expect(s.rates.length).toBe(f.settlements);
      expect([...s.hours].reduce((a, b) => a + b, 0)).toBeCloseTo(f.hours, 6);
      const mean = estimateFunding(s);
      const ewma = estimateFunding(s, { method: 'ewma' });
      expect(mean.lags).toBe(f.lags);
      expect(mean.ratePerYear).toBeCloseTo(f.mean.ratePerYear, 11);
      expect(Math.abs(mean.stdError / f.mean.stdError - 1)).toBeLessThan(1e-9);
      expect(ewma.ratePerYear).toBeCloseTo(f.ewma.ratePerYear, 11);
      expect(Math.abs(ewma.stdError / f.ewma.stdError - 1)).toBeLessThan(1e-9);
    });
  }
});
