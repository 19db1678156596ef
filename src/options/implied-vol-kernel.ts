/**
 * Implied volatility, unvalidated: the σ at which a model's price equals a given price.
 *
 * Reduction (Jäckel, "Let's Be Rational", Wilmott 2015, §2): the price becomes an undiscounted
 * Black price p on the forward (black-scholes: p = V/e^{−rT}, F = S·e^{(r−q)T}; black76:
 * p = V/e^{−rT}; inverse: p = V·F/e^{−rT}, V in coin). No arbitrage requires
 * ι ≤ p < ub with ι = max(ω(F − K), 0), ub = F (call) or K (put). The out-of-the-money part
 * p − ι (put–call parity) is the price of the out-of-the-money option, which is the normalised call
 * b(x̃, s) at x̃ = −|ln(F/K)| ≤ 0 times √(FK); its complement to the upper bound
 * min(F, K) − (p − ι) is c(x̃, s)·√(FK). Both targets are taken in log space from the inputs,
 * so prices down to the smallest subnormal keep all their digits.
 *
 * Solver: Newton's method on a log objective, safeguarded by a bracket [lo, hi] (a step leaving it
 * is replaced by bisection, or doubling while hi = ∞), stopped at a relative step of 1e-15 in s:
 *   lower half (β ≤ b_max/2):  f(s) = ln b(s) − ln β, increasing and concave in s, started at the
 *     lower bound s₀ = max(|x|/√(−2 ln β), β·√(2π)) (b < e^{−h²/2} and b ≤ s/√(2π) for all s),
 *     from where Newton increases monotonically to the root;
 *   upper half (β > b_max/2):  g(s) = ln c(s) − ln c*, decreasing, s* ≥ √(2|x|) (where
 *     b ≤ b_max/2), started at the at-the-money inverse s = −2·N⁻¹(½·c*).
 * Working on ln b and ln c (not b) keeps Newton's steps bounded in the far wings, where b falls
 * like e^{−x²/(2s²)}, and near the upper bound, where b → b_max; and it gives the absolute
 * accuracy in σ that the price carries: a relative price error δ moves σ by δ·V/vega.
 * Jäckel's rational initial guess and Householder steps (used by Let's Be Rational to need at
 * most two iterations) are not used here: Newton takes 3–9 evaluations (median 6 on the
 * bench inputs; 99.6 % within 9); where the rounding noise of b itself exceeds a 1e-15 step, the
 * bracket's bisection ends it (at most ≈ 60 evaluations, seen in < 0.01 % of cases).
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { BLACK_SCHOLES, INVERSE, type ModelCode } from './black-core.js';
import { lnNormalisedCall, lnNormalisedCallComplement, lnNormalisedVega } from './normalised-black.js';

const TOL = 1e-15;
const MAX_ITERATIONS = 100;
const LN2 = Math.LN2;
const SQRT_2PI = 2.5066282746310002;

/** The next iterate: the Newton point if it is inside (lo, hi), else bisection or doubling. */
function guarded(sn: number, s: number, lo: number, hi: number): number {
  if (sn > lo && sn < hi) return sn;
  return hi === Infinity ? 2 * s : 0.5 * (lo + hi);
}

/**
 * The total volatility s = σ√T with b(x, s) = β, x ≤ 0, given ln β and ln c* = ln(e^{x/2} − β).
 * A kernel: no validation (β must be in (0, e^{x/2})).
 *
 * @example
 * totalVolFromNormalised(0, Math.log(0.0796557), Math.log(0.9203443)); // => ~0.2
 */
export function totalVolFromNormalised(x: number, lnBeta: number, lnCstar: number): number {
  let lo = 0;
  let hi = Infinity;
  if (lnBeta <= 0.5 * x - LN2) {
    let s = Math.max(-x / Math.sqrt(-2 * lnBeta), Math.exp(lnBeta) * SQRT_2PI);
    for (let i = 0; i < MAX_ITERATIONS; i++) {
      const lnB = lnNormalisedCall(x, s);
      const f = lnB - lnBeta;
      if (f === 0) return s;
      if (f < 0) lo = s;
      else hi = s;
      const sn = guarded(s - f / Math.exp(lnNormalisedVega(x, s) - lnB), s, lo, hi);
      if (Math.abs(sn - s) <= TOL * s) return sn;
      s = sn;
    }
    return s;
  }
  lo = Math.sqrt(-2 * x);
  let s = Math.max(-2 * normalQuantile(0.5 * Math.exp(lnCstar), 0, 1), lo);
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const lnC = lnNormalisedCallComplement(x, s);
    const g = lnC - lnCstar;
    if (g === 0) return s;
    if (g > 0) lo = s;
    else hi = s;
    const sn = guarded(s + g / Math.exp(lnNormalisedVega(x, s) - lnC), s, lo, hi);
    if (Math.abs(sn - s) <= TOL * s) return sn;
    s = sn;
  }
  return s;
}

/**
 * Implied volatility of one price, or NaN when the price is outside the no-arbitrage bounds
 * [intrinsic, upper bound) or T ≤ 0; 0 at the lower bound. A kernel: no validation.
 * Parameters as in `optionPrice` of `./kernel.ts`, with `price` in the model's unit (quote, or coin
 * for inverse).
 *
 * @example
 * impliedVolKernel(BLACK_SCHOLES, true, 10.450583572185565, 100, 100, 1, 0.05, 0); // => ~0.2
 */
export function impliedVolKernel(
  model: ModelCode, isCall: boolean, price: number, u: number, k: number, t: number, r: number, q: number,
): number {
  if (!(t > 0)) return NaN;
  const df = Math.exp(-r * t);
  const f = model === BLACK_SCHOLES ? u * Math.exp((r - q) * t) : u;
  const p = model === INVERSE ? (price * f) / df : price / df;
  const intrinsic = isCall ? Math.max(f - k, 0) : Math.max(k - f, 0);
  const otm = p - intrinsic;
  const cap = Math.min(f, k);
  if (!(otm >= 0) || !(otm < cap)) return NaN;
  if (otm === 0) return 0;
  const halfLnFK = 0.5 * (Math.log(f) + Math.log(k));
  const x = -Math.abs(Math.log(f / k));
  const s = totalVolFromNormalised(x, Math.log(otm) - halfLnFK, Math.log(cap - otm) - halfLnFK);
  return s / Math.sqrt(t);
}
