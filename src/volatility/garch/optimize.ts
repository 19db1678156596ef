/**
 * Small dense optimisation helpers for the GARCH fit: BFGS with a supplied analytic gradient
 * and a backtracking (Armijo) line search, a Hessian by central differences of that gradient,
 * and a symmetric matrix inverse by Gauss–Jordan elimination with partial
 * pivoting. Kernels: no validation.
 *
 * Source: J. Nocedal and S. J. Wright, "Numerical Optimization", 2nd ed. (2006): §6.1 (BFGS),
 * §3.1 (backtracking, Armijo condition), §8.1 (finite-difference derivatives).
 */

type Fn = (x: readonly number[]) => number;
/** Gradient of an {@link Fn}. */
type GradFn = (x: readonly number[]) => number[];

/** Result of {@link bfgsMinimize}. */
export interface Minimum {
  readonly x: number[];
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Minimises f from x0 by BFGS; stops when the largest gradient component is below `gtol`, or
 * when a line search can no longer decrease f. f may return +∞ (or NaN) outside its domain.
 * `grad` gives ∇f at points where f is finite.
 *
 * @example
 * bfgsMinimize(([a, b]) => (a - 1) ** 2 + 10 * (b + 2) ** 2, ([a, b]) => [2 * (a - 1), 20 * (b + 2)], [0, 0]).x;  // => ≈ [1, -2]
 */
export function bfgsMinimize(f: Fn, grad: GradFn, x0: readonly number[], gtol = 1e-7, maxIterations = 500): Minimum {
  const n = x0.length;
  let x = x0.slice();
  let fx = f(x);
  let g = grad(x);
  let H: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let it = 0; it < maxIterations; it++) {
    if (Math.max(...g.map(Math.abs)) < gtol) return { x, value: fx, iterations: it, converged: true };
    let d = H.map((row) => -row.reduce((s, hij, j) => s + hij * (g[j] as number), 0));
    let slope = d.reduce((s, di, i) => s + di * (g[i] as number), 0);
    if (!(slope < 0)) {
      H = H.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
      d = g.map((gi) => -gi);
      slope = d.reduce((s, di, i) => s + di * (g[i] as number), 0);
    }
    let t = 1;
    let xn = x;
    let fn = Infinity;
    for (let k = 0; k < 60; k++) {
      xn = x.map((xi, i) => xi + t * (d[i] as number));
      fn = f(xn);
      if (Number.isFinite(fn) && fn <= fx + 1e-4 * t * slope) break;
      t *= 0.5;
    }
    if (!(Number.isFinite(fn) && fn <= fx)) return { x, value: fx, iterations: it, converged: false };
    const gn = grad(xn);
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
    if (improved <= 1e-15 * Math.max(1, Math.abs(fx)) && Math.max(...g.map(Math.abs)) < 1e3 * gtol) {
      return { x, value: fx, iterations: it + 1, converged: true };
    }
  }
  return { x, value: fx, iterations: maxIterations, converged: false };
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
