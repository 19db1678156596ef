/**
 * Funding paid out of an isolated position's margin moves its liquidation price toward the
 * price: each settlement takes side · ρ · N from the margin (ρ the rate per interval, N the
 * notional; a negative rate adds to it), and the venue's liquidation price for the new margin
 * follows (./leg-model.ts). After n settlements the margin is M_n = M₀ − n · side · ρ · N.
 * Binance credits and debits funding to the isolated wallet balance, which is the `WB` of its
 * formula (venues.md §1.2: "Fees/funding … affect WB only as they are booked"). The notional is
 * held at the entry price, so only the funding moves the liquidation price.
 *
 * Worked example (Binance USDⓈ-M BTCUSDT, first bracket MMR 0.4 %, cum 0; LP = (WB − Q·E)/(Q·MMR − Q)
 * for a long): 1 BTC at 50,000 with WB 5,000 → LP = 45,000/0.996 = 45,180.72. At 0.01 % per 8 h
 * a settlement takes 5; after 30 days (90 settlements) WB = 4,550 and LP = 45,632.53. With a
 * stop at 46,000 liquidation reaches it when WB ≤ 50,000 − 0.996 × 46,000 = 4,184, after
 * ⌈816/5⌉ = 164 settlements = 1,312 h = 54.67 days.
 *
 * Source: venues.md §1.2 (Binance), §2.1 (Bybit), §4 (Hyperliquid) for the liquidation prices;
 * Binance, "Introduction to Binance Futures Funding Rates" (funding on the position's notional).
 */
import { HOURS_PER_YEAR } from './series.js';
import type { FundingEstimate } from './estimate.js';
import { beyond, legLiquidationPrice, marginForLiquidation, type Leg } from './leg-model.js';

/** An isolated leg, its starting margin and the funding it is expected to pay. */
export interface DriftInput {
  readonly leg: Leg;
  /** Isolated margin at entry (quote). */
  readonly margin: number;
  readonly funding: FundingEstimate;
  /** Hours between settlements (default 8). */
  readonly intervalHours?: number;
}

/** Margin taken by one settlement: side · c · Δ/8760 · N (negative: funding received). */
export function fundingPerSettlement(d: DriftInput): number {
  const dt = d.intervalHours ?? 8;
  const sign = d.leg.side === 'long' ? 1 : -1;
  return (sign * d.funding.ratePerYear * dt * d.leg.quantity * d.leg.entry) / HOURS_PER_YEAR;
}

/** The liquidation price now and after the settlements of a holding period. */
export interface LiquidationDrift {
  readonly liquidationPrice: number | null;
  readonly liquidationAtHorizon: number | null;
  readonly marginAtHorizon: number;
  /** Funding paid over the horizon (negative: received). */
  readonly fundingPaid: number;
  readonly settlements: number;
}

/**
 * The liquidation price at entry and after ⌊24·horizonDays/Δ⌋ settlements (see the module doc).
 *
 * @example
 * liquidationDrift({ leg: { venue: binance, side: 'long', quantity: 1, entry: 50000 }, margin: 5000, funding: givenFunding(0.0001, 8) }, 30);
 * // => { liquidationPrice: ~45180.72, liquidationAtHorizon: ~45632.53, marginAtHorizon: 4550, fundingPaid: 450, settlements: 90 }
 */
export function liquidationDrift(d: DriftInput, horizonDays: number): LiquidationDrift {
  const n = Math.floor((horizonDays * 24) / (d.intervalHours ?? 8) + 1e-9);
  const paid = n * fundingPerSettlement(d);
  const marginAtHorizon = d.margin - paid;
  return {
    liquidationPrice: legLiquidationPrice(d.leg, d.margin),
    liquidationAtHorizon: marginAtHorizon > 0 ? legLiquidationPrice(d.leg, marginAtHorizon) : d.leg.entry,
    marginAtHorizon,
    fundingPaid: paid,
    settlements: n,
  };
}

/** How long the position can be held before funding brings its liquidation price to a level. */
export interface HoldingToLevel {
  /** Settlements until liquidation reaches the level (0: it already does). */
  readonly settlements: number;
  readonly hours: number;
  readonly days: number;
}

/**
 * The holding period after which funding has moved the liquidation price to `level` (a stop),
 * or null when it never does (the position receives funding or pays none).
 *
 * @throws TradesizeError INVALID_INPUT when `level` is on the wrong side of the entry.
 * @example
 * holdingPeriodToLevel({ leg: { venue: binance, side: 'long', quantity: 1, entry: 50000 }, margin: 5000, funding: givenFunding(0.0001, 8) }, 46000);
 * // => { settlements: 164, hours: 1312, days: ~54.667 }
 */
export function holdingPeriodToLevel(d: DriftInput, level: number): HoldingToLevel | null {
  const dt = d.intervalHours ?? 8;
  const toLevel = (settlements: number): HoldingToLevel => ({ settlements, hours: settlements * dt, days: (settlements * dt) / 24 });
  // The liquidation price at the level (or beyond it, toward the entry) once the margin is at most this.
  const marginAtLevel = marginForLiquidation(d.leg, level);
  if (!beyond(d.leg.side, legLiquidationPrice(d.leg, d.margin), level) || d.margin <= marginAtLevel) return toLevel(0);
  const per = fundingPerSettlement(d);
  if (!(per > 0)) return null;
  // The margin at the level is solved to a relative 1e-10: a count within 1e-6 of a whole settlement is that settlement.
  return toLevel(Math.ceil((d.margin - marginAtLevel) / per - 1e-6));
}
