import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deribit, deribitParams, deribitRates, deribitSettlementCurrency } from '../../src/venues/deribit.js';
import { getInstrument } from '../../src/venues/registry.js';
import type { Instrument, Position } from '../../src/venues/types.js';
import { unitPriceLoss } from '../../src/core/contract.js';
import { expectRel, thrown } from '../helpers/assert.js';

const LINEAR = getInstrument('deribit', 'BTC_USDC-PERPETUAL');
const INVERSE = getInstrument('deribit', 'BTC-PERPETUAL');
/** SOL_USDC from the same Deribit page: IM 4 % + 0.0005 % per SOL, MM 2 % + 0.0005 % per SOL. */
const SOL: Instrument = {
  ...LINEAR,
  symbol: 'SOL_USDC-PERPETUAL',
  params: { initialMarginBase: 0.04, initialMarginPerCoin: 0.000005, maintenanceMarginBase: 0.02, maintenanceMarginPerCoin: 0.000005 },
};
const pos = (inst: Instrument, side: 'long' | 'short', quantity: number, entryPrice: number, markPrice?: number): Position =>
  markPrice === undefined ? { symbol: inst.symbol, side, quantity, entryPrice } : { symbol: inst.symbol, side, quantity, entryPrice, markPrice };

describe('Deribit standard margin: the documented examples', () => {
  it('BTC_USDC linear perpetual at 100,000 (support article "Linear Perpetual")', () => {
    const p = deribitParams(LINEAR);
    expect(deribitRates(p, 0)).toEqual({ initial: 0.02, maintenance: 0.01 });
    const r25 = deribitRates(p, 25);
    expect(r25.initial).toBeCloseTo(0.02125, 15);
    expect(r25.maintenance).toBeCloseTo(0.01125, 15);
    const m25 = deribit.positionMargin(LINEAR, pos(LINEAR, 'long', 25, 100_000), 100_000);
    expectRel(m25.initialMargin, 53_125, 1e-14); // 0.53125 BTC × 100,000
    expectRel(m25.maintenanceMargin, 28_125, 1e-14); // 0.28125 BTC × 100,000
    expect(m25.positionValue).toBe(2_500_000);
    const m350 = deribit.positionMargin(LINEAR, pos(LINEAR, 'short', 350, 100_000), 100_000);
    expectRel(m350.initialMargin, 1_312_500, 1e-14); // 3.75 % = 13.125 BTC
    expectRel(m350.maintenanceMargin, 962_500, 1e-14); // 2.75 % [D: the page's MM row is cut off at 350]
  });

  it('SOL_USDC linear perpetual at 200 (same article)', () => {
    expectRel(deribit.positionMargin(SOL, pos(SOL, 'long', 25, 200), 200).initialMargin, 200.625, 1e-14); // 4.0125 %
    expectRel(deribit.positionMargin(SOL, pos(SOL, 'long', 25, 200), 200).maintenanceMargin, 100.625, 1e-14); // 2.0125 %
    expectRel(deribit.positionMargin(SOL, pos(SOL, 'long', 6000, 200), 200).initialMargin, 84_000, 1e-14); // 7 % = 420 SOL
  });

  it('BTC-PERPETUAL inverse: size in BTC = contracts × 10 USD / price (futures page: 25 and 350 BTC)', () => {
    // 25 BTC at 100,000 = 250,000 contracts of 10 USD → IM 2.125 % = 0.53125 BTC.
    const m25 = deribit.positionMargin(INVERSE, pos(INVERSE, 'long', 250_000, 100_000), 100_000);
    expectRel(m25.initialMargin, 0.53125, 1e-14);
    expectRel(m25.maintenanceMargin, 25 * 0.01625, 1e-14); // 1.5 % + 25 × 0.005 %
    expect(m25.positionValue).toBe(25);
    // 350 BTC → IM 3.75 % = 13.125 BTC, at any price.
    expectRel(deribit.positionMargin(INVERSE, pos(INVERSE, 'short', 1_750_000, 60_000), 50_000).initialMargin, 13.125, 1e-14);
  });

  it('the effective tier carries the size-dependent rates', () => {
    const m = deribit.positionMargin(LINEAR, pos(LINEAR, 'long', 25, 100_000), 100_000);
    expect(m.tier.maintenanceMarginRate).toBeCloseTo(0.01125, 15);
    expectRel(m.tier.maxLeverage, 1 / 0.02125, 1e-14);
  });

  it('ignores a leverage setting (standard margin has none)', () => {
    const a = deribit.positionMargin(LINEAR, pos(LINEAR, 'long', 1, 100_000), 100_000);
    const b = deribit.positionMargin(LINEAR, pos(LINEAR, 'long', 1, 100_000), 100_000, 2);
    expect(b).toEqual(a);
  });
});

describe('deribit.liquidation', () => {
  it('linear long: LP = (W − v·entry − M)/(v·r_m − v)', () => {
    const r = deribit.liquidation({ instrument: LINEAR, position: pos(LINEAR, 'long', 2, 100_000), marginMode: 'cross', collateral: 10_000 });
    const rm = 0.01 + 2 * 0.00005;
    expectRel(r.liquidationPrice as number, (10_000 - 200_000) / (2 * rm - 2), 1e-15);
    expect(r.bankruptcyPrice).toBe(95_000);
    expectRel(r.marginRatio, 10_000 / (2 * rm * 100_000), 1e-14);
  });

  it('settlement currency from the name; other currencies are another margin pool', () => {
    expect(deribitSettlementCurrency(LINEAR)).toBe('USDC');
    expect(deribitSettlementCurrency(INVERSE)).toBe('BTC');
    const e = thrown(() =>
      deribit.liquidation({
        instrument: LINEAR,
        position: pos(LINEAR, 'long', 1, 100_000),
        marginMode: 'cross',
        collateral: 10_000,
        otherPositions: [{ instrument: INVERSE, position: pos(INVERSE, 'long', 100, 100_000) }],
      }),
    );
    expect(e.path).toEqual(['otherPositions', 0, 'instrument']);
    expect(e.message).toMatch(/settles in BTC, not USDC/);
  });

  it('standard margin is cross only', () => {
    const e = thrown(() => deribit.liquidation({ instrument: LINEAR, position: pos(LINEAR, 'long', 1, 100_000), marginMode: 'isolated', collateral: 1 }));
    expect(e.path).toEqual(['marginMode']);
  });

  it('an inverse short backed by more than its value has no liquidation price upward and no bankruptcy', () => {
    // 1,000 contracts × 10 USD at 50,000 = 0.2 BTC; 1 BTC of collateral.
    const r = deribit.liquidation({ instrument: INVERSE, position: pos(INVERSE, 'short', 1000, 50_000), marginMode: 'cross', collateral: 1 });
    expect(r.liquidationPrice).toBeNull();
    expect(r.bankruptcyPrice).toBeNull();
  });

  it('rejects missing rates naming the param', () => {
    expect(thrown(() => deribit.positionMargin({ ...LINEAR, params: {} }, pos(LINEAR, 'long', 1, 1), 1)).path).toEqual([
      'instrument', 'params', 'initialMarginBase',
    ]);
  });

  const pnl = (inst: Instrument, p: Position, price: number) =>
    -unitPriceLoss({ kind: inst.kind, size: inst.contractSize }, p.side, p.entryPrice, price) * p.quantity;

  const caseOf = fc.record({
    inverse: fc.boolean(),
    side: fc.constantFrom('long' as const, 'short' as const),
    sizeBtc: fc.double({ min: 0.01, max: 500, noNaN: true }),
    entryPrice: fc.double({ min: 1000, max: 200_000, noNaN: true }),
    margin: fc.double({ min: 0.02, max: 0.6, noNaN: true }),
    other: fc.option(fc.record({ sizeBtc: fc.double({ min: 0.01, max: 50, noNaN: true }), long: fc.boolean(), move: fc.double({ min: -0.2, max: 0.2, noNaN: true }) })),
  });

  /** The target position of a case: its size in BTC at entry and its collateral as a fraction of its value. */
  function setUp(c: { inverse: boolean; side: 'long' | 'short'; sizeBtc: number; entryPrice: number; margin: number }) {
    const inst = c.inverse ? INVERSE : LINEAR;
    const quantity = c.inverse ? Math.max(1, Math.round((c.sizeBtc * c.entryPrice) / 10)) : c.sizeBtc;
    const position = pos(inst, c.side, quantity, c.entryPrice);
    const valueSettle = c.inverse ? (quantity * 10) / c.entryPrice : quantity * c.entryPrice;
    return { inst, position, collateral: c.margin * valueSettle };
  }

  it('property: at the computed LP, equity = MM within 1e-9 relative (1,000 runs)', () => {
    fc.assert(
      fc.property(caseOf, (c) => {
        const { inst, position, collateral } = setUp(c);
        const others = c.other === null ? [] : [(() => {
          const q = c.inverse ? Math.max(1, Math.round((c.other.sizeBtc * c.entryPrice) / 10)) : c.other.sizeBtc;
          return { instrument: inst, position: pos(inst, c.other.long ? 'long' : 'short', q, c.entryPrice, c.entryPrice * (1 + c.other.move)) };
        })()];
        const r = deribit.liquidation({ instrument: inst, position, marginMode: 'cross', collateral, otherPositions: others });
        if (r.liquidationPrice === null) return true;
        const lp = r.liquidationPrice;
        const equity = collateral + pnl(inst, position, lp) + others.reduce((a, o) => a + pnl(o.instrument, o.position, o.position.markPrice as number), 0);
        const mm =
          deribit.positionMargin(inst, position, lp).maintenanceMargin +
          others.reduce((a, o) => a + deribit.positionMargin(o.instrument, o.position, o.position.markPrice as number).maintenanceMargin, 0);
        expect(Math.abs(equity - mm)).toBeLessThanOrEqual(1e-9 * mm);
        return true;
      }),
      { numRuns: 1000 },
    );
  });

  it('property: less collateral moves the LP toward the entry (1,000 runs)', () => {
    fc.assert(
      fc.property(caseOf, fc.double({ min: 0.05, max: 0.95, noNaN: true }), (c, cut) => {
        const { inst, position, collateral } = setUp(c);
        const mark = position.entryPrice;
        const mmAtEntry = deribit.positionMargin(inst, position, mark).maintenanceMargin;
        fc.pre(collateral * cut > mmAtEntry * 1.0001); // both safe at entry: LP on the losing side
        const lp = (w: number) => deribit.liquidation({ instrument: inst, position, marginMode: 'cross', collateral: w }).liquidationPrice;
        const more = lp(collateral);
        const less = lp(collateral * cut);
        if (more === null) return true; // backed beyond its value
        return less !== null && Math.abs(less - mark) < Math.abs(more - mark);
      }),
      { numRuns: 1000 },
    );
  });
});
