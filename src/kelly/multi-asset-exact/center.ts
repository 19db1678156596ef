/** One centering of the barrier method: Newton's method on ψ_t, with unbounded-growth detection. */
import { TradesizeError } from '../../core/errors.js';
import { newtonDirection } from './barrier.js';
import { ARMIJO, lineSearch } from './line-search.js';
import type { Direction, Iterate, Problem } from './problem.js';

/** Newton steps allowed per centering. */
const MAX_NEWTON = 200;
/** Relative size of a Newton step treated as round-off (a few ulps). */
const RESOLUTION = 8 * Number.EPSILON;
/** Gross exposure × largest |return| beyond which growth is declared unbounded. */
const DIVERGENCE = 1e9;

/** Whether the feasible set is bounded (a gross cap, or both caps on every asset). */
function boundedFeasibleSet(p: Problem): boolean {
  return p.gross !== 'none' || (p.lo.every(Number.isFinite) && p.hi.every(Number.isFinite));
}

/**
 * Unbounded growth certificate: a direction d ≠ 0 that every constraint allows forever
 * (d_i ≥ 0 where w_i has a lower bound, d_i ≤ 0 where it has an upper one) with R_kᵀd ≥ 0 in every
 * scenario, so that G never decreases along it.
 */
function isRecession(p: Problem, d: Direction): boolean {
  return (
    d.dw.some((x) => x !== 0) &&
    d.scenario.every((r) => r >= 0) &&
    d.dw.every((x, i) => (x >= 0 || !Number.isFinite(p.lo[i]!)) && (x <= 0 || !Number.isFinite(p.hi[i]!)))
  );
}

function unbounded(detail: string): TradesizeError {
  return new TradesizeError(
    'NO_SOLVENT_FRACTION',
    `kellyMultiAssetExact: growth has no finite maximiser: ${detail}; add maxGrossLeverage or assetCaps`,
    ['scenarios'],
  );
}

/** Whether every |Δx_i| is within a few ulps of x_i, so that x + Δx is x up to round-off. */
function belowResolution(dx: Float64Array, x: Float64Array): boolean {
  return dx.every((d, i) => Math.abs(d) <= RESOLUTION * Math.abs(x[i]!));
}

/**
 * Newton's method on ψ_t from x (one centering step of the barrier method), until λ²/2 ≤
 * tolerance. Once λ ≤ η = (1 − 2α)/4, exact arithmetic takes the full step and 2λ⁺ ≤ (2λ)²
 * (Boyd & Vandenberghe §9.6.4; ψ_t is self-concordant after scaling by max(1, N/t)). So inside
 * that region a step that does not cut λ² by 4 or a failed line search, and anywhere a Newton
 * step below the resolution of the iterate, means round-off has taken over (the central point
 * is not representable more precisely, e.g. a slack w − lo near the ulp of w): the centering
 * ends there.
 */
export function center(p: Problem, x: Iterate, t: number, tolerance: number, counter: { steps: number }): Iterate {
  const open = !boundedFeasibleSet(p);
  const largest = open ? p.returns.reduce((a, b) => Math.max(a, Math.abs(b)), 0) : 0;
  // λ² of the self-concordant max(1, N/t)·ψ_t must be ≤ η² (ψ_t = (t/N)·F + φ, F = −Σ ln u_k).
  const quadratic = ((1 - 2 * ARMIJO) / 4) ** 2 / Math.max(1, p.count / t);
  let current = x;
  let previous = Number.POSITIVE_INFINITY;
  for (let k = 0; k < MAX_NEWTON; k++) {
    const d = newtonDirection(p, current, t);
    if (d === null) {
      if (open) throw unbounded('the scenario returns are linearly dependent, so growth is flat along some direction');
      throw new TradesizeError('NOT_CONVERGED', 'kellyMultiAssetExact: singular Newton system');
    }
    counter.steps++;
    if (open && isRecession(p, d)) throw unbounded('some portfolio direction loses in no scenario');
    if (previous <= quadratic && d.decrement2 > previous / 4) return current;
    if (belowResolution(d.dw, current.w) && belowResolution(d.ds, current.s)) return current;
    previous = d.decrement2;
    const next = lineSearch(p, current, d, t / p.count);
    if (next === null) {
      if (d.decrement2 <= quadratic) return current;
      throw new TradesizeError('NOT_CONVERGED', 'kellyMultiAssetExact: line search failed');
    }
    current = next;
    if (d.decrement2 / 2 <= tolerance) return current;
    if (open && current.w.reduce((a, b) => a + Math.abs(b), 0) * largest > DIVERGENCE) {
      throw unbounded(`gross exposure × largest return exceeded ${DIVERGENCE}`);
    }
  }
  throw new TradesizeError('NOT_CONVERGED', `kellyMultiAssetExact: no convergence in ${MAX_NEWTON} Newton steps`);
}
