/**
 * W. J. Cody's rational Chebyshev approximations of the error function — the one home of their
 * coefficients — and, built on them, the standard normal distribution function N(d), scaled,
 * for when the Gaussian factor e^{−d²/2} is already known, so that pricing shares one exponential
 * between N(d1), n(d1) and (via F·n(d1) = K·n(d2)) N(d2) — the batch Greeks kernel's inner loop.
 * `./normal.ts` (erfc, erfcx, N) evaluates the same three kernels.
 *
 *   erfCentral(y)  = erf(y)                  on [0, 0.46875]
 *   erfcxMiddle(y) = e^{y²}·erfc(y)          on (0.46875, 4]
 *   erfcxFar(y)    = e^{y²}·erfc(y)          on (4, ∞)       (a rational in 1/y²)
 *   |d| ≤ 0.46875·√2:  N(d) = ½ + ½·erf(d/√2)
 *   otherwise:         ½·erfc(|d|/√2) = ½·erfcx(|d|/√2)·e^{−d²/2},  N(d) = that (d < 0) or 1 − that
 *
 * The kernels are written out in Horner form without loops or array loads, in the evaluation
 * order of CALERF's loops (so the bits are CALERF's), and live in this file with their hot-loop
 * caller: imported from another module, the Greeks benchmark ran about 5 % slower (CPU-time rate).
 *
 * Source: W. J. Cody, "Rational Chebyshev Approximations for the Error Function", Math. Comp. 23
 * (1969) 631–637, and its SPECFUN routine CALERF (https://www.netlib.org/specfun/erf),
 * coefficients A, B (first interval), C, D (second), P, Q (third) at their published precision;
 * relative error below 1e-15 on each interval. CALERF splits e^{−y²} into two exponentials to keep
 * it accurate to 1e-16 for exact y; the caller's single e^{−d²/2} has relative error
 * ≈ (1 + d²/2)·2⁻⁵³, so scaledNormalCdf and `./normal.ts`'s normalCdf agree to 6·(1 + d²/2)·2⁻⁵³
 * relative (tested: 7e-16 at d = 0, 2e-15 at |d| = 4, 1e-14 at |d| = 10; the largest observed is
 * 4.2·(1 + d²/2)·2⁻⁵³). That matches the conditioning of N at a computed d (an ulp of d moves N(d)
 * by ≈ d²·2⁻⁵³ relative in the tail), so nothing is lost that the input had not already lost.
 */

/* eslint-disable no-loss-of-precision -- Cody's coefficients at their published precision (the parser rounds them to the nearest double) */
/** 1/√π, CALERF's SQRPI. */
const ONE_OVER_SQRT_PI = 0.56418958354775628695;
const CENTRAL = 0.46875 * Math.SQRT2;
const FOUR = 4 * Math.SQRT2;

/**
 * erf(y) for |y| ≤ 0.46875 (CALERF, first interval). A kernel: no validation.
 *
 * @example
 * erfCentral(0.25);  // => ~0.276326390168237
 */
export function erfCentral(y: number): number {
  const z = y * y;
  const num = ((((0.185777706184603153 * z + 3.1611237438705656) * z + 113.864154151050156) * z + 377.485237685302021) * z + 3209.37758913846947);
  const den = ((((z + 23.6012909523441209) * z + 244.024637934444173) * z + 1282.61652607737228) * z + 2844.23683343917062);
  return (y * num) / den;
}

/**
 * erfcx(y) = e^{y²}·erfc(y) for 0.46875 < y ≤ 4 (CALERF, second interval). A kernel.
 *
 * @example
 * erfcxMiddle(1);  // => ~0.427583576155807
 */
export function erfcxMiddle(y: number): number {
  const num = (((((((2.15311535474403846e-8 * y + 0.564188496988670089) * y + 8.88314979438837594) * y + 66.1191906371416295) * y
    + 298.635138197400131) * y + 881.95222124176909) * y + 1712.04761263407058) * y + 2051.07837782607147) * y + 1230.33935479799725;
  const den = (((((((y + 15.7449261107098347) * y + 117.693950891312499) * y + 537.181101862009858) * y + 1621.38957456669019) * y
    + 3290.79923573345963) * y + 4362.61909014324716) * y + 3439.36767414372164) * y + 1230.33935480374942;
  return num / den;
}

/**
 * erfcx(y) for y > 4 (CALERF, third interval: an asymptotic rational in 1/y²). A kernel.
 *
 * @example
 * erfcxFar(100);  // => ~0.005641613782989
 */
export function erfcxFar(y: number): number {
  const z = 1 / (y * y);
  const num = (((((0.0163153871373020978 * z + 0.305326634961232344) * z + 0.360344899949804439) * z + 0.125781726111229246) * z
    + 0.0160837851487422766) * z + 6.58749161529837803e-4);
  const den = (((((z + 2.56852019228982242) * z + 1.87295284992346047) * z + 0.527905102951428412) * z + 0.0605183413124413191) * z
    + 0.00233520497626869185);
  return (ONE_OVER_SQRT_PI - (z * num) / den) / y;
}
/* eslint-enable no-loss-of-precision */

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
