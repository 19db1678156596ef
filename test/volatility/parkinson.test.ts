import { describe, expect, it } from 'vitest';
import { parkinsonVariance, parkinsonVol } from '../../src/volatility/parkinson.js';
import { expectRel } from '../helpers/assert.js';
import { rangeEstimatorSuite } from './ohlc-fixture.js';

describe('parkinsonVol', () => {
  it('hand example: mean of ln(H/L)² over 4 ln 2', () => {
    const want = Math.sqrt((Math.log(1.1) ** 2 + Math.log(104 / 98) ** 2) / (2 * 4 * Math.LN2));
    const r = parkinsonVol({ high: [110, 104], low: [100, 98] });
    expectRel(r.periodVol, want, 1e-15);
    expectRel(r.annualizedVol, want * Math.sqrt(365), 1e-15);
    expect(r.observations).toBe(2);
    expectRel(parkinsonVariance({ high: [110], low: [100] }), Math.log(1.1) ** 2 / (4 * Math.LN2), 1e-15);
  });

  it('needs only high and low; open and close, when given, are checked', () => {
    expect(parkinsonVol({ high: [110], low: [100] }).periodVol).toBeGreaterThan(0);
    expect(() => parkinsonVol({ high: [110], low: [100], open: [111], close: [105] } as never)).toThrow(/open/);
  });

  it('a bar with no range has zero volatility', () => {
    expect(parkinsonVol({ high: [100, 100], low: [100, 100] }).periodVol).toBe(0);
  });
});

rangeEstimatorSuite('parkinson', parkinsonVol, 1);
