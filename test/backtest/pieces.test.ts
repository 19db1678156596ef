import { describe, expect, it } from 'vitest';
import { barsFromCcxt, barsPerYear, sliceBars } from '../../src/backtest/bars.js';
import { fundingPerBar } from '../../src/backtest/funding.js';
import { curveMetrics } from '../../src/backtest/metrics.js';
import { hindsightLeverage } from '../../src/backtest/hindsight.js';
import { parsePolicy } from '../../src/backtest/policies/spec.js';
import { trendSignal } from '../../src/backtest/policies/signal.js';
import { universalLeverage } from '../../src/backtest/policies/universal.js';
import { expandGrid } from '../../src/backtest/sweep.js';
import { backtest } from '../../src/backtest/backtest.js';
import { thrown } from '../helpers/assert.js';

const H = 3_600_000;

describe('bars and funding', () => {
  it('reads ccxt OHLCV rows and refuses inconsistent bars', () => {
    const bars = barsFromCcxt([[0, 100, 110, 95, 105, 1], [H, 105, 106, 99, 100, 2], [2 * H, 100, 101, 98, 99, 3]]);
    expect(Array.from(bars.close)).toEqual([105, 100, 99]);
    expect(barsPerYear(bars.time)).toBe(8760);
    expect(thrown(() => barsFromCcxt([[0, 100, 90, 95, 105, 1], [H, 1, 1, 1, 1, 1]])).code).toBe('INVALID_INPUT');
    expect(thrown(() => barsFromCcxt([[0, 100, 110, 95, 105, 1]])).code).toBe('INSUFFICIENT_DATA');
    expect(sliceBars(bars, H).close.length).toBe(2);
  });

  it('a ccxt backtest equals a CSV-shaped one', () => {
    const rows = [[0, 100, 100, 100, 100, 0], [H, 100, 120, 100, 120, 0], [2 * H, 120, 120, 90, 90, 0]];
    const r = backtest({ bars: barsFromCcxt(rows) }, { policies: ['fixed-leverage:1'], mmr: 0 });
    // 1× from 100 to 90: 10,000 × 0.9
    expect(r.policies[0]?.finalEquity).toBeCloseTo(9_000, 9);
  });

  it('funding at τ goes to the bar holding the position at τ; before the first close it is dropped', () => {
    // bars at 0h, 1h, 2h (the last closes at 3h); settlements at 0.5h (dropped), 1h, 2.5h, 3h (after the end: dropped)
    const f = fundingPerBar(Float64Array.of(0, H, 2 * H), { time: Float64Array.of(0.5 * H, H, 2.5 * H, 3 * H), rate: Float64Array.of(1, 2, 3, 4) });
    expect(Array.from(f)).toEqual([0, 2, 3]);
  });
});

describe('metrics (worked by hand)', () => {
  it('a 3-bar curve 100 → 110 → 99 from 100, daily', () => {
    // returns 0.1, −0.1: mean 0, sd = √(0.02/1) = 0.141421; years = 2/365
    const m = curveMetrics(Float64Array.of(100, 110, 99), 100, 365);
    expect(m.maxDrawdown).toBeCloseTo(0.1, 15);
    expect(m.sharpe).toBeCloseTo(0, 12);
    expect(m.volatility).toBeCloseTo(Math.sqrt(0.02) * Math.sqrt(365), 12);
    expect(m.logGrowth).toBeCloseTo(Math.log(0.99) / (2 / 365), 12);
    expect(m.cagr).toBeCloseTo(0.99 ** (365 / 2) - 1, 12);
    expect(m.maxDrawdownDuration).toBe(1);
    expect(m.timeUnderWater).toBeCloseTo(1 / 3, 15);
    // Sortino: downside √(0.01/1) = 0.1 → 0
    expect(m.sortino).toBeCloseTo(0, 12);
    expect(m.calmar).toBeCloseTo(m.cagr / 0.1, 12);
  });

  it('the initial equity is the first peak; a flat curve has no ratios', () => {
    const m = curveMetrics(Float64Array.of(95, 96, 97), 100, 365);
    expect(m.maxDrawdown).toBeCloseTo(0.05, 15);
    expect(curveMetrics(Float64Array.of(100, 100, 100), 100, 365)).toMatchObject({ sharpe: null, sortino: null, calmar: null, maxDrawdown: 0 });
  });

  it('a ruined curve: CAGR −1, no log growth', () => {
    expect(curveMetrics(Float64Array.of(100, 50, 0, 0), 100, 365)).toMatchObject({ cagr: -1, logGrowth: null, maxDrawdown: 1, finalEquity: 0 });
  });

  it('hindsight: returns 0.1 and −0.05 → the best constant leverage is 5', () => {
    // d/dℓ [ln(1 + 0.1ℓ) + ln(1 − 0.05ℓ)] = 0.1/(1 + 0.1ℓ) − 0.05/(1 − 0.05ℓ) = 0 → ℓ = 5
    const h = hindsightLeverage(Float64Array.of(100, 110, 104.5), 365);
    expect(h.leverage).toBeCloseTo(5, 10);
    expect(h.logGrowth).toBeCloseTo(((Math.log(1.5) + Math.log(0.75)) / 2) * 365, 10);
    expect(hindsightLeverage(Float64Array.of(100, 110, 120), 365)).toEqual({ leverage: null, logGrowth: null });
  });
});

describe('policies', () => {
  it('SPEC strings', () => {
    expect(parsePolicy('fixed-leverage:2.5')).toEqual({ kind: 'fixed-leverage', param: 2.5, text: 'fixed-leverage:2.5' });
    expect(parsePolicy('sizer').kind).toBe('sizer');
    for (const bad of ['kelly', 'kelly:0', 'fixed-risk:2', 'universal:-1', 'sizer:1', 'vol-target:abc', 'half-kelly:1']) expect(thrown(() => parsePolicy(bad)).code).toBe('INVALID_INPUT');
  });

  it('grids', () => {
    expect(expandGrid('kelly:0.1..1.0/0.1')).toEqual(['kelly:0.1', 'kelly:0.2', 'kelly:0.3', 'kelly:0.4', 'kelly:0.5', 'kelly:0.6', 'kelly:0.7', 'kelly:0.8', 'kelly:0.9', 'kelly:1']);
    expect(expandGrid('sizer')).toEqual(['sizer']);
    expect(thrown(() => expandGrid('kelly:0..1/0.5')).code).toBe('INVALID_INPUT'); // kelly:0 is not a policy
  });

  it('trend signal', () => {
    expect(Array.from(trendSignal(Float64Array.of(1, 2, 3, 2, 1), 1, 2))).toEqual([0, 1, 1, -1, -1]);
  });

  it('universal leverage after one return r with L = 1 is (1/2 + r/3)/(1 + r/2)', () => {
    const l = universalLeverage(Float64Array.of(100, 110), 1);
    expect(l[0]).toBeCloseTo(0.5, 14);
    expect(l[1]).toBeCloseTo((0.5 + 0.1 / 3) / 1.05, 14);
  });
});
