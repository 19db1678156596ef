/**
 * Binance USDⓈ-M: the FAQ's bracket examples, the one-way and hedge liquidation formulas
 * (https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93), bracket iteration and
 * errors. The FAQ's stored text has no numeric liquidation-price example (the formula is an image),
 * so LPs are checked against the FAQ formula evaluated by hand on the 2024-10 BTCUSDT brackets.
 */
import { describe, expect, it } from 'vitest';
import { binanceUsdm } from '../../src/venues/binance-usdm.js';
import { INSTRUMENTS } from '../../src/venues/snapshots/binance-usdm.js';
import type { LiquidationInput, Position } from '../../src/venues/types.js';
import { expectRelClose, pnlAt, thrown } from './helpers.js';

const BTC = INSTRUMENTS.BTCUSDT!;
const ETH = INSTRUMENTS.ETHUSDT!;
const btc = (side: 'long' | 'short', quantity: number, entryPrice: number, extra: Partial<Position> = {}): Position => ({
  symbol: 'BTCUSDT', side, quantity, entryPrice, ...extra,
});
const isolated = (position: Position, collateral: number): LiquidationInput => ({ instrument: BTC, position, marginMode: 'isolated', collateral });


describe('binanceUsdm margins', () => {
  it('MM = notional × MMR − cum and IM = notional / leverage on the bracket of the mark notional', () => {
    const m = binanceUsdm.positionMargin(BTC, btc('long', 10, 60_000), 60_000, 20);
    expect(m.positionValue).toBe(600_000);
    expect(m.tier.tier).toBe(2);
    expect(m.maintenanceMargin).toBeCloseTo(600_000 * 0.005 - 50, 9);
    expect(m.initialMargin).toBe(30_000);
    expect(binanceUsdm.positionMargin(BTC, btc('long', 10, 60_000), 60_000).initialMargin).toBe(6_000);
  });

  it('rejects leverage above the bracket max, naming it', () => {
    const e = thrown(() => binanceUsdm.positionMargin(BTC, btc('long', 1, 60_000), 60_000, 125));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['leverage']);
    expect(e.message).toContain('100');
  });
});

describe('binanceUsdm liquidation, one-way', () => {
  it('isolated long: bracket at the LP (1) differs from entry (2); LP = (WB − Q·EP)/(Q·MMR − Q) on bracket 1', () => {
    const r = binanceUsdm.liquidation(isolated(btc('long', 1, 55_000), 6_000));
    expect(r.liquidationPrice).toBeCloseTo((6_000 - 55_000) / (0.004 - 1), 8); // 49,196.79
    expect(r.tier.tier).toBe(1);
    expect(r.iterations).toBe(2);
    expect(r.bankruptcyPrice).toBe(49_000);
    expect(r.maintenanceMargin).toBeCloseTo(55_000 * 0.005 - 50, 9);
    expect(r.marginRatio).toBeCloseTo(6_000 / 225, 9);
  });

  it('isolated short at 100x stays in bracket 2', () => {
    const r = binanceUsdm.liquidation(isolated(btc('short', 1, 55_000), 550));
    expect(r.liquidationPrice).toBeCloseTo((550 + 50 + 55_000) / (0.005 + 1), 8); // 55,323.38
    expect(r.iterations).toBe(1);
    expect(r.bankruptcyPrice).toBe(55_550);
  });

  it('isolated short whose LP notional climbs into bracket 3', () => {
    const r = binanceUsdm.liquidation(isolated(btc('short', 10, 59_000), 59_000));
    expect(r.liquidationPrice).toBeCloseTo((59_000 + 950 + 590_000) / (10 * 0.0065 + 10), 8); // 64,575.26
    expect(r.tier.tier).toBe(3);
    expect(r.iterations).toBe(2);
  });

  it('cross: the other symbols enter through TMM1 and UPNL1 at their marks', () => {
    const eth: Position = { symbol: 'ETHUSDT', side: 'short', quantity: 10, entryPrice: 2_500, markPrice: 2_400 };
    const r = binanceUsdm.liquidation({
      instrument: BTC, position: btc('long', 1, 60_000), marginMode: 'cross', collateral: 10_000,
      otherPositions: [{ instrument: ETH, position: eth }],
    });
    const tmm1 = 24_000 * 0.004;
    const upnl1 = 1_000;
    expect(r.liquidationPrice).toBeCloseTo((10_000 - tmm1 + upnl1 - 60_000) / (0.004 - 1), 8); // 49,293.17
    expect(r.tier.tier).toBe(1);
    expect(r.marginRatio).toBeCloseTo((10_000 + upnl1) / (tmm1 + 60_000 * 0.005 - 50), 9);
    expect(r.bankruptcyPrice).toBe(60_000 - 11_000);
  });

  it('isolated mode ignores the other positions (TMM1 = UPNL1 = 0)', () => {
    const eth: Position = { symbol: 'ETHUSDT', side: 'short', quantity: 10, entryPrice: 2_500, markPrice: 2_400 };
    const a = binanceUsdm.liquidation(isolated(btc('long', 1, 55_000), 6_000));
    const b = binanceUsdm.liquidation({ ...isolated(btc('long', 1, 55_000), 6_000), otherPositions: [{ instrument: ETH, position: eth }] });
    expect(b).toEqual(a);
  });

  it('an over-collateralised long has no liquidation or bankruptcy price ("--")', () => {
    const r = binanceUsdm.liquidation(isolated(btc('long', 1, 60_000), 70_000));
    expect(r.liquidationPrice).toBeNull();
    expect(r.bankruptcyPrice).toBeNull();
    expect(r.tier.tier).toBe(2);
  });

  it('raises ABOVE_MAX_TIER naming the 1.8B cap', () => {
    const e = thrown(() => binanceUsdm.liquidation(isolated(btc('long', 40_000, 50_000), 1e9)));
    expect(e.code).toBe('ABOVE_MAX_TIER');
    expect(e.message).toContain('1800000000');
    expect(e.path).toEqual(['quantity']);
  });
});

describe('binanceUsdm liquidation, hedge mode (derived from the FAQ variables)', () => {
  const long = btc('long', 2, 60_000, { positionSide: 'long' });
  const short = btc('short', 1, 62_000, { positionSide: 'short' });

  it('cross: both legs of the symbol share one LP = (WB + cumL + cumS − L·EP_L + S·EP_S)/(L·MMR_L + S·MMR_S − L + S)', () => {
    const r = binanceUsdm.liquidation({
      instrument: BTC, position: long, marginMode: 'cross', collateral: 5_000, otherPositions: [{ instrument: BTC, position: short }],
    });
    const lp = (5_000 + 50 + 50 - 2 * 60_000 + 62_000) / (2 * 0.005 + 0.005 - 2 + 1); // 53,705.58
    expect(r.liquidationPrice).toBeCloseTo(lp, 8);
    const p = r.liquidationPrice!;
    const mb = 5_000 + pnlAt(BTC, long, p) + pnlAt(BTC, short, p);
    const mm = binanceUsdm.positionMargin(BTC, long, p, 1).maintenanceMargin + binanceUsdm.positionMargin(BTC, short, p, 1).maintenanceMargin;
    expectRelClose(mb, mm, 1e-9, 'MB = MM');
  });

  it('isolated: each leg has its own LP, as in one-way mode', () => {
    const hedged = binanceUsdm.liquidation({ ...isolated(long, 12_000), otherPositions: [{ instrument: BTC, position: short }] });
    const oneWay = binanceUsdm.liquidation(isolated(btc('long', 2, 60_000), 12_000));
    expect(hedged.liquidationPrice).toBe(oneWay.liquidationPrice);
  });

  it('rejects two one-way positions on one symbol, and a leg whose side contradicts it', () => {
    const twice = thrown(() =>
      binanceUsdm.liquidation({ instrument: BTC, position: btc('long', 1, 60_000), marginMode: 'cross', collateral: 1_000, otherPositions: [{ instrument: BTC, position: btc('short', 1, 60_000) }] }),
    );
    expect(twice.path).toEqual(['otherPositions', 0, 'position', 'positionSide']);
    const contradiction = thrown(() => binanceUsdm.liquidation(isolated(btc('long', 1, 60_000, { positionSide: 'short' }), 1_000)));
    expect(contradiction.path).toEqual(['position', 'side']);
  });
});

describe('binanceUsdm input errors', () => {
  it.each([
    ['a Bybit instrument', { instrument: { ...BTC, venue: 'bybit-linear' as const } }, ['instrument', 'venue']],
    ['an inverse instrument', { instrument: { ...BTC, kind: 'inverse' as const } }, ['instrument', 'kind']],
    ['another symbol', { position: { ...btc('long', 1, 1), symbol: 'ETHUSDT' } }, ['position', 'symbol']],
    ['zero quantity', { position: btc('long', 0, 60_000) }, ['position', 'quantity']],
    ['a negative collateral', { collateral: -1 }, ['collateral']],
    ['an unknown margin mode', { marginMode: 'portfolio' as never }, ['marginMode']],
  ])('%s → INVALID_INPUT at its path', (_, patch, path) => {
    const e = thrown(() => binanceUsdm.liquidation({ ...isolated(btc('long', 1, 60_000), 1_000), ...patch }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(path);
  });
});
