/**
 * Log-density of the Student-t distribution, the one home of its normalising constant.
 *
 *   Student-t, ν > 0:               ln f(x) = c(ν) − (ν+1)/2 · ln(1 + x²/ν),
 *                                   c(ν) = lnΓ((ν+1)/2) − lnΓ(ν/2) − ½·ln(νπ)
 *   standardised (unit-variance) t: ln f(z) = c̃(ν) − (ν+1)/2 · ln(1 + z²/(ν−2)),  ν > 2,
 *                                   c̃(ν) = lnΓ((ν+1)/2) − lnΓ(ν/2) − ½·ln((ν−2)π)
 *
 * (the standardised t is x·√((ν−2)/ν) for x ~ t_ν; its density carries the Jacobian √(ν/(ν−2)),
 * which turns ½·ln(νπ) into ½·ln((ν−2)π)).
 *
 * Sources: N. L. Johnson, S. Kotz and N. Balakrishnan, "Continuous Univariate Distributions",
 * vol. 2, 2nd ed. (1995), ch. 28, eq. (28.2); T. Bollerslev, "A Conditionally Heteroskedastic
 * Time Series Model for Speculative Prices and Rates of Return", Review of Economics and
 * Statistics 69(3) (1987) (the standardised t). lnΓ is @stdlib/math-base-special-gammaln.
 */
import gammaln from '@stdlib/math-base-special-gammaln';

/**
 * c(ν) = lnΓ((ν+1)/2) − lnΓ(ν/2) − ½·ln(νπ), the log of the t_ν density at 0. A kernel: ν > 0.
 *
 * @example
 * studentTLogConstant(1);  // => −ln π ≈ −1.1447298858494 (Cauchy)
 */
export function studentTLogConstant(nu: number): number {
  return gammaln((nu + 1) / 2) - gammaln(nu / 2) - 0.5 * Math.log(nu * Math.PI);
}

/**
 * c̃(ν) = lnΓ((ν+1)/2) − lnΓ(ν/2) − ½·ln((ν−2)π), the log of the unit-variance t density at 0.
 * A kernel: ν > 2.
 *
 * @example
 * standardisedTLogConstant(3);  // => ln(2/π) ≈ −0.4515827052894548
 */
export function standardisedTLogConstant(nu: number): number {
  return gammaln((nu + 1) / 2) - gammaln(nu / 2) - 0.5 * Math.log((nu - 2) * Math.PI);
}

/**
 * ln f(x) of the standard Student-t with ν > 0 degrees of freedom (module doc). A kernel.
 *
 * @example
 * studentTLogPdf(0, 1);  // => −ln π ≈ −1.1447298858494
 * studentTLogPdf(2, 5);  // => ≈ −3.2423 (scipy.stats.t.logpdf(2, 5) = −3.24227…)
 */
export function studentTLogPdf(x: number, nu: number): number {
  return studentTLogConstant(nu) - ((nu + 1) / 2) * Math.log1p((x * x) / nu);
}
