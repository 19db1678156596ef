/** Feasibility-guarded backtracking line search (Boyd & Vandenberghe Algorithm 9.2). */
import { matVec } from '../../numerics/linalg.js';
import type { Direction, Iterate, Problem } from './problem.js';

/** Backtracking parameters α (sufficient decrease) and β (shrink) of Algorithm 9.2. */
export const ARMIJO = 0.1;
export const SHRINK = 0.5;
/** Smallest step tried before the line search gives up (round-off has taken over). */
const MIN_STEP = 1e-14;

/** Whether (w, s) satisfies every constraint strictly. */
function strictlyFeasible(p: Problem, w: Float64Array, s: Float64Array): boolean {
  if (!w.every((x, i) => p.lo[i]! < x && x < p.hi[i]!)) return false;
  if (p.gross === 'sum') return w.reduce((a, b) => a + b, 0) < p.cap;
  if (p.gross === 'split') {
    return s.every((si, i) => si - w[i]! > 0 && si + w[i]! > 0) && s.reduce((a, b) => a + b, 0) < p.cap;
  }
  return true;
}

/**
 * Backtracking line search (Boyd & Vandenberghe Algorithm 9.2) with the feasibility guard:
 * shrink until every log argument stays positive, then until ψ(x + step·Δx) − ψ(x) ≤
 * α·step·∇ψᵀΔx, the change being Σ −weight·log1p(step·ratio) over all log terms. Returns the
 * new iterate, or null when no step below MIN_STEP is acceptable.
 */
export function lineSearch(p: Problem, x: Iterate, d: Direction, scale: number): Iterate | null {
  let limit = Number.POSITIVE_INFINITY;
  for (const r of d.scenario) if (r < 0) limit = Math.min(limit, -1 / r);
  for (const r of d.slack) if (r < 0) limit = Math.min(limit, -1 / r);
  let step = 1;
  while (step >= limit) step *= SHRINK;
  for (; step >= MIN_STEP; step *= SHRINK) {
    let change = 0;
    for (const r of d.scenario) change -= scale * Math.log1p(step * r);
    for (const r of d.slack) change -= Math.log1p(step * r);
    if (!(change <= -ARMIJO * step * d.decrement2)) continue;
    const w = x.w.map((wi, i) => wi + step * d.dw[i]!);
    const s = x.s.map((si, i) => si + step * d.ds[i]!);
    const u = matVec(p.returns, p.count, p.n, w).map((z) => 1 + z);
    if (u.every((uk) => uk > 0) && strictlyFeasible(p, w, s)) return { w, s, u };
  }
  return null;
}
