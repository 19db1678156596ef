/**
 * Brent's minimiser of a function of one variable on an interval: golden-section search with
 * successive parabolic interpolation, no derivatives. It converges superlinearly on smooth
 * functions and never does worse than golden section. This is `localmin` line by line, with
 * tolerance tol1 = √ε·|x| + tol/3 around the current best point x.
 *
 * Source: R. P. Brent, "Algorithms for Minimization without Derivatives" (Prentice-Hall 1973),
 * ch. 5, §5.8 (procedure localmin); the same algorithm as W. H. Press et al., "Numerical Recipes"
 * (3rd ed. 2007), §10.3 (`Brent`), and scipy.optimize.fminbound.
 */

/** Result of {@link brentMinimize}. */
export interface ScalarMinimum {
  /** The best point found. */
  readonly x: number;
  /** f(x). */
  readonly value: number;
  /** Number of evaluations of f. */
  readonly evaluations: number;
}

const GOLDEN = 0.5 * (3 - Math.sqrt(5));
const SQRT_EPS = Math.sqrt(Number.EPSILON);

/**
 * Minimises f on (lower, upper) to an absolute tolerance of about `tol` in x (Brent 1973,
 * localmin): stops when the bracket around x is within 2·tol1 of x, or after `maxIterations`
 * evaluations. f is never evaluated at the ends. A kernel: no validation; lower < upper, tol > 0.
 *
 * @example
 * brentMinimize((x) => (x - 2) ** 2, 0, 5, 1e-10).x;   // => ≈ 2
 * brentMinimize(Math.cos, 0, 2 * Math.PI, 1e-10).x;    // => ≈ π
 */
export function brentMinimize(f: (x: number) => number, lower: number, upper: number, tol: number, maxIterations = 200): ScalarMinimum {
  let a = lower;
  let b = upper;
  let x = a + GOLDEN * (b - a);
  let w = x;
  let v = x;
  let fx = f(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  let evaluations = 1;
  for (let it = 0; it < maxIterations; it++) {
    const m = 0.5 * (a + b);
    const tol1 = SQRT_EPS * Math.abs(x) + tol / 3;
    const tol2 = 2 * tol1;
    if (Math.abs(x - m) <= tol2 - 0.5 * (b - a)) break;
    let p = 0;
    let q = 0;
    let r = 0;
    if (Math.abs(e) > tol1) {
      // Fit a parabola through (v, fv), (w, fw), (x, fx).
      r = (x - w) * (fx - fv);
      q = (x - v) * (fx - fw);
      p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
    }
    if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
      // A parabolic step inside the bracket that halves the step before last.
      d = p / q;
      const u = x + d;
      if (u - a < tol2 || b - u < tol2) d = x < m ? tol1 : -tol1;
    } else {
      // A golden-section step into the larger part of the bracket.
      e = (x < m ? b : a) - x;
      d = GOLDEN * e;
    }
    const u = x + (Math.abs(d) >= tol1 ? d : d > 0 ? tol1 : -tol1);
    const fu = f(u);
    evaluations++;
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, value: fx, evaluations };
}
