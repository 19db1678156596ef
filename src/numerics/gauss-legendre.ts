/**
 * 20-point Gauss–Legendre quadrature on [lo, hi]: ∫ f ≈ (hi − lo)/2 · Σ w_i f(mid + half·x_i),
 * exact for polynomials of degree ≤ 39, and an adaptive version that bisects an interval until
 * the rule on it and the sum over its halves agree within the tolerance. Nodes x_i are the roots of the Legendre polynomial P_20,
 * found by Newton's method from Chebyshev-like guesses cos(π(i − ¼)/(n + ½)), with weights
 * w_i = 2/((1 − x_i²)·P′_20(x_i)²).
 *
 * Source: W. H. Press et al., "Numerical Recipes" (3rd ed. 2007), §4.6 (routine `gauleg`) and
 * §4.7 (adaptive quadrature by interval bisection).
 */

const N = 20;

function nodes(): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(N);
  const w = new Float64Array(N);
  for (let i = 0; i < N / 2; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (N + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 0; j < N; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j + 1) * z * p2 - j * p3) / (j + 1);
      }
      dp = (N * (z * p1 - p2)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-15) break;
    }
    x[i] = -z;
    x[N - 1 - i] = z;
    w[i] = 2 / ((1 - z * z) * dp * dp);
    w[N - 1 - i] = w[i] as number;
  }
  return { x, w };
}

const { x: X, w: W } = nodes();

/**
 * The 20 nodes x_i on [−1, 1] and weights w_i of the rule (copies): for callers that evaluate
 * many integrands at the same nodes (the universal portfolio's mixture over leverage).
 *
 * @example
 * const { x, w } = gaussLegendre20Nodes(); // x.length === 20; Σ w = 2
 */
export function gaussLegendre20Nodes(): { x: Float64Array; w: Float64Array } {
  return { x: X.slice(), w: W.slice() };
}

/**
 * ∫_lo^hi f(t) dt by 20-point Gauss–Legendre. A kernel.
 *
 * @example
 * gaussLegendre20((t) => t ** 3, 0, 2); // => 4
 */
export function gaussLegendre20(f: (t: number) => number, lo: number, hi: number): number {
  const mid = 0.5 * (lo + hi);
  const half = 0.5 * (hi - lo);
  let sum = 0;
  for (let i = 0; i < N; i++) sum += (W[i] as number) * f(mid + half * (X[i] as number));
  return half * sum;
}

/**
 * ∫_lo^hi f(t) dt by adaptive bisection with the 20-point rule: an interval is accepted when
 * |whole − (left + right)| ≤ tol·(its share of [lo, hi]) or at depth 40. A kernel.
 *
 * @example
 * adaptiveGaussLegendre((t) => Math.exp(-t), 0, 1000, 1e-13); // => ~1
 */
export function adaptiveGaussLegendre(f: (t: number) => number, lo: number, hi: number, tol: number): number {
  const total = hi - lo;
  const refine = (a: number, b: number, whole: number, depth: number): number => {
    const m = 0.5 * (a + b);
    const left = gaussLegendre20(f, a, m);
    const right = gaussLegendre20(f, m, b);
    if (depth >= 40 || Math.abs(whole - left - right) <= (tol * (b - a)) / total) return left + right;
    return refine(a, m, left, depth + 1) + refine(m, b, right, depth + 1);
  };
  return refine(lo, hi, gaussLegendre20(f, lo, hi), 0);
}
