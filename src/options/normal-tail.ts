/**
 * The standard normal distribution function N(d) when the Gaussian factor e^{−d²/2} is already
 * known, so that pricing can share one exponential between N(d1), n(d1) and (via
 * F·n(d1) = K·n(d2)) N(d2).
 *
 *   N(d) = ½·erfc(−d/√2);  for |d|/√2 > 0.46875:  ½·erfc(|d|/√2) = ½·erfcx(|d|/√2)·e^{−d²/2}
 *
 * Source: W. J. Cody, "Rational Chebyshev Approximations for the Error Function", Math. Comp. 23
 * (1969) 631–637 — the same rational approximations as `risk/first-passage/normal.ts` (reused, not
 * copied): its `erfc` on the central interval and its scaled `erfcx` outside it. CALERF splits
 * e^{−y²} into two exponentials to keep it accurate to 1e-16 relative for exact y; here the caller's
 * single e^{−d²/2} has relative error ≤ (1 + d²/2)·2⁻⁵³ (≈ 2e-15 at |d| = 4, 1e-14 at |d| = 10),
 * which matches the conditioning of N itself at a computed d (an ulp of d moves N(d) by
 * |d|·|d|·2⁻⁵³ relative in the tail), so nothing is lost that the input had not already lost.
 */
import { erfc, erfcx } from '../risk/first-passage/normal.js';

const CENTRAL = 0.46875 * Math.SQRT2;

/**
 * N(d) given g = e^{−d²/2} (ignored on the central interval |d| ≤ 0.46875·√2). A kernel: no
 * validation; d = ±∞ gives 1 / 0.
 *
 * @example
 * normalCdfWithGauss(0, 1);                          // => 0.5
 * normalCdfWithGauss(-3, Math.exp(-4.5));            // => ~0.00134989803163009
 */
export function normalCdfWithGauss(d: number, g: number): number {
  if (d <= CENTRAL && d >= -CENTRAL) return 0.5 * erfc(-d * Math.SQRT1_2);
  if (d === Infinity) return 1;
  if (d === -Infinity) return 0;
  const tail = 0.5 * erfcx((d < 0 ? -d : d) * Math.SQRT1_2) * g;
  return d < 0 ? tail : 1 - tail;
}
