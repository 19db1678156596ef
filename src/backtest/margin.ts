/**
 * The liquidation rule of a backtest: a venue's tier table (Binance USDⓈ-M, Bybit linear, OKX
 * linear swaps, Hyperliquid) or a flat maintenance rate on a generic linear venue, packed for the
 * bar loop, and the liquidation price of a position marked at the last close.
 *
 * A position of q base units (signed) marked at P0 with balance K (cross: the whole equity at
 * P0; isolated: the position's margin) has MB(P) = K + q·(P − P0). The liquidation price solves
 * MB(P) = MM(P):
 *
 *   mark valuation (Binance, OKX, Hyperliquid, flat): MM(P) = |q|·P·r − A on the tier of |q|·P
 *     → LP = (K − q·P0 + A) / (|q|·r − q)                 (`venues/tiered-liquidation.ts`)
 *   entry valuation (Bybit): MM = |q|·E·r − A on the tier of |q|·E, E the average entry price
 *     → LP = P0 − sign(q)·(K − MM)/|q|
 *   contracts basis (OKX): the tier is the one of |q| / contract size contracts, then as mark.
 *
 * OKX adds its taker fee to the rate. A position above the top tier uses the top tier's rate.
 * NaN when no positive liquidation price exists (a long with K ≥ |q|·P0·(1 − r)).
 *
 * dYdX v4 has one margin row per liquidity tier, MMF = IMF_base × MF on the value at the oracle
 * price (`venues/dydx.ts`): the mark valuation with that one rate. (Its liquidation is of the whole
 * subaccount; for a subaccount holding one position it is this price.)
 *
 * Sources: the venue documents cited in `venues/binance-usdm.ts`, `venues/bybit-linear.ts`,
 * `venues/okx-swap.ts`, `venues/hyperliquid.ts` and `venues/dydx.ts`; the solver of
 * `venues/tiered-liquidation.ts`.
 *
 * @example
 * const rule = flatRule(0.005);
 * liquidationPrice(rule, 10, 100, 100, 100); // => ~90.45 (10× long: (100 − 1000) / (0.05 − 10))
 */
import { TradesizeError } from '../core/errors.js';
import { getInstrument, getVenue } from '../venues/registry.js';
import { linearLiquidationPrice, packedRow, packTiers } from '../venues/tiered-liquidation.js';
import type { Instrument } from '../venues/types.js';
import { dydxParams, dydxTier } from '../venues/dydx.js';

/** The liquidation rule, packed: tiers [cap, rate, amount] per row. */
export interface LiquidationRule {
  /** 'flat' or the venue id. */
  readonly venue: string;
  readonly symbol: string | null;
  readonly tiers: Float64Array;
  /** Added to every rate (OKX: the taker fee). */
  readonly extraRate: number;
  /** 0: MM on the value at the price (mark); 1: on the value at the average entry (Bybit); 2: tier by contracts. */
  readonly valuation: 0 | 1 | 2;
  /** Contract size in base units (tier by contracts). */
  readonly contractSize: number;
}

/**
 * A flat maintenance rate r on a generic linear venue: MM = |q|·P·r.
 *
 * @throws TradesizeError INVALID_INPUT unless 0 ≤ r < 1.
 */
export function flatRule(mmr: number): LiquidationRule {
  if (!(mmr >= 0 && mmr < 1)) throw new TradesizeError('INVALID_INPUT', `--mmr must be in [0, 1), got ${mmr}`, ['mmr']);
  return { venue: 'flat', symbol: null, tiers: Float64Array.of(Infinity, mmr, 0), extraRate: 0, valuation: 0, contractSize: 1 };
}

/** Venue ids whose linear contracts the bar loop models, with their MM valuation. */
const VENUE_VALUATION: Readonly<Record<string, 0 | 1>> = { 'binance-usdm': 0, 'bybit-linear': 1, 'okx-swap': 0, hyperliquid: 0, dydx: 0 };

/**
 * The rule of a bundled venue instrument (linear contracts only: the backtest keeps equity in
 * the quote currency).
 *
 * @throws TradesizeError UNKNOWN_VENUE, UNKNOWN_SYMBOL, INVALID_INPUT (a venue or an inverse contract the backtest does not model).
 */
export function venueRule(venue: string, symbol: string): LiquidationRule {
  const id = getVenue(venue).id;
  const valuation = VENUE_VALUATION[id];
  if (valuation === undefined) {
    throw new TradesizeError('INVALID_INPUT', `backtest models linear tier-table venues (${Object.keys(VENUE_VALUATION).join(', ')}); use --mmr for ${id}`, ['venue']);
  }
  const inst: Instrument = getInstrument(id, symbol);
  if (inst.kind !== 'linear') throw new TradesizeError('INVALID_INPUT', `${inst.symbol} is an inverse contract; backtest models linear contracts`, ['symbol']);
  return {
    venue: id,
    symbol: inst.symbol,
    tiers: packTiers(id === 'dydx' ? [dydxTier(dydxParams(inst))] : inst.tiers),
    extraRate: id === 'okx-swap' ? (inst.takerFee ?? 0) : 0,
    valuation: inst.tierBasis === 'contracts' ? 2 : valuation,
    contractSize: inst.contractSize,
  };
}

/**
 * Liquidation price of q base units (signed, ≠ 0) marked at p0 with balance k; `entry` is the
 * average entry price (used by entry valuation). NaN when none. Allocation-free.
 */
export function liquidationPrice(rule: LiquidationRule, q: number, p0: number, k: number, entry: number): number {
  const aq = Math.abs(q);
  const side = q > 0 ? 1 : -1;
  const tiers = rule.tiers;
  if (rule.valuation === 0) {
    if (tiers.length === 3) {
      const lp = (k - q * p0 + (tiers[2] as number)) / (aq * ((tiers[1] as number) + rule.extraRate) - q);
      return lp > 0 && lp < Infinity ? lp : Number.NaN;
    }
    return linearLiquidationPrice(side, aq, 1, p0, k, tiers, rule.extraRate);
  }
  const row = packedRow(tiers, rule.valuation === 1 ? aq * entry : aq / rule.contractSize);
  const rate = (tiers[3 * row + 1] as number) + rule.extraRate;
  const amount = tiers[3 * row + 2] as number;
  const lp = rule.valuation === 1 ? p0 - (side * (k - (aq * entry * rate - amount))) / aq : (k - q * p0 + amount) / (aq * rate - q);
  return lp > 0 && lp < Infinity ? lp : Number.NaN;
}
