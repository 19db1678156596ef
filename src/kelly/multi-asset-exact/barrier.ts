/** Barrier objective derivatives and the Newton step, with the gross cap eliminated by Schur complement. */
import { choleskySolve, dot, matVec, tryCholesky } from '../../numerics/linalg.js';
import type { Direction, Iterate, Problem } from './problem.js';

/**
 * Gradient and Hessian (lower triangle) of −scale·Σ_k ln u_k in w:
 * g = −scale·Σ R_k/u_k, H = scale·Σ R_kR_kᵀ/u_k².
 */
export function growthTerms(p: Problem, u: Float64Array, scale: number): { g: Float64Array; h: Float64Array } {
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
 * The Newton direction of ψ_t at x, or null when the Newton system is singular. The s block
 * (split gross cap) has Hessian D + c·11ᵀ with D diagonal, so it is eliminated by
 * Sherman–Morrison; with p = s − w, q = s + w, ρ = L − Σs the reduced Hessian gains
 * 4/(p² + q²) on the diagonal plus the rank-one γ·vvᵀ (see {@link solveRankOne}), with
 * v = (p² − q²)/(p² + q²) and γ = 1/(ρ² + Σ p²q²/(p² + q²)), written so that no term grows
 * like 1/p² as a constraint becomes active.
 */
export function newtonDirection(p: Problem, x: Iterate, t: number): Direction | null {
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
