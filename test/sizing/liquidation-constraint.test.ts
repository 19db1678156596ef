/**
 * The `liquidation` sizing constraint: sizePosition with a venue's largest safe size, in the
 * request's units, with an explanation, re-checked exactly after rounding.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sizePosition, type SizeDecision } from '../../src/sizing/size-position.js';
import { liquidationConstraint } from '../../src/sizing/constraints/liquidation.js';
import { sizeRequestSchema, type SizeRequestInput } from '../../src/sizing/request.js';
import type { SizingContext } from '../../src/sizing/constraints/types.js';
import { largestSafeQuantity } from '../../src/venues/max-safe-size.js';
import type { Instrument } from '../../src/venues/types.js';
import { BTCUSD, BTCUSDT, stubVenue } from '../venues/stub-venue.js';

const RUNS = { numRuns: 1000 };
const request: SizeRequestInput = { equity: 1000, entry: 65_000, stop: 63_000, risk: 0.05, maxLeverage: 20, venue: { lotStep: 0.001 } };
const isolated20 = liquidationConstraint({ model: stubVenue, instrument: BTCUSDT, marginMode: 'isolated', leverage: 20 });

/** The fields of a sizing context the liquidation constraint reads. */
function contextOf(req: SizeRequestInput): SizingContext {
  const r = sizeRequestSchema().parse(req);
  return { request: r, side: r.side, terms: r.contract ?? { kind: 'linear', size: 1 }, equity: r.equity } as SizingContext;
}

describe('liquidationConstraint', () => {
  it('allows re-checks exactly: the largest safe size passes, one more lot does not', () => {
    const ctx = contextOf(request);
    expect(isolated20.allows(ctx, 0.307)).toBe(true);
    expect(isolated20.allows(ctx, 0.308)).toBe(false);
    expect(isolated20.allows(ctx, 0)).toBe(true);
  });

  it('reports the largest safe size with a one-line explanation, and binds when it is the smallest', () => {
    const d = sizePosition({ ...request, risk: 0.1 }, { constraints: [isolated20] });
    const limit = d.constraints.find((c) => c.name === 'liquidation');
    expect(limit?.maxQuantity).toBe(0.307);
    expect(limit?.explanation).toBe(
      'liquidation at 61997.992, beyond 62000 = stop 63000 − 50% × 2000 (binance-usdm BTCUSDT, isolated 20× on 1000) → at most 0.307; one more lot breaks initial-margin',
    );
    // The whole 100 as isolated margin: q ≤ 100 / (65,000 − 62,000 × 0.996) = 0.0307…, below stop-risk's 0.05.
    const whole = liquidationConstraint({ model: stubVenue, instrument: BTCUSDT, marginMode: 'isolated' });
    const bound = sizePosition({ ...request, equity: 100, risk: 1, maxLeverage: 100 }, { constraints: [whole] }) as SizeDecision;
    expect(bound).toMatchObject({ status: 'sized', binding: 'liquidation', quantity: 0.03 });
  });

  it('the balance defaults to the request equity; a given balance wins', () => {
    const withBalance = liquidationConstraint({ model: stubVenue, instrument: BTCUSDT, marginMode: 'isolated', leverage: 20, balance: 500 });
    const d = sizePosition(request, { constraints: [withBalance] });
    expect(d.constraints.find((c) => c.name === 'liquidation')?.maxQuantity).toBe(0.153);
  });

  it('converts to the request units: q_request = q_instrument × c_instrument / c_request', () => {
    const okxLike: Instrument = { ...BTCUSDT, symbol: 'BTC-USDT-SWAP', contractSize: 0.01, lotStep: 0.1 };
    const c = liquidationConstraint({ model: stubVenue, instrument: okxLike, marginMode: 'isolated', leverage: 20 });
    const d = sizePosition({ ...request, venue: { lotStep: 0.001 } }, { constraints: [c] });
    // 30.7 contracts of 0.01 BTC, in base units.
    expect(d.constraints.find((x) => x.name === 'liquidation')?.maxQuantity).toBeCloseTo(0.307, 12);
  });

  it('refuses a request of the other contract kind', () => {
    expect(() => sizePosition(request, { constraints: [liquidationConstraint({ model: stubVenue, instrument: BTCUSD, marginMode: 'isolated' })] })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', path: ['contract', 'kind'] }),
    );
  });

  it('refuses with NO_EDGE when not one lot is safe, explaining which rule one lot breaks', () => {
    const c = liquidationConstraint({ model: stubVenue, instrument: BTCUSDT, marginMode: 'isolated', leverage: 50 });
    const d = sizePosition(request, { constraints: [c] });
    expect(d).toMatchObject({ status: 'refused', code: 'NO_EDGE', binding: 'liquidation' });
    expect(d.constraints.find((x) => x.name === 'liquidation')?.explanation).toMatch(/^one lot already breaks liquidation-buffer/);
  });

  const sized = fc
    .record({
      side: fc.constantFrom('long' as const, 'short' as const),
      inverse: fc.boolean(),
      entry: fc.double({ min: 5000, max: 100_000, noNaN: true }),
      distance: fc.double({ min: 0.003, max: 0.2, noNaN: true }),
      risk: fc.double({ min: 0.001, max: 0.5, noNaN: true }),
      equity: fc.double({ min: 10, max: 1e6, noNaN: true }),
      buffer: fc.double({ min: 0, max: 1.5, noNaN: true }),
      mode: fc.constantFrom('isolated' as const, 'cross' as const),
      leverage: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
    });

  it('the sized quantity is allowed, on the lot grid, and its liquidation price stays beyond the limit (property)', () => {
    fc.assert(
      fc.property(sized, (g) => {
        const instrument = g.inverse ? BTCUSD : BTCUSDT;
        const stop = g.side === 'long' ? g.entry * (1 - g.distance) : g.entry * (1 + g.distance);
        const equity = g.inverse ? g.equity / 5e4 : g.equity;
        const req: SizeRequestInput = {
          side: g.side, equity, entry: g.entry, stop, risk: g.risk, maxLeverage: 125,
          contract: g.inverse ? { kind: 'inverse', size: 100 } : { kind: 'linear', size: 1 },
          venue: { lotStep: instrument.lotStep },
        };
        const c = liquidationConstraint({ model: stubVenue, instrument, marginMode: g.mode, buffer: g.buffer, ...(g.leverage === undefined ? {} : { leverage: g.leverage }) });
        const d = sizePosition(req, { constraints: [c] });
        const safe = largestSafeQuantity({ model: stubVenue, instrument, side: g.side, entry: g.entry, stop, buffer: g.buffer, marginMode: g.mode, balance: equity, ...(g.leverage === undefined ? {} : { leverage: g.leverage }) });
        expect(d.constraints.find((x) => x.name === 'liquidation')?.maxQuantity).toBe(safe.quantity);
        if (d.status !== 'sized') return;
        expect(d.quantity).toBeLessThanOrEqual(safe.quantity);
        expect(c.allows(contextOf(req), d.quantity)).toBe(true);
      }),
      RUNS,
    );
  });
});
