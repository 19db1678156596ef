/**
 * Kelly criterion in continuous time (geometric Brownian motion).
 *
 * An asset with arithmetic drift μ and volatility σ, cash earning r, and a carry cost c paid on
 * the position (perpetual funding, borrow fee; c > 0 reduces the long's excess return). Holding a
 * constant fraction f of wealth in the asset, log-wealth grows at
 *
 *   g(f) = r + f·(μ − r − c) − f²·σ²/2,
 *
 * maximised at f* = (μ − r − c)/σ², where g(f*) = r + (μ − r − c)²/(2σ²). The standard
 * deviation of the growth rate is f·σ.
 *
 * Source: E. O. Thorp, "The Kelly Criterion in Blackjack, Sports Betting, and the Stock Market"
 * (2006), §7.1, whose worked example (μ = 0.11, σ = 0.15, r = 0.06) gives f* = 2.22 and
 * g∞(f*) = 0.1156; R. C. Merton, "Lifetime Portfolio Selection under Uncertainty" (1969).
 * Carry enters as a reduction of the drift, as funding does for a perpetual swap.
 */
import { z } from 'zod';
import { parseInput } from '../core/validate.js';
import { positive } from '../core/schemas.js';

/** Input of {@link kellyContinuous}; all rates are annual (or per any common time unit). */
export const KellyContinuousInput = z.object({
  /** Arithmetic drift μ of the asset. */
  mu: z.number(),
  /** Volatility σ > 0. */
  sigma: positive(),
  /** Risk-free rate r earned on cash (default 0). */
  rf: z.number().default(0),
  /** Carry c paid by a long position: funding or borrow (default 0). */
  carry: z.number().default(0),
});
export type KellyContinuousInput = z.input<typeof KellyContinuousInput>;

/** Result of {@link kellyContinuous}. */
export interface KellyContinuousResult {
  /** f* = (μ − r − c)/σ²; negative means short. */
  readonly fraction: number;
  /** g(f*) = r + (μ − r − c)²/(2σ²). */
  readonly growthRate: number;
  /** Standard deviation of the growth rate at f*, |f*|·σ. */
  readonly growthVolatility: number;
  /** Sharpe ratio of the position's excess return, (μ − r − c)/σ. */
  readonly sharpe: number;
}

/**
 * Growth rate g(f) = r + f·(μ − r − c) − f²σ²/2 at any fraction f. A kernel: no validation.
 *
 * @example
 * continuousGrowth(2.2222, 0.11, 0.15, 0.06);  // => ~0.115556
 * continuousGrowth(0, 0.11, 0.15, 0.06);       // => 0.06
 */
export function continuousGrowth(f: number, mu: number, sigma: number, rf = 0, carry = 0): number {
  return rf + f * (mu - rf - carry) - 0.5 * f * f * sigma * sigma;
}

/**
 * Continuous-time Kelly fraction and growth rate (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT when σ ≤ 0 or any input is not finite.
 * @example
 * kellyContinuous({ mu: 0.11, sigma: 0.15, rf: 0.06 }); // => { fraction: ~2.2222, growthRate: ~0.115556 }
 * kellyContinuous({ mu: 0.05, sigma: 0.5 });             // => { fraction: 0.2, growthRate: 0.005 }
 */
export function kellyContinuous(input: KellyContinuousInput): KellyContinuousResult {
  const { mu, sigma, rf, carry } = parseInput(KellyContinuousInput, input, 'kellyContinuous');
  const excess = mu - rf - carry;
  const fraction = excess / (sigma * sigma);
  return {
    fraction,
    growthRate: continuousGrowth(fraction, mu, sigma, rf, carry),
    growthVolatility: Math.abs(fraction) * sigma,
    sharpe: excess / sigma,
  };
}
