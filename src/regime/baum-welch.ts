/**
 * Baum–Welch (expectation–maximisation) for a Gaussian HMM from one start.
 *
 * Each iteration runs the E-step (./forward-backward.ts) on the current parameters and then
 * re-estimates them from the smoothed probabilities γ and expected transition counts ξ:
 *
 *   π_k  = γ_0(k)                                   (only when the initial distribution is estimated)
 *   a_ij = Σ_{t<T−1} ξ_t(i, j) / Σ_j Σ_{t<T−1} ξ_t(i, j)
 *   μ_k  = Σ_t γ_t(k) y_t / Σ_t γ_t(k)
 *   σ²_k = max(floor, Σ_t γ_t(k) (y_t − μ_k)² / Σ_t γ_t(k))
 *
 * Each step cannot decrease the likelihood (Baum et al. 1970; Dempster, Laird & Rubin 1977).
 * The variance floor keeps a state from collapsing onto a few identical returns (an unbounded
 * likelihood); because the Gaussian log-likelihood is unimodal in σ², clamping to the floor is
 * the constrained maximiser, so the steps stay monotone. A state with no weight left (Σγ = 0 in
 * floating point) keeps its previous mean and variance; a transition row with no weight keeps its
 * previous row.
 *
 * Acceleration (default): SQUAREM, scheme SqS3 (Varadhan & Roland 2008; step length and
 * extrapolation from ../numerics/squarem.ts). From θ₀ two EM updates
 * give θ₁, θ₂; with r = θ₁ − θ₀, v = θ₂ − 2θ₁ + θ₀ and α = −‖r‖/‖v‖ (at most −1; α = −1 is exactly
 * two EM steps), the jump θ₀ − 2αr + α²v is taken for the means directly and for the variances
 * and transition probabilities on their logarithms (so they stay positive: variances at least the
 * floor, probabilities at least 1e-300, rows renormalised), with π from θ₂; one more EM update
 * follows. That candidate is kept when it raises the log-likelihood above θ₀'s by more than the
 * convergence tolerance (Varadhan & Roland's safeguard, without evaluating θ₂); otherwise the
 * better of θ₂ and the candidate is kept, so the likelihood never decreases and convergence is
 * never declared on a jump that EM would have beaten. The norms measure means in units of the
 * sample sd, variances in units of the sample variance.
 *
 * Stops when a cycle (one EM step, or one SQUAREM cycle) raises log L by at most
 * tolerance·(1 + |log L|) (converged), or after maxIterations EM updates (not converged).
 * `iterations` counts EM updates (M-steps). The returned parameters are the ones the last
 * E-step evaluated, so their log-likelihood is exact.
 *
 * Sources: L. E. Baum, T. Petrie, G. Soules and N. Weiss, "A maximization technique occurring in
 * the statistical analysis of probabilistic functions of Markov chains", Ann. Math. Statist.
 * 41(1) (1970); L. R. Rabiner, Proc. IEEE 77(2) (1989), §III.C (re-estimation) and §IV.A
 * (Gaussian densities); A. P. Dempster, N. M. Laird and D. B. Rubin, J. R. Statist. Soc. B
 * 39(1) (1977) (monotonicity of EM); R. Varadhan and C. Roland, "Simple and globally convergent
 * methods for accelerating the convergence of any EM algorithm", Scand. J. Statist. 35(2) (2008),
 * §§3–4 (SqS3 step length, the safeguard).
 */
import { TradesizeError } from '../core/errors.js';
import { sqs3StepLength, squaremPoint } from '../numerics/squarem.js';
import { createWorkspace, eStep, type Workspace } from './forward-backward.js';
import { normaliseRows } from './initialise.js';
import type { PackedParams } from './params.js';

/** Settings of one Baum–Welch run. */
export interface BaumWelchSettings {
  readonly tolerance: number;
  readonly maxIterations: number;
  readonly varianceFloor: number;
  /** Re-estimate π (true), or keep the start's π fixed (false). */
  readonly estimateInitial: boolean;
  /** SQUAREM acceleration (true) or plain EM steps (false). */
  readonly accelerate: boolean;
  /** Scale of the observations' variance, for the SQUAREM norm. */
  readonly variance: number;
}

/** Result of {@link baumWelch}. */
export interface BaumWelchRun {
  readonly params: PackedParams;
  readonly logLikelihood: number;
  /** M-steps performed. */
  readonly iterations: number;
  readonly converged: boolean;
  /** log L at the start and after every accepted step or cycle, non-decreasing. */
  readonly trace: Float64Array;
}

/** The M-step: new parameters from the E-step in `ws` (see the module doc). */
function mStep(y: ArrayLike<number>, old: PackedParams, ws: Workspace, s: BaumWelchSettings): PackedParams {
  const { n, k, smoothed, pairs } = ws;
  const weight = new Float64Array(k);
  const sum = new Float64Array(k);
  for (let t = 0; t < n; t++) {
    const yt = y[t] as number;
    const row = t * k;
    for (let j = 0; j < k; j++) {
      const g = smoothed[row + j] as number;
      weight[j] = (weight[j] as number) + g;
      sum[j] = (sum[j] as number) + g * yt;
    }
  }
  const mu = new Float64Array(k);
  for (let j = 0; j < k; j++) mu[j] = (weight[j] as number) > 0 ? (sum[j] as number) / (weight[j] as number) : (old.mu[j] as number);
  const ss = new Float64Array(k);
  for (let t = 0; t < n; t++) {
    const yt = y[t] as number;
    const row = t * k;
    for (let j = 0; j < k; j++) {
      const d = yt - (mu[j] as number);
      ss[j] = (ss[j] as number) + (smoothed[row + j] as number) * d * d;
    }
  }
  const v = new Float64Array(k);
  for (let j = 0; j < k; j++) v[j] = (weight[j] as number) > 0 ? Math.max(s.varianceFloor, (ss[j] as number) / (weight[j] as number)) : (old.v[j] as number);
  const a = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    let rowSum = 0;
    for (let j = 0; j < k; j++) rowSum += pairs[i * k + j] as number;
    for (let j = 0; j < k; j++) a[i * k + j] = rowSum > 0 ? (pairs[i * k + j] as number) / rowSum : (old.a[i * k + j] as number);
  }
  const pi = s.estimateInitial ? smoothed.slice(0, k) : old.pi;
  return { k, mu, v, a, pi };
}

/** Smallest transition probability an extrapolation may produce (keeps every transition reachable). */
const MIN_LOG_PROBABILITY = Math.log(1e-300);

/**
 * The SQUAREM jump from θ₀ with step α (see the module doc): means linearly, variances and
 * transition probabilities in log space (so they stay positive; rows renormalised), π from θ₂.
 */
function extrapolate(p0: PackedParams, p1: PackedParams, p2: PackedParams, alpha: number, floor: number): PackedParams {
  const at = (x0: number, x1: number, x2: number): number => squaremPoint(x0, x1, x2, alpha);
  const logAt = (x0: number, x1: number, x2: number): number => {
    const l0 = Math.log(x0);
    const l1 = Math.log(x1);
    const l2 = Math.log(x2);
    // A probability already 0 in floating point stays where θ₂ has it.
    if (!(Number.isFinite(l0) && Number.isFinite(l1) && Number.isFinite(l2))) return x2;
    return Math.exp(Math.max(MIN_LOG_PROBABILITY, Math.min(0, at(l0, l1, l2))));
  };
  const k = p0.k;
  const mu = p0.mu.map((x, i) => at(x, p1.mu[i] as number, p2.mu[i] as number));
  const v = p0.v.map((x, i) => Math.max(floor, Math.exp(at(Math.log(x), Math.log(p1.v[i] as number), Math.log(p2.v[i] as number)))));
  const a = p0.a.map((x, i) => logAt(x, p1.a[i] as number, p2.a[i] as number));
  normaliseRows(a, k);
  return { k, mu, v, a, pi: p2.pi };
}

/** SqS3 step length −‖r‖/‖v‖ (at most −1) in the scaled norm of the module doc. */
function stepLength(p0: PackedParams, p1: PackedParams, p2: PackedParams, variance: number): number {
  let rr = 0;
  let vv = 0;
  const add = (x0: ArrayLike<number>, x1: ArrayLike<number>, x2: ArrayLike<number>, w: number): void => {
    for (let i = 0; i < x0.length; i++) {
      const r = (x1[i] as number) - (x0[i] as number);
      const q = (x2[i] as number) - 2 * (x1[i] as number) + (x0[i] as number);
      rr += w * r * r;
      vv += w * q * q;
    }
  };
  add(p0.mu, p1.mu, p2.mu, 1 / variance);
  add(p0.v, p1.v, p2.v, 1 / (variance * variance));
  add(p0.a, p1.a, p2.a, 1);
  return sqs3StepLength(rr, vv);
}

/**
 * Runs Baum–Welch from `start` on observations y (see the module doc). A kernel: y finite,
 * n ≥ 2, valid settings.
 *
 * @throws TradesizeError NON_FINITE_RESULT when an observation becomes impossible under the parameters.
 * @example
 * const run = baumWelch(y, deterministicStart(y, 2, floor), { tolerance: 1e-10, maxIterations: 2000, varianceFloor: floor, estimateInitial: true, accelerate: true, variance });
 * run.converged;  // => true
 */
export function baumWelch(y: ArrayLike<number>, start: PackedParams, s: BaumWelchSettings): BaumWelchRun {
  let ws = createWorkspace(y.length, start.k);
  let spare = createWorkspace(y.length, start.k);
  const trace: number[] = [];
  let params = start;
  let ll = eStep(y, params, ws);
  trace.push(ll);
  let iterations = 0;
  let converged = false;
  while (iterations < s.maxIterations) {
    let next: PackedParams;
    let nextLl: number;
    const p1 = mStep(y, params, ws, s);
    iterations++;
    const ll1 = eStep(y, p1, ws);
    if (!s.accelerate || iterations >= s.maxIterations) {
      next = p1;
      nextLl = ll1;
    } else {
      const p2 = mStep(y, p1, ws, s);
      iterations++;
      let accepted: PackedParams | null = null;
      let acceptedLl = -Infinity;
      const alpha = stepLength(params, p1, p2, s.variance);
      if (alpha < -1 && iterations < s.maxIterations) {
        const jump = extrapolate(params, p1, p2, alpha, s.varianceFloor);
        try {
          eStep(y, jump, spare);
          const candidate = mStep(y, jump, spare, s);
          acceptedLl = eStep(y, candidate, spare);
          accepted = candidate;
        } catch (e) {
          // An extrapolated point that makes an observation impossible is simply rejected.
          if (!(e instanceof TradesizeError)) throw e;
        }
        iterations++;
      }
      const tiny = s.tolerance * (1 + Math.abs(ll));
      if (accepted !== null && acceptedLl - ll > tiny) {
        next = accepted;
        nextLl = acceptedLl;
        [ws, spare] = [spare, ws];
      } else {
        // No jump, a rejected jump, or one that barely moved: θ₂ as well, and the better of the two.
        const ll2 = eStep(y, p2, ws);
        next = p2;
        nextLl = ll2;
        if (accepted !== null && acceptedLl > ll2) {
          next = accepted;
          nextLl = acceptedLl;
          [ws, spare] = [spare, ws];
        }
      }
    }
    const gain = nextLl - ll;
    params = next;
    ll = nextLl;
    trace.push(ll);
    if (gain <= s.tolerance * (1 + Math.abs(ll))) {
      converged = true;
      break;
    }
  }
  return { params, logLikelihood: ll, iterations, converged, trace: Float64Array.from(trace) };
}
