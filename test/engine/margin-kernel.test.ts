/**
 * The engine's packed margin kernels (src/engine/margin-kernel.ts) give what the validated venue
 * models give: the maintenance margin and the cross-margin liquidation price of every position
 * of random accounts on every tier-table venue's bundled instruments, including accounts near
 * and beyond the top tier (where the kernels defer to the validated path).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { positionMarginView, resolveMarket, validatedView, type MarginedPosition, type VenueMarket } from '../../src/engine/margin.js';
import { kernelMaintenance } from '../../src/engine/margin-kernel.js';
import { listInstruments, VENUES } from '../../src/venues/registry.js';
import { tieredRulesOf } from '../../src/venues/tiered-venue.js';

const venues = Object.values(VENUES).filter((m) => tieredRulesOf(m) !== undefined).map((m) => m.id);

/** Each bundled instrument of a venue as the engine resolves it, the symbol made unique per position. */
function markets(venue: string): VenueMarket[] {
  return listInstruments(venue).map((i) => resolveMarket({ venue, symbol: i.symbol }).venue as VenueMarket);
}

const close = (a: number | null, b: number | null): boolean => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));

describe('packed margin kernels', () => {
  it('pack every bundled instrument of a tier-table venue whose table states a max leverage on every row (the others take the validated path)', () => {
    expect(venues.length).toBeGreaterThanOrEqual(6);
    for (const v of venues) for (const m of markets(v)) expect(m.packed !== null, `${v} ${m.instrument.symbol}`).toBe(m.instrument.tiers.every((t) => Number.isFinite(t.maxLeverage)));
    expect(markets('okx-swap').every((m) => m.packed?.byContracts === true)).toBe(true);
  });

  it('a worked case: a Binance USDⓈ-M BTCUSDT long of 1 at 60,000 on tier 2 (0.5 %, amount 50) holds 250 of maintenance margin', () => {
    const m = resolveMarket({ venue: 'binance-usdm', symbol: 'BTCUSDT' }).venue as VenueMarket;
    // Value 60,000 is above the first cap of 50,000: rate 0.5 %, amount 50 → 60,000 × 0.005 − 50 = 250.
    expect(kernelMaintenance(m.packed as NonNullable<VenueMarket['packed']>, 1, 60_000, 60_000)).toBeCloseTo(250, 9);
  });

  // Venues with an instrument the kernels pack (COIN-M's bundled table states no max leverage).
  for (const venue of venues.filter((v) => markets(v).some((m) => m.packed !== null))) {
    it(`${venue}: maintenance margin and cross liquidation price equal the validated model's on random accounts`, () => {
      const list = markets(venue);
      let priced = 0;
      fc.assert(
        fc.property(
          fc.array(fc.record({ m: fc.nat(list.length - 1), lev: fc.double({ min: 0.01, max: 150, noNaN: true }), long: fc.boolean(), move: fc.double({ min: -0.3, max: 0.3, noNaN: true }) }), { minLength: 1, maxLength: 4 }),
          fc.double({ min: 10, max: 1e7, noNaN: true }),
          fc.constantFrom('cross' as const, 'isolated' as const),
          (legs, wallet, mode) => {
            const positions: MarginedPosition[] = legs.map((l, k) => {
              const bundled = list[l.m] as VenueMarket;
              // As in the engine, each market is its own instrument (two markets on one symbol are two positions).
              const v: VenueMarket = { ...bundled, instrument: { ...bundled.instrument, symbol: `${bundled.instrument.symbol}#${k}` } };
              const entry = v.instrument.kind === 'linear' ? 100 * (1 + l.m) : 20_000 + 1000 * l.m;
              const perContract = v.instrument.kind === 'linear' ? v.instrument.contractSize * entry : v.instrument.contractSize;
              const contracts = Math.max(v.instrument.lotStep, (l.lev * wallet * (v.instrument.kind === 'linear' ? 1 : entry / 50_000)) / perContract / legs.length);
              return { quantity: l.long ? contracts : -contracts, entryPrice: entry, mark: entry * (1 + l.move), venue: v };
            });
            positions.forEach((_, i) => {
              const fast = positionMarginView(positions, i, wallet, mode);
              const slow = validatedView(positions, i, wallet, mode);
              expect(close(fast.maintenanceMargin, slow.maintenanceMargin), `MM ${fast.maintenanceMargin} vs ${slow.maintenanceMargin}`).toBe(true);
              expect(close(fast.liquidationPrice, slow.liquidationPrice), `LP ${fast.liquidationPrice} vs ${slow.liquidationPrice}`).toBe(true);
              expect(close(fast.liquidationDistance, slow.liquidationDistance)).toBe(true);
              if (fast.liquidationPrice !== null) priced++;
            });
          },
        ),
        { numRuns: 300 },
      );
      // The accounts reach liquidation prices (not only the nulls of isolated or unbounded cases).
      expect(priced).toBeGreaterThan(30);
    });
  }
});
