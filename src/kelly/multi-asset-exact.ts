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
import { z } from 'zod';
import { TradesizeError } from '../core/errors.js';
import { parseInput } from '../core/validate.js';
import { positive } from '../core/schemas.js';
import { choleskySolve, dot, matVec, tryCholesky } from '../numerics/linalg.js';

/** Barrier parameter growth μ per outer iteration (its choice: Boyd & Vandenberghe §11.3.1). */
const BARRIER_GROWTH = 20;
/** Backtracking parameters α (sufficient decrease) and β (shrink) of Algorithm 9.2. */
const ARMIJO = 0.1;
const SHRINK = 0.5;
/** Smallest step tried before the line search gives up (round-off has taken over). */
const MIN_STEP = 1e-14;
/** Newton steps allowed per centering. */
const MAX_NEWTON = 200;
/** Relative size of a Newton step treated as round-off (a few ulps). */
const RESOLUTION = 8 * Number.EPSILON;
/** Gross exposure × largest |return| beyond which growth is declared unbounded. */
const DIVERGENCE = 1e9;

/** Per-asset caps: |w_i| ≤ caps[i], or min[i] ≤ w_i ≤ max[i]. */
const AssetCaps = z.union([
  z.array(positive()),
  z.object({ min: z.array(z.number()), max: z.array(z.number()) }),
]);

/** Input of {@link kellyMultiAssetExact}. */
export const KellyMultiAssetExactInput = z
  .object({
    /** N equally likely scenarios, each a row of n simple returns (every return > −1). */
    scenarios: z.array(z.array(z.number().gt(-1, 'a simple return must be > -1')).min(1)).min(1),
    /** Gross leverage cap L > 0 on Σ|w_i| (default: none). */
    maxGrossLeverage: positive().optional(),
    /** Per-asset caps: `caps[i]` bounds |w_i|; `{ min, max }` bounds w_i from both sides. */
    assetCaps: AssetCaps.optional(),
    /** Forbid short positions, w_i ≥ 0 (default false). */
    longOnly: z.boolean().default(false),
    /** Stop when the duality gap m/t (in growth units) is below this, in [1e-12, 1e-2] (default 1e-10). */
    tolerance: z.number().min(1e-12).max(1e-2).default(1e-10),
  })
  .superRefine(({ scenarios, assetCaps, longOnly }, ctx) => {
    if (scenarios.length === 0) return;
    const n = scenarios[0]!.length;
    const ragged = scenarios.findIndex((row) => row.length !== n);
    if (ragged >= 0) {
      ctx.addIssue({ code: 'custom', message: `every scenario must have ${n} returns`, path: ['scenarios', ragged] });
      return;
    }
    if (assetCaps === undefined) return;
    if (Array.isArray(assetCaps)) {
      if (assetCaps.length !== n) ctx.addIssue({ code: 'custom', message: `needs ${n} caps`, path: ['assetCaps'] });
      return;
    }
    for (const side of ['min', 'max'] as const) {
      if (assetCaps[side].length !== n) {
        ctx.addIssue({ code: 'custom', message: `needs ${n} entries`, path: ['assetCaps', side] });
        return;
      }
    }
    assetCaps.max.forEach((hi, i) => {
      const lo = longOnly ? Math.max(0, assetCaps.min[i]!) : assetCaps.min[i]!;
      if (!(lo < hi)) {
        const message = longOnly ? 'must exceed max(min, 0) when longOnly' : 'must exceed min';
        ctx.addIssue({ code: 'custom', message, path: ['assetCaps', 'max', i] });
      }
    });
  });
export type KellyMultiAssetExactInput = z.input<typeof KellyMultiAssetExactInput>;

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
 * Growth rate G(w) = (1/N)·Σ_k ln(1 + wᵀR_k) of weights w over scenarios R (rows of simple
 * returns). A kernel: no validation; −Infinity when some scenario is not solvent (1 + wᵀR_k ≤ 0).
 *
 * @example
 * portfolioGrowth([0.2], [[1], [1], [1], [-1], [-1]]); // => ~0.020136 (= 0.6 ln 1.2 + 0.4 ln 0.8)
 * portfolioGrowth([2], [[0.1], [-0.6]]);                // => -Infinity
 */
export function portfolioGrowth(w: readonly number[], scenarios: readonly (readonly number[])[]): number {
  let sum = 0;
  for (const row of scenarios) {
    let x = 0;
    for (let i = 0; i < w.length; i++) x += w[i]! * row[i]!;
    if (!(x > -1)) return Number.NEGATIVE_INFINITY;
    sum += Math.log1p(x);
  }
  return sum / scenarios.length;
}

/** The barrier problem: scenarios, per-asset bounds and the form of the gross cap. */
interface Problem {
  readonly n: number;
  readonly count: number;
  /** Scenario returns, count×n row-major. */
  readonly returns: Float64Array;
  /** Bounds on w; ±Infinity when absent. */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** Labels reported when a bound binds. */
  readonly loLabel: readonly string[];
  readonly hiLabel: readonly string[];
  /** 'sum': Σw ≤ L (long-only); 'split': s_i ≥ |w_i|, Σs ≤ L. */
  readonly gross: 'none' | 'sum' | 'split';
  readonly cap: number;
  /** Number m of inequality constraints. */
  readonly constraints: number;
}

/** A strictly feasible point: weights w, gross auxiliaries s (split only), wealth factors u = 1 + Rw. */
interface Iterate {
  w: Float64Array;
  s: Float64Array;
  u: Float64Array;
}

/** A Newton direction with the relative change of every log term per unit step. */
interface Direction {
  readonly dw: Float64Array;
  readonly ds: Float64Array;
  /** (R_kᵀΔw)/u_k for each scenario. */
  readonly scenario: Float64Array;
  /** Δslack_j/slack_j for each constraint. */
  readonly slack: Float64Array;
  /** Newton decrement squared, λ² = −∇ψᵀΔx. */
  readonly decrement2: number;
}

function buildProblem(input: z.output<typeof KellyMultiAssetExactInput>): Problem {
  const { scenarios, maxGrossLeverage, assetCaps, longOnly } = input;
  const n = scenarios[0]!.length;
  const returns = new Float64Array(scenarios.length * n);
  scenarios.forEach((row, k) => returns.set(row, k * n));
  const lo = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const hi = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const loLabel: string[] = [];
  const hiLabel: string[] = [];
  for (let i = 0; i < n; i++) {
    if (Array.isArray(assetCaps)) {
      [lo[i], hi[i], loLabel[i], hiLabel[i]] = [-assetCaps[i]!, assetCaps[i]!, `assetCaps[${i}]`, `assetCaps[${i}]`];
    } else if (assetCaps !== undefined) {
      [lo[i], hi[i]] = [assetCaps.min[i]!, assetCaps.max[i]!];
      [loLabel[i], hiLabel[i]] = [`assetCaps.min[${i}]`, `assetCaps.max[${i}]`];
    }
    if (longOnly && !(lo[i]! > 0)) [lo[i], loLabel[i]] = [0, `longOnly[${i}]`];
  }
  const gross = maxGrossLeverage === undefined ? 'none' : longOnly ? 'sum' : 'split';
  const bounds = [...lo, ...hi].filter(Number.isFinite).length;
  const constraints = bounds + (gross === 'sum' ? 1 : gross === 'split' ? 2 * n + 1 : 0);
  const cap = maxGrossLeverage ?? Number.POSITIVE_INFINITY;
  return { n, count: scenarios.length, returns, lo, hi, loLabel, hiLabel, gross, cap, constraints };
}

/**
 * A strictly feasible start (phase I). The feasible weights of least gross exposure are
 * c = clamp(0, lo, hi); if c is solvent and inside the gross cap, so is c + θ·(m − c) for small
 * θ > 0, where m is an interior point of the box (its midpoint, or 1 inside a one-sided bound),
 * which keeps the start away from bounds that pass close to 0. Otherwise the start is refused
 * with a typed error.
 */
function startingPoint(p: Problem): Iterate {
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
 * Gradient and Hessian (lower triangle) of −scale·Σ_k ln u_k in w:
 * g = −scale·Σ R_k/u_k, H = scale·Σ R_kR_kᵀ/u_k².
 */
function growthTerms(p: Problem, u: Float64Array, scale: number): { g: Float64Array; h: Float64Array } {
  const { n, count, returns } = p;
  const h = new Float64Array(n * n);
  const g = new Float64Array(n);
  for (let k = 0; k < count; k++) {
    const base = k * n;
    const inv = scale / u[k]!;
    const inv2 = inv / u[k]!;
    for (let i = 0; i < n; i++) {
      const ri = returns[base + i]!;
      g[i]! -= inv * ri;
      const hi2 = ri * inv2;
      const row = i * n;
      for (let j = 0; j <= i; j++) h[row + j]! += hi2 * returns[base + j]!;
    }
  }
  return { g, h };
}

/**
 * Initial barrier parameter (Boyd & Vandenberghe §11.3.1): t₀ with m/t₀ ≈ f₀(x₀) − p*, the
 * suboptimality estimated by the Newton decrement of −G alone, λ²/2 = gᵀH⁻¹g/2 (§9.5.1).
 */
function initialBarrier(p: Problem, x: Iterate, tolerance: number): number {
  const { g, h } = growthTerms(p, x.u, 1 / p.count);
  const { n } = p;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) h[j * n + i] = h[i * n + j]!;
  const l = tryCholesky(h, n);
  const gap = l === null ? 1 : 0.5 * dot(g, choleskySolve(l, n, g));
  return p.constraints / Math.max(gap, tolerance);
}

/**
 * The Newton direction of ψ_t at x, or null when the Newton system is singular. The s block
 * (split gross cap) has Hessian D + c·11ᵀ with D diagonal, so it is eliminated by
 * Sherman–Morrison; with p = s − w, q = s + w, ρ = L − Σs the reduced Hessian gains
 * 4/(p² + q²) on the diagonal plus the rank-one γ·vvᵀ (see {@link solveRankOne}), with
 * v = (p² − q²)/(p² + q²) and γ = 1/(ρ² + Σ p²q²/(p² + q²)), written so that no term grows
 * like 1/p² as a constraint becomes active.
 */
function newtonDirection(p: Problem, x: Iterate, t: number): Direction | null {
  const { n, count, lo, hi, cap } = p;
  const { w, s } = x;
  const scale = t / count;
  const { g, h } = growthTerms(p, x.u, scale);
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(hi[i]!)) {
      const r = hi[i]! - w[i]!;
      g[i]! += 1 / r;
      h[i * n + i]! += 1 / (r * r);
    }
    if (Number.isFinite(lo[i]!)) {
      const r = w[i]! - lo[i]!;
      g[i]! -= 1 / r;
      h[i * n + i]! += 1 / (r * r);
    }
  }
  // The gross cap adds coef·vecᵀvec to the Hessian; kept out of the factorisation (below).
  let coef = 0;
  let vec: Float64Array = new Float64Array(n);
  if (p.gross === 'sum') {
    const c = 1 / (cap - w.reduce((a, b) => a + b, 0));
    for (let i = 0; i < n; i++) g[i]! += c;
    [coef, vec] = [c * c, vec.fill(1)];
  }
  const split = p.gross === 'split' ? splitTerms(w, s, cap) : null;
  if (split !== null) {
    const { v, gamma, sigma } = split;
    for (let i = 0; i < n; i++) {
      g[i]! += split.grad[i]! + v[i]! * gamma * sigma;
      h[i * n + i]! += split.diag[i]!;
    }
    [coef, vec] = [gamma, v];
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) h[j * n + i] = h[i * n + j]!;
  const l = tryCholesky(h, n);
  if (l === null) return null;
  const dw = solveRankOne(l, n, coef, vec, g.map((gi) => -gi));
  let ds = new Float64Array(0);
  if (split !== null) {
    const { v, e, ge, gamma } = split;
    const y = dw.map((d, i) => -ge[i]! - v[i]! * d);
    const tau = y.reduce((a, b) => a + b, 0);
    ds = y.map((yi, i) => yi - gamma * e[i]! * tau);
  }
  return directionRatios(p, x, dw, ds, scale);
}

/**
 * Solves (M + coef·vvᵀ)·x = b given the Cholesky factor of M, by Sherman–Morrison:
 * x = M⁻¹b − M⁻¹v·coef·vᵀM⁻¹b/(1 + coef·vᵀM⁻¹v). A near-active gross cap makes coef huge
 * (1/slack²); left inside M it would swamp the pivots, here it only projects.
 */
function solveRankOne(l: Float64Array, n: number, coef: number, v: Float64Array, b: Float64Array): Float64Array {
  const x = choleskySolve(l, n, b);
  if (coef === 0) return x;
  const y = choleskySolve(l, n, v);
  const k = (coef * dot(v, x)) / (1 + coef * dot(v, y));
  return x.map((xi, i) => xi - k * y[i]!);
}

/** Per-asset pieces of the Schur complement of the split gross cap (see {@link newtonDirection}). */
function splitTerms(w: Float64Array, s: Float64Array, cap: number) {
  const n = w.length;
  const rho = cap - s.reduce((a, b) => a + b, 0);
  const [v, e, ge, grad, diag] = [0, 0, 0, 0, 0].map(() => new Float64Array(n)) as [
    Float64Array, Float64Array, Float64Array, Float64Array, Float64Array,
  ];
  for (let i = 0; i < n; i++) {
    const p = s[i]! - w[i]!;
    const q = s[i]! + w[i]!;
    const den = p * p + q * q;
    v[i] = (p * p - q * q) / den;
    e[i] = (p * p * q * q) / den; // 1/(Hessian of the s_i terms)
    ge[i] = (-p * q * (p + q - (p * q) / rho)) / den; // e_i·∂ψ/∂s_i
    grad[i] = ((p - q) * (2 - (p + q) / rho)) / den; // ∂ψ/∂w_i − v_i·∂ψ/∂s_i
    diag[i] = 4 / den;
  }
  const gamma = 1 / (rho * rho + e.reduce((a, b) => a + b, 0));
  const sigma = ge.reduce((a, b) => a + b, 0);
  return { v, e, ge, grad, diag, gamma, sigma };
}

/** Relative changes of every log term along (Δw, Δs), and λ² = −∇ψᵀΔx from them. */
function directionRatios(p: Problem, x: Iterate, dw: Float64Array, ds: Float64Array, scale: number): Direction {
  const { n, count, returns, lo, hi, cap } = p;
  const { w, s, u } = x;
  const scenario = matVec(returns, count, n, dw).map((z, k) => z / u[k]!);
  const slack: number[] = [];
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(hi[i]!)) slack.push(-dw[i]! / (hi[i]! - w[i]!));
    if (Number.isFinite(lo[i]!)) slack.push(dw[i]! / (w[i]! - lo[i]!));
  }
  if (p.gross === 'sum') slack.push(-dw.reduce((a, b) => a + b, 0) / (cap - w.reduce((a, b) => a + b, 0)));
  if (p.gross === 'split') {
    for (let i = 0; i < n; i++) {
      slack.push((ds[i]! - dw[i]!) / (s[i]! - w[i]!), (ds[i]! + dw[i]!) / (s[i]! + w[i]!));
    }
    slack.push(-ds.reduce((a, b) => a + b, 0) / (cap - s.reduce((a, b) => a + b, 0)));
  }
  const decrement2 = scale * scenario.reduce((a, b) => a + b, 0) + slack.reduce((a, b) => a + b, 0);
  return { dw, ds, scenario, slack: Float64Array.from(slack), decrement2 };
}

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
function lineSearch(p: Problem, x: Iterate, d: Direction, scale: number): Iterate | null {
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
function center(p: Problem, x: Iterate, t: number, tolerance: number, counter: { steps: number }): Iterate {
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

/** Labels of the constraints within `near` of their bound at w. */
function activeConstraints(p: Problem, w: Float64Array, near: number): string[] {
  const active: string[] = [];
  const close = (slack: number, bound: number) => Number.isFinite(bound) && slack <= near * Math.max(1, Math.abs(bound));
  const gross = w.reduce((a, b) => a + Math.abs(b), 0);
  if (p.gross !== 'none' && close(p.cap - gross, p.cap)) active.push('maxGrossLeverage');
  w.forEach((wi, i) => {
    if (close(wi - p.lo[i]!, p.lo[i]!)) active.push(p.loLabel[i]!);
    if (close(p.hi[i]! - wi, p.hi[i]!)) active.push(p.hiLabel[i]!);
  });
  return active;
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
