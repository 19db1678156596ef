/**
 * A multivariate Student-t fitted to aligned daily log returns, for the Monte Carlo stress when a
 * history is at hand but a bootstrap is not wanted (it extrapolates beyond the sample's worst day):
 *
 *   per underlying u: (μ_u, σ_u, ν_u) = the ECME maximum-likelihood t fit of its column
 *     (`../stats/student-t-fit.ts`); the simulation uses the scale σ_u and zero location;
 *   ν = the median of the ν_u (one tail parameter shared by all, as the multivariate t requires —
 *     an approximation to the joint MLE);
 *   R_uv = sin(π·τ_uv / 2), τ = Kendall's tau of columns u and v: the correlation of an elliptical
 *     distribution from its rank correlation, robust to the fat tails that bias Pearson's estimate
 *     (F. Lindskog, A. McNeil, U. Schmock, "Kendall's tau for elliptical distributions", in
 *     "Credit Risk", Physica 2003); τ by the O(n²) pair count (τ-a; ties count 0).
 *
 * @throws TradesizeError INVALID_INPUT when R is not positive definite (path ['history']), and the
 *   errors of the univariate fit.
 * @example
 * fitJointStudentT(alignedLogReturns(series)); // => { nu: ~2.6, scales: [0.019, 0.025, 0.034], correlation: [...] }
 */
import { fitStudentT } from '../stats/student-t-fit.js';
import { tryCholesky } from '../numerics/linalg.js';
import { TradesizeError } from '../core/errors.js';
import type { AlignedReturns } from './history.js';

/** The fitted model (daily units). */
export interface JointStudentT {
  readonly underlyings: readonly string[];
  readonly nu: number;
  /** Daily t scales σ_u (not standard deviations). */
  readonly scales: readonly number[];
  /** Row-major correlation (shape) matrix R. */
  readonly correlation: Float64Array;
  readonly perUnderlying: readonly { readonly underlying: string; readonly loc: number; readonly scale: number; readonly nu: number }[];
}

/** Kendall's τ-a of two equally long samples (module doc). */
export function kendallTau(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    const yi = y[i] as number;
    for (let j = i + 1; j < n; j++) s += Math.sign((x[j] as number) - xi) * Math.sign((y[j] as number) - yi);
  }
  return (2 * s) / (n * (n - 1));
}

/** Fits the model to aligned returns (module doc). */
export function fitJointStudentT(h: AlignedReturns): JointStudentT {
  const U = h.underlyings.length;
  const T = h.returns.length / U;
  const cols = Array.from({ length: U }, (_, u) => Float64Array.from({ length: T }, (_, t) => h.returns[t * U + u] as number));
  const fits = cols.map((c) => fitStudentT(c));
  const nus = fits.map((f) => f.nu).sort((a, b) => a - b);
  const nu = U % 2 === 1 ? (nus[(U - 1) / 2] as number) : 0.5 * ((nus[U / 2 - 1] as number) + (nus[U / 2] as number));
  const correlation = new Float64Array(U * U);
  for (let u = 0; u < U; u++) {
    correlation[u * U + u] = 1;
    for (let v = 0; v < u; v++) {
      const r = Math.sin((Math.PI / 2) * kendallTau(cols[u] as Float64Array, cols[v] as Float64Array));
      correlation[u * U + v] = r;
      correlation[v * U + u] = r;
    }
  }
  if (tryCholesky(correlation, U) === null) throw new TradesizeError('INVALID_INPUT', 'history: the fitted correlation matrix is not positive definite', ['history']);
  return {
    underlyings: h.underlyings,
    nu,
    scales: fits.map((f) => f.scale),
    correlation,
    perUnderlying: fits.map((f, u) => ({ underlying: h.underlyings[u] as string, loc: f.loc, scale: f.scale, nu: f.nu })),
  };
}
