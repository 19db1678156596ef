/**
 * Expected time until a Brownian motion with drift leaves a strip (or reaches one barrier),
 * capped at a horizon: E[τ ∧ T] for X_t = νt + σW_t, X_0 = 0, τ = first time X hits −a or b
 * (either may be absent: a = ∞ or b = ∞).
 *
 * Infinite horizon (Wald's identity E[X_τ] = ν·E[τ], and E[X_τ²] = σ²E[τ] for ν = 0):
 *
 *   two barriers:  E[τ] = (b·P_U − a·P_L)/ν = (b − w·P_L)/ν,  w = a + b, P_L = P(lower first)
 *                  = ab/σ² when ν = 0 (for |θ|w < 1e-4, θ = 2ν/σ², the series
 *                    (ab/σ²)·(1 + θ(b − a)/6 − θ²ab/12) avoids the cancellation);
 *   one barrier b: E[τ] = b/ν when the drift points to it (ν > 0), else ∞ (a drift away leaves
 *                  a positive probability of never hitting; ν = 0 has E[τ] = ∞ too).
 *
 * Finite horizon: E[τ ∧ T] = ∫_0^T P(τ > t) dt with P(τ > t) = 1 − P_L(t) − P_U(t) the closed
 * form of `../first-passage/two-barriers.ts` (or 1 − P_hit(t) of `one-barrier.ts`), integrated by
 * adaptive 20-point Gauss–Legendre on the panels [T/2^{k+1}, T/2^k], k = 0 … 39, and [0, T/2⁴⁰]
 * (each to 1e-13 of its length; the panels stop once P(τ > t) = 1 to double precision), so that a survival function that dies out long before T (an
 * exit time much shorter than the horizon) is still resolved; the integrand is smooth (its
 * derivatives vanish at t = 0).
 *
 * Sources: S. Karlin and H. M. Taylor, "A First Course in Stochastic Processes" (2nd ed. 1975),
 * ch. 7 §5 (mean exit time of Brownian motion with drift, via Wald's identities); A. N. Borodin
 * and P. Salminen, "Handbook of Brownian Motion — Facts and Formulae" (2nd ed. 2002), Part II
 * ch. 2, 3.0.1 (Laplace transform of the exit time; its derivative at 0 gives the mean).
 */
import { abmFirstPassage, abmHitProbability, abmLowerFirstInfinite } from '../first-passage/index.js';
import { adaptiveGaussLegendre } from '../../numerics/gauss-legendre.js';

/** [0, T] is cut at T/2, T/4, …, T/2⁴⁰ so that no time scale of the survival function is missed. */
const GEOMETRIC_PANELS = 40;

/**
 * E[τ] for T = ∞ (see the module doc); `a` or `b` may be Infinity (not both). Infinity when
 * the mean is infinite. A kernel: no validation (a, b > 0, σ > 0).
 *
 * @example
 * meanExitTimeInfinite(0.1, 0.3, 0, 0.5);        // => 0.1·0.3/0.25 = 0.12
 * meanExitTimeInfinite(Infinity, 0.2, 0.4, 0.6); // => 0.2/0.4 = 0.5
 */
export function meanExitTimeInfinite(a: number, b: number, drift: number, sigma: number): number {
  if (a === Infinity) return drift > 0 ? b / drift : Infinity;
  if (b === Infinity) return drift < 0 ? a / -drift : Infinity;
  const s2 = sigma * sigma;
  const theta = (2 * drift) / s2;
  const w = a + b;
  if (Math.abs(theta) * w < 1e-4) return ((a * b) / s2) * (1 + (theta * (b - a)) / 6 - (theta * theta * a * b) / 12);
  return (b - w * abmLowerFirstInfinite(a, b, drift, sigma)) / drift;
}

/** P(τ > t) for the strip (−a, b), either side possibly infinite. */
function survival(a: number, b: number, drift: number, sigma: number, t: number): number {
  if (a === Infinity) return 1 - abmHitProbability(b, -drift, sigma, t);
  if (b === Infinity) return 1 - abmHitProbability(a, drift, sigma, t);
  return abmFirstPassage(a, b, drift, sigma, t).pNeither;
}

/**
 * E[τ ∧ T] (see the module doc); `horizon` may be Infinity, `a` or `b` may be Infinity (not
 * both). A kernel: no validation (a, b, σ, T > 0).
 *
 * @example
 * meanExitTime(0.1, 0.3, 0, 0.5, Infinity); // => 0.12
 * meanExitTime(0.1, 0.3, 0, 0.5, 0.05);     // => ~0.040456 (< T = 0.05: most paths exit before T)
 */
export function meanExitTime(a: number, b: number, drift: number, sigma: number, horizon: number): number {
  if (horizon === Infinity) return meanExitTimeInfinite(a, b, drift, sigma);
  const f = (t: number): number => survival(a, b, drift, sigma, t);
  let sum = 0;
  let hi = horizon;
  // Below the time where no path can have left yet (survival 1 to double precision) the rest is exact.
  for (let k = 0; k < GEOMETRIC_PANELS && f(hi) < 1; k++) {
    const lo = 0.5 * hi;
    sum += adaptiveGaussLegendre(f, lo, hi, 1e-13 * (hi - lo));
    hi = lo;
  }
  sum += adaptiveGaussLegendre(f, 0, hi, 1e-13 * hi);
  return Math.min(horizon, Math.max(0, sum));
}
