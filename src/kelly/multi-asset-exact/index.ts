/**
 * Exact multi-asset Kelly over a scenario set, with leverage and position caps.
 *
 * Given N equally likely scenarios of simple returns R_k ∈ ℝⁿ (each R_ki > −1), the growth rate
 * of fixed weights w is G(w) = (1/N)·Σ_k ln(1 + wᵀR_k), defined where every scenario is solvent
 * (1 + wᵀR_k > 0). We maximise the concave G subject to
 *
 *   lo_i ≤ w_i ≤ hi_i (per-asset caps; lo_i = 0 when long-only),   Σ_i |w_i| ≤ L (gross cap).
 *
 * The gross cap is linearised with auxiliary s_i ≥ |w_i|: w_i − s_i ≤ 0, −w_i − s_i ≤ 0,
 * Σ_i s_i ≤ L (long-only: simply Σ_i w_i ≤ L).
 *
 * Method: the primal barrier method. For t = t₀, μt, μ²t, … minimise
 *   ψ_t(x) = −t·G(w) − Σ_j ln(slack_j(x))
 * over the m linear constraints by Newton's method with backtracking line search; the minimiser
 * x*(t) is within m/t of the optimum (the duality gap), so we stop once m/t < tolerance. Each
 * Newton step eliminates the s block by its Schur complement (a diagonal plus rank one), so the
 * system solved is n×n whatever the constraints. The line search is the feasibility guard: it
 * backtracks until every scenario stays solvent and every slack stays strictly positive, then
 * until the Armijo condition holds, measured as Σ log1p(step·ratio) so that it is exact even
 * when ψ is large. Phase I starts next to the least-exposure weights clamp(0, lo, hi).
 *
 * Without a gross cap or two-sided caps the optimum may not exist: a direction d with
 * R_kᵀd ≥ 0 in every scenario (e.g. an asset that never loses) makes G unbounded, or flat if
 * R_kᵀd = 0. A Newton direction that is such a d, linearly dependent returns (a singular
 * Newton system), or exposure × largest return above 1e9 raise NO_SOLVENT_FRACTION.
 *
 * Sources: S. Boyd and L. Vandenberghe, "Convex Optimization" (2004), §11.3 (barrier method,
 * Algorithm 11.1, and the gap m/t of §11.2.2), §9.5 (Newton's method, Algorithm 9.5, with the
 * backtracking line search of Algorithm 9.2 started inside dom f) and Appendix C.4 (block
 * elimination and Schur complements); the growth-optimal objective is that of J. L. Kelly (1956)
 * and L. Breiman, "Optimal Gambling Systems for Favorable Games" (1961).
 */
import { parseInput } from '../../core/validate.js';
import { activeConstraints } from './active.js';
import { center } from './center.js';
import { portfolioGrowth } from './growth.js';
import { KellyMultiAssetExactInput, buildProblem } from './input.js';
import { initialBarrier, startingPoint } from './start.js';

export { portfolioGrowth } from './growth.js';
export { KellyMultiAssetExactInput } from './input.js';

/** Barrier parameter growth μ per outer iteration (its choice: Boyd & Vandenberghe §11.3.1). */
const BARRIER_GROWTH = 20;

/** Result of {@link kellyMultiAssetExact}. */
export interface KellyMultiAssetExactResult {
  /** Growth-optimal fractions of wealth w*; negative means short. */
  readonly weights: number[];
  /** G(w*) = mean ln(1 + w*ᵀR_k), per scenario period. */
  readonly growthRate: number;
  /** Σ|w*_i|. */
  readonly grossLeverage: number;
  /** Outer barrier iterations (centerings). */
  readonly iterations: number;
  /** Newton steps over all centerings. */
  readonly newtonSteps: number;
  /**
   * Constraints binding at w* (within 0.1·√tolerance of their bound): 'maxGrossLeverage',
   * 'assetCaps[i]' (array caps), 'assetCaps.min[i]' / 'assetCaps.max[i]', 'longOnly[i]'.
   */
  readonly activeConstraints: string[];
}

/**
 * Growth-optimal weights over a scenario set, exactly (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT on malformed input (ragged scenarios, a return ≤ −1, cap
 *   arrays of the wrong length, min ≥ max) or caps that force the gross cap to be exceeded;
 *   NO_SOLVENT_FRACTION when growth is unbounded (no caps and some direction loses in no
 *   scenario) or the least-exposure weights the caps allow are ruined in some scenario;
 *   NOT_CONVERGED if Newton's method fails.
 * @example
 * // Win 100% or lose 50% with p = 0.6: f* = p/a − q/b = 0.8.
 * kellyMultiAssetExact({ scenarios: [[1], [1], [1], [-0.5], [-0.5]] });
 * // => { weights: [~0.8], growthRate: ~0.148342, activeConstraints: [], ... }
 * kellyMultiAssetExact({ scenarios: [[1], [1], [1], [-0.5], [-0.5]], maxGrossLeverage: 0.5 });
 * // => { weights: [~0.5], activeConstraints: ['maxGrossLeverage'], ... }
 */
export function kellyMultiAssetExact(input: KellyMultiAssetExactInput): KellyMultiAssetExactResult {
  const parsed = parseInput(KellyMultiAssetExactInput, input, 'kellyMultiAssetExact');
  const p = buildProblem(parsed);
  const { tolerance } = parsed;
  const counter = { steps: 0 };
  let x = startingPoint(p);
  let t = p.constraints === 0 ? 1 : initialBarrier(p, x, tolerance);
  let iterations = 0;
  for (;;) {
    x = center(p, x, t, tolerance, counter);
    iterations++;
    if (p.constraints === 0 || p.constraints / t < tolerance) break;
    t *= BARRIER_GROWTH;
  }
  const weights = Array.from(x.w);
  return {
    weights,
    growthRate: portfolioGrowth(weights, parsed.scenarios),
    grossLeverage: weights.reduce((a, b) => a + Math.abs(b), 0),
    iterations,
    newtonSteps: counter.steps,
    activeConstraints: activeConstraints(p, x.w, 0.1 * Math.sqrt(tolerance)),
  };
}
