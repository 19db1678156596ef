/**
 * RiskMetrics exponentially weighted moving average (EWMA) volatility, zero mean.
 *
 * For returns r_0 … r_{n−1} and decay λ ∈ (0, 1),
 *
 *   σ²_t = λ·σ²_{t−1} + (1 − λ)·r²_{t−1},   t = 1 … n,
 *
 * where σ²_t is the variance of r_t given the returns before it and σ²_n is the one-step-ahead
 * forecast. RiskMetrics uses λ = 0.94 for daily data.
 *
 * Start-up (backcast), as in the `arch` Python package (K. Sheppard, `VolatilityProcess.backcast`):
 * σ²_0 = Σ_{i<τ} w_i·r_i² with τ = min(75, n) and w_i = 0.94^i / Σ_{j<τ} 0.94^j, a fixed 0.94
 * weighting of the first squared returns whatever λ is. Every σ²_t is then a convex combination of
 * the r_i², so min r² ≤ σ²_t ≤ max r².
 *
 * Source: J.P. Morgan/Reuters, "RiskMetrics — Technical Document", 4th ed. (1996), ch. 5: §5.2.1
 * (the exponentially weighted variance and its recursive form) and §5.3.2 (choice of the decay
 * factor, λ = 0.94 for daily data).
 */
import { z } from 'zod';
import { parseInput } from '../core/validate.js';
import { openUnit, positive } from '../core/schemas.js';
import { requireFiniteSeries } from '../market/returns.js';
import { annualizeVol, DAYS_PER_YEAR_CRYPTO } from '../market/periods.js';

/** RiskMetrics decay factor for daily data. */
export const RISKMETRICS_LAMBDA = 0.94;
/** Number of leading squared returns averaged by the backcast (arch's τ). */
const BACKCAST_TERMS = 75;
/** Decay of the backcast weights (arch's fixed 0.94). */
const BACKCAST_DECAY = 0.94;

/** Options of {@link ewmaVol}. */
export const EwmaOptions = z.object({
  /** Decay factor λ in (0, 1) (default 0.94). */
  lambda: openUnit().default(RISKMETRICS_LAMBDA),
  /** Periods per year used to annualise (default 365: daily crypto data). */
  periodsPerYear: positive().default(DAYS_PER_YEAR_CRYPTO),
  /** Also return the filtered variance path σ²_0 … σ²_{n−1} (default false). */
  includeVariances: z.boolean().default(false),
});
export type EwmaOptions = z.input<typeof EwmaOptions>;

/** Result of {@link ewmaVol}. */
export interface EwmaResult {
  /** One-step-ahead volatility forecast σ_n for the next period. */
  readonly periodVol: number;
  /** periodVol · √periodsPerYear. */
  readonly annualizedVol: number;
  /** Decay factor used. */
  readonly lambda: number;
  /** Number of returns used. */
  readonly observations: number;
  /** Filtered variances σ²_0 … σ²_{n−1}, aligned with the returns; present when requested. */
  readonly variances?: Float64Array;
}

/**
 * arch's backcast σ²_0 = Σ_{i<τ} w_i r_i², τ = min(75, n), w_i ∝ 0.94^i. A kernel: no validation; n ≥ 1.
 *
 * @example
 * ewmaBackcast([0.02]);        // => 0.0004
 * ewmaBackcast([0.01, 0.02]);  // => (0.0001 + 0.94·0.0004) / 1.94 ≈ 0.00024536
 */
export function ewmaBackcast(returns: ArrayLike<number>): number {
  const tau = Math.min(BACKCAST_TERMS, returns.length);
  let sumW = 0;
  let acc = 0;
  for (let i = 0; i < tau; i++) {
    const r = returns[i] as number;
    const w = Math.pow(BACKCAST_DECAY, i);
    sumW += w;
    acc += w * r * r;
  }
  return acc / sumW;
}

/**
 * EWMA variances σ²_0 … σ²_n (length n + 1): the filtered path followed by the one-step-ahead
 * forecast σ²_n. A kernel: no validation; n ≥ 1.
 *
 * @param returns - returns r_0 … r_{n−1} (log returns, zero mean assumed)
 * @param lambda - decay λ (default 0.94)
 * @param backcast - σ²_0 (default {@link ewmaBackcast} of the returns)
 * @example
 * ewmaVariance([0.01, 0.02], 0.94, 0.0001);  // => Float64Array [0.0001, 0.0001, 0.000118] (to rounding)
 */
export function ewmaVariance(returns: ArrayLike<number>, lambda = RISKMETRICS_LAMBDA, backcast = ewmaBackcast(returns)): Float64Array {
  const n = returns.length;
  const out = new Float64Array(n + 1);
  const alpha = 1 - lambda;
  let s2 = backcast;
  out[0] = s2;
  for (let t = 1; t <= n; t++) {
    const r = returns[t - 1] as number;
    s2 = lambda * s2 + alpha * r * r;
    out[t] = s2;
  }
  return out;
}

/**
 * RiskMetrics EWMA volatility forecast of a log-return series, per period and annualised.
 *
 * @throws TradesizeError INSUFFICIENT_DATA (fewer than 2 returns), INVALID_INPUT (a non-finite return
 *   at ['returns', i], λ ∉ (0, 1), periodsPerYear ≤ 0).
 * @example
 * ewmaVol([0.01, -0.02, 0.015]);                                  // => { periodVol: ~0.015487, lambda: 0.94, ... }
 * ewmaVol(r, { lambda: 0.97, periodsPerYear: 8760, includeVariances: true }).variances;  // Float64Array(r.length)
 */
export function ewmaVol(returns: ArrayLike<number>, options: EwmaOptions = {}): EwmaResult {
  const { lambda, periodsPerYear, includeVariances } = parseInput(EwmaOptions, options, 'ewmaVol');
  requireFiniteSeries(returns, ['returns'], 2);
  const path = ewmaVariance(returns, lambda);
  const periodVol = Math.sqrt(path[returns.length] as number);
  const result = { periodVol, annualizedVol: annualizeVol(periodVol, periodsPerYear), lambda, observations: returns.length };
  return includeVariances ? { ...result, variances: path.slice(0, returns.length) } : result;
}
