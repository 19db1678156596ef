import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseOhlcCsv } from '../../src/market/ohlc-csv.js';
import { requireIncreasingTimestamps } from '../../src/market/timestamps.js';
import { parseFundingCsv } from '../../src/funding/series.js';
import { venueRules } from '../../src/funding/venue-files.js';
import { describeWithSharedData, readSharedData } from '../helpers/shared-data.js';
import { backtestFundingPlan } from '../../src/backtest/funding-plan.js';
import { fundingSeries, MS_PER_HOUR } from '../../src/funding/series.js';
import type { LegVenue } from '../../src/funding/leg-model.js';

const DAY = 24 * MS_PER_HOUR;
const flat: LegVenue = { kind: 'flat', maintenanceRate: 0.005, maxLeverage: 20 };
const constantFunding = (rate: number) => {
  const times = Float64Array.from({ length: 300 }, (_, i) => i * 8 * MS_PER_HOUR);
  return fundingSeries(times, new Float64Array(300).fill(rate));
};
const bars = {
  times: Float64Array.from({ length: 100 }, (_, i) => i * DAY),
  open: new Float64Array(100).fill(100),
  close: new Float64Array(100).fill(100),
  high: new Float64Array(100).fill(100),
  low: new Float64Array(100).fill(100),
};

describe('backtestFundingPlan through the backtester\'s bar loop', () => {
  it('hand-worked: constant rates 0.0001 and 0.0003 per 8 h, a flat price: each 5-day hold earns Q·100·15·0.0002', () => {
    // Plan at t = day 10: filled at the close of bar 9 (at day 10), closed at the close of bar 14 (day 15);
    // the settlements of bars 10…14 (days 10, 10⅓, …, 14⅔: 15 of them) are charged at close 100.
    const b = backtestFundingPlan({
      venues: [{ name: 'a', series: constantFunding(0.0001), takerFee: 0.0005, rules: flat }, { name: 'b', series: constantFunding(0.0003), takerFee: 0.0005, rules: flat }],
      bars, equity: 10_000, windowDays: 10, horizonDays: 5, sigma: 0.5,
    });
    // Plans at days 10, 15, …, 90: the last hold must end by the last settlement (day 99⅔).
    expect(b.summary.steps).toBe(17);
    for (const s of b.steps) {
      expect([s.long, s.short]).toEqual(['a', 'b']);
      expect(s.carry).toBeCloseTo(s.quantity * 100 * 15 * 0.0002, 9);
      expect(s.costs).toBeCloseTo(2 * s.quantity * 100 * 0.001, 9);
      expect(s.funding.long).toBeCloseTo(s.quantity * 100 * 15 * 0.0001, 9);
      expect(s.funding.short).toBeCloseTo(-s.quantity * 100 * 15 * 0.0003, 9);
      // Flat price: the accounts change by the carry less the fees.
      expect(s.pnl).toBeCloseTo(s.carry - s.costs, 9);
      expect(s.liquidations).toBe(0);
      // The window's mean rate is the rate: the expected carry is the carry earned.
      expect(s.expectedCarry).toBeCloseTo(s.quantity * 100 * 0.0002 * 1095 * (5 / 365), 9);
      expect(s.worstLiquidationDistance).toBeGreaterThan(0);
    }
    expect(b.summary.liquidations).toBe(0);
    expect(b.summary.net).toBeCloseTo(b.summary.carry - b.summary.costs, 9);
    expect(b.summary.carry).toBeCloseTo(-(b.summary.funding.long + b.summary.funding.short), 9);
  });

  it('funding is valued at the last close at or before each settlement, as the backtester charges it', () => {
    // The price steps up 10 % from bar 12 on: the first hold (bars 10…14) pays 6 settlements (bars 10, 11) at
    // closes 9, 10 = 100, 3 (bar 12) at close[11] = 100, and 6 (bars 13, 14) at 110. The short, sized for
    // 3σ over 5 days (100·e^{3·0.5·√(5/365)} = 119.2), lives.
    const up = (x: number, i: number) => (i >= 12 ? 1.1 * x : x);
    const step = { times: bars.times, open: Float64Array.from(bars.open, up), close: Float64Array.from(bars.close, up), high: Float64Array.from(bars.high, up), low: Float64Array.from(bars.low, up) };
    const b = backtestFundingPlan({
      venues: [{ name: 'a', series: constantFunding(0.0001), takerFee: 0, rules: flat }, { name: 'b', series: constantFunding(0.0003), takerFee: 0, rules: flat }],
      bars: step, equity: 10_000, windowDays: 10, horizonDays: 5, sigma: 0.5,
    });
    const s = b.steps[0] as (typeof b.steps)[number];
    expect(s.liquidations).toBe(0);
    expect(s.carry).toBeCloseTo(s.quantity * 0.0002 * (9 * 100 + 6 * 110), 9);
    expect(s.funding.long).toBeCloseTo(s.quantity * 0.0001 * (9 * 100 + 6 * 110), 9);
    // Delta neutral: the legs' price PnL cancels, the accounts gain the carry.
    expect(s.pnl).toBeCloseTo(s.carry, 9);
  });

  it('a big bar liquidates the short leg intrabar at its liquidation price, and it earns no funding after', () => {
    // Bar 12's high reaches 200, far past the short's liquidation price (it survives up to ~119.2 and a bit more).
    const spike = { ...bars, high: Float64Array.from(bars.high, (x, i) => (i === 12 ? 200 : x)) };
    const b = backtestFundingPlan({
      venues: [{ name: 'a', series: constantFunding(0.0001), takerFee: 0, rules: flat }, { name: 'b', series: constantFunding(0.0003), takerFee: 0, rules: flat }],
      bars: spike, equity: 10_000, windowDays: 10, horizonDays: 5, sigma: 0.5,
    });
    const s = b.steps[0] as (typeof b.steps)[number];
    expect(s.liquidations).toBe(1);
    expect(s.worstLiquidationDistance).toBeLessThan(0);
    // The short received the settlements of bars 10 and 11 only (none in the bar it was liquidated in).
    expect(s.funding.short).toBeCloseTo(-s.quantity * 100 * 6 * 0.0003, 9);
    expect(s.funding.long).toBeCloseTo(s.quantity * 100 * 15 * 0.0001, 9);
    expect(b.steps.slice(1).every((x) => x.liquidations === 0)).toBe(true);
  });

  it('counts a liquidation when the price path crosses a leg', () => {
    const crash = { ...bars, low: Float64Array.from(bars.low, (x, i) => (i === 12 ? 10 : x)) };
    const b = backtestFundingPlan({
      venues: [{ name: 'a', series: constantFunding(0.0001), takerFee: 0, rules: flat }, { name: 'b', series: constantFunding(0.0003), takerFee: 0, rules: flat }],
      bars: crash, equity: 10_000, windowDays: 10, horizonDays: 5, sigma: 0.5,
    });
    expect(b.summary.liquidations).toBe(1);
    expect(b.steps[0]?.liquidations).toBe(1);
    expect(b.steps[0]?.worstLiquidationDistance).toBeLessThan(0);
    // The long leg's account is gone: the step loses its margin, the short leg's gain at a flat close is 0.
  });

  it('refuses files that share less than a window and a hold', () => {
    expect(() => backtestFundingPlan({
      venues: [{ name: 'a', series: constantFunding(0.0001), takerFee: 0, rules: flat }, { name: 'b', series: constantFunding(0.0003), takerFee: 0, rules: flat }],
      bars, equity: 10_000, windowDays: 99, horizonDays: 5, sigma: 0.5,
    })).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_DATA' }));
  });
});

const walk = (JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/funding/estimates.json', import.meta.url)), 'utf8')) as {
  walkForward: { files: string[]; windowDays: number; holdDays: number; steps: ({ from: string } & Record<string, number | string>)[] };
}).walkForward;

describeWithSharedData('backtestFundingPlan on Bybit and Gate BTC (2021–2023) against pandas hold sums valued at the closes', [...walk.files.map((f) => `funding/${f}`), 'ohlcv/btc-usdt-1d.csv'], () => {
  it('every step without a liquidation earns Q·(Σ r·close_short − Σ r·close_long) of the pandas sums; the long is the venue with the lower window mean', () => {
    const ohlc = parseOhlcCsv(readSharedData('ohlcv/btc-usdt-1d.csv'));
    const bars = { times: requireIncreasingTimestamps(ohlc.timestamps ?? [], ['t']), open: ohlc.open, close: ohlc.close, high: ohlc.high, low: ohlc.low };
    const venues = walk.files.map((f) => {
      const name = f.split('-')[0] as string;
      const r = venueRules(name, 'btcusdt');
      return { name, file: f, series: parseFundingCsv(readSharedData(`funding/${f}`)), takerFee: 0.0005, rules: r.rules, ...(r.lotStep === undefined ? {} : { lotStep: r.lotStep }) };
    });
    const b = backtestFundingPlan({ venues, bars, equity: 10_000, windowDays: walk.windowDays, horizonDays: walk.holdDays, k: 4 });
    expect(b.steps.map((s) => s.from)).toEqual(walk.steps.map((s) => s.from));
    b.steps.forEach((s, i) => {
      const ref = walk.steps[i] as Record<string, number>;
      const fileOf = (v: string) => (venues.find((x) => x.name === v) as { file: string }).file;
      const perUnit = (ref[fileOf(s.short)] as number) - (ref[fileOf(s.long)] as number);
      expect(s.price).toBe(ref.price);
      if (s.liquidations === 0) expect(s.carry).toBeCloseTo(s.quantity * perUnit, 9);
      // The plan's expected carry is ≥ 0: the short sits on the higher window mean.
      expect(s.expectedCarry).toBeGreaterThanOrEqual(0);
    });
    expect(b.summary.worstLiquidationDistance).toBeLessThan(1);
  });
});
