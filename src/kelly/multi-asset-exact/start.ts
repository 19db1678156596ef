/** Phase I (a strictly feasible start) and the initial barrier parameter t₀. */
import { TradesizeError } from '../../core/errors.js';
import { choleskySolve, dot, matVec, tryCholesky } from '../../numerics/linalg.js';
import { growthTerms } from './barrier.js';
import { SHRINK } from './line-search.js';
import type { Iterate, Problem } from './problem.js';

/**
 * A strictly feasible start (phase I). The feasible weights of least gross exposure are
 * c = clamp(0, lo, hi); if c is solvent and inside the gross cap, so is c + θ·(m − c) for small
 * θ > 0, where m is an interior point of the box (its midpoint, or 1 inside a one-sided bound),
 * which keeps the start away from bounds that pass close to 0. Otherwise the start is refused
 * with a typed error.
 */
export function startingPoint(p: Problem): Iterate {
  const { n, count, returns, lo, hi, cap } = p;
  const c = Float64Array.from(lo, (l, i) => Math.min(Math.max(0, l), hi[i]!));
  const exposure = c.reduce((s, x) => s + Math.abs(x), 0);
  if (!(exposure < cap)) {
    throw new TradesizeError(
      'INVALID_INPUT',
      `kellyMultiAssetExact: the caps force gross leverage ${exposure} ≥ maxGrossLeverage ${cap}`,
      ['maxGrossLeverage'],
    );
  }
  const insolvent = matVec(returns, count, n, c).findIndex((x) => !(x > -1));
  if (insolvent >= 0) {
    throw new TradesizeError(
      'NO_SOLVENT_FRACTION',
      `kellyMultiAssetExact: the least-exposure weights allowed by the caps are ruined in scenario ${insolvent}`,
      ['assetCaps'],
    );
  }
  const inward = c.map((x, i) => {
    const [l, h] = [lo[i]!, hi[i]!];
    const m = Number.isFinite(l) ? (Number.isFinite(h) ? (l + h) / 2 : l + 1) : Number.isFinite(h) ? h - 1 : 0;
    return m - x;
  });
  for (let theta = 0.5; theta > 1e-300; theta *= SHRINK) {
    const w = c.map((x, i) => x + theta * inward[i]!);
    const gross = w.reduce((s, x) => s + Math.abs(x), 0);
    const u = matVec(returns, count, n, w).map((x) => 1 + x);
    if (gross < cap && u.every((x) => x > 0) && w.every((x, i) => lo[i]! < x && x < hi[i]!)) {
      const spare = (cap - gross) / (2 * n);
      const s = p.gross === 'split' ? w.map((x) => Math.abs(x) + spare) : new Float64Array(0);
      return { w, s, u };
    }
  }
  throw new TradesizeError('NOT_CONVERGED', 'kellyMultiAssetExact: no strictly feasible starting point found');
}

/**
 * Initial barrier parameter (Boyd & Vandenberghe §11.3.1): t₀ with m/t₀ ≈ f₀(x₀) − p*, the
 * suboptimality estimated by the Newton decrement of −G alone, λ²/2 = gᵀH⁻¹g/2 (§9.5.1).
 */
export function initialBarrier(p: Problem, x: Iterate, tolerance: number): number {
  const { g, h } = growthTerms(p, x.u, 1 / p.count);
  const { n } = p;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) h[j * n + i] = h[i * n + j]!;
  const l = tryCholesky(h, n);
  const gap = l === null ? 1 : 0.5 * dot(g, choleskySolve(l, n, g));
  return p.constraints / Math.max(gap, tolerance);
}
