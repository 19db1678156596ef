/**
 * Small dense linear algebra for symmetric positive-definite systems.
 *
 * Matrices are `Float64Array`s in row-major order (element (i, j) of an n×n matrix at i·n + j);
 * {@link toRowMajor} converts a `number[][]`. A symmetric positive-definite A factors as
 * A = L·Lᵀ with L lower triangular (Cholesky), computed column by column:
 *
 *   L_jj = sqrt(A_jj − Σ_{k<j} L_jk²),   L_ij = (A_ij − Σ_{k<j} L_ik·L_jk) / L_jj   (i > j),
 *
 * and A·x = b is solved by forward substitution L·y = b, then back substitution Lᵀ·x = y.
 * Only the lower triangle of A is read. A pivot that is not positive (to within n·ε of the
 * diagonal entry it came from) means A is not numerically positive definite.
 *
 * Source: G. H. Golub and C. F. Van Loan, "Matrix Computations", 4th ed. (2013), §4.2 (the
 * Cholesky factorization of a positive-definite matrix) and §3.1 (triangular systems).
 */
import { type FieldPath, TradesizeError } from '../core/errors.js';

/**
 * Copies a square `number[][]` into a row-major `Float64Array`.
 *
 * @example
 * toRowMajor([[4, 2], [2, 3]]); // => Float64Array [4, 2, 2, 3]
 */
export function toRowMajor(rows: readonly (readonly number[])[]): Float64Array {
  const n = rows.length;
  const a = new Float64Array(n * n);
  rows.forEach((row, i) => a.set(row.slice(0, n), i * n));
  return a;
}

/**
 * Cholesky factor L (row-major, lower triangular) of the n×n matrix `a`, or null when `a` is
 * not numerically positive definite. A kernel: no validation.
 *
 * @example
 * tryCholesky(Float64Array.of(4, 2, 2, 3), 2); // => Float64Array [2, 0, 1, ~1.41421]
 * tryCholesky(Float64Array.of(1, 2, 2, 1), 2); // => null
 */
export function tryCholesky(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  const floor = n * Number.EPSILON;
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let d = a[rowJ + j]!;
    for (let k = 0; k < j; k++) d -= l[rowJ + k]! * l[rowJ + k]!;
    if (!(d > floor * Math.abs(a[rowJ + j]!))) return null;
    const ljj = Math.sqrt(d);
    l[rowJ + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let s = a[rowI + j]!;
      for (let k = 0; k < j; k++) s -= l[rowI + k]! * l[rowJ + k]!;
      l[rowI + j] = s / ljj;
    }
  }
  return l;
}

/**
 * Cholesky factor of a symmetric positive-definite matrix, or a typed error.
 *
 * @param path - the field reported in the error (e.g. `['cov']`)
 * @param where - the public function name, prefixed to the message
 * @throws TradesizeError INVALID_INPUT when `a` is not numerically positive definite.
 * @example
 * cholesky(Float64Array.of(4, 2, 2, 3), 2);                 // => Float64Array [2, 0, 1, ~1.41421]
 * cholesky(Float64Array.of(1, 2, 2, 1), 2, ['cov'], 'fit'); // throws 'fit: cov is not positive definite'
 */
export function cholesky(a: Float64Array, n: number, path: FieldPath = [], where = 'cholesky'): Float64Array {
  const l = tryCholesky(a, n);
  if (l === null) {
    const name = path.length > 0 ? path.join('.') : 'matrix';
    throw new TradesizeError('INVALID_INPUT', `${where}: ${name} is not positive definite`, path);
  }
  return l;
}

/**
 * Solves A·x = b given the Cholesky factor L of A (from {@link cholesky}). A kernel.
 *
 * @example
 * choleskySolve(cholesky(Float64Array.of(4, 2, 2, 3), 2), 2, [2, 1]); // => Float64Array [0.5, 0]
 */
export function choleskySolve(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

/**
 * y = A·x for a row-major `rows`×`cols` matrix A. A kernel.
 *
 * @example
 * matVec(Float64Array.of(1, 2, 3, 4, 5, 6), 2, 3, [1, 0, -1]); // => Float64Array [-2, -2]
 */
export function matVec(a: Float64Array, rows: number, cols: number, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    let s = 0;
    for (let j = 0; j < cols; j++) s += a[base + j]! * x[j]!;
    y[i] = s;
  }
  return y;
}

/**
 * Inner product xᵀy of two vectors of equal length. A kernel.
 *
 * @example
 * dot([1, 2, 3], [4, 5, 6]); // => 32
 */
export function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!;
  return s;
}
