/**
 * liquidationAfterOrder: the position, collateral and liquidation numbers after a hypothetical
 * order, on the hand-written Binance-like stub venue (and the real Binance USDⓈ-M model).
 * Expected values are written out from the Binance FAQ formula LP = (K + cum − s·Q·E)/(Q·(r − s)).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { liquidationAfterOrder, type WhatIfInput } from '../../src/venues/what-if.js';
import { getInstrument, getVenue } from '../../src/venues/registry.js';
import type { Position } from '../../src/venues/types.js';
import { BTCUSD, BTCUSDT, stubVenue } from './stub-venue.js';

const RUNS = { numRuns: 1000 };
const long = (quantity: number, entryPrice: number): Position => ({ symbol: 'BTCUSDT', side: 'long', quantity, entryPrice });
/** Isolated linear long, tier 1 (MMR 0.4 %, no cum): LP = (E − K/Q)/(1 − 0.004). */
const lpLong1 = (k: number, q: number, e: number) => (e - k / q) / (1 - 0.004);

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null) {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

describe('liquidationAfterOrder', () => {
  const base = { instrument: BTCUSDT, model: stubVenue, marginMode: 'isolated' as const };

  it('opens: isolated margin = order value / leverage, entry = order price', () => {
    const r = liquidationAfterOrder({ ...base, collateral: 0, order: { side: 'long', quantity: 0.5, price: 60_000 }, leverage: 10 });
    expect(r.effect).toBe('open');
    expect(r.before).toBeNull();
    expect(r.position).toMatchObject({ side: 'long', quantity: 0.5, entryPrice: 60_000, markPrice: 60_000 });
    expect(r.marginTransfer).toBeCloseTo(3000, 9);
    expect(r.collateral).toBeCloseTo(3000, 9);
    expect(r.after?.liquidationPrice).toBeCloseTo(lpLong1(3000, 0.5, 60_000), 6);
  });

  it('adds: quantity-weighted entry, the order margin posted on top', () => {
    const r = liquidationAfterOrder({ ...base, collateral: 650, position: long(0.1, 65_000), order: { side: 'long', quantity: 0.1, price: 63_000 }, leverage: 10 });
    expect(r.effect).toBe('add');
    expect(r.position?.entryPrice).toBeCloseTo(64_000, 9);
    expect(r.position?.quantity).toBeCloseTo(0.2, 12);
    expect(r.marginTransfer).toBeCloseTo(630, 9);
    expect(r.collateral).toBeCloseTo(1280, 9);
    expect(r.before?.liquidationPrice).toBeCloseTo(lpLong1(650, 0.1, 65_000), 6); // 58,734.94
    expect(r.after?.liquidationPrice).toBeCloseTo(lpLong1(1280, 0.2, 64_000), 6); // 57,831.33
    expect(r.realizedPnl).toBe(0);
  });

  it('adds to an inverse position at the harmonic mean entry (coin values add up)', () => {
    const pos: Position = { symbol: 'BTCUSD_PERP', side: 'long', quantity: 100, entryPrice: 40_000 };
    const r = liquidationAfterOrder({ instrument: BTCUSD, model: stubVenue, marginMode: 'cross', collateral: 1, position: pos, order: { side: 'long', quantity: 300, price: 60_000 } });
    expect(r.position?.entryPrice).toBeCloseTo(400 / (100 / 40_000 + 300 / 60_000), 6); // 53,333.33
    expect(r.collateral).toBe(1);
  });

  it('reduces isolated: the closed fraction of the margin is released, PnL settles to the wallet, LP unchanged', () => {
    const r = liquidationAfterOrder({ ...base, collateral: 650, position: long(0.1, 65_000), order: { side: 'short', quantity: 0.04, price: 66_000 } });
    expect(r.effect).toBe('reduce');
    expect(r.position).toMatchObject({ side: 'long', entryPrice: 65_000 });
    expect(r.position?.quantity).toBeCloseTo(0.06, 12);
    expect(r.realizedPnl).toBeCloseTo(0.04 * 1000, 9);
    expect(r.marginTransfer).toBeCloseTo(-260, 9);
    expect(r.collateral).toBeCloseTo(390, 9);
    expect(r.after?.liquidationPrice).toBeCloseTo(r.before?.liquidationPrice as number, 6);
  });

  it('reduces cross: the realised PnL is added to the wallet balance', () => {
    const r = liquidationAfterOrder({ ...base, marginMode: 'cross', collateral: 5000, position: long(1, 65_000), order: { side: 'short', quantity: 0.25, price: 61_000 } });
    expect(r.realizedPnl).toBeCloseTo(-1000, 9);
    expect(r.collateral).toBeCloseTo(4000, 9);
    expect(r.marginTransfer).toBe(0);
    // 0.75 BTC: tier 1 at entry and at the liquidation price: (K − Q·E)/(Q·(r − 1))
    expect(r.after?.liquidationPrice).toBeCloseTo((4000 - 0.75 * 65_000) / (0.75 * (0.004 - 1)), 6);
  });

  it('closes: nothing left, all isolated margin released', () => {
    const r = liquidationAfterOrder({ ...base, collateral: 650, position: long(0.1, 65_000), order: { side: 'short', quantity: 0.1, price: 64_000 } });
    expect(r.effect).toBe('close');
    expect(r.position).toBeNull();
    expect(r.after).toBeNull();
    expect(r.collateral).toBe(0);
    expect(r.marginTransfer).toBeCloseTo(-650, 9);
    expect(r.realizedPnl).toBeCloseTo(-100, 9);
  });

  it('flips: close the position, open the remainder on the order side at the order price', () => {
    const r = liquidationAfterOrder({ ...base, collateral: 650, position: long(0.1, 65_000), order: { side: 'short', quantity: 0.3, price: 64_000 }, leverage: 20 });
    expect(r.effect).toBe('flip');
    expect(r.position).toMatchObject({ side: 'short', entryPrice: 64_000 });
    expect(r.position?.quantity).toBeCloseTo(0.2, 12);
    expect(r.realizedPnl).toBeCloseTo(-100, 9);
    expect(r.collateral).toBeCloseTo(0.2 * 64_000 / 20, 9);
    expect(r.marginTransfer).toBeCloseTo(640 - 650, 9);
    expect(r.after?.liquidationPrice).toBeCloseTo((640 + 0.2 * 64_000) / (0.2 * (0.004 + 1)), 6);
  });

  it('refuses to flip a hedge-mode leg, and bad orders, naming the field', () => {
    const leg: Position = { ...long(0.1, 65_000), positionSide: 'long' };
    expect(() => liquidationAfterOrder({ ...base, collateral: 650, position: leg, order: { side: 'short', quantity: 0.2, price: 64_000 } })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', path: ['order', 'quantity'] }),
    );
    const reduced = liquidationAfterOrder({ ...base, collateral: 650, position: leg, order: { side: 'short', quantity: 0.05, price: 64_000 } });
    expect(reduced.position?.positionSide).toBe('long');
    expect(() => liquidationAfterOrder({ ...base, collateral: 0, order: { side: 'long', quantity: 0, price: 1 } })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', path: ['order', 'quantity'] }),
    );
    expect(() => liquidationAfterOrder({ ...base, collateral: -1, order: { side: 'long', quantity: 1, price: 1 } })).toThrow(
      expect.objectContaining({ path: ['collateral'] }),
    );
    expect(() => liquidationAfterOrder({ ...base, collateral: 1, position: { ...long(1, 1), symbol: 'ETHUSDT' }, order: { side: 'long', quantity: 1, price: 1 } })).toThrow(
      expect.objectContaining({ path: ['position', 'symbol'] }),
    );
  });

  it('agrees with the real Binance USDⓈ-M model on the add example', () => {
    const instrument = getInstrument('binance-usdm', 'BTCUSDT');
    const r = liquidationAfterOrder({
      instrument, model: getVenue('binance-usdm'), marginMode: 'isolated', collateral: 650,
      position: long(0.1, 65_000), order: { side: 'long', quantity: 0.1, price: 63_000 }, leverage: 10,
    });
    expect(r.after?.liquidationPrice).toBeCloseTo(lpLong1(1280, 0.2, 64_000), 6);
  });

  const scenario = fc.record({
    mode: fc.constantFrom('isolated' as const, 'cross' as const),
    inverse: fc.boolean(),
    held: fc.option(fc.record({ side: fc.constantFrom('long' as const, 'short' as const), lots: fc.integer({ min: 1, max: 500 }), entry: fc.double({ min: 20_000, max: 80_000, noNaN: true }) }), { nil: undefined }),
    order: fc.record({ side: fc.constantFrom('long' as const, 'short' as const), lots: fc.integer({ min: 1, max: 1000 }), price: fc.double({ min: 20_000, max: 80_000, noNaN: true }) }),
    leverage: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
    collateral: fc.double({ min: 0, max: 1e5, noNaN: true }),
  });

  type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;
  function inputOf(s: Scenario): WhatIfInput {
    const instrument = s.inverse ? BTCUSD : BTCUSDT;
    const lot = s.inverse ? 1 : 0.001;
    const collateral = s.inverse ? s.collateral / 1e4 : s.collateral;
    const position = s.held === undefined ? undefined : { symbol: instrument.symbol, side: s.held.side, quantity: s.held.lots * lot, entryPrice: s.held.entry };
    return {
      instrument, model: stubVenue, marginMode: s.mode, collateral,
      ...(position === undefined ? {} : { position }),
      order: { side: s.order.side, quantity: s.order.lots * lot, price: s.order.price },
      ...(s.leverage === undefined ? {} : { leverage: s.leverage }),
    };
  }

  it('never mutates its inputs, and books quantity, PnL and margin consistently (property)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const input = inputOf(s);
        const copy = structuredClone({ ...input, model: null, instrument: null });
        const r = liquidationAfterOrder(deepFreeze(input));
        expect({ ...input, model: null, instrument: null }).toEqual(copy);
        const signed = (p: Position | null | undefined) => (p === null || p === undefined ? 0 : p.side === 'long' ? p.quantity : -p.quantity);
        const orderSigned = input.order.side === 'long' ? input.order.quantity : -input.order.quantity;
        expect(signed(r.position)).toBeCloseTo(signed(input.position) + orderSigned, 9);
        if (s.mode === 'cross') expect(r.collateral).toBeCloseTo(input.collateral + r.realizedPnl, 9);
        else expect(r.collateral).toBeCloseTo(r.position === null ? 0 : input.collateral + r.marginTransfer, 9);
        expect(r.after === null).toBe(r.position === null);
        if (r.effect === 'add' && input.position !== undefined && r.position !== null) {
          // Linear: Σ q·P is kept; inverse: Σ q/P (the coin value) is kept.
          const keep = (q: number, p: number) => (s.inverse ? q / p : q * p);
          expect(keep(r.position.quantity, r.position.entryPrice)).toBeCloseTo(keep(input.position.quantity, input.position.entryPrice) + keep(input.order.quantity, input.order.price), 6);
        }
      }),
      RUNS,
    );
  });
});
