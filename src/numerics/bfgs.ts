/**
 * BFGS quasi-Newton minimisation with a supplied analytic gradient and a backtracking (Armijo)
 * line search. H, the inverse-Hessian estimate, starts at I and is updated by
 *
 *   H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ,   s = x_{k+1} − x_k,  y = ∇f_{k+1} − ∇f_k,  ρ = 1/(yᵀs),
 *
 * skipped when the curvature yᵀs is not safely positive; the search direction −H∇f is reset to
 * steepest descent when it is not a descent direction. Step t = 1, ½, ¼, … until
 * f(x + t·d) ≤ f(x) + 10⁻⁴·t·∇fᵀd. Kernels: no validation.
 *
 * Source: J. Nocedal and S. J. Wright, "Numerical Optimization", 2nd ed. (2006): §6.1 (BFGS,
 * eq. 6.17), §3.1 (backtracking, Armijo condition, Algorithm 3.1).
 */

/**
 * f(x) and its gradient: returns f(x) and, where f(x) is finite, writes ∇f(x) into `grad`.
 * f may return +∞ (or NaN) outside its domain.
 */
export type ValueAndGradient = (x: readonly number[], grad: number[]) => number;

/** Result of {@link bfgsMinimize}. */
export interface Minimum {
  readonly x: number[];
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

const identity = (n: number): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
const maxAbs = (v: readonly number[]): number => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

/**
 * Minimises f from x0 by BFGS; stops when the largest gradient component is below `gtol`, when
 * a line search can no longer decrease f, or after `maxIterations` (then `converged` is false).
 * The line search evaluates value and gradient together, so an accepted step costs one evaluation.
 *
 * @example
 * bfgsMinimize(([a, b], g) => { g[0] = 2 * (a - 1); g[1] = 20 * (b + 2); return (a - 1) ** 2 + 10 * (b + 2) ** 2; }, [0, 0]).x;  // => ≈ [1, -2]
 */
export function bfgsMinimize(
  fg: ValueAndGradient,
  x0: readonly number[],
  { gtol = 1e-7, maxIterations = 500 }: { gtol?: number; maxIterations?: number } = {},
): Minimum {
  const n = x0.length;
  let x = x0.slice();
  let g = new Array<number>(n).fill(0);
  let fx = fg(x, g);
  let H = identity(n);
  const done = (iterations: number, converged: boolean): Minimum => ({ x, value: fx, iterations, converged });
  for (let it = 0; it < maxIterations; it++) {
    if (maxAbs(g) < gtol) return done(it, true);
    let d = H.map((row) => -row.reduce((s, hij, j) => s + hij * (g[j] as number), 0));
    let slope = d.reduce((s, di, i) => s + di * (g[i] as number), 0);
    if (!(slope < 0)) {
      H = identity(n);
      d = g.map((gi) => -gi);
      slope = d.reduce((s, di, i) => s + di * (g[i] as number), 0);
    }
    let t = 1;
    let xn = x;
    let fn = Infinity;
    const gn = new Array<number>(n).fill(0);
    for (let k = 0; k < 60; k++) {
      xn = x.map((xi, i) => xi + t * (d[i] as number));
      fn = fg(xn, gn);
      if (Number.isFinite(fn) && fn <= fx + 1e-4 * t * slope) break;
      t *= 0.5;
    }
    if (!(Number.isFinite(fn) && fn <= fx)) return done(it, false);
    const s = xn.map((v, i) => v - (x[i] as number));
    const y = gn.map((v, i) => v - (g[i] as number));
    const sy = s.reduce((acc, si, i) => acc + si * (y[i] as number), 0);
    const improved = fx - fn;
    x = xn;
    fx = fn;
    g = gn;
    if (sy > 1e-12 * Math.sqrt(s.reduce((a, v) => a + v * v, 0) * y.reduce((a, v) => a + v * v, 0))) {
      const rho = 1 / sy;
      const Hy = H.map((row) => row.reduce((acc, hij, j) => acc + hij * (y[j] as number), 0));
      const yHy = y.reduce((acc, yi, i) => acc + yi * (Hy[i] as number), 0);
      H = H.map((row, i) =>
        row.map((hij, j) => {
          const si = s[i] as number;
          const sj = s[j] as number;
          return hij - rho * ((Hy[i] as number) * sj + si * (Hy[j] as number)) + (rho * rho * yHy + rho) * si * sj;
        }),
      );
    }
    if (improved <= 1e-15 * Math.max(1, Math.abs(fx)) && maxAbs(g) < 1e3 * gtol) return done(it + 1, true);
  }
  return done(maxIterations, false);
}
