/**
 * OKX swaps: no official worked example exists in the sources, so the closed forms derived from
 * the isolated margin ratio MR = (margin + uPnL)/(value·(MMR + takerFee)) = 1 (venues.md §2.3)
 * are the oracle. Tier tables here are illustrative (only tier 1 of BTC-USDT-SWAP is bundled), in contracts.
 */
import { describe, expect, it } from 'vitest';
import { okxSwap } from '../../src/venues/okx-swap.js';
import { INSTRUMENTS } from '../../src/venues/snapshots/okx-swap.js';
import type { Instrument, LiquidationInput, Position, Tier } from '../../src/venues/types.js';
import { thrown } from './helpers.js';

const TIERS: Tier[] = [
  { tier: 1, floor: 0, cap: 500, maintenanceMarginRate: 0.004, maintenanceAmount: 0, maxLeverage: 75 },
  { tier: 2, floor: 500, cap: 1_000, maintenanceMarginRate: 0.006, maintenanceAmount: 0, maxLeverage: 50 },
  { tier: 3, floor: 1_000, cap: 2_000, maintenanceMarginRate: 0.01, maintenanceAmount: 0, maxLeverage: 25 },
];
const FEE = 0.0005;
const LINEAR: Instrument = {
  venue: 'okx-swap', symbol: 'BTC-USDT-SWAP', kind: 'linear', contractSize: 0.01, tickSize: 0.1, lotStep: 1,
  tierBasis: 'contracts', takerFee: FEE, tiers: TIERS,
};
const INVERSE: Instrument = { ...LINEAR, symbol: 'BTC-USD-SWAP', kind: 'inverse', contractSize: 100 };
const at = (inst: Instrument, side: 'long' | 'short', quantity: number, entryPrice: number, collateral: number, markPrice?: number): LiquidationInput => ({
  instrument: inst,
  position: { symbol: inst.symbol, side, quantity, entryPrice, ...(markPrice === undefined ? {} : { markPrice }) },
  marginMode: 'isolated',
  collateral,
  leverage: 10,
});

describe('okxSwap isolated, USDT-margined', () => {
  const q = 0.01 * 300;
  it('long: LP = (EP − M/Q)/(1 − MMR − fee)', () => {
    const r = okxSwap.liquidation(at(LINEAR, 'long', 300, 60_000, 18_000));
    expect(r.liquidationPrice!).toBeCloseTo((60_000 - 18_000 / q) / (1 - 0.004 - FEE), 8);
    expect(r.bankruptcyPrice!).toBeCloseTo(60_000 - 18_000 / q, 8);
  });

  it('short: LP = (EP + M/Q)/(1 + MMR + fee)', () => {
    const r = okxSwap.liquidation(at(LINEAR, 'short', 300, 60_000, 18_000));
    expect(r.liquidationPrice!).toBeCloseTo((60_000 + 18_000 / q) / (1 + 0.004 + FEE), 8);
  });

  it('margin ratio = (margin + uPnL)/(value·(MMR + fee)) at the mark', () => {
    const r = okxSwap.liquidation(at(LINEAR, 'long', 300, 60_000, 18_000, 58_000));
    expect(r.marginRatio).toBeCloseTo((18_000 - q * 2_000) / (q * 58_000 * (0.004 + FEE)), 12);
    expect(r.maintenanceMargin).toBeCloseTo(q * 58_000 * (0.004 + FEE), 9);
  });

  it('the tier is set by contracts, so it does not move with the price (600 contracts → tier 2)', () => {
    const r = okxSwap.liquidation(at(LINEAR, 'long', 600, 60_000, 36_000));
    expect(r.tier.tier).toBe(2);
    expect(r.iterations).toBe(1);
    expect(r.liquidationPrice!).toBeCloseTo((60_000 - 36_000 / 6) / (1 - 0.006 - FEE), 8);
  });

  it('raises ABOVE_MAX_TIER above 2,000 contracts, naming the cap', () => {
    const e = thrown(() => okxSwap.liquidation(at(LINEAR, 'long', 2_001, 60_000, 1e6)));
    expect(e.code).toBe('ABOVE_MAX_TIER');
    expect(e.message).toContain('2000');
  });
});

describe('okxSwap isolated, coin-margined', () => {
  const qUsd = 100 * 300;
  it('long: LP = Q_usd·(1 + MMR + fee)/(M + Q_usd/EP)', () => {
    const r = okxSwap.liquidation(at(INVERSE, 'long', 300, 50_000, 0.06));
    expect(r.liquidationPrice!).toBeCloseTo((qUsd * (1 + 0.004 + FEE)) / (0.06 + qUsd / 50_000), 8);
  });

  it('short: LP = Q_usd·(1 − MMR − fee)/(Q_usd/EP − M)', () => {
    const r = okxSwap.liquidation(at(INVERSE, 'short', 300, 50_000, 0.06));
    expect(r.liquidationPrice!).toBeCloseTo((qUsd * (1 - 0.004 - FEE)) / (qUsd / 50_000 - 0.06), 8);
  });
});

describe('okxSwap inputs', () => {
  it('bundles BTC-USDT-SWAP only, with tier 1 of its position tiers (see test/venues/snapshots.test.ts)', () => {
    expect(Object.keys(INSTRUMENTS)).toEqual(['BTC-USDT-SWAP']);
    expect(INSTRUMENTS['BTC-USDT-SWAP']!.tiers).toHaveLength(1);
  });

  it('requires the taker fee, which OKX adds to the maintenance rate', () => {
    const { takerFee: _, ...noFee } = LINEAR;
    const e = thrown(() => okxSwap.liquidation(at(noFee, 'long', 300, 60_000, 18_000)));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['instrument', 'takerFee']);
  });

  it('cross: other positions at their marks enter with MM at (MMR + fee)', () => {
    const eth: Instrument = { ...LINEAR, symbol: 'ETH-USDT-SWAP', contractSize: 0.1 };
    const other: Position = { symbol: 'ETH-USDT-SWAP', side: 'long', quantity: 100, entryPrice: 3_000, markPrice: 3_100 };
    const r = okxSwap.liquidation({
      ...at(LINEAR, 'long', 300, 60_000, 18_000), marginMode: 'cross', otherPositions: [{ instrument: eth, position: other }],
    });
    const k = 18_000 + 10 * 100 - 10 * 3_100 * (0.004 + FEE);
    expect(r.liquidationPrice!).toBeCloseTo((60_000 - k / 3) / (1 - 0.004 - FEE), 8);
  });
});
