/**
 * The complementary error function and the standard normal tail, to full double precision, for
 * the first-passage formulas (which need N(−x) accurately far in the tail and products
 * e^{e}·N(−x) without overflow).
 *
 *   erfc(x) = 1 − erf(x),   erfcx(x) = e^{x²}·erfc(x),   N(z) = ½·erfc(−z/√2)
 *
 * Source: W. J. Cody, "Rational Chebyshev Approximations for the Error Function", Mathematics of
 * Computation 23 (1969) 631–637, and its SPECFUN routine CALERF (https://www.netlib.org/specfun/erf):
 * three rational approximations on [0, 0.46875], (0.46875, 4] and (4, ∞) (./normal-tail.ts), relative
 * error below 1e-15; e^{−x²} is evaluated as e^{−x̃²}·e^{−(x−x̃)(x+x̃)} with x̃ = ⌊16x⌋/16, as CALERF does.
 */

import { erfCentral, erfcxFar, erfcxMiddle } from './normal-tail.js';

/** e^{y²}·erfc(y) for y > 0.46875 (Cody's second and third intervals). */
function erfcxLarge(y: number): number {
  return y <= 4 ? erfcxMiddle(y) : erfcxFar(y);
}

/** e^{−y²} for y ≥ 0, split as CALERF does to keep the relative error small for large y. */
function expMinusSquare(y: number): number {
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  return Math.exp(-ysq * ysq) * Math.exp(-del);
}

/**
 * Complementary error function erfc(x) for any real x. A kernel: no validation.
 *
 * @example
 * erfc(0);   // => 1
 * erfc(1);   // => ~0.157299207050285
 * erfc(-1);  // => ~1.842700792949715
 */
export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - (x < 0 ? -erfCentral(y) : erfCentral(y));
  const tail = y > 27 ? 0 : expMinusSquare(y) * erfcxLarge(y);
  return x < 0 ? 2 - tail : tail;
}

/**
 * Scaled complementary error function e^{x²}·erfc(x) for x ≥ 0 (never overflows). A kernel.
 *
 * @example
 * erfcx(0);    // => 1
 * erfcx(100);  // => ~0.005641613782989
 */
export function erfcx(x: number): number {
  if (x <= 0.46875) return Math.exp(x * x) * (1 - erfCentral(x));
  return erfcxLarge(x);
}

/**
 * Standard normal distribution function N(z) = ½·erfc(−z/√2), accurate in both tails. A kernel.
 *
 * @example
 * normalCdf(0);      // => 0.5
 * normalCdf(-1.96);  // => ~0.0249978951482204
 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z * Math.SQRT1_2);
}

/**
 * e^{e}·N(−x) computed without overflow or underflow of the intermediate factors: for x > 0 as
 * ½·erfcx(x/√2)·e^{e − x²/2}. Used for the Girsanov-weighted terms e^{±2μa/σ²}·N(·). A kernel.
 *
 * @example
 * expTimesNormalTail(0, 1);      // => normalCdf(-1)
 * expTimesNormalTail(800, 40);   // => e^{800 − 800}·½·erfcx(40/√2) ≈ 0.00997, finite
 */
export function expTimesNormalTail(e: number, x: number): number {
  if (x > 0) return 0.5 * erfcx(x * Math.SQRT1_2) * Math.exp(e - 0.5 * x * x);
  return Math.exp(e) * normalCdf(-x);
}
