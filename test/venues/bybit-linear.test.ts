/**
 * Bybit linear: the "Liquidation Price (USDT Contract)" example (1 BTC @ 20,000, 50x, MMR 0.5 %
 * → 19,700), bankruptcy EP·(1 ∓ 1/lev), extra margin, the tier of the position value at entry,
 * cross (account-level, other positions held) and errors.
 */
import { describe, expect, it } from 'vitest';
import { bybitLinear } from '../../src/venues/bybit-linear.js';
import { INSTRUMENTS } from '../../src/venues/snapshots/bybit-linear.js';
import { singleTier } from '../../src/venues/tiers.js';
import type { Instrument, LiquidationInput, Position } from '../../src/venues/types.js';
import { expectRelClose, pnlAt, thrown } from './helpers.js';

const BTC = INSTRUMENTS.BTCUSDT!;
const btc = (side: 'long' | 'short', quantity: number, entryPrice: number, markPrice?: number): Position =>
  markPrice === undefined ? { symbol: 'BTCUSDT', side, quantity, entryPrice } : { symbol: 'BTCUSDT', side, quantity, entryPrice, markPrice };
const isolated = (position: Position, collateral: number, leverage: number): LiquidationInput => ({
  instrument: BTC, position, marginMode: 'isolated', collateral, leverage,
});

describe('bybitLinear isolated', () => {
  it('reproduces the help page: long 1 BTC @ 20,000, 50x, MMR 0.5 % → LP 19,700 (IM 400, MM 100)', () => {
    const r = bybitLinear.liquidation(isolated(btc('long', 1, 20_000), 400, 50));
    expect(r.liquidationPrice).toBe(19_700);
    expect(r.initialMargin).toBe(400);
    expect(r.maintenanceMargin).toBe(100);
    expect(r.bankruptcyPrice).toBe(20_000 * (1 - 1 / 50));
  });

  it('short: LP = EP + (IM − MM)/qty = 20,300, bankruptcy EP·(1 + 1/lev) = 20,400', () => {
    const r = bybitLinear.liquidation(isolated(btc('short', 1, 20_000), 400, 50));
    expect(r.liquidationPrice).toBe(20_300);
    expect(r.bankruptcyPrice).toBe(20_400);
  });

  it('bankruptcy price of 10,000 @ 50x long is 9,800', () => {
    expect(bybitLinear.liquidation(isolated(btc('long', 1, 10_000), 200, 50)).bankruptcyPrice).toBe(9_800);
  });

  it('extra margin moves the LP by extra/qty', () => {
    expect(bybitLinear.liquidation(isolated(btc('long', 1, 20_000), 500, 50)).liquidationPrice).toBe(19_600);
  });

  it('takes MM on the position value at entry: a mark away from entry does not move MM or the LP', () => {
    const atEntry = bybitLinear.liquidation(isolated(btc('long', 1, 20_000), 400, 50));
    const marked = bybitLinear.liquidation(isolated(btc('long', 1, 20_000, 19_800), 400, 50));
    expect(marked.liquidationPrice).toBe(atEntry.liquidationPrice);
    expect(marked.maintenanceMargin).toBe(100);
    expect(marked.marginRatio).toBeCloseTo((400 - 200) / 100, 12);
  });

  it('tier of PV at entry (tier 2, MM = 2.05M × 0.56 % − 1,200) even though the LP value is in tier 1', () => {
    const r = bybitLinear.liquidation(isolated(btc('long', 100, 20_500), 205_000, 10));
    const mm = 2_050_000 * 0.0056 - 1_200;
    expect(r.maintenanceMargin).toBeCloseTo(mm, 9);
    expect(r.liquidationPrice!).toBeCloseTo(20_500 - (205_000 - mm) / 100, 9);
    expect(r.liquidationPrice! * 100).toBeLessThan(2_000_000);
    expect(r.tier.tier).toBe(2);
    expect(r.iterations).toBe(1);
  });

  it('raises ABOVE_MAX_TIER beyond the 80,000,000 USDT of the (truncated) tier 20', () => {
    const e = thrown(() => bybitLinear.liquidation(isolated(btc('long', 5_000, 20_000), 1e7, 10)));
    expect(e.code).toBe('ABOVE_MAX_TIER');
    expect(e.message).toContain('80000000');
  });

  it('rejects leverage above the tier max (tier 2: 90x)', () => {
    const e = thrown(() => bybitLinear.liquidation(isolated(btc('long', 100, 20_500), 20_500, 100)));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain('90');
  });

  it('has no hedge mode', () => {
    const e = thrown(() => bybitLinear.liquidation(isolated({ ...btc('long', 1, 20_000), positionSide: 'long' }, 400, 50)));
    expect(e.path).toEqual(['position', 'positionSide']);
  });
});

describe('bybitLinear cross (account level: margin balance = total MM, others held at their marks)', () => {
  // An illustrative second instrument (not a Bybit table): 1 % flat MMR.
  const OTHER: Instrument = { ...BTC, symbol: 'ETHUSDT', tiers: singleTier(0.01, 50) };
  const eth: Position = { symbol: 'ETHUSDT', side: 'short', quantity: 10, entryPrice: 1_500, markPrice: 1_400 };

  it('alone: LP = EP − (wallet − MM)/qty', () => {
    const r = bybitLinear.liquidation({ instrument: BTC, position: btc('long', 1, 20_000), marginMode: 'cross', collateral: 1_000, leverage: 50 });
    expect(r.liquidationPrice).toBe(19_100);
  });

  it('with another position: its uPnL (+1,000) and MM on its entry value (150) enter the balance', () => {
    const r = bybitLinear.liquidation({
      instrument: BTC, position: btc('long', 1, 20_000), marginMode: 'cross', collateral: 1_000, leverage: 50,
      otherPositions: [{ instrument: OTHER, position: eth }],
    });
    expect(r.liquidationPrice).toBeCloseTo(20_000 - (1_000 + 1_000 - 150 - 100), 9);
    const p = r.liquidationPrice!;
    expectRelClose(1_000 + 1_000 - 150 + pnlAt(BTC, btc('long', 1, 20_000), p), 100, 1e-9, 'MB = MM');
    expect(r.marginRatio).toBeCloseTo((1_000 + 1_000) / (150 + 100), 12);
  });
});
