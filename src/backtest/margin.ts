/**
 * The liquidation rule of a backtest, packed for the bar loop, and the liquidation price of a
 * position marked at the last close. The rules of the bundled venues are built by
 * `venue-rule.ts`; a generic linear venue has a flat maintenance rate ({@link flatRule}).
 *
 * The solve is done in the coordinate in which the margin balance is linear: u = P for a linear
 * contract, u = 1/P for an inverse one (`coin-space.ts`: the bar loop of an inverse contract runs
 * in u, with q = −(signed USD face value) and the balance in the coin). A position q marked at
 * u0 with balance K (cross: the whole equity at u0; isolated: the position's margin) has
 * MB(u) = K + q·(u − u0), and its value in the settlement currency is |q|·u (quote notional for
 * linear, coin value for inverse). The liquidation price solves MB(u) = MM(u):
 *
 *   0 mark valuation (Binance USDⓈ-M and COIN-M, OKX, Hyperliquid, dYdX, flat): MM = |q|·u·r − A
 *     on the tier of |q|·u → u_L = (K − q·u0 + A) / (|q|·r − q), iterated to the tier at u_L
 *     (`venues/tiered-liquidation.ts`; in u = 1/P this is that module's inverse solver).
 *   1 entry valuation (Bybit linear and inverse): MM = |q|·ū·r − A on the tier of |q|·ū, ū the
 *     average entry in u → u_L = u0 − sign(q)·(K − MM)/|q|.
 *   2 contracts basis (OKX): the tier of |q| / contract size contracts, then as 0.
 *   3 Deribit linear: MM = v·(m₀ + m₁·v)·P with v = |q| coin (the rate grows with the size, a
 *     constant for a given position) → u_L = (K − q·u0) / (|q|·(m₀ + m₁·|q|) − q).
 *   4 Deribit inverse: v = |Q|·x coin (x = 1/P, Q the USD face value, q = −Q), MM = v·(m₀ + m₁·v):
 *     K − Q·(x − x0) = m₀·|Q|·x + m₁·Q²·x², the quadratic of `venues/deribit.ts`
 *     (a = m₁Q², b = |Q|·(m₀ + s), k = −K − s·|Q|·x0; long: P_L = (b + √(b² − 4ak))/(−2k) when k < 0;
 *     short: P_L = (−b + √(b² − 4ak))/(2k) when k > 0), returned as u_L = 1/P_L.
 *
 * OKX adds its taker fee to the rate. A position above the top tier uses the top tier's rate.
 * NaN when no positive liquidation price exists (a long with K ≥ |q|·u0·(1 − r)).
 *
 * Sources: the venue documents cited in `venues/binance-usdm.ts`, `venues/binance-coinm.ts`,
 * `venues/bybit-linear.ts`, `venues/bybit-inverse.ts`, `venues/okx-swap.ts`,
 * `venues/hyperliquid.ts`, `venues/dydx.ts` (MMF = IMF_base × MF, dydxprotocol/v4-chain
 * liquidity_tier.go) and `venues/deribit.ts` (Deribit "Linear Perpetual" and "Futures"); the
 * solver of `venues/tiered-liquidation.ts`.
 *
 * @example
 * const rule = flatRule(0.005);
 * liquidationPrice(rule, 10, 100, 100, 100); // => ~90.45 (10× long: (100 − 1000) / (0.05 − 10))
 */
import { TradesizeError } from '../core/errors.js';
import { linearLiquidationPrice, packedRow } from '../venues/tiered-liquidation.js';

/** How the maintenance margin is valued (module doc). */
export type Valuation = 0 | 1 | 2 | 3 | 4;

/** The liquidation rule, packed: tiers [cap, rate, amount] per row. */
export interface LiquidationRule {
  /** 'flat' or the venue id. */
  readonly venue: string;
  readonly symbol: string | null;
  /** A coin-margined contract: equity, margins and fees in the coin, the loop in u = 1/P. */
  readonly inverse: boolean;
  readonly tiers: Float64Array;
  /** Added to every rate (OKX: the taker fee). */
  readonly extraRate: number;
  /** The valuation code of the module doc. */
  readonly valuation: Valuation;
  /** Contract size (tier by contracts): base units (linear) or USD of face value (inverse). */
  readonly contractSize: number;
  /** Deribit (valuations 3, 4): the increase of the maintenance rate per coin of size, m₁. */
  readonly ratePerCoin: number;
}

/**
 * A flat maintenance rate r on a generic linear venue: MM = |q|·P·r.
 *
 * @throws TradesizeError INVALID_INPUT unless 0 ≤ r < 1.
 */
export function flatRule(mmr: number): LiquidationRule {
  if (!(mmr >= 0 && mmr < 1)) throw new TradesizeError('INVALID_INPUT', `--mmr must be in [0, 1), got ${mmr}`, ['mmr']);
  return { venue: 'flat', symbol: null, inverse: false, tiers: Float64Array.of(Infinity, mmr, 0), extraRate: 0, valuation: 0, contractSize: 1, ratePerCoin: 0 };
}

/**
 * Liquidation price, in u (P for linear, 1/P for inverse), of q (signed, ≠ 0) marked at u0
 * with balance k; `entry` is the average entry in u (used by entry valuation). NaN when none.
 * Allocation-free.
 */
export function liquidationPrice(rule: LiquidationRule, q: number, u0: number, k: number, entry: number): number {
  const aq = Math.abs(q);
  const side = q > 0 ? 1 : -1;
  const tiers = rule.tiers;
  const v = rule.valuation;
  let lp: number;
  if (v === 0) {
    if (tiers.length > 3) return linearLiquidationPrice(side, aq, 1, u0, k, tiers, rule.extraRate);
    lp = (k - q * u0 + (tiers[2] as number)) / (aq * ((tiers[1] as number) + rule.extraRate) - q);
  } else if (v === 3) lp = (k - q * u0) / (aq * ((tiers[1] as number) + rule.ratePerCoin * aq) - q);
  else if (v === 4) lp = 1 / deribitInversePrice(-q, u0, k, tiers[1] as number, rule.ratePerCoin);
  else {
    const row = packedRow(tiers, v === 1 ? aq * entry : aq / rule.contractSize);
    const rate = (tiers[3 * row + 1] as number) + rule.extraRate;
    const amount = tiers[3 * row + 2] as number;
    lp = v === 1 ? u0 - (side * (k - (aq * entry * rate - amount))) / aq : (k - q * u0 + amount) / (aq * rate - q);
  }
  return lp > 0 && lp < Infinity ? lp : Number.NaN;
}

/**
 * Deribit inverse: the price P_L of a position of signed USD face value Q marked at x0 = 1/P0
 * with balance k, MM rate m₀ + m₁·v (the quadratic of the module doc); NaN when none.
 */
function deribitInversePrice(signedUsd: number, x0: number, k: number, m0: number, m1: number): number {
  const s = signedUsd > 0 ? 1 : -1;
  const usd = Math.abs(signedUsd);
  const a = m1 * usd * usd;
  const b = usd * (m0 + s);
  const c = -k - s * usd * x0;
  const disc = b * b - 4 * a * c;
  if (s > 0) return c < 0 ? (b + Math.sqrt(disc)) / (-2 * c) : Number.NaN;
  return c > 0 && disc >= 0 ? (-b + Math.sqrt(disc)) / (2 * c) : Number.NaN;
}
