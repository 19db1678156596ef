/**
 * The engine's hot path for tier-table venues (Binance USDⓈ-M and COIN-M, Bybit linear and
 * inverse, OKX swaps, Hyperliquid): the same maintenance margin and cross-margin liquidation
 * price as the validated venue models (src/venues/tiered-liquidation.ts), on a packed tier
 * table with no allocation and no validation, because a recheck of a four-position account asks
 * for them dozens of times. Wherever the venue model would refuse (a value above the top tier's
 * cap, an inconsistent table, no stated max leverage, a tier iteration that does not settle) the
 * kernel answers NaN and the caller takes the validated path, so the two never disagree
 * (test/engine/margin-kernel.test.ts compares them on random accounts of every such venue).
 *
 * For q contracts (signed) of size c entered at E, marked at P, on the tier with rate r (OKX:
 * plus the taker fee) and amount A, in u = P (linear) or u = 1/P (inverse):
 *
 *   MM = c·|q|·u·r − A on the tier of c·|q|·u      (mark valuation; Bybit: u at E, "position value")
 *   cross: K = wallet + Σ_others (uPnL − MM), and MB(u) = K + s·c·|q|·(u − u_E) = MM(u) gives
 *   the liquidation price (Binance USDⓈ-M and COIN-M FAQs "How to Calculate Liquidation Price",
 *   solved on the tier at the liquidation price; Bybit "Liquidation Price (USDT Contract)").
 *
 * Sources: as cited in `venues/tiered-liquidation.ts` and the venue modules.
 *
 * @example
 * const k = packMargin(binanceUsdm, INSTRUMENTS.BTCUSDT);
 * kernelMaintenance(k, 1, 60_000, 60_000);       // => 240 (60,000 × 0.4 %)
 * kernelLiquidation(k, 1, 60_000, 6_000);       // ≈ 54,216.87: (6,000 − 60,000) / (0.004 − 1)
 */
import { linearLiquidationPrice, packedRow, packTiers } from '../venues/tiered-liquidation.js';
import { tieredRulesOf } from '../venues/tiered-venue.js';
import type { Instrument, VenueModel } from '../venues/types.js';

/** A tier-table instrument packed for the kernels. */
export interface PackedMargin {
  /** The venue id: cross margin joins positions of one venue and one contract kind only. */
  readonly venue: string;
  readonly inverse: boolean;
  readonly contractSize: number;
  /** [cap, rate, amount] per row (`packTiers`), the rate with the taker fee added on OKX. */
  readonly tiers: Float64Array;
  readonly topCap: number;
  /** MM on the value at entry (Bybit) rather than at the mark. */
  readonly entryValuation: boolean;
  /** The tier is the one of the number of contracts (OKX), whatever the price. */
  readonly byContracts: boolean;
  /** The venue allows cross margin. */
  readonly cross: boolean;
}

/**
 * The packed form of a venue instrument, or null when the kernels do not cover it (a venue that
 * is not a tier-table venue, tiers by a constant quote value, a table without a finite max
 * leverage on every row).
 */
export function packMargin(model: VenueModel, instrument: Instrument): PackedMargin | null {
  const rules = tieredRulesOf(model);
  if (rules === undefined || !rules.kinds.includes(instrument.kind) || instrument.venue !== rules.venue) return null;
  const inverse = instrument.kind === 'inverse';
  const basis = instrument.tierBasis;
  if ((inverse && basis === 'quote') || (!inverse && basis === 'settle')) return null;
  if (instrument.tiers.length === 0 || instrument.tiers.some((t) => !Number.isFinite(t.maxLeverage))) return null;
  const fee = rules.feeInMaintenance ? instrument.takerFee : 0;
  if (fee === undefined || !((instrument.tiers[instrument.tiers.length - 1]?.maintenanceMarginRate ?? 1) + fee < 1)) return null;
  const tiers = packTiers(instrument.tiers);
  for (let i = 1; i < tiers.length; i += 3) tiers[i] = (tiers[i] as number) + fee;
  return {
    venue: rules.venue,
    inverse,
    contractSize: instrument.contractSize,
    tiers,
    topCap: tiers[tiers.length - 3] as number,
    entryValuation: rules.valuation === 'entry',
    byContracts: basis === 'contracts',
    cross: model.marginModes.includes('cross'),
  };
}

/**
 * The maintenance margin of `quantity` contracts (signed) entered at `entry`, at `mark`; NaN
 * where the venue model refuses (a value at entry or at the mark above the top cap, a negative
 * margin).
 */
export function kernelMaintenance(k: PackedMargin, quantity: number, entry: number, mark: number): number {
  const qty = Math.abs(quantity);
  const cq = k.contractSize * qty;
  const uEntry = k.inverse ? 1 / entry : entry;
  const u = k.entryValuation ? uEntry : k.inverse ? 1 / mark : mark;
  const value = cq * u;
  if ((k.byContracts ? qty : Math.max(cq * uEntry, value)) > k.topCap) return Number.NaN;
  const t = packedRow(k.tiers, k.byContracts ? qty : value);
  const mm = value * (k.tiers[3 * t + 1] as number) - (k.tiers[3 * t + 2] as number);
  return mm >= 0 && mm < Infinity ? mm : Number.NaN;
}

const out = new Float64Array(2);

/**
 * The cross-margin liquidation price of `quantity` contracts (signed) entered at `entry`, with
 * `balance` K = wallet + the other positions' uPnL − their MM; null when there is none (the
 * venue model's null), NaN when the model would refuse (the tiers do not settle).
 */
export function kernelLiquidation(k: PackedMargin, quantity: number, entry: number, balance: number): number | null {
  const qty = Math.abs(quantity);
  const cq = k.contractSize * qty;
  const uEntry = k.inverse ? 1 / entry : entry;
  // u-side: a long gains as P rises (linear) or as 1/P falls (inverse).
  const s = (quantity > 0) !== k.inverse ? 1 : -1;
  let u: number;
  if (k.entryValuation) {
    const t = packedRow(k.tiers, cq * uEntry);
    const mm = cq * uEntry * (k.tiers[3 * t + 1] as number) - (k.tiers[3 * t + 2] as number);
    u = uEntry - (s * (balance - mm)) / cq;
  } else if (k.byContracts) {
    // One tier whatever the price: K + s·cq·(u − u_E) = cq·u·r − A.
    const t = packedRow(k.tiers, qty);
    u = (balance - s * cq * uEntry + (k.tiers[3 * t + 2] as number)) / (cq * ((k.tiers[3 * t + 1] as number) - s));
  } else {
    out[1] = 0;
    u = linearLiquidationPrice(s, qty, k.contractSize, uEntry, balance, k.tiers, 0, out);
    if (out[1] === 0) return Number.NaN;
    if (Number.isNaN(u)) return null;
  }
  if (!(u > 0 && u < Infinity)) return null;
  return k.inverse ? 1 / u : u;
}

/** Unrealised PnL of `quantity` contracts (signed) entered at `entry`, at `mark`: c·q·(P − E) or c·q·(1/E − 1/P). */
export function kernelPnl(k: PackedMargin, quantity: number, entry: number, mark: number): number {
  return k.inverse ? k.contractSize * quantity * (1 / entry - 1 / mark) : k.contractSize * quantity * (mark - entry);
}
