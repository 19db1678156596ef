import { describe, expect, it } from 'vitest';
import { garmanKlassVariance, garmanKlassVol } from '../../src/volatility/garman-klass.js';
import { expectRel } from '../helpers/assert.js';
import { rangeEstimatorSuite } from './ohlc-fixture.js';

describe('garmanKlassVol', () => {
  it('hand example: ½ ln(H/L)² − (2 ln 2 − 1) ln(C/O)² per bar', () => {
    const bar = { open: [100], high: [110], low: [100], close: [105] };
    const want = 0.5 * Math.log(1.1) ** 2 - (2 * Math.log(2) - 1) * Math.log(1.05) ** 2;
    expectRel(garmanKlassVariance(bar), want, 1e-15);
    const r = garmanKlassVol(bar, { periodsPerYear: 8760 });
    expectRel(r.periodVol, Math.sqrt(want), 1e-15);
    expectRel(r.annualizedVol, Math.sqrt(want * 8760), 1e-15);
    expect(r.observations).toBe(1);
  });

  it('open or close outside [low, high] is INVALID_INPUT at the bar', () => {
    const bars = { open: [100, 101], high: [102, 103], low: [99, 100], close: [101, 103.5] };
    expect(() => garmanKlassVol(bars)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', path: ['ohlc', 'close', 1] }));
    expect(() => garmanKlassVol({ ...bars, close: [101, 102], open: [98, 101] })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', path: ['ohlc', 'open', 0] }),
    );
  });
});

rangeEstimatorSuite('garman-klass', garmanKlassVol, 1);
