/**
 * largestSafeQuantity: examples worked by hand on Binance BTCUSDT brackets, and properties on
 * 1,000 random problems each, checked by an independent rule checker on the stub venue: every
 * rule holds at the result and one more lot breaks one (the binding one first); the result grows
 * with the balance and shrinks with the buffer; the fast kernel path of the real tier venues
 * gives the same answer as the generic path through the model.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { largestSafeQuantity, type SafeSizeInput, type SafeSizeRule } from '../../src/venues/max-safe-size.js';
import { getInstrument, getVenue } from '../../src/venues/registry.js';
import type { Instrument, Position } from '../../src/venues/types.js';
import { BTCUSD, BTCUSDT, stubVenue } from './stub-venue.js';

const RUNS = { numRuns: 1000 };
const ETHUSDT: Instrument = { ...BTCUSDT, symbol: 'ETHUSDT' };
const ETHUSD: Instrument = { ...BTCUSD, symbol: 'ETHUSD_PERP' };

/** The rules `quantity` breaks, in check order (stopping at top-tier and max-leverage, as the solver does), without the solver's code. */
function broken(input: SafeSizeInput, quantity: number): SafeSizeRule[] {
  if (quantity === 0) return [];
  const { instrument: inst, entry, stop, side, balance, leverage, marginMode } = input;
  // Written as the venue models write them (ties at a bound break the same way): the settlement
  // value q × (value of one contract), the tier value c·q·u with u = P or 1/P, and the model's IM.
  const value = quantity * (inst.kind === 'linear' ? inst.contractSize * entry : inst.contractSize / entry);
  const tierValue = inst.contractSize * quantity * (inst.kind === 'linear' ? entry : 1 / entry);
  const top = inst.tiers[inst.tiers.length - 1];
  if (top === undefined || tierValue > top.cap) return ['top-tier'];
  const tier = inst.tiers.find((t) => tierValue <= t.cap) ?? top;
  const isolated = marginMode === 'isolated';
  const lev = leverage ?? (isolated ? value / balance : tier.maxLeverage);
  if (!(lev <= tier.maxLeverage)) return ['max-leverage'];
  const out: SafeSizeRule[] = [];
  const position: Position = { symbol: inst.symbol, side, quantity, entryPrice: entry, markPrice: entry };
  const im = stubVenue.positionMargin(inst, position, entry, lev).initialMargin;
  let available = balance;
  for (const o of isolated ? [] : (input.otherPositions ?? [])) {
    const m = o.position.markPrice ?? o.position.entryPrice;
    const s = o.position.side === 'long' ? 1 : -1;
    const c = o.instrument.contractSize * o.position.quantity;
    available += o.instrument.kind === 'linear' ? s * c * (m - o.position.entryPrice) : s * c * (1 / o.position.entryPrice - 1 / m);
    available -= stubVenue.positionMargin(o.instrument, o.position, m).initialMargin;
  }
  if ((leverage !== undefined || !isolated) && im > available) out.push('initial-margin');
  const collateral = isolated && leverage !== undefined ? im : balance;
  const lp = stubVenue.liquidation({ instrument: inst, position, marginMode, collateral, otherPositions: isolated ? undefined : input.otherPositions }).liquidationPrice;
  const b = input.buffer ?? 0.5;
  const limit = side === 'long' ? stop - b * (entry - stop) : stop + b * (stop - entry);
  if (!(lp === null || (side === 'long' ? lp <= limit : lp >= limit))) out.push('liquidation-buffer');
  return out;
}

const decimals = (step: number) => (step < 1 ? Math.round(-Math.log10(step)) : 0);
const plusLot = (q: number, step: number) => Number((q + step).toFixed(decimals(step)));

const problem = fc
  .record({
    inverse: fc.boolean(),
    side: fc.constantFrom('long' as const, 'short' as const),
    entry: fc.double({ min: 1000, max: 100_000, noNaN: true }),
    distance: fc.double({ min: 0.002, max: 0.3, noNaN: true }),
    buffer: fc.double({ min: 0, max: 2, noNaN: true }),
    mode: fc.constantFrom('isolated' as const, 'cross' as const),
    balance: fc.double({ min: 0, max: 2e6, noNaN: true }),
    leverage: fc.option(fc.double({ min: 1, max: 125, noNaN: true }), { nil: undefined }),
    other: fc.option(
      fc.record({ side: fc.constantFrom('long' as const, 'short' as const), lots: fc.integer({ min: 1, max: 20_000 }), entry: fc.double({ min: 1000, max: 5000, noNaN: true }), move: fc.double({ min: -0.2, max: 0.2, noNaN: true }) }),
      { nil: undefined },
    ),
  })
  .map((g): SafeSizeInput => {
    const instrument = g.inverse ? BTCUSD : BTCUSDT;
    const stop = g.side === 'long' ? g.entry * (1 - g.distance) : g.entry * (1 + g.distance);
    const input: SafeSizeInput = {
      model: stubVenue, instrument, side: g.side, entry: g.entry, stop, buffer: g.buffer, marginMode: g.mode,
      balance: g.inverse ? g.balance / 5e4 : g.balance,
      ...(g.leverage === undefined ? {} : { leverage: g.leverage }),
    };
    if (g.mode === 'cross' && g.other !== undefined) {
      const other = g.inverse ? ETHUSD : ETHUSDT;
      const quantity = g.inverse ? g.other.lots / 100 : g.other.lots / 1000;
      const position: Position = { symbol: other.symbol, side: g.other.side, quantity: Math.max(other.lotStep, Math.round(quantity / other.lotStep) * other.lotStep), entryPrice: g.other.entry, markPrice: g.other.entry * (1 + g.other.move) };
      return { ...input, otherPositions: [{ instrument: other, position }] };
    }
    return input;
  });

describe('largestSafeQuantity: examples (Binance BTCUSDT brackets, 65,000 → stop 63,000, buffer 50 %)', () => {
  const base: SafeSizeInput = { model: stubVenue, instrument: BTCUSDT, side: 'long', entry: 65_000, stop: 63_000, buffer: 0.5, marginMode: 'isolated', balance: 1000 };

  it('isolated 20×: the margin binds at 0.307 BTC; LP = E(1 − 1/20)/(1 − 0.4 %) is below 62,000', () => {
    const r = largestSafeQuantity({ ...base, leverage: 20 });
    expect(r).toMatchObject({ quantity: 0.307, leverage: 20, binding: 'initial-margin', liquidationLimit: 62_000 });
    expect(r.liquidationPrice).toBeCloseTo((65_000 * 0.95) / 0.996, 6);
    expect(r.initialMargin).toBeCloseTo((0.307 * 65_000) / 20, 9);
  });

  it('isolated 50×: the liquidation price 65,000 × 0.98 / 0.996 ≈ 63,956 is above the limit at every size: 0', () => {
    const r = largestSafeQuantity({ ...base, leverage: 50 });
    expect(r).toMatchObject({ quantity: 0, binding: 'liquidation-buffer', liquidationPrice: null, initialMargin: 0 });
  });

  it('isolated without a setting: the whole balance is the margin, and the buffer binds', () => {
    const r = largestSafeQuantity(base);
    // (65,000 − 1000/q)/(1 − 0.004) ≤ 62,000  ⇔  q ≤ 1000 / (65,000 − 62,000 × 0.996) = 0.30769…
    expect(r).toMatchObject({ quantity: 0.307, binding: 'liquidation-buffer' });
    expect(r.leverage).toBeCloseTo((0.307 * 65_000) / 1000, 12);
  });

  it('isolated 20× with a large balance: tier 2 (cum 50) pulls the liquidation price up to the limit at 0.833', () => {
    const r = largestSafeQuantity({ ...base, balance: 1e7, leverage: 20 });
    // tier 2: LP = (E(1/20 − 1) + 50/q)/(0.005 − 1) ≤ 62,000  ⇔  q ≤ 50 / (65,000 × 0.95 − 62,000 × 0.995)
    expect(r.quantity).toBe(Math.floor((50 / (65_000 * 0.95 - 62_000 * 0.995)) * 1000) / 1000);
    expect(r.binding).toBe('liquidation-buffer');
  });

  it('a huge balance without a setting runs into the top bracket', () => {
    expect(largestSafeQuantity({ ...base, balance: 1e8 }).binding).toBe('top-tier');
  });

  it('cross: the wallet carries the position; the margin at the bracket max must fit', () => {
    const r = largestSafeQuantity({ ...base, marginMode: 'cross', balance: 1000 });
    expect(r).toMatchObject({ quantity: 0.307, leverage: 125, binding: 'liquidation-buffer' });
  });

  it('a short mirrors the long: LP ≥ stop + 50 % of the distance', () => {
    const r = largestSafeQuantity({ ...base, side: 'short', stop: 67_000 });
    expect(r.liquidationLimit).toBe(68_000);
    expect(r.liquidationPrice as number).toBeGreaterThanOrEqual(68_000);
    expect(broken({ ...base, side: 'short', stop: 67_000 }, plusLot(r.quantity, 0.001))).toContain('liquidation-buffer');
  });

  it.each([
    [{ stop: 66_000 }, 'stop'],
    [{ buffer: -0.1 }, 'buffer'],
    [{ balance: Number.NaN }, 'balance'],
    [{ leverage: 0 }, 'leverage'],
  ] as const)('bad input %j → INVALID_INPUT at %s', (patch, field) => {
    expect(() => largestSafeQuantity({ ...base, ...patch })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', path: [field] }));
  });

  it('refuses a margin mode the venue lacks (Deribit has no isolated mode)', () => {
    const instrument = getInstrument('deribit', 'BTC-PERPETUAL');
    expect(() => largestSafeQuantity({ ...base, model: getVenue('deribit'), instrument })).toThrow(expect.objectContaining({ path: ['marginMode'] }));
  });
});

describe('largestSafeQuantity: properties (1,000 random problems each, stub venue)', () => {
  it('every rule holds at the result, and one more lot breaks one: the binding rule first', () => {
    fc.assert(
      fc.property(problem, (input) => {
        const r = largestSafeQuantity(input);
        expect(broken(input, r.quantity)).toEqual([]);
        const next = broken(input, plusLot(r.quantity, input.instrument.lotStep));
        expect(next.length).toBeGreaterThan(0);
        expect(next[0]).toBe(r.binding);
        expect(Number.isInteger(Math.round(r.quantity / input.instrument.lotStep))).toBe(true);
      }),
      RUNS,
    );
  });

  it('grows with the balance', () => {
    fc.assert(
      fc.property(problem, fc.double({ min: 0, max: 3, noNaN: true }), (input, more) => {
        expect(largestSafeQuantity({ ...input, balance: input.balance * (1 + more) + 1e-9 }).quantity).toBeGreaterThanOrEqual(largestSafeQuantity(input).quantity);
      }),
      RUNS,
    );
  });

  it('shrinks with the buffer', () => {
    fc.assert(
      fc.property(problem, fc.double({ min: 0, max: 1, noNaN: true }), (input, more) => {
        expect(largestSafeQuantity({ ...input, buffer: (input.buffer ?? 0.5) + more }).quantity).toBeLessThanOrEqual(largestSafeQuantity(input).quantity);
      }),
      RUNS,
    );
  });
});

describe('largestSafeQuantity: the kernel path of the real tier venues equals the generic model path', () => {
  const venues = [
    ['binance-usdm', 'BTCUSDT'],
    ['binance-usdm', 'ETHUSDT'],
    ['binance-coinm', 'BTCUSD'],
    ['hyperliquid', 'BTC'],
    ['hyperliquid', 'ETH'],
  ] as const;
  const cases = venues.map(([venue, symbol]) => {
    const bundled = getInstrument(venue, symbol);
    const instrument: Instrument = bundled.lotStep > 0 ? bundled : { ...bundled, lotStep: 0.001 };
    return { model: getVenue(venue), instrument };
  });

  it('same quantity, binding and liquidation price (1,000 problems)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...cases), problem, fc.integer({ min: 5, max: 50 }), ({ model, instrument }, p, lev) => {
        const inverse = instrument.kind === 'inverse';
        const quote = p.instrument.kind === 'inverse' ? p.balance * 5e4 : p.balance;
        // Binance COIN-M brackets state no max leverage: cross needs a setting.
        const leverage = p.leverage ?? (inverse && p.marginMode === 'cross' ? lev : undefined);
        const input: SafeSizeInput = {
          model, instrument, side: p.side, entry: p.entry, stop: p.stop, buffer: p.buffer, marginMode: p.marginMode,
          balance: inverse ? quote / 5e4 : quote, ...(leverage === undefined ? {} : { leverage }),
        };
        const withOther: SafeSizeInput =
          p.marginMode === 'cross' && p.otherPositions !== undefined && model.id === 'binance-usdm'
            ? { ...input, otherPositions: [{ instrument: getInstrument('binance-usdm', instrument.symbol === 'BTCUSDT' ? 'ETHUSDT' : 'BTCUSDT'), position: { ...(p.otherPositions[0]?.position as Position), symbol: instrument.symbol === 'BTCUSDT' ? 'ETHUSDT' : 'BTCUSDT' } }] }
            : input;
        const fast = largestSafeQuantity(withOther);
        const generic = largestSafeQuantity({ ...withOther, model: { ...model } });
        expect(fast.quantity).toBe(generic.quantity);
        expect(fast.binding).toBe(generic.binding);
        if (fast.liquidationPrice === null) expect(generic.liquidationPrice).toBeNull();
        else expect(fast.liquidationPrice).toBeCloseTo(generic.liquidationPrice as number, 6);
      }),
      RUNS,
    );
  });
});
