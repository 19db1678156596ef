/**
 * Small dense helpers for the GARCH fit's standard errors: a Hessian by central differences of
 * the analytic gradient, and a matrix inverse by Gauss–Jordan elimination with partial pivoting.
 * (The BFGS minimiser the fit uses is ../../numerics/bfgs.ts.) Kernels: no validation.
 *
 * Source: J. Nocedal and S. J. Wright, "Numerical Optimization", 2nd ed. (2006), §8.1
 * (finite-difference derivatives); G. H. Golub and C. F. Van Loan, "Matrix Computations", 4th ed.
 * (2013), §3.4 (Gaussian elimination with partial pivoting).
 */

/** Gradient of a function of x. */
type GradFn = (x: readonly number[]) => number[];

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
