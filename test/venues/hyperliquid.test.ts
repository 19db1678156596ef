/**
 * Hyperliquid: the docs' liquidation formula
 *   liq_price = price − side·margin_available/position_size/(1 − l·side),  l = 1/(2·maxLev)
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations) against the generic
 * solver, the margin-tier deductions, tier iteration and errors.
 */
import { describe, expect, it } from 'vitest';
import { hyperliquid } from '../../src/venues/hyperliquid.js';
import { INSTRUMENTS } from '../../src/venues/snapshots/hyperliquid.js';
import type { LiquidationInput, Position, Tier } from '../../src/venues/types.js';
import { pnlAt, thrown } from './helpers.js';

const BTC = INSTRUMENTS.BTC!;
const ETH = INSTRUMENTS.ETH!;
const btc = (side: 'long' | 'short', quantity: number, entryPrice: number, markPrice = entryPrice): Position => ({
  symbol: 'BTC', side, quantity, entryPrice, markPrice,
});
const isolated = (position: Position, collateral: number, leverage = 10): LiquidationInput => ({
  instrument: BTC, position, marginMode: 'isolated', collateral, leverage,
});

/** The docs' formula at `price`, with margin_available = margin balance − MM there, l and deduction of `tier`. */
function docsLiquidationPrice(position: Position, collateral: number, price: number, tier: Tier): number {
  const side = position.side === 'long' ? 1 : -1;
  const l = tier.maintenanceMarginRate;
  const marginAvailable = collateral + pnlAt(BTC, position, price) - (position.quantity * price * l - tier.maintenanceAmount);
  return price - (side * marginAvailable) / position.quantity / (1 - l * side);
}

describe('hyperliquid liquidation = the docs formula', () => {
  it.each([
    ['long, tier 1', btc('long', 1, 70_000), 7_000],
    ['short, tier 1', btc('short', 1, 70_000), 7_000],
    ['long at a mark away from entry', btc('long', 2, 70_000, 68_000), 10_000],
    ['short at a mark away from entry', btc('short', 2, 70_000, 71_000), 10_000],
    ['long, tier 2 (deduction 1,875,000)', btc('long', 3_000, 70_000), 21_000_000],
  ])('%s', (_, position, collateral) => {
    const r = hyperliquid.liquidation(isolated(position, collateral, 10));
    const mark = position.markPrice!;
    expect(r.liquidationPrice!).toBeCloseTo(docsLiquidationPrice(position, collateral, mark, r.tier), 7);
    expect(r.liquidationPrice!).toBeCloseTo(docsLiquidationPrice(position, collateral, position.entryPrice, r.tier), 7);
  });

  it('long 1 BTC @ 70,000, 10x isolated: (70,000 − 7,000)/(1 − 1.25 %) = 63,797.47', () => {
    const r = hyperliquid.liquidation(isolated(btc('long', 1, 70_000), 7_000));
    expect(r.liquidationPrice!).toBeCloseTo(63_000 / 0.9875, 8);
    expect(r.maintenanceMargin).toBeCloseTo(875, 9);
    expect(r.initialMargin).toBe(7_000);
  });
});

describe('hyperliquid tiers', () => {
  it('short 2,000 BTC @ 70,000 (140M, tier 1) liquidates at a 152M notional: tier 2 with its deduction', () => {
    const position = btc('short', 2_000, 70_000);
    const r = hyperliquid.liquidation(isolated(position, 14_000_000));
    expect(r.tier.tier).toBe(2);
    expect(r.iterations).toBe(2);
    expect(r.liquidationPrice!).toBeCloseTo((70_000 + (14_000_000 + 1_875_000) / 2_000) / (1 + 0.025), 8); // 76,036.59
    expect(r.liquidationPrice! * 2_000).toBeGreaterThan(150_000_000);
    expect(r.liquidationPrice!).toBeCloseTo(docsLiquidationPrice(position, 14_000_000, 70_000, r.tier), 7);
  });

  it('ETH: MM = notional × 3.33 % − 1,333,333.33 above 100M', () => {
    const m = hyperliquid.positionMargin(ETH, { symbol: 'ETH', side: 'long', quantity: 50_000, entryPrice: 3_000 }, 3_000, 10);
    expect(m.tier.tier).toBe(2);
    expect(m.maintenanceMargin).toBeCloseTo(150_000_000 / 30 - 100_000_000 * (1 / 30 - 1 / 50), 4);
  });

  it('leverage is capped by the tier (BTC 40x, then 20x); the top tier has no cap, so no ABOVE_MAX_TIER', () => {
    expect(thrown(() => hyperliquid.liquidation(isolated(btc('long', 1, 70_000), 7_000, 50))).message).toContain('40');
    expect(thrown(() => hyperliquid.liquidation(isolated(btc('long', 3_000, 70_000), 7e6, 25))).message).toContain('20');
    expect(hyperliquid.liquidation(isolated(btc('long', 1e6, 70_000), 7e9)).tier.tier).toBe(2);
  });

  it('cross: account value − MM with the other positions at their marks', () => {
    const eth: Position = { symbol: 'ETH', side: 'long', quantity: 10, entryPrice: 3_000, markPrice: 2_900 };
    const r = hyperliquid.liquidation({
      instrument: BTC, position: btc('short', 1, 70_000), marginMode: 'cross', collateral: 5_000, otherPositions: [{ instrument: ETH, position: eth }],
    });
    const k = 5_000 - 1_000 - 29_000 * 0.02;
    expect(r.liquidationPrice!).toBeCloseTo((70_000 + k / 1) / (1 + 0.0125), 8);
  });

  it('has no hedge mode', () => {
    expect(thrown(() => hyperliquid.liquidation(isolated({ ...btc('long', 1, 70_000), positionSide: 'long' }, 7_000))).path).toEqual([
      'position', 'positionSide',
    ]);
  });
});
