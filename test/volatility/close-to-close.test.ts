import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closeToCloseVariance, closeToCloseVol } from '../../src/volatility/close-to-close.js';
import { returnsFromSeries, logReturns } from '../../src/market/returns.js';
import { parseSeriesCsv } from '../../src/market/csv.js';
import { describeWithSharedData, readSharedData } from '../helpers/shared-data.js';
import { thrown, expectRel } from '../helpers/assert.js';

import { fixture, REL } from './fixture.js';
import { logReturnGrid, scalesWithMultiplier, scalesWithSqrtPeriods } from './properties.js';

const returns = logReturnGrid(80);

describe('closeToCloseVol', () => {
  it('hand example: r = (0.01, −0.01, 0.03) has mean 0.01 and sample sd 0.02', () => {
    const r = closeToCloseVol([0.01, -0.01, 0.03]);
    expectRel(r.periodVol, 0.02, 1e-14);
    expectRel(r.annualizedVol, 0.02 * Math.sqrt(365), 1e-14);
    expect(r.observations).toBe(3);
    expectRel(closeToCloseVariance([0.01, -0.01, 0.03], false), 0.0011 / 3, 1e-14);
  });

  it('annualises with the given periods per year', () => {
    expectRel(closeToCloseVol([0.01, -0.01, 0.03], { periodsPerYear: 8760 }).annualizedVol, 0.02 * Math.sqrt(8760), 1e-14);
  });

  for (const c of fixture.synthetic) {
    it(`matches numpy std (ddof=1) and the zero-mean form on "${c.name}"`, () => {
      const r = returnsFromSeries(c.values, c.input, c.input === 'prices' ? 'log' : 'simple') /* a return series is measured as given */;
      const got = closeToCloseVol(r, { periodsPerYear: c.periodsPerYear });
      expect(got.observations).toBe(c.observations);
      expectRel(got.periodVol, c.close.periodVol, REL);
      expectRel(got.annualizedVol, c.close.annualizedVol, REL);
      expectRel(closeToCloseVol(r, { demean: false }).periodVol, c.close.zeroMeanPeriodVol, REL);
    });
  }

  it('rejects too few returns, non-finite returns and bad options', () => {
    const few = thrown(() => closeToCloseVol([0.01]));
    expect(few.code).toBe('INSUFFICIENT_DATA');
    expect(few.path).toEqual(['logReturns']);
    const nan = thrown(() => closeToCloseVol([0.01, Number.NaN, 0.02]));
    expect(nan.code).toBe('INVALID_INPUT');
    expect(nan.path).toEqual(['logReturns', 1]);
    expect(thrown(() => closeToCloseVol([0.01, 0.02], { periodsPerYear: 0 })).path).toEqual(['periodsPerYear']);
    expect(thrown(() => closeToCloseVol([0.01, 0.02], { periodsPerYear: Number.POSITIVE_INFINITY })).path).toEqual(['periodsPerYear']);
  });

  it('property: vol(c·r) = |c|·vol(r), demeaned or not (1,000 runs)', () => {
    fc.assert(
      fc.property(returns, fc.double({ min: 0.01, max: 100, noNaN: true }), fc.boolean(), fc.boolean(), (r, c, negative, demean) => {
        return scalesWithMultiplier((x) => closeToCloseVol(x, { demean }).periodVol, r, negative ? -c : c);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: annualised vol scales with √periodsPerYear (1,000 runs)', () => {
    fc.assert(
      fc.property(returns, fc.double({ min: 1, max: 1e5, noNaN: true }), fc.double({ min: 1, max: 1e5, noNaN: true }), (r, p1, p2) => {
        return scalesWithSqrtPeriods((x, periodsPerYear) => closeToCloseVol(x, { periodsPerYear }).annualizedVol, r, p1, p2);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: demeaned vol ignores a constant drift, vol(r + m) = vol(r) (1,000 runs)', () => {
    fc.assert(
      fc.property(returns, fc.integer({ min: -1000, max: 1000 }), (r, k) => {
        const m = k * 1e-4;
        const base = closeToCloseVol(r).periodVol;
        return Math.abs(closeToCloseVol(r.map((x) => x + m)).periodVol - base) <= 1e-9 * Math.max(base, 1e-6);
      }),
      { numRuns: 1000 },
    );
  });
});

describeWithSharedData('closeToCloseVol on real BTC closes', ['ohlcv/btc-usdt-1d.csv', 'ohlcv/btc-usdt-1h.csv'], () => {
  for (const c of fixture.real) {
    it(`${c.file}: matches numpy on the same file`, () => {
      const r = logReturns(parseSeriesCsv(readSharedData(c.file)).values);
      const got = closeToCloseVol(r, { periodsPerYear: c.periodsPerYear });
      expect(got.observations).toBe(c.observations);
      expectRel(got.periodVol, c.close.periodVol, REL);
      expectRel(got.annualizedVol, c.close.annualizedVol, REL);
      expectRel(closeToCloseVol(r, { demean: false }).periodVol, c.close.zeroMeanPeriodVol, REL);
    });
  }
});
