import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { logReturns, requireFiniteSeries, returnsFromSeries, simpleReturns } from '../../src/market/returns.js';
import { thrown } from '../helpers/assert.js';

/** Prices as positive doubles on a realistic range, without subnormals. */
const prices = fc.array(fc.double({ min: 1e-4, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 60 });

describe('simpleReturns / logReturns', () => {
  it('R_t = P_t/P_{t−1} − 1 and r_t = ln(P_t/P_{t−1})', () => {
    const s = simpleReturns([100, 110, 99]);
    expect(s).toBeInstanceOf(Float64Array);
    expect(s.length).toBe(2);
    expect(s[0]).toBeCloseTo(0.1, 15);
    expect(s[1]).toBeCloseTo(-0.1, 15);
    const l = logReturns(new Float64Array([100, 200, 100]));
    expect(l[0]).toBe(Math.LN2);
    expect(l[1]).toBe(-Math.LN2);
  });

  it('rejects a non-positive price with its index', () => {
    for (const bad of [-5, 0]) {
      const e = thrown(() => logReturns([100, bad, 101]));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.path).toEqual(['prices', 1]);
    }
    expect(thrown(() => simpleReturns([100, 101, Number.NaN])).path).toEqual(['prices', 2]);
    expect(thrown(() => simpleReturns([100, Number.POSITIVE_INFINITY])).path).toEqual(['prices', 1]);
  });

  it('needs at least 2 prices and an array', () => {
    const e = thrown(() => simpleReturns([100]));
    expect(e.code).toBe('INSUFFICIENT_DATA');
    expect(e.path).toEqual(['prices']);
    expect(thrown(() => logReturns('1,2' as unknown as number[])).code).toBe('INVALID_INPUT');
  });

  it('refuses a return that overflows instead of returning Infinity', () => {
    const e = thrown(() => simpleReturns([1e-300, 1e300]));
    expect(e.code).toBe('NON_FINITE_RESULT');
    expect(e.path).toEqual(['prices', 1]);
  });

  it('property: log returns telescope, Σ r_t = ln(P_n/P_0) (1,000 runs)', () => {
    fc.assert(
      fc.property(prices, (p) => {
        const sum = logReturns(p).reduce((a, b) => a + b, 0);
        const expected = Math.log((p[p.length - 1] as number) / (p[0] as number));
        return Math.abs(sum - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
      }),
      { numRuns: 1000 },
    );
  });

  it('property: r_t = ln(1 + R_t) (1,000 runs)', () => {
    fc.assert(
      fc.property(prices, (p) => {
        const s = simpleReturns(p);
        // R = P_t/P_{t−1} − 1 carries an absolute rounding error ~ε, which ln(1 + R) magnifies by 1/(1 + R).
        return logReturns(p).every((r, i) => {
          const R = s[i] as number;
          return Math.abs(r - Math.log1p(R)) <= 1e-12 * Math.max(1, Math.abs(r)) + (2 * Number.EPSILON) / (1 + R);
        });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('returnsFromSeries', () => {
  it('from prices: simple or log returns', () => {
    expect([...returnsFromSeries([100, 200], 'prices', 'log')]).toEqual([Math.LN2]);
    expect([...returnsFromSeries([100, 200], 'prices', 'simple')]).toEqual([1]);
  });

  it('from simple returns: used as given, or as ln(1 + R)', () => {
    expect([...returnsFromSeries([0.1, -0.5], 'returns', 'simple')]).toEqual([0.1, -0.5]);
    expect([...returnsFromSeries([0.1, -0.5], 'returns', 'log')]).toEqual([Math.log1p(0.1), Math.log(0.5)]);
    expect(returnsFromSeries([0.02], 'returns', 'log').length).toBe(1);
  });

  it('uses simple returns as given unless they are compounded: percent returns below −1 pass', () => {
    expect([...returnsFromSeries([1.2, -3.5], 'returns', 'simple')]).toEqual([1.2, -3.5]);
    expect(thrown(() => returnsFromSeries([1.2, -3.5], 'returns', 'log')).path).toEqual(['values', 1]);
    expect(thrown(() => returnsFromSeries([0.1, -1], 'returns', 'simple', { compounded: true })).message).toMatch(/log-returns/);
  });

  it('from log returns: as given (any finite value), or compounded to e^r − 1', () => {
    expect([...returnsFromSeries([-2.5, 0.3], 'log-returns', 'log')]).toEqual([-2.5, 0.3]);
    expect([...returnsFromSeries([Math.log(0.5), -2.5], 'log-returns', 'simple')]).toEqual([Math.expm1(Math.log(0.5)), Math.expm1(-2.5)]);
    expect(thrown(() => returnsFromSeries([800], 'log-returns', 'simple')).code).toBe('NON_FINITE_RESULT');
  });

  it('rejects a compounded simple return ≤ −1 and a non-finite value with the index', () => {
    const e = thrown(() => returnsFromSeries([0.1, -1], 'returns', 'log'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['values', 1]);
    expect(thrown(() => returnsFromSeries([0.1, 0.2, Number.NaN], 'returns', 'log')).path).toEqual(['values', 2]);
    expect(thrown(() => returnsFromSeries([100, -1], 'prices', 'log')).path).toEqual(['values', 1]);
  });

  it('rejects empty data and unknown modes', () => {
    expect(thrown(() => returnsFromSeries([], 'returns', 'log')).code).toBe('INSUFFICIENT_DATA');
    expect(thrown(() => returnsFromSeries([1, 2], 'price' as 'prices', 'log')).path).toEqual(['input']);
    expect(thrown(() => returnsFromSeries([1, 2], 'prices', 'ln' as 'log')).path).toEqual(['kind']);
  });
});

describe('requireFiniteSeries', () => {
  it('passes a finite series and names the first bad entry under the given path', () => {
    expect(() => requireFiniteSeries(new Float64Array([1, -2]), ['returns'], 2)).not.toThrow();
    expect(thrown(() => requireFiniteSeries([1, Number.NEGATIVE_INFINITY], ['a', 'b'], 1)).path).toEqual(['a', 'b', 1]);
    expect(thrown(() => requireFiniteSeries([1], ['returns'], 2)).code).toBe('INSUFFICIENT_DATA');
  });
});
