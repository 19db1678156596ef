import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ewmaBackcast, ewmaVariance, ewmaVol, RISKMETRICS_LAMBDA } from '../../src/volatility/ewma.js';
import { logReturns, returnsFromSeries } from '../../src/market/returns.js';
import { parseSeriesCsv } from '../../src/market/csv.js';
import { describeWithSharedData, readSharedData } from '../helpers/shared-data.js';
import { thrown, expectRel } from '../helpers/assert.js';

import { fixture, REL } from './fixture.js';
import { logReturnGrid, scalesWithMultiplier, scalesWithSqrtPeriods } from './properties.js';

const returns = logReturnGrid(120);
const lambda = fc.double({ min: 0.5, max: 0.999, noNaN: true });

describe('ewmaBackcast (arch convention)', () => {
  it('is the 0.94^i-weighted mean of the first squared returns', () => {
    expect(ewmaBackcast([0.02])).toBeCloseTo(0.0004, 18);
    expectRel(ewmaBackcast([0.01, 0.02]), (0.0001 + 0.94 * 0.0004) / 1.94, 1e-15);
  });

  it('uses only the first 75 returns', () => {
    const r = Array.from({ length: 100 }, (_, i) => 0.001 * ((i % 7) - 3));
    const changedLate = r.map((x, i) => (i >= 75 ? 0.5 : x));
    expect(ewmaBackcast(changedLate)).toBe(ewmaBackcast(r));
    const changedEarly = r.map((x, i) => (i === 74 ? 0.5 : x));
    expect(ewmaBackcast(changedEarly)).toBeGreaterThan(ewmaBackcast(r));
  });
});

describe('ewmaVariance', () => {
  it('hand example: σ²_1 = 0.94·σ²_0 + 0.06·r_0², and the last entry is the forecast', () => {
    const v = ewmaVariance([0.01, 0.02], 0.94, 0.0001);
    expect(v.length).toBe(3);
    expect(v[0]).toBe(0.0001);
    expectRel(v[1] as number, 0.94 * 0.0001 + 0.06 * 0.0001, 1e-15);
    expectRel(v[2] as number, 0.94 * (v[1] as number) + 0.06 * 0.0004, 1e-15);
  });

  it('defaults to λ = 0.94 and the arch backcast', () => {
    expect(RISKMETRICS_LAMBDA).toBe(0.94);
    const r = [0.01, -0.03, 0.02];
    expect([...ewmaVariance(r)]).toEqual([...ewmaVariance(r, 0.94, ewmaBackcast(r))]);
  });
});

describe('ewmaVol', () => {
  for (const c of fixture.synthetic) {
    it(`matches pandas ewm(adjust=False) over the backcast-prepended squared returns on "${c.name}"`, () => {
      const r = returnsFromSeries(c.values, c.input, c.input === 'prices' ? 'log' : 'simple') /* a return series is measured as given */;
      const got = ewmaVol(r, { lambda: c.ewma.lambda, periodsPerYear: c.periodsPerYear, includeVariances: true });
      expect(got.observations).toBe(c.observations);
      expect(got.lambda).toBe(c.ewma.lambda);
      expectRel(got.periodVol, c.ewma.periodVol, REL);
      expectRel(got.annualizedVol, c.ewma.annualizedVol, REL);
      expectRel(ewmaBackcast(r), c.ewma.backcast, REL);
      const expected = c.ewma.variances ?? [];
      expect(got.variances?.length).toBe(expected.length);
      expected.forEach((v, i) => expectRel(got.variances?.[i] ?? Number.NaN, v, REL));
    });
  }

  it('returns the variance path only when asked', () => {
    const r = [0.01, -0.02, 0.015];
    expect('variances' in ewmaVol(r)).toBe(false);
    const withPath = ewmaVol(r, { includeVariances: true });
    expect(withPath.variances).toBeInstanceOf(Float64Array);
    expect(withPath.variances?.length).toBe(3);
    expect(withPath.periodVol).toBeCloseTo(0.015487486, 9);
  });

  it('rejects too few returns, non-finite returns and bad options', () => {
    const few = thrown(() => ewmaVol([0.01]));
    expect(few.code).toBe('INSUFFICIENT_DATA');
    expect(few.path).toEqual(['returns']);
    expect(thrown(() => ewmaVol([0.01, Number.POSITIVE_INFINITY])).path).toEqual(['returns', 1]);
    for (const bad of [0, 1, 1.5, -0.1, Number.NaN]) {
      const e = thrown(() => ewmaVol([0.01, 0.02], { lambda: bad }));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.path).toEqual(['lambda']);
    }
    expect(thrown(() => ewmaVol([0.01, 0.02], { periodsPerYear: -365 })).path).toEqual(['periodsPerYear']);
  });

  it('property: every variance, backcast and forecast included, lies in [min r², max r²] (1,000 runs)', () => {
    fc.assert(
      fc.property(returns, lambda, (r, lam) => {
        const sq = r.map((x) => x * x);
        const lo = Math.min(...sq) * (1 - 1e-12);
        const hi = Math.max(...sq) * (1 + 1e-12);
        return ewmaVariance(r, lam).every((v) => v >= lo && v <= hi);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: vol(c·r) = |c|·vol(r) (1,000 runs)', () => {
    fc.assert(
      fc.property(returns, lambda, fc.double({ min: 0.01, max: 100, noNaN: true }), fc.boolean(), (r, lam, c, negative) => {
        return scalesWithMultiplier((x) => ewmaVol(x, { lambda: lam }).periodVol, r, negative ? -c : c);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: annualised vol scales with √periodsPerYear (1,000 runs)', () => {
    fc.assert(
      fc.property(returns, fc.double({ min: 1, max: 1e5, noNaN: true }), fc.double({ min: 1, max: 1e5, noNaN: true }), (r, p1, p2) => {
        return scalesWithSqrtPeriods((x, periodsPerYear) => ewmaVol(x, { periodsPerYear }).annualizedVol, r, p1, p2);
      }),
      { numRuns: 1000 },
    );
  });
});

describeWithSharedData('ewmaVol on real BTC closes', ['ohlcv/btc-usdt-1d.csv', 'ohlcv/btc-usdt-1h.csv'], () => {
  for (const c of fixture.real) {
    it(`${c.file}: matches pandas on the same file`, () => {
      const r = logReturns(parseSeriesCsv(readSharedData(c.file)).values);
      const got = ewmaVol(r, { lambda: c.ewma.lambda, periodsPerYear: c.periodsPerYear });
      expect(got.observations).toBe(c.observations);
      expectRel(ewmaBackcast(r), c.ewma.backcast, REL);
      expectRel(got.periodVol, c.ewma.periodVol, REL);
      expectRel(got.annualizedVol, c.ewma.annualizedVol, REL);
    });
  }
});
