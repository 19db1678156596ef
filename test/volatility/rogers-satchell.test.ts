import { describe, expect, it } from 'vitest';
import { rogersSatchellVariance, rogersSatchellVol } from '../../src/volatility/rogers-satchell.js';
import { expectRel } from '../helpers/assert.js';
import { rangeEstimatorSuite } from './ohlc-fixture.js';

describe('rogersSatchellVol', () => {
  it('hand example: ln(H/C)·ln(H/O) + ln(L/C)·ln(L/O) per bar', () => {
    const bars = { open: [100, 104], high: [110, 106], low: [100, 101], close: [105, 102] };
    const term = (o: number, h: number, l: number, c: number) => Math.log(h / c) * Math.log(h / o) + Math.log(l / c) * Math.log(l / o);
    const want = (term(100, 110, 100, 105) + term(104, 106, 101, 102)) / 2;
    expectRel(rogersSatchellVariance(bars), want, 1e-15);
    const r = rogersSatchellVol(bars);
    expectRel(r.periodVol, Math.sqrt(want), 1e-15);
    expect(r.observations).toBe(2);
  });

  it('a bar that opens at its low and closes at its high contributes zero (pure drift)', () => {
    expect(rogersSatchellVol({ open: [100], high: [110], low: [100], close: [110] }).periodVol).toBe(0);
  });
});

rangeEstimatorSuite('rogers-satchell', rogersSatchellVol, 1);
