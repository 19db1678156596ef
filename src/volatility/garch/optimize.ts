/**
 * Small dense optimisation helpers for the GARCH fit: BFGS with a supplied analytic gradient
 * and a backtracking (Armijo) line search, a Hessian by central differences of that gradient,
 * and a symmetric matrix inverse by Gauss–Jordan elimination with partial
 * pivoting. Kernels: no validation.
 *
 * Source: J. Nocedal and S. J. Wright, "Numerical Optimization", 2nd ed. (2006): §6.1 (BFGS),
 * §3.1 (backtracking, Armijo condition), §8.1 (finite-difference derivatives).
 */

/** Gradient of a function of x. */
type GradFn = (x: readonly number[]) => number[];
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

/** Hessian of f at x by central differences of its gradient with steps `steps[i]`, symmetrised. */
export function gradientHessian(grad: GradFn, x: readonly number[], steps: readonly number[]): number[][] {
  const n = x.length;
  const cols: number[][] = [];
  for (let j = 0; j < n; j++) {
    const hj = steps[j] as number;
    const up = x.slice();
    const dn = x.slice();
    up[j] = (x[j] as number) + hj;
    dn[j] = (x[j] as number) - hj;
    const gu = grad(up);
    const gd = grad(dn);
    cols.push(gu.map((v, i) => (v - (gd[i] as number)) / (2 * hj)));
  }
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => 0.5 * (((cols[j] as number[])[i] as number) + ((cols[i] as number[])[j] as number))),
  );
}

/** Inverse of a square matrix (Gauss–Jordan, partial pivoting), or null when singular. */
export function invert(a: readonly (readonly number[])[]): number[][] | null {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[p] as number[])[c] as number)) p = r;
    const pivotRow = m[p] as number[];
    const pivot = pivotRow[c] as number;
    if (!(Math.abs(pivot) > 0) || !Number.isFinite(pivot)) return null;
    m[p] = m[c] as number[];
    m[c] = pivotRow.map((v) => v / pivot);
    const rc = m[c] as number[];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const row = m[r] as number[];
      const factor = row[c] as number;
      if (factor !== 0) for (let k = 0; k < 2 * n; k++) row[k] = (row[k] as number) - factor * (rc[k] as number);
    }
  }
  return m.map((row) => row.slice(n));
}
