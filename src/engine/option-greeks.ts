/**
 * Greeks of an option market's positions in the engine, per contract, in units that add up with
 * the perpetuals on the same underlying: delta in units of the base asset, so that an account's
 * delta per underlying is Σ option deltas + Σ perp quantities (the quantity to hedge).
 *
 * - USD-settled (`linear`): Black-76 on the underlying's mark as the forward, rate 0 (a perp or
 *   future mark is a forward price): delta ∂V/∂F, gamma ∂²V/∂F², vega ∂V/∂σ and theta ∂V/∂t per
 *   year in the quote currency (Black 1976).
 * - Coin-settled (`inverse`, Deribit): value in coin = Black(F, K, T, σ)/F; the delta that adds up
 *   in the coin is F·∂V/∂F (what Deribit displays; Alexander & Imeraj, "Inverse Options in a
 *   Black–Scholes World", arXiv:2107.12041, 2021), gamma its derivative in F, vega and theta in coin.
 * - σ: the implied volatility of the option's own mark when it has one inside the no-arbitrage
 *   bounds (Jäckel's normalised-price solver, options/implied-vol-kernel.ts), else the volatility
 *   given with the market, else the underlying's σ; the source is reported.
 *
 * @example
 * optionContractGreeks({ underlying: 'BTCUSDT', type: 'call', strike: 65000, expiry: 30 * 86400e3, settlement: 'linear' }, 65000, NaN, 0, 0.6);
 * // => { delta: ~0.5343, gamma: ~3.555e-5, vega: ~7407, theta: ~-27035, volatility: 0.6, volatilitySource: 'underlying' }
 */
import { INVERSE, BLACK76 } from '../options/black-core.js';
import { optionGreeks } from '../options/kernel.js';
import { impliedVolKernel } from '../options/implied-vol-kernel.js';

const MS_PER_YEAR = 365 * 86_400_000;

export interface EngineOption {
  /** The market whose mark is the option's forward. */
  readonly underlying: string;
  readonly type: 'call' | 'put';
  readonly strike: number;
  /** Expiry, milliseconds since the epoch. */
  readonly expiry: number;
  readonly settlement: 'linear' | 'inverse';
  /** Annualised σ to use when the option's mark gives none. */
  readonly volatility?: number;
}

export interface ContractGreeks {
  readonly delta: number;
  readonly gamma: number;
  readonly vega: number;
  readonly theta: number;
  readonly volatility: number;
  readonly volatilitySource: 'implied' | 'given' | 'underlying';
}

/**
 * Greeks of one contract (size 1) at the underlying's mark `forward`, the option's own mark
 * `premium` (NaN when it has none) and time `now` (ms); `underlyingSigma` is the fallback σ.
 */
export function optionContractGreeks(o: EngineOption, forward: number, premium: number, now: number, underlyingSigma: number): ContractGreeks {
  const t = Math.max(0, (o.expiry - now) / MS_PER_YEAR);
  const isCall = o.type === 'call';
  const code = o.settlement === 'inverse' ? INVERSE : BLACK76;
  const implied = premium > 0 && t > 0 ? impliedVolKernel(code, isCall, premium, forward, o.strike, t, 0, 0) : NaN;
  const [volatility, volatilitySource] = implied > 0 ? [implied, 'implied' as const] : o.volatility !== undefined ? [o.volatility, 'given' as const] : [underlyingSigma, 'underlying' as const];
  const g = optionGreeks(o.settlement === 'inverse' ? 'inverse' : 'black76', isCall, forward, o.strike, t, volatility, 0, 0);
  if (o.settlement === 'linear') return { delta: g.delta, gamma: g.gamma, vega: g.vega, theta: g.theta, volatility, volatilitySource };
  // Coin-settled: delta in coin F·V_F, and its derivative V_F + F·V_FF.
  return { delta: forward * g.delta, gamma: g.delta + forward * g.gamma, vega: g.vega, theta: g.theta, volatility, volatilitySource };
}
