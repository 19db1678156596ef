/**
 * Binance COIN-M: the FAQ's maintenance-margin example, the calculator's 33,599.40
 * (https://dev.binance.vision/t/coin-margined-futures-liquidation-price-calculation-help-cm-variable/6292),
 * bracket iteration in coin value, hedge legs (derived) and errors.
 */
import { describe, expect, it } from 'vitest';
import { binanceCoinm } from '../../src/venues/binance-coinm.js';
import { INSTRUMENTS } from '../../src/venues/snapshots/binance-coinm.js';
import type { LiquidationInput, Position } from '../../src/venues/types.js';
import { expectRelClose, pnlAt, thrown } from './helpers.js';

const BTCUSD = INSTRUMENTS.BTCUSD!;
const CM = 100;
const pos = (side: 'long' | 'short', quantity: number, entryPrice: number, extra: Partial<Position> = {}): Position => ({
  symbol: 'BTCUSD', side, quantity, entryPrice, ...extra,
});
const isolated = (position: Position, collateral: number): LiquidationInput => ({
  instrument: BTCUSD, position, marginMode: 'isolated', collateral, leverage: 5,
});

describe('binanceCoinm margins', () => {
  it('FAQ: 100 contracts at mark 25,000 → value 0.4 BTC, MM = 0.4 × 0.4 % − 0 = 0.0016 BTC', () => {
    const m = binanceCoinm.positionMargin(BTCUSD, pos('long', 100, 25_000), 25_000, 20);
    expect(m.positionValue).toBeCloseTo(0.4, 15);
    expect(m.maintenanceMargin).toBeCloseTo(0.0016, 15);
    expect(m.initialMargin).toBeCloseTo(0.02, 15);
    expect(m.tier.tier).toBe(1);
  });

  it('asks for the leverage setting: the snapshot states no max leverage', () => {
    const e = thrown(() => binanceCoinm.positionMargin(BTCUSD, pos('long', 100, 25_000), 25_000));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['leverage']);
  });
});

describe('binanceCoinm liquidation', () => {
  it('reproduces the calculator: WB 101 BTC, long 100,000 BTCUSD @ 45,000 cross → 33,599.40', () => {
    const r = binanceCoinm.liquidation({
      instrument: BTCUSD, position: pos('long', 100_000, 45_000), marginMode: 'cross', collateral: 101, leverage: 3,
    });
    // FAQ form with level 7 (MMR 12.5 %, cum 11.605 BTC): (B·MMR + B)/((WB + cum)/CM + B/EP) = 33,599.42;
    // the calculator shows 33,599.40 (venues.md §1.4).
    expect(r.liquidationPrice!).toBeCloseTo((100_000 * 0.125 + 100_000) / ((101 + 11.605) / CM + 100_000 / 45_000), 6);
    expect(Math.abs(r.liquidationPrice! - 33_599.4)).toBeLessThan(0.05);
    expect(r.tier.maintenanceMarginRate).toBe(0.125);
    expect((100_000 * CM) / r.liquidationPrice!).toBeCloseTo(297.6, 1);
  });

  it('isolated long whose coin value at the LP (10.45 BTC) is a level above entry (9 BTC)', () => {
    const r = binanceCoinm.liquidation(isolated(pos('long', 4_050, 45_000), 1.5));
    expect(r.liquidationPrice!).toBeCloseTo((4_050 * CM * (1 + 0.01)) / (1.5 + 0.055 + (4_050 * CM) / 45_000), 8); // 38,753.6
    expect(r.tier.tier).toBe(3);
    expect(r.iterations).toBe(2);
    expect(r.bankruptcyPrice!).toBeCloseTo((4_050 * CM) / (1.5 + 9), 8);
  });

  it('isolated short: LP = (B·MMR − B)/(WB/CM + cum/CM − B/EP)', () => {
    const r = binanceCoinm.liquidation(isolated(pos('short', 4_050, 45_000), 0.9));
    expect(r.liquidationPrice!).toBeCloseTo((4_050 * 0.005 - 4_050) / ((0.9 + 0.005) / CM - 4_050 / 45_000), 8); // 49,780.7
    expect(r.tier.tier).toBe(2);
  });

  it('a short whose margin covers its value never liquidates or goes bankrupt', () => {
    const r = binanceCoinm.liquidation(isolated(pos('short', 100, 50_000), 0.25));
    expect(r.liquidationPrice).toBeNull();
    expect(r.bankruptcyPrice).toBeNull();
  });

  it('hedge legs in cross share one LP (derived: (L·MMR_L + S·MMR_S + L − S)/((WB + cumL + cumS)/CM + L/EP_L − S/EP_S))', () => {
    const long = pos('long', 1_000, 40_000, { positionSide: 'long' });
    const short = pos('short', 500, 42_000, { positionSide: 'short' });
    const r = binanceCoinm.liquidation({
      instrument: BTCUSD, position: long, marginMode: 'cross', collateral: 1, leverage: 20, otherPositions: [{ instrument: BTCUSD, position: short }],
    });
    const lp = (1_000 * 0.004 + 500 * 0.004 + 1_000 - 500) / (1 / CM + 1_000 / 40_000 - 500 / 42_000);
    expect(r.liquidationPrice!).toBeCloseTo(lp, 8); // 21,909.3
    const p = r.liquidationPrice!;
    const mb = 1 + pnlAt(BTCUSD, long, p) + pnlAt(BTCUSD, short, p);
    const mm = binanceCoinm.positionMargin(BTCUSD, long, p, 1).maintenanceMargin + binanceCoinm.positionMargin(BTCUSD, short, p, 1).maintenanceMargin;
    expectRelClose(mb, mm, 1e-9, 'MB = MM');
  });

  it('has no top cap in the fixture, so no ABOVE_MAX_TIER; a leverage is still required', () => {
    expect(binanceCoinm.liquidation(isolated(pos('long', 10_000_000, 20_000), 10_000)).tier.tier).toBe(10);
    const e = thrown(() => binanceCoinm.liquidation({ ...isolated(pos('long', 1, 20_000), 1), leverage: undefined }));
    expect(e.path).toEqual(['leverage']);
  });

  it('rejects a linear instrument', () => {
    expect(thrown(() => binanceCoinm.liquidation({ ...isolated(pos('long', 1, 20_000), 1), instrument: { ...BTCUSD, kind: 'linear' } })).path).toEqual([
      'instrument', 'kind',
    ]);
  });
});
