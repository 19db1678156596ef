/**
 * Probability that a Brownian motion with drift touches one barrier within a horizon.
 *
 * Arithmetic Brownian motion X_t = μt + σW_t, X_0 = 0, lower barrier −a (a > 0), horizon T.
 * The reflection principle with the Girsanov drift factor gives
 *
 *   P(min_{t≤T} X_t ≤ −a) = N((−a − μT)/(σ√T)) + e^{−2μa/σ²}·N((−a + μT)/(σ√T)),
 *
 * and for T = ∞: 1 when μ ≤ 0, e^{−2μa/σ²} when μ > 0. An upper barrier +b is the same formula
 * with μ → −μ and a → b.
 *
 * Price (GBM) form: S_t = S_0·e^{X_t}, so a barrier B is the ABM barrier ln(B/S_0) for the log-price.
 * `mu` here is the annual LOG-drift ν of ln S (the CLI contract of `tradesize first-passage`), NOT the
 * arithmetic drift μ_S of dS/S: if you have μ_S, pass ν = μ_S − σ²/2 ({@link logDrift}).
 *
 * The term e^{−2μa/σ²}·N(·) is evaluated as ½·erfcx(·)·e^{(…)} so it neither overflows nor
 * underflows for strong drifts; the result is clipped to [0, 1] against round-off.
 *
 * Source: S. E. Shreve, "Stochastic Calculus for Finance II" (2004), §7.2.2 (distribution of the
 * maximum of Brownian motion with drift, eq. 7.2.2–7.2.3 by symmetry); I. Karatzas and S. E. Shreve,
 * "Brownian Motion and Stochastic Calculus" (1991), §3.5.C; A. N. Borodin and P. Salminen,
 * "Handbook of Brownian Motion — Facts and Formulae" (2nd ed. 2002), Part II ch. 2, 1.1.4 (H_z).
 * See also /work/shared/references/math.md §2.1.
 */
import { z } from 'zod';
import { parseInput } from '../../core/validate.js';
import { positive } from '../../core/schemas.js';
import { expTimesNormalTail, normalCdf } from '../../dists/normal.js';
import { assertClosedFormDomain } from './domain.js';

/** A horizon: a positive finite time (years, or any unit matching μ and σ²) or `'infinite'`. */
export const Horizon = z.union([positive(), z.literal('infinite')]);
export type Horizon = z.input<typeof Horizon>;

/** Converts an arithmetic (simple-return) drift μ_S of a GBM to the log-drift ν = μ_S − σ²/2. */
export function logDrift(arithmeticDrift: number, sigma: number): number {
  return arithmeticDrift - 0.5 * sigma * sigma;
}

/**
 * P(min_{t≤T} X_t ≤ −distance) for X_t = μt + σW_t, X_0 = 0 (see the module doc). `horizon` may
 * be `Infinity`. A kernel: no validation (distance > 0, σ > 0, T > 0 assumed).
 *
 * @example
 * abmHitProbability(0.2, 0, 0.5, 1);          // => 2·N(−0.4) ≈ 0.689157
 * abmHitProbability(0.2, 0.1, 0.5, Infinity); // => e^{−2·0.1·0.2/0.25} = e^{−0.16} ≈ 0.852144
 */
export function abmHitProbability(distance: number, drift: number, sigma: number, horizon: number): number {
  const s2 = sigma * sigma;
  if (horizon === Infinity) return drift <= 0 ? 1 : Math.exp((-2 * drift * distance) / s2);
  const s = sigma * Math.sqrt(horizon);
  const p =
    normalCdf((-distance - drift * horizon) / s) +
    expTimesNormalTail((-2 * drift * distance) / s2, (distance - drift * horizon) / s);
  return Math.min(1, Math.max(0, p));
}

/** Input of {@link barrierHitProbability}: a price, one barrier, log-drift and volatility. */
export const BarrierHitInput = z
  .object({
    /** Current price S_0 > 0. */
    price: positive(),
    /** Barrier B > 0, B ≠ S_0; below the price it is a stop (down), above a target (up). */
    barrier: positive(),
    /** Annual LOG-drift ν of ln S (not μ_S; see {@link logDrift}). */
    mu: z.number(),
    /** Annual volatility σ > 0 of ln S. */
    sigma: positive(),
    /** Horizon T > 0 in years, or `'infinite'`. */
    horizon: Horizon,
  })
  .refine((v) => v.barrier !== v.price, { message: 'barrier must differ from price', path: ['barrier'] });
export type BarrierHitInput = z.input<typeof BarrierHitInput>;

/** Result of {@link barrierHitProbability}. */
export interface BarrierHitResult {
  /** P(the price touches the barrier within the horizon), in [0, 1]. */
  readonly probability: number;
  /** `'down'` for a barrier below the price, `'up'` above. */
  readonly direction: 'down' | 'up';
  /** |ln(B/S_0)|, the log-distance to the barrier. */
  readonly logDistance: number;
}

/**
 * Probability that a GBM price touches one barrier within the horizon (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT when a price is ≤ 0, σ ≤ 0, T ≤ 0, the barrier equals the
 *   price, or an input is not finite.
 * @example
 * barrierHitProbability({ price: 100, barrier: 90, mu: 0, sigma: 0.5, horizon: 1 });
 * // => { probability: 2·N(ln 0.9/0.5) ≈ 0.833, direction: 'down', logDistance: ~0.10536 }
 * barrierHitProbability({ price: 100, barrier: 120, mu: 0.1, sigma: 0.6, horizon: 'infinite' });
 * // => { probability: 1, direction: 'up', … }   (positive drift: an upper barrier is sure to be hit)
 */
export function barrierHitProbability(input: BarrierHitInput): BarrierHitResult {
  const { price, barrier, mu, sigma, horizon } = parseInput(BarrierHitInput, input, 'barrierHitProbability');
  const T = horizon === 'infinite' ? Infinity : horizon;
  const down = barrier < price;
  const logDistance = Math.abs(Math.log(barrier / price));
  assertClosedFormDomain(logDistance, mu, sigma, T, 'barrierHitProbability');
  const probability = abmHitProbability(logDistance, down ? mu : -mu, sigma, T);
  return { probability, direction: down ? 'down' : 'up', logDistance };
}
