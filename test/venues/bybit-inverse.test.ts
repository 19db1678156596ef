/**
 * Bybit inverse: the isolated-mode page's example (60,000 USD @ 50,000, 10x, MMR 0.5 %; simple
 * form → long 45,662.10, short 55,248.62), bankruptcy, deductions from the tier at entry, cross,
 * and an empty table.
 */
import { describe, expect, it } from 'vitest';
import { bybitInverse } from '../../src/venues/bybit-inverse.js';
import { INSTRUMENTS } from '../../src/venues/snapshots/bybit-inverse.js';
import { singleTier, withDeductions } from '../../src/venues/tiers.js';
import type { Instrument, LiquidationInput, Position } from '../../src/venues/types.js';
import { expectRelClose, pnlAt, thrown } from './helpers.js';

// The page's example rate (MMR 0.5 %, 100x max) as a flat table (the bundled tiers 1–3 are tested in snapshots.test.ts).
const BTCUSD: Instrument = { ...INSTRUMENTS.BTCUSD!, tiers: singleTier(0.005, 100) };
const pos = (side: 'long' | 'short', quantity: number, entryPrice: number): Position => ({ symbol: 'BTCUSD', side, quantity, entryPrice });
const isolated = (position: Position, collateral: number, leverage: number, instrument = BTCUSD): LiquidationInput => ({
  instrument, position, marginMode: 'isolated', collateral, leverage,
});

describe('bybitInverse isolated', () => {
  it('reproduces the page: PV 1.2 BTC, IM 0.12 BTC; long LP = contracts/(PV + IM − MM) = 45,662.10', () => {
    const r = bybitInverse.liquidation(isolated(pos('long', 60_000, 50_000), 0.12, 10));
    expect(r.initialMargin).toBeCloseTo(0.12, 15);
    expect(r.maintenanceMargin).toBeCloseTo(0.006, 15);
    expect(r.liquidationPrice!).toBeCloseTo(45_662.1, 2);
    expect(r.liquidationPrice!).toBeCloseTo(60_000 / (1.2 + 0.12 - 0.006), 8);
    expect(r.bankruptcyPrice!).toBeCloseTo(60_000 / (1.2 + 0.12), 8);
  });

  it('short LP = contracts/(PV − (IM − MM)) = 55,248.62, bankruptcy contracts/(PV − IM)', () => {
    const r = bybitInverse.liquidation(isolated(pos('short', 60_000, 50_000), 0.12, 10));
    expect(r.liquidationPrice!).toBeCloseTo(55_248.62, 2);
    expect(r.bankruptcyPrice!).toBeCloseTo(60_000 / (1.2 - 0.12), 8);
  });

  it('a short whose margin covers PV + MM never liquidates', () => {
    const r = bybitInverse.liquidation(isolated(pos('short', 60_000, 50_000), 1.21, 1));
    expect(r.liquidationPrice).toBeNull();
    expect(r.bankruptcyPrice).toBeNull();
  });

  it('uses the deduction of the tier of PV at entry (illustrative BTC-value table)', () => {
    const tiered: Instrument = {
      ...BTCUSD,
      tiers: withDeductions([
        { tier: 1, floor: 0, cap: 100, maintenanceMarginRate: 0.005, maxLeverage: 100 },
        { tier: 2, floor: 100, cap: 200, maintenanceMarginRate: 0.01, maxLeverage: 50 },
      ]),
    };
    const r = bybitInverse.liquidation(isolated(pos('long', 6_000_000, 50_000), 12, 10, tiered));
    const mm = 120 * 0.01 - 0.5;
    expect(r.maintenanceMargin).toBeCloseTo(mm, 12);
    expect(r.liquidationPrice!).toBeCloseTo(6_000_000 / (120 + 12 - mm), 8);
    expect(r.tier.tier).toBe(2);
  });

  it('an instrument without a tier table: the error asks for one', () => {
    const e = thrown(() => bybitInverse.liquidation(isolated(pos('long', 100, 50_000), 0.01, 10, { ...INSTRUMENTS.BTCUSD!, tiers: [] })));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['instrument', 'tiers']);
  });
});

describe('bybitInverse cross', () => {
  it('alone: LP = contracts/(PV + wallet − MM); MB = MM there', () => {
    const long = pos('long', 60_000, 50_000);
    const r = bybitInverse.liquidation({ instrument: BTCUSD, position: long, marginMode: 'cross', collateral: 0.2, leverage: 10 });
    expect(r.liquidationPrice!).toBeCloseTo(60_000 / (1.2 + 0.2 - 0.006), 8);
    expectRelClose(0.2 + pnlAt(BTCUSD, long, r.liquidationPrice!), 0.006, 1e-9, 'MB = MM');
  });

  it('another position in the same coin adds its uPnL and subtracts its MM', () => {
    const other: Instrument = { ...BTCUSD, symbol: 'BTCUSD-Q' };
    const hedge: Position = { symbol: 'BTCUSD-Q', side: 'short', quantity: 10_000, entryPrice: 50_000, markPrice: 40_000 };
    const r = bybitInverse.liquidation({
      instrument: BTCUSD, position: pos('long', 60_000, 50_000), marginMode: 'cross', collateral: 0.2, leverage: 10,
      otherPositions: [{ instrument: other, position: hedge }],
    });
    const k = 0.2 + 10_000 * (1 / 40_000 - 1 / 50_000) - 0.2 * 0.005;
    expect(r.liquidationPrice!).toBeCloseTo(60_000 / (1.2 + k - 0.006), 8);
  });
});
