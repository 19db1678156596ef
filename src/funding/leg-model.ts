/**
 * One leg's isolated liquidation price as a function of its margin, on a venue model of
 * `src/venues` or, for a venue tradesize has no model of (Gate, HTX, KuCoin, MEXC), on a flat
 * maintenance rate m: margin balance M + side·Q·(P − E) = m·Q·P at liquidation, so
 *
 *   LP_long = (E − M/Q)/(1 − m),   LP_short = (E + M/Q)/(1 + m)
 *
 * (venues.md §2.3, OKX's isolated formula with the fee set to 0; Q in base units). The margin
 * that puts the liquidation price at a level is found by bisection: the price moves away from
 * the entry monotonically as margin is added.
 *
 * Worked example (flat, m = 0.005): long 1 BTC at 50,000 with M = 5,000 → LP = 45,000/0.995 =
 * 45,226.13; the margin for LP = 40,000 is 50,000 − 0.995 × 40,000 = 10,200.
 */
import type { Side } from '../core/contract.js';
import { TradesizeError } from '../core/errors.js';
import type { Instrument, VenueModel } from '../venues/types.js';

/** Where a leg's liquidation comes from: a venue model and instrument, or a flat maintenance rate. */
export type LegVenue =
  | { readonly kind: 'model'; readonly model: VenueModel; readonly instrument: Instrument }
  | { readonly kind: 'flat'; readonly maintenanceRate: number; readonly maxLeverage: number };

/** A leg: its venue rules, side, quantity (base units) and entry price. */
export interface Leg {
  readonly venue: LegVenue;
  readonly side: Side;
  readonly quantity: number;
  readonly entry: number;
}

/**
 * The isolated liquidation price of a linear leg with margin `margin` (quote), or null when
 * there is none (a long so well collateralised that LP ≤ 0).
 *
 * @example
 * legLiquidationPrice({ venue: { kind: 'flat', maintenanceRate: 0.005, maxLeverage: 20 }, side: 'long', quantity: 1, entry: 50000 }, 5000); // => ~45226.13
 */
export function legLiquidationPrice(leg: Leg, margin: number): number | null {
  const v = leg.venue;
  if (v.kind === 'flat') {
    const perUnit = margin / leg.quantity;
    const lp = leg.side === 'long' ? (leg.entry - perUnit) / (1 - v.maintenanceRate) : (leg.entry + perUnit) / (1 + v.maintenanceRate);
    return lp > 0 ? lp : null;
  }
  const r = v.model.liquidation({
    instrument: v.instrument,
    position: { symbol: v.instrument.symbol, side: leg.side, quantity: leg.quantity / v.instrument.contractSize, entryPrice: leg.entry },
    marginMode: 'isolated',
    collateral: Math.max(0, margin),
  });
  return r.liquidationPrice !== null && r.liquidationPrice > 0 ? r.liquidationPrice : null;
}

/** The largest leverage the leg's venue allows at its notional (the tier's, or the flat model's). */
export function legMaxLeverage(leg: Leg): number {
  const v = leg.venue;
  if (v.kind === 'flat') return v.maxLeverage;
  const m = v.model.positionMargin(
    v.instrument,
    { symbol: v.instrument.symbol, side: leg.side, quantity: leg.quantity / v.instrument.contractSize, entryPrice: leg.entry },
    leg.entry,
  );
  return m.tier.maxLeverage;
}

/** True when liquidation at `lp` lies beyond `level` on the leg's losing side (long: below it; short: above it). */
export function beyond(side: Side, lp: number | null, level: number): boolean {
  return lp === null ? side === 'long' : side === 'long' ? lp <= level : lp >= level;
}

/**
 * The smallest margin (to a relative 1e-10) whose liquidation price lies at or beyond `level`.
 *
 * @throws TradesizeError INVALID_INPUT when `level` is on the wrong side of the entry.
 * @example
 * marginForLiquidation({ venue: { kind: 'flat', maintenanceRate: 0.005, maxLeverage: 20 }, side: 'long', quantity: 1, entry: 50000 }, 40000); // => ~10200
 */
export function marginForLiquidation(leg: Leg, level: number): number {
  if (leg.side === 'long' ? !(level < leg.entry) : !(level > leg.entry)) {
    throw new TradesizeError('INVALID_INPUT', `the ${leg.side} leg's liquidation level ${level} must be on its losing side of the entry ${leg.entry}`, ['level']);
  }
  let hi = leg.quantity * leg.entry;
  for (let i = 0; i < 60 && !beyond(leg.side, legLiquidationPrice(leg, hi), level); i++) hi *= 2;
  let lo = 0;
  while (hi - lo > 1e-10 * hi) {
    const mid = 0.5 * (lo + hi);
    if (beyond(leg.side, legLiquidationPrice(leg, mid), level)) hi = mid;
    else lo = mid;
  }
  return hi;
}
