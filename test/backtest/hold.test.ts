/**
 * holdPosition: one position held over a window through the bar loop, on an account of its
 * isolated margin (hand-worked liquidation prices of the flat rule and of a venue's tiers).
 */
import { describe, expect, it } from 'vitest';
import { holdPosition } from '../../src/backtest/hold.js';
import { flatRule, liquidationPrice } from '../../src/backtest/margin.js';
import { venueRule } from '../../src/backtest/venue-rule.js';

const flat = flatRule(0.005);

describe('holdPosition', () => {
  it('a long of 1 at 100 on 10 of margin: LP = (10 − 100)/(0.005 − 1) = 90.452…; a low of 89 liquidates it there', () => {
    const r = holdPosition({ open: [100, 100, 100], high: [100, 100, 100], low: [100, 89, 100], close: [100, 95, 100] }, null, { from: 0, to: 2, quantity: 1, margin: 10, feeRate: 0, rule: flat });
    expect(r.liquidated).toBe(true);
    expect(r.liquidatedAt).toBe(1);
    // The account loses its margin and nothing else.
    expect(r.pnl).toBeCloseTo(-10, 9);
    expect(r.worstLiquidationDistance).toBeCloseTo((89 - 90 / 0.995) / 89, 12);
  });

  it('a short of 2 at 100 on 20 of margin: LP = (20 + 200)/(2·1.005) = 109.45…; a high of 109 does not reach it', () => {
    const r = holdPosition({ open: [100, 100], high: [100, 109], low: [100, 100], close: [100, 105] }, null, { from: 0, to: 1, quantity: -2, margin: 20, feeRate: 0.001, rule: flat });
    expect(r.liquidated).toBe(false);
    expect(r.worstLiquidationDistance).toBeCloseTo(((220 / 2.01) - 109) / 109, 12);
    // Fees 0.001·(2·100 + 2·105); the PnL −2·5 less them.
    expect(r.fees).toBeCloseTo(0.41, 12);
    expect(r.pnl).toBeCloseTo(-10 - 0.41, 12);
  });

  it('funding paid out of the margin moves the liquidation price: a window from bar 1, paid on the position held', () => {
    // Held over bars 2 and 3 (filled at close 1). Bar 2 settles 1 %: 0.01·1·100 = 1 out of the margin,
    // so over bar 3 the balance at P0 = 100 is 9: LP = (9 − 100)/(0.005 − 1).
    const bars = { open: [100, 100, 100, 100], high: [100, 100, 100, 100], low: [100, 100, 100, 91], close: [100, 100, 100, 100] };
    const r = holdPosition(bars, [0, 0, 0.01, 0], { from: 1, to: 3, quantity: 1, margin: 10, feeRate: 0, rule: flat });
    expect(r.funding).toBeCloseTo(1, 12);
    expect(r.worstLiquidationDistance).toBeCloseTo((91 - 91 / 0.995) / 91, 12);
    expect(r.liquidated).toBe(true);
  });

  it('a venue rule: Binance BTCUSDT tiers, as the bar loop solves them', () => {
    const rule = venueRule('binance-usdm', 'BTCUSDT');
    const r = holdPosition({ open: [60_000, 60_000], high: [60_000, 60_000], low: [60_000, 59_000], close: [60_000, 59_500] }, null, { from: 0, to: 1, quantity: 0.5, margin: 3000, feeRate: 0, rule });
    const lp = liquidationPrice(rule, 0.5, 60_000, 3000, 60_000);
    expect(r.worstLiquidationDistance).toBeCloseTo((59_000 - lp) / 59_000, 12);
    expect(r.liquidated).toBe(false);
  });

  it('dYdX: one margin row, MMF = IMF 5 % × MF 60 % = 3 % on the value at the price', () => {
    const rule = venueRule('dydx', 'BTC-USD');
    expect(rule.tiers[1]).toBeCloseTo(0.03, 15);
    // 1 BTC long at 50,000 on 5,000: LP = (5000 − 50000)/(0.03 − 1).
    expect(liquidationPrice(rule, 1, 50_000, 5000, 50_000)).toBeCloseTo(45_000 / 0.97, 6);
  });

  it('refuses a window outside the bars, a zero quantity and a margin ≤ 0', () => {
    const b = { open: [1, 1], high: [1, 1], low: [1, 1], close: [1, 1] };
    expect(() => holdPosition(b, null, { from: 0, to: 2, quantity: 1, margin: 1, feeRate: 0, rule: flat })).toThrow(/window/);
    expect(() => holdPosition(b, null, { from: 0, to: 1, quantity: 0, margin: 1, feeRate: 0, rule: flat })).toThrow(/quantity/);
    expect(() => holdPosition(b, null, { from: 0, to: 1, quantity: 1, margin: 0, feeRate: 0, rule: flat })).toThrow(/margin/);
  });
});
