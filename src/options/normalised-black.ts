/**
 * Black's formula in Jäckel's normalised form, in log space, for the implied-volatility solver:
 * with x = ln(F/K) ≤ 0 (an out-of-the-money or at-the-money call; a put is the call at −x by
 * symmetry), total volatility s = σ√T, h = x/s and t = s/2,
 *
 *   b(x, s) = Black/√(FK) = e^{x/2}·N(h + t) − e^{−x/2}·N(h − t),   0 ≤ b < b_max = e^{x/2}
 *   c(x, s) = b_max − b   = e^{x/2}·N(−h − t) + e^{−x/2}·N(h − t)
 *   v(x, s) = ∂b/∂s       = e^{−(h² + t²)/2}/√(2π)
 *
 * In the tails both Gaussian factors equal e^{−(h² + t²)/2} (because x/2 = h·t), so
 *
 *   b = ½·e^{−(h²+t²)/2}·[erfcx(−(h+t)/√2) − erfcx(−(h−t)/√2)]      when h + t < −0.46875·√2
 *   c = ½·e^{−(h²+t²)/2}·[erfcx((h+t)/√2) + erfcx((t−h)/√2)]        when h + t > 0.46875·√2
 *
 * and ln b, ln c are formed without ever evaluating the exponential: prices far below the
 * smallest double keep their logarithm, and no factor e^{±x/2} overflows. (The erfcx difference
 * loses ≈ log10(|h|/t) digits when t ≪ |h|, but there the price is so sensitive to s —
 * ∂ln b/∂ln s ≈ h² — that the implied s loses nothing.)
 *
 * Source: P. Jäckel, "Let's Be Rational", Wilmott (2015) 40–53, §2 (normalisation, symmetry
 * b(x) = b(−x) + e^{x/2} − e^{−x/2} by put–call parity) and §3 eq. (3.3)–(3.4) (the erfcx form
 * of the lower wing); erfcx and N from W. J. Cody (1969) via `dists/normal.ts`.
 */
import { erfcx, normalCdf } from '../dists/normal.js';

const CENTRAL = 0.46875 * Math.SQRT2;
const HALF_LN_2PI = 0.9189385332046728;

/**
 * ln b(x, s) for x ≤ 0, s > 0. A kernel: no validation.
 *
 * @example
 * Math.exp(lnNormalisedCall(0, 0.2)); // => ~0.0796557 (= 2N(0.1) − 1)
 */
export function lnNormalisedCall(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  if (h + t < -CENTRAL) {
    const diff = erfcx(-(h + t) * Math.SQRT1_2) - erfcx(-(h - t) * Math.SQRT1_2);
    return -0.5 * (h * h + t * t) + Math.log(0.5 * diff);
  }
  return Math.log(Math.exp(0.5 * x) * normalCdf(h + t) - Math.exp(-0.5 * x) * normalCdf(h - t));
}

/**
 * ln c(x, s) = ln(e^{x/2} − b(x, s)) for x ≤ 0, s > 0. A kernel: no validation.
 *
 * @example
 * Math.exp(lnNormalisedCallComplement(0, 0.2)); // => ~0.9203443 (= 2N(−0.1))
 */
export function lnNormalisedCallComplement(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  if (h + t > CENTRAL) {
    const sum = erfcx((h + t) * Math.SQRT1_2) + erfcx((t - h) * Math.SQRT1_2);
    return -0.5 * (h * h + t * t) + Math.log(0.5 * sum);
  }
  return Math.log(Math.exp(0.5 * x) * normalCdf(-h - t) + Math.exp(-0.5 * x) * normalCdf(h - t));
}

/**
 * ln v(x, s), the log of the normalised vega ∂b/∂s. A kernel: no validation.
 *
 * @example
 * Math.exp(lnNormalisedVega(0, 0.2)); // => ~0.3969525 (= φ(0.1))
 */
export function lnNormalisedVega(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  return -HALF_LN_2PI - 0.5 * (h * h + t * t);
}
