/**
 * The standard normal N(d) and density n(d) by piecewise Taylor polynomials: no exponential and no
 * branch per evaluation, for hot loops that need them at millions of points (the hedging kernel,
 * `../options/delta-kernel.ts`).
 *
 * [−L, L] with L = 8.5 is cut into 544 intervals of width W = 1/32 with centres c_j; on each,
 *
 *   N(c + h) ≈ Σ_{k=0}^{6} a_k·h^k,   a_0 = N(c),   a_k = N^{(k)}(c)/k! = (−1)^{k−1}·He_{k−1}(c)·n(c)/k!
 *   n(c + h) ≈ Σ_{k=1}^{6} k·a_k·h^{k−1}
 *
 * (He the probabilists' Hermite polynomials, He_{m+1}(x) = x·He_m(x) − m·He_{m−1}(x), since
 * n^{(m)}(x) = (−1)^m·He_m(x)·n(x): Abramowitz & Stegun 22.7.14 and 26.2.26 / DLMF 18.9.1). The
 * coefficients are computed once at load from Cody's N (`./normal.ts`, relative error < 1e-15);
 * the two tables are 544 × 7 doubles each (30 kB; degree 6 on 1/32 measured faster in the
 * hedging kernel than degree 8 on 1/16, for the same N). Outside [−L, L] the argument is clamped to
 * ±L, where N is within 1e-17 of 0 or 1.
 *
 * Accuracy (|h| ≤ 1/64; Lagrange remainders |He_6(ξ)·n(ξ)|·h⁷/7! for N and |He_6(ξ)|·n(ξ)·h⁶/6! for
 * n), measured against Cody's N and e^{−d²/2}/√(2π) on 2·10⁶ points of [−9, 9]
 * (test/dists/normal-taylor.test.ts): N to 3.4e-16 absolute and 1e-10 relative for |d| ≤ 8; n to
 * 1.3e-13 absolute and 5e-9 relative for |d| ≤ 8. What is given up against `./normal.ts`: the
 * relative accuracy in the tails (and beyond |d| = 8.5, N = 0 or 1 to 1e-17 and n = n(±8.5)
 * ≈ 1.6e-16) — absolute accuracies of 3.4e-16 (N) and 1.3e-13 (n), which is what a hedge ratio
 * and a band need; deltas still match QuantLib to 1e-10 (test/options/delta-kernel.test.ts). A NaN argument
 * gives a meaningless number (kernels do not validate).
 */
import { normalCdf } from './normal.js';

/** Half-range L of the table. */
export const TAYLOR_RANGE = 8.5;
/** Intervals per unit of d (1/W). */
export const TAYLOR_PER_UNIT = 32;
const DEGREE = 6;
/** Coefficients per interval (degree + 1). */
export const TAYLOR_STRIDE = DEGREE + 1;
/** Number of intervals, 2L/W = 544. */
export const TAYLOR_INTERVALS = 2 * TAYLOR_RANGE * TAYLOR_PER_UNIT;
const INV_SQRT_2PI = 0.3989422804014327;

/** The centre c_j = −L + (j + ½)·W of interval j. */
export function taylorCentre(j: number): number {
  return -TAYLOR_RANGE + (j + 0.5) / TAYLOR_PER_UNIT;
}

/** a_0 … a_6 of interval j at offset j·TAYLOR_STRIDE (module doc). */
function taylorTable(): Float64Array {
  const t = new Float64Array(TAYLOR_INTERVALS * TAYLOR_STRIDE);
  for (let j = 0; j < TAYLOR_INTERVALS; j++) {
    const c = taylorCentre(j);
    const pdf = INV_SQRT_2PI * Math.exp(-0.5 * c * c);
    t[j * TAYLOR_STRIDE] = normalCdf(c);
    let hePrev = 0;
    let he = 1; // He_0
    let factorial = 1;
    for (let k = 1; k <= DEGREE; k++) {
      factorial *= k;
      t[j * TAYLOR_STRIDE + k] = ((k % 2 === 1 ? 1 : -1) * he * pdf) / factorial; // (−1)^{k−1}·He_{k−1}(c)·n(c)/k!
      const next = c * he - (k - 1) * hePrev; // He_k = x·He_{k−1} − (k − 1)·He_{k−2}
      hePrev = he;
      he = next;
    }
  }
  return t;
}

/** N's coefficients (read-only): interval j holds a_0 … a_6 at j·TAYLOR_STRIDE. */
export const TAYLOR_TABLE: Float64Array = taylorTable();
/** n's coefficients (read-only): interval j holds 1·a_1 … 6·a_6 at j·TAYLOR_STRIDE + 1 … + 6. */
export const TAYLOR_PDF_TABLE: Float64Array = TAYLOR_TABLE.map((a, i) => (i % TAYLOR_STRIDE) * a);

/**
 * The offset of d's interval in the tables and d's distance h from its centre, d clamped to [−L, L].
 * Written into `out` ([offset, h]) to stay allocation-free.
 */
function locate(d: number, out: Float64Array): void {
  const dc = d < -TAYLOR_RANGE ? -TAYLOR_RANGE : d > TAYLOR_RANGE ? TAYLOR_RANGE : d;
  const raw = ((dc + TAYLOR_RANGE) * TAYLOR_PER_UNIT) | 0;
  const j = raw >= TAYLOR_INTERVALS ? TAYLOR_INTERVALS - 1 : raw;
  out[0] = j * TAYLOR_STRIDE;
  out[1] = dc - taylorCentre(j);
}
const at = new Float64Array(2);

/**
 * N(d) from the table (module doc). A kernel.
 *
 * @example
 * taylorNormalCdf(1.96);  // => ~0.9750021048517795
 * taylorNormalCdf(-40);   // => ~0 (below 1e-17)
 */
export function taylorNormalCdf(d: number): number {
  locate(d, at);
  const o = at[0] as number;
  const h = at[1] as number;
  let v = TAYLOR_TABLE[o + DEGREE] as number;
  for (let k = DEGREE - 1; k >= 0; k--) v = v * h + (TAYLOR_TABLE[o + k] as number);
  return v;
}

/**
 * n(d) from the table (module doc). A kernel.
 *
 * @example
 * taylorNormalPdf(0);  // => ~0.3989422804014327
 */
export function taylorNormalPdf(d: number): number {
  locate(d, at);
  const o = at[0] as number;
  const h = at[1] as number;
  let v = TAYLOR_PDF_TABLE[o + DEGREE] as number;
  for (let k = DEGREE - 1; k >= 1; k--) v = v * h + (TAYLOR_PDF_TABLE[o + k] as number);
  return v;
}
