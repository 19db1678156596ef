import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { estimateVolatility } from '../../src/volatility/estimate.js';
import { parseSeriesCsv } from '../../src/market/csv.js';
import { describeWithSharedData, readSharedData } from '../helpers/shared-data.js';
import { thrown, expectRel } from '../helpers/assert.js';

import { fixture, REL } from './fixture.js';

const PRICES = [100, 102, 99, 104, 103, 107];
const HOURS = PRICES.map((_, i) => new Date(Date.UTC(2024, 0, 1, i)).toISOString());

describe('estimateVolatility', () => {
  for (const c of fixture.synthetic) {
    it(`"${c.name}" (${c.input}): close and EWMA match the numpy/pandas fixture`, () => {
      const close = estimateVolatility({ values: c.values, input: c.input, method: 'close', periodsPerYear: c.periodsPerYear });
      expect(close).toMatchObject({ method: 'close', observations: c.observations, periodsPerYear: c.periodsPerYear, periodsPerYearSource: 'given' });
      expect('lambda' in close).toBe(false);
      expectRel(close.sigma, c.close.annualizedVol, REL);
      expectRel(close.periodVol, c.close.periodVol, REL);
      const ewma = estimateVolatility({
        values: new Float64Array(c.values),
        input: c.input,
        method: 'ewma',
        periodsPerYear: c.periodsPerYear,
        lambda: c.ewma.lambda,
      });
      expect(ewma).toMatchObject({ method: 'ewma', lambda: c.ewma.lambda, observations: c.observations });
      expectRel(ewma.sigma, c.ewma.annualizedVol, REL);
      expectRel(ewma.periodVol, c.ewma.periodVol, REL);
    });
  }

  it('infers periods per year from timestamps when not given', () => {
    const r = estimateVolatility({ values: PRICES, input: 'prices', method: 'ewma', timestamps: HOURS });
    expect(r.periodsPerYear).toBe(8760);
    expect(r.periodsPerYearSource).toBe('inferred');
    expect(r.lambda).toBe(0.94);
    expectRel(r.sigma, r.periodVol * Math.sqrt(8760), 1e-15);
  });

  it('a given periodsPerYear wins over timestamps; without either, one period per day (365)', () => {
    const given = estimateVolatility({ values: PRICES, input: 'prices', method: 'close', timestamps: HOURS, periodsPerYear: 52 });
    expect(given).toMatchObject({ periodsPerYear: 52, periodsPerYearSource: 'given' });
    const dflt = estimateVolatility({ values: PRICES, input: 'prices', method: 'close' });
    expect(dflt).toMatchObject({ periodsPerYear: 365, periodsPerYearSource: 'default', observations: 5 });
    expect(estimateVolatility({ values: PRICES, input: 'prices', method: 'close', daysPerYear: 252 }).periodsPerYear).toBe(252);
  });

  it('rejects lambda with the close-to-close method', () => {
    const e = thrown(() => estimateVolatility({ values: PRICES, input: 'prices', method: 'close', lambda: 0.97 }));
    expect(e.code).toBe('CONFLICTING_OPTIONS');
    expect(e.path).toEqual(['lambda']);
  });

  it('measures a return series as given: percent or log returns below −1 are valid, nothing is compounded', () => {
    const percent = [1.2, -3.5, 0.4, 2.1, -1.7];
    for (const input of ['returns', 'log-returns'] as const) {
      const r = estimateVolatility({ values: percent, input, method: 'close', periodsPerYear: 1 });
      const mean = percent.reduce((s, x) => s + x, 0) / percent.length;
      expectRel(r.periodVol, Math.sqrt(percent.reduce((s, x) => s + (x - mean) ** 2, 0) / (percent.length - 1)), 1e-14);
    }
  });

  it('rejects bad data with the offending index', () => {
    const neg = thrown(() => estimateVolatility({ values: [100, -1, 102], input: 'prices', method: 'close' }));
    expect(neg.code).toBe('INVALID_INPUT');
    expect(neg.path).toEqual(['values', 1]);
    expect(thrown(() => estimateVolatility({ values: [0.01, Number.NaN, 0.02], input: 'returns', method: 'ewma' })).path).toEqual(['values', 1]);
    const ts = thrown(() => estimateVolatility({ values: PRICES, input: 'prices', method: 'close', timestamps: HOURS.slice(1) }));
    expect(ts.code).toBe('INVALID_INPUT');
    expect(ts.path).toEqual(['timestamps']);
    expect(thrown(() => estimateVolatility({ values: PRICES, input: 'prices', method: 'hv' as 'close' })).path).toEqual(['method']);
    expect(thrown(() => estimateVolatility({ values: 'x' as unknown as number[], input: 'prices', method: 'close' })).path).toEqual(['values']);
  });

  it('needs at least 2 returns and refuses a zero volatility', () => {
    const few = thrown(() => estimateVolatility({ values: [100, 101], input: 'prices', method: 'close' }));
    expect(few.code).toBe('INSUFFICIENT_DATA');
    expect(few.path).toEqual(['values']);
    for (const method of ['close', 'ewma'] as const) {
      const flat = thrown(() => estimateVolatility({ values: [100, 100, 100, 100], input: 'prices', method }));
      expect(flat.code).toBe('INSUFFICIENT_DATA');
      expect(flat.message).toMatch(/zero volatility/);
    }
  });

  it('property: sigma scales with √periodsPerYear for both methods (1,000 runs)', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: -2000, max: 2000 }).map((k) => k * 1e-4), { minLength: 2, maxLength: 60 })
          .filter((r) => new Set(r).size > 1),
        fc.constantFrom('close' as const, 'ewma' as const),
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        (r, method, p1, p2) => {
          const s1 = estimateVolatility({ values: r, input: 'returns', method, periodsPerYear: p1 }).sigma;
          const s2 = estimateVolatility({ values: r, input: 'returns', method, periodsPerYear: p2 }).sigma;
          return Math.abs(s1 / s2 - Math.sqrt(p1 / p2)) <= 1e-12 * Math.sqrt(p1 / p2);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describeWithSharedData('estimateVolatility on real BTC files (what --vol-data runs)', ['ohlcv/btc-usdt-1d.csv', 'ohlcv/btc-usdt-1h.csv'], () => {
  for (const c of fixture.real) {
    it(`${c.file}: infers ${c.periodsPerYear} periods a year and matches numpy/pandas for close and EWMA`, () => {
      const csv = parseSeriesCsv(readSharedData(c.file));
      const timestamps = csv.timestamps ?? [];
      const close = estimateVolatility({ values: csv.values, input: 'prices', method: 'close', timestamps });
      expect(close).toMatchObject({ periodsPerYear: c.periodsPerYear, periodsPerYearSource: 'inferred', observations: c.observations });
      expectRel(close.sigma, c.close.annualizedVol, REL);
      const ewma = estimateVolatility({ values: csv.values, input: 'prices', method: 'ewma', timestamps });
      expect(ewma).toMatchObject({ periodsPerYear: c.periodsPerYear, lambda: c.ewma.lambda });
      expectRel(ewma.sigma, c.ewma.annualizedVol, REL);
      expectRel(ewma.periodVol, c.ewma.periodVol, REL);
    });
  }
});
