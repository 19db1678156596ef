/**
 * Tier (bracket, risk-limit) tables: lookup, maintenance amounts and validation.
 *
 * A row n applies to position values v with floor_n < v ≤ cap_n (the first row includes 0) and
 * sets the maintenance margin MM(v) = v·mmr_n − amount_n. The maintenance amount (Binance `cum`,
 * Bybit and Hyperliquid "deduction") is chosen so that MM is continuous across the bounds:
 *
 *   amount_1 = 0,   amount_n = amount_(n−1) + floor_n·(mmr_n − mmr_(n−1)).
 *
 * With rising rates this makes MM(v) = max_n (v·mmr_n − amount_n), a convex function of the
 * value, which is what lets a liquidation solver find the tier at the liquidation price by
 * iterating (see `tiered-liquidation.ts`).
 *
 * Hyperliquid states each tier by its lower bound and max leverage; its maintenance rate is half
 * the initial margin rate at that max leverage, mmr = 1/(2·maxLeverage), with the same deduction.
 *
 * Sources: Binance FAQ "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts"
 * (https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93, "Maintenance Amount
 * formula": Level 3 = 250,000 × (1 % − 0.5 %) + 50 = 1,300 USDT); Bybit "Margin Parameters"
 * (https://www.bybit.com/en/announcement-info/margin-parameters); Hyperliquid "Margin tiers"
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers).
 *
 * @example
 * const t = withDeductions([{ tier: 1, floor: 0, cap: 50_000, maintenanceMarginRate: 0.004, maxLeverage: 125 },
 *                           { tier: 2, floor: 50_000, cap: 250_000, maintenanceMarginRate: 0.005, maxLeverage: 100 }]);
 * t[1].maintenanceAmount; // => 50
 * tierAt(t, 60_000).tier; // => 2
 */
import { require, TradesizeError, type FieldPath } from '../core/errors.js';
import { stepDecimals } from '../core/rounding.js';
import type { Tier } from './types.js';
import { checkTierTable } from './validate.js';

/** A tier row before its maintenance amount is derived. */
export type TierRow = Omit<Tier, 'maintenanceAmount'>;

/**
 * Index of the row that applies to `value` (floor < value ≤ cap; values ≤ 0 take the first row,
 * values above the top cap the last one). A kernel: no validation, never throws.
 *
 * @example
 * tierIndex(BTCUSDT.tiers, 50_000);  // => 0 (a cap belongs to its own row)
 * tierIndex(BTCUSDT.tiers, 50_000.01); // => 1
 */
export function tierIndex(tiers: readonly Tier[], value: number): number {
  const last = tiers.length - 1;
  let i = 0;
  while (i < last && value > (tiers[i] as Tier).cap) i++;
  return i;
}

/**
 * The tier that applies to a position value, in the table's basis (quote notional, coin value or
 * contracts).
 *
 * @throws TradesizeError ABOVE_MAX_TIER (naming the top cap) when value > the top tier's cap.
 * @example
 * tierAt(BTCUSDT.tiers, 264_000).maintenanceMarginRate; // => 0.005
 * tierAt(BTCUSDT.tiers, 2e9); // throws ABOVE_MAX_TIER: "… above the top tier's cap 1800000000 …"
 */
export function tierAt(tiers: readonly Tier[], value: number, path: FieldPath = ['quantity']): Tier {
  const top = tiers[tiers.length - 1];
  require(top !== undefined, 'the tier table is empty', ['tiers']);
  if (value > top.cap) {
    throw new TradesizeError(
      'ABOVE_MAX_TIER',
      `position value ${value} is above the top tier's cap ${top.cap} (tier ${top.tier}): reduce the quantity`,
      path,
      { cap: top.cap, value, tier: top.tier },
    );
  }
  return tiers[tierIndex(tiers, value)] as Tier;
}

/**
 * Decimal places in which the amounts of `rows` are exact (floor decimals + rate decimals), or
 * null when a rate such as 1/30 has no short decimal form or the scaled amounts leave 2^53.
 */
function amountDecimals(rows: readonly TierRow[]): number | null {
  let k = 0;
  let bound = 0;
  rows.forEach((row, i) => {
    const rate = Math.max(stepDecimals(row.maintenanceMarginRate), stepDecimals(rows[i - 1]?.maintenanceMarginRate ?? 0));
    k = Math.max(k, stepDecimals(row.floor) + rate);
    bound += row.floor * row.maintenanceMarginRate;
  });
  return k <= 12 && bound * 10 ** k < 2 ** 52 ? k : null;
}

/**
 * Adds the maintenance amounts that keep MM continuous: amount_1 = 0,
 * amount_n = amount_(n−1) + floor_n·(mmr_n − mmr_(n−1)). Venues publish these as exact decimals,
 * so the sums are rounded to the decimals the floors and rates carry: 600,000 × (0.65 % − 0.5 %)
 * + 50 gives 950, not 949.9999999999998 (rates without a short decimal form are left unrounded).
 *
 * @example
 * withDeductions(bybitRows)[1].maintenanceAmount; // => 1200 (= 2,000,000 × (0.56 % − 0.50 %))
 */
export function withDeductions(rows: readonly TierRow[]): Tier[] {
  const k = amountDecimals(rows);
  const exact = (x: number): number => (k === null ? x : Math.round(x * 10 ** k) / 10 ** k);
  const out: Tier[] = [];
  let amount = 0;
  let prevRate = 0;
  rows.forEach((row, i) => {
    if (i > 0) amount = exact(amount + row.floor * (row.maintenanceMarginRate - prevRate));
    prevRate = row.maintenanceMarginRate;
    out.push({ ...row, maintenanceAmount: amount });
  });
  return out;
}

/**
 * Hyperliquid tiers from (lower bound, max leverage) pairs: mmr = 1/(2·maxLeverage), caps at the
 * next lower bound (the last row open-ended unless `topCap` is given), deductions by
 * {@link withDeductions}.
 *
 * @example
 * const btc = hyperliquidTiers([[0, 40], [150_000_000, 20]]);
 * btc[1].maintenanceMarginRate; // => 0.025
 * btc[1].maintenanceAmount;     // => 1875000 (= 150M × (2.5 % − 1.25 %))
 */
export function hyperliquidTiers(
  pairs: readonly (readonly [lowerBound: number, maxLeverage: number])[],
  topCap = Number.POSITIVE_INFINITY,
): Tier[] {
  return withDeductions(
    pairs.map(([floor, maxLeverage], i) => ({
      tier: i + 1,
      floor,
      cap: pairs[i + 1]?.[0] ?? topCap,
      maintenanceMarginRate: 1 / (2 * maxLeverage),
      maxLeverage,
    })),
  );
}

/**
 * A one-row table for a flat maintenance rate (a venue whose tiers are not bundled, given a rate
 * by hand): no cap, no deduction.
 *
 * @example
 * singleTier(0.005, 100); // => [{ tier: 1, floor: 0, cap: Infinity, maintenanceMarginRate: 0.005, maintenanceAmount: 0, maxLeverage: 100 }]
 */
export function singleTier(maintenanceMarginRate: number, maxLeverage = Number.POSITIVE_INFINITY): Tier[] {
  return [{ tier: 1, floor: 0, cap: Number.POSITIVE_INFINITY, maintenanceMarginRate, maintenanceAmount: 0, maxLeverage }];
}

/**
 * Checks a tier table: at least one row; the first floor 0; each cap above its floor and equal to
 * the next floor (only the last cap may be +Infinity); rates in [0, 1) and never falling;
 * maintenance amounts finite; max leverage > 0 (+Infinity when the source does not state it).
 *
 * The rule is the `tiers` schema of `schema.ts`; see `validate.ts` (zod loads only for an invalid table).
 *
 * @throws TradesizeError INVALID_INPUT with the path of the offending field.
 * @example
 * validateTiers(BTCUSDT.tiers);                    // ok
 * validateTiers([{ ...row, floor: 10 }], ['tiers']); // throws INVALID_INPUT at tiers.0.floor
 */
export function validateTiers(tiers: readonly Tier[], path: FieldPath = ['tiers']): void {
  checkTierTable(tiers, path);
}
