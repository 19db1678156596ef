/**
 * The plain-data description of a hedging simulation that `hedge-kernel.ts` runs (in this thread
 * or a worker): the paths of the underlying (simulated GBM or GARCH(1,1)-t, or windows of a
 * historical price series), the option book they revalue, the proportional cost charged on every
 * trade and the rebalancing policies compared on the same paths. Structured-cloneable, built and
 * validated by `../hedging/simulate.ts`.
 */
import type { ModelCode } from '../options/black-core.js';

/** Rebalance to the target every `every` steps (fixed interval). */
export const POLICY_INTERVAL = 0;
/** Rebalance to the target when |N − N*| exceeds `band` units of the underlying (fixed delta band). */
export const POLICY_BAND = 1;
/** Whalley–Wilmott band around N*, traded to its nearest edge (`../options/no-trade-band.ts`). */
export const POLICY_WW = 2;
/** Zakamouline's band around the modified-volatility target, traded to its nearest edge. */
export const POLICY_ZAKAMOULINE = 3;
export type PolicyCode = typeof POLICY_INTERVAL | typeof POLICY_BAND | typeof POLICY_WW | typeof POLICY_ZAKAMOULINE;

/** One rebalancing policy; fields a policy does not use are 0. */
export interface PolicyParams {
  readonly code: PolicyCode;
  /** interval: rebalance at steps 0, every, 2·every, … */
  readonly every: number;
  /** band: the fixed half-width, in units of the underlying. */
  readonly band: number;
  /** ww, zakamouline: the cost rate λ the band is built for, and the risk aversion γ. */
  readonly costRate: number;
  readonly riskAversion: number;
}

/** An option of the simulated book (its vol is the path's pricing vol). */
export interface HedgePosition {
  readonly model: ModelCode;
  readonly isCall: boolean;
  /** Signed quantity × contract size, in coins (− short). */
  readonly quantity: number;
  /** Strike, on the scale of `spot0`. */
  readonly strike: number;
  /** Years from the path's start to expiry (≥ the horizon steps·dt). */
  readonly expiry: number;
}

export interface HedgeSpec {
  /** gbm and garch-t draw paths; historical reads windows of `logPrices`. */
  readonly dynamics: 'gbm' | 'garch-t' | 'historical';
  /** Hedging steps per path (each reprices the book's delta once). */
  readonly steps: number;
  /** Step length Δt in years. */
  readonly dt: number;
  /** Every path starts at this price (historical windows are rescaled to it). */
  readonly spot0: number;
  /** gbm, garch-t: log-drift per step. */
  readonly drift: number;
  /** gbm: σ√Δt of the log increment. */
  readonly scale: number;
  /** garch-t: ν > 2 and the per-step variance recursion h' = ω + α·e² + β·h from h0. */
  readonly nu: number;
  readonly omega: number;
  readonly alpha: number;
  readonly beta: number;
  readonly h0: number;
  /** historical: ln of the price series, and the first index of path p's window (steps + 1 prices). */
  readonly logPrices: Float64Array | null;
  readonly starts: Int32Array | null;
  /** The pricing (hedging) vol: one for all paths, or per path (historical: DVOL at the window's start). */
  readonly vol: number;
  readonly pathVol: Float64Array | null;
  /** The rate r and carry q of the pricing model (the hedge's cash earns nothing). */
  readonly rate: number;
  readonly div: number;
  readonly positions: readonly HedgePosition[];
  /** Proportional cost λ charged on every trade: λ·|ΔN|·S. */
  readonly costRate: number;
  readonly policies: readonly PolicyParams[];
}
