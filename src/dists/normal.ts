/**
 * The complementary error function and the standard normal tail, to full double precision, for
 * the first-passage formulas (which need N(−x) accurately far in the tail and products
 * e^{e}·N(−x) without overflow).
 *
 *   erfc(x) = 1 − erf(x),   erfcx(x) = e^{x²}·erfc(x),   N(z) = ½·erfc(−z/√2)
 *
 * Source: W. J. Cody, "Rational Chebyshev Approximations for the Error Function", Mathematics of
 * Computation 23 (1969) 631–637, and its SPECFUN routine CALERF (https://www.netlib.org/specfun/erf):
 * three rational approximations on [0, 0.46875], (0.46875, 4] and (4, ∞), relative error below
 * 1e-15; e^{−x²} is evaluated as e^{−x̃²}·e^{−(x−x̃)(x+x̃)} with x̃ = ⌊16x⌋/16, as CALERF does.
 */

/* eslint-disable no-loss-of-precision -- Cody's coefficients at their published precision (the parser rounds them to the nearest double) */
const A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153] as const;
const B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062] as const;
const C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
] as const;
const D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
] as const;
const P = [
  0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4,
  0.0163153871373020978,
] as const;
const Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185] as const;
const ONE_OVER_SQRT_PI = 0.56418958354775628695;
/* eslint-enable no-loss-of-precision */

/** erf(y) for 0 ≤ y ≤ 0.46875 (Cody's first interval). */
function erfSmall(y: number): number {
  const z = y * y;
  let num = A[4] * z;
  let den = z;
  for (let i = 0; i < 3; i++) {
    num = (num + (A[i] as number)) * z;
    den = (den + (B[i] as number)) * z;
  }
  return (y * (num + A[3])) / (den + B[3]);
}

/** e^{y²}·erfc(y) for y > 0.46875 (Cody's second and third intervals). */
function erfcxLarge(y: number): number {
  if (y <= 4) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + (C[i] as number)) * y;
      den = (den + (D[i] as number)) * y;
    }
    return (num + C[7]) / (den + D[7]);
  }
  const z = 1 / (y * y);
  let num = P[5] * z;
  let den = z;
  for (let i = 0; i < 4; i++) {
    num = (num + (P[i] as number)) * z;
    den = (den + (Q[i] as number)) * z;
  }
  const r = (z * (num + P[4])) / (den + Q[4]);
  return (ONE_OVER_SQRT_PI - r) / y;
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
  if (y <= 0.46875) return 1 - (x < 0 ? -erfSmall(y) : erfSmall(y));
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
  if (x <= 0.46875) return Math.exp(x * x) * (1 - erfSmall(x));
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
