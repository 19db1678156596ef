/**
 * W. J. Cody's three rational Chebyshev approximations of the error function, the one home of
 * their coefficients: erf(y) on [0, 0.46875], erfcx(y) = e^{y²}·erfc(y) on (0.46875, 4] and on
 * (4, ∞). Relative error below 1e-15 on each interval. Both `./normal.ts` (erfc, erfcx, N) and
 * `./normal-tail.ts` (the batch Greeks kernel) evaluate these.
 *
 * Written out in Horner form without loops or array loads: the Greeks benchmark's inner loop
 * calls them, and this is the same evaluation order as CALERF's loops, so the bits are CALERF's.
 *
 * Source: W. J. Cody, "Rational Chebyshev Approximations for the Error Function", Mathematics of
 * Computation 23 (1969) 631–637, and its SPECFUN routine CALERF (https://www.netlib.org/specfun/erf),
 * coefficients A, B (first interval), C, D (second), P, Q (third) at their published precision.
 */

/* eslint-disable no-loss-of-precision -- Cody's coefficients at their published precision (the parser rounds them to the nearest double) */
/** 1/√π, CALERF's SQRPI. */
const ONE_OVER_SQRT_PI = 0.56418958354775628695;

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
