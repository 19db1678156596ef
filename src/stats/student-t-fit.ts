/**
 * Maximum-likelihood fit of a location-scale Student-t distribution, x = μ + σ·T_ν.
 *
 * Log-likelihood of x₁ … xₙ, with dᵢ = (xᵢ − μ)/σ:
 *
 *   ℓ(μ, σ, ν) = n·[lnΓ((ν+1)/2) − lnΓ(ν/2) − ½·ln(νπ) − ln σ] − (ν+1)/2 · Σ ln(1 + dᵢ²/ν).
 *
 * At fixed ν, (μ, σ) is found by EM on the normal scale-mixture representation of the t:
 * E-step weights wᵢ = (ν + 1)/(ν + dᵢ²), M-step μ = Σwᵢxᵢ/Σwᵢ and σ² = Σwᵢ(xᵢ − μ)²/Σwᵢ
 * (the parameter-expanded form, which has the same fixed point as the n-denominator EM, since
 * Σwᵢ = n at the maximum, and converges faster), accelerated by SQUAREM and run on the sample
 * standardised by its median and MAD (the fit is location-scale equivariant). ν then maximises the profile log-likelihood
 * ℓ(μ̂(ν), σ̂(ν), ν) over ln ν ∈ [ln 1, ln 1000]: a 15-point grid locates the best bracket and
 * Brent's parabolic/golden-section search (../numerics/brent.ts) refines it. This is ECME's
 * step for ν — maximise the actual likelihood, not its EM surrogate — carried out to convergence.
 *
 * Near μ = a value held by k of the n observations, ℓ ~ −(n − (n − k)(ν + 1))·ln σ as σ → 0, so
 * the likelihood is unbounded (or its supremum sits at σ = 0) once k/n ≥ ν/(ν + 1). The lower
 * bound ν ≥ 1 (Cauchy; heavier tails than any traded return series) keeps the fit proper for
 * every sample of at least 3 values where no value holds half or more of the sample; other
 * samples are refused.
 *
 * Sources: C. Liu and D. B. Rubin, "ML Estimation of the t Distribution Using EM and Its
 * Extensions, ECM and ECME", Statistica Sinica 5 (1995); C. Liu, D. B. Rubin and Y. N. Wu,
 * "Parameter Expansion to Accelerate EM: the PX-EM Algorithm", Biometrika 85(4) (1998), §4 (t
 * model); J. T. Kent, D. E. Tyler and Y. Vardi, "A Curious Likelihood Identity for the
 * Multivariate t-Distribution", Communications in Statistics – Simulation and Computation 23(2)
 * (1994); R. Varadhan and C. Roland, "Simple and Globally Convergent Methods for Accelerating
 * the Convergence of Any EM Algorithm", Scandinavian Journal of Statistics 35(2) (2008); R. P.
 * Brent, "Algorithms for Minimization without Derivatives" (1973), ch. 5.
 */
import { TradesizeError, require } from '../core/errors.js';
import { studentTLogConstant } from '../dists/student-t.js';
import { brentMinimize } from '../numerics/brent.js';
import { sqs3StepLength, squaremPoint } from '../numerics/squarem.js';

/** Result of {@link fitStudentT}. */
export interface StudentTFit {
  /** Location μ (the median and, for ν > 1, the mean). */
  readonly loc: number;
  /** Scale σ > 0 (the standard deviation is σ·√(ν/(ν − 2)) for ν > 2). */
  readonly scale: number;
  /** Degrees of freedom ν in [1, 1000]. */
  readonly nu: number;
  /** Maximised log-likelihood ℓ(μ, σ, ν). */
  readonly logLikelihood: number;
  /** True when ν sits on a bound of [1, 1000] (at 1000 the sample looks normal). */
  readonly nuAtBound: boolean;
  /** Number of profile log-likelihood evaluations (each an EM run to convergence). */
  readonly iterations: number;
}

/** Bounds of the degrees of freedom searched by {@link fitStudentT}. */
export const STUDENT_T_NU_BOUNDS = { min: 1, max: 1000 } as const;

const GRID_POINTS = 15;
const EM_TOLERANCE = 1e-12;
const EM_MAX_ITERATIONS = 20_000;
/** An iteration that raises ℓ by at most this × max(1, |ℓ|) (a few ulps) has converged in ℓ. */
const FLAT_LIKELIHOOD = 4 * Number.EPSILON;
/** At the iteration cap, the most ℓ may have risen (relative) over the second half of the iterations for the fit to stand (emAtFixedNu). */
const RIDGE_LIKELIHOOD = 1e-8;

/**
 * Log-likelihood ℓ(μ, σ, ν) of a sample under a location-scale t (module doc). A kernel: no
 * validation.
 *
 * @example
 * studentTLogLikelihood([0], 0, 1, 1); // => -ln(π) ≈ -1.144730 (Cauchy density at its centre)
 */
export function studentTLogLikelihood(x: ArrayLike<number>, loc: number, scale: number, nu: number): number {
  const n = x.length;
  const constant = studentTLogConstant(nu) - Math.log(scale);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = ((x[i] as number) - loc) / scale;
    sum += Math.log1p((d * d) / nu);
  }
  return n * constant - ((nu + 1) / 2) * sum;
}

/** One EM update of θ = (μ, ln σ) at fixed ν (module doc); `w` is scratch space. */
function emStep(x: Float64Array, nu: number, w: Float64Array, theta: readonly [number, number]): [number, number] {
  const n = x.length;
  const [loc, logScale] = theta;
  const variance = Math.exp(2 * logScale);
  let sw = 0;
  let swx = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    const r = xi - loc;
    const wi = (nu + 1) / (nu + (r * r) / variance);
    w[i] = wi;
    sw += wi;
    swx += wi * xi;
  }
  const nextLoc = swx / sw;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const r = (x[i] as number) - nextLoc;
    ss += (w[i] as number) * r * r;
  }
  return [nextLoc, 0.5 * Math.log(ss / sw)];
}

/**
 * (μ, σ) maximising the likelihood at fixed ν: EM from (0, 1), accelerated by SQUAREM
 * (../numerics/squarem.ts: two EM steps give r = θ₁ − θ₀ and v = θ₂ − 2θ₁ + θ₀; jump to
 * θ₀ − 2αr + α²v with α = −|r|/|v| ≤ −1, take one EM step from there, and keep the plain θ₂
 * whenever that does not raise ℓ). Stops when an EM step moves μ by less than 1e-12·σ and ln σ
 * by less than 1e-12, or when an iteration raises ℓ by no more than rounding (Varadhan and
 * Roland 2008, SqS3 with a monotone safeguard); at the iteration cap, it keeps the iterate only
 * when the second half of the iterations raised ℓ by at most RIDGE_LIKELIHOOD (a crawl along a
 * ridge flat to high order, where ℓ is known though σ is not).
 */
function emAtFixedNu(x: Float64Array, nu: number): { loc: number; scale: number } {
  const w = new Float64Array(x.length);
  const logLikelihood = (t: readonly [number, number]) => studentTLogLikelihood(x, t[0], Math.exp(t[1]), nu);
  let theta: [number, number] = [0, 0];
  let previous = logLikelihood(theta);
  let halfway = Number.NEGATIVE_INFINITY;
  for (let it = 0; it < EM_MAX_ITERATIONS; it++) {
    const t1 = emStep(x, nu, w, theta);
    const r0 = t1[0] - theta[0];
    const r1 = t1[1] - theta[1];
    if (Math.abs(r0) <= EM_TOLERANCE * Math.exp(theta[1]) && Math.abs(r1) <= EM_TOLERANCE) {
      return { loc: t1[0], scale: Math.exp(t1[1]) };
    }
    const t2 = emStep(x, nu, w, t1);
    const v0 = t2[0] - 2 * t1[0] + theta[0];
    const v1 = t2[1] - 2 * t1[1] + theta[1];
    const alpha = sqs3StepLength(r0 * r0 + r1 * r1, v0 * v0 + v1 * v1);
    const extrapolated: [number, number] = [
      squaremPoint(theta[0], t1[0], t2[0], alpha),
      squaremPoint(theta[1], t1[1], t2[1], alpha),
    ];
    theta = t2;
    let current = logLikelihood(t2);
    if (Number.isFinite(alpha)) {
      const jump = emStep(x, nu, w, extrapolated);
      const atJump = logLikelihood(jump);
      if (atJump > current) [theta, current] = [jump, atJump];
    }
    // ℓ flat to rounding: at a degenerate critical point (e.g. ν = 1 with two pairs of nearly equal
    // values 2σ apart, where ℓ is flat to 4th order in μ) EM crawls below any step tolerance
    // while ℓ no longer changes in double precision; the profile needs only ℓ, so stop there.
    if (current - previous <= FLAT_LIKELIHOOD * Math.max(1, Math.abs(previous))) return { loc: theta[0], scale: Math.exp(theta[1]) };
    previous = current;
    if (it === EM_MAX_ITERATIONS / 2) halfway = current;
  }
  // A crawl along a ridge flat to high order (ν = 1 with a near-tie among far values: ℓ gains ~1e-13 an iteration as σ shrinks
  // towards the tie): ℓ is known once the second half of the iterations raised it by no more than RIDGE_LIKELIHOOD, and the
  // profile over ν needs only ℓ; otherwise EM has failed.
  if (previous - halfway <= RIDGE_LIKELIHOOD * Math.max(1, Math.abs(previous))) return { loc: theta[0], scale: Math.exp(theta[1]) };
  throw new TradesizeError('NOT_CONVERGED', `fitStudentT: EM did not converge at nu = ${nu}`, ['x'], { nu });
}

/** Validates the sample and returns it as a Float64Array together with its sorted copy. */
function checkedSample(x: unknown): { data: Float64Array; sorted: Float64Array } {
  require(Array.isArray(x) || x instanceof Float64Array, 'fitStudentT: x must be an array of numbers', ['x']);
  const data = Float64Array.from(x as ArrayLike<unknown>, (v, i) => {
    require(typeof v === 'number' && Number.isFinite(v), `fitStudentT: x[${i}] is not a finite number`, ['x', i]);
    return v;
  });
  const n = data.length;
  require(n >= 3, `fitStudentT: needs at least 3 values, got ${n}`, ['x'], 'INSUFFICIENT_DATA');
  const sorted = data.slice().sort();
  let longest = 1;
  let run = 1;
  for (let i = 1; i < n; i++) {
    run = sorted[i] === sorted[i - 1] ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  require(longest < n, 'fitStudentT: all values are equal; the scale cannot be estimated', ['x'], 'INSUFFICIENT_DATA');
  const nuMin = STUDENT_T_NU_BOUNDS.min;
  require(
    longest * (nuMin + 1) < n * nuMin,
    `fitStudentT: one value occurs ${longest} times in ${n}; the likelihood is unbounded as the scale shrinks to 0`,
    ['x'],
    'INSUFFICIENT_DATA',
  );
  return { data, sorted };
}

/** Median and a robust scale (1.4826·MAD, or the range when the MAD is 0) of a sorted sample. */
function robustStart(sorted: Float64Array): { loc: number; scale: number } {
  const n = sorted.length;
  const median = (s: ArrayLike<number>): number =>
    0.5 * ((s[Math.floor((n - 1) / 2)] as number) + (s[Math.ceil((n - 1) / 2)] as number));
  const loc = median(sorted);
  const mad = median(sorted.map((v) => Math.abs(v - loc)).sort());
  const range = (sorted[n - 1] as number) - (sorted[0] as number);
  return { loc, scale: mad > 0 ? 1.4826 * mad : range };
}

/**
 * Maximum-likelihood location, scale and degrees of freedom of a Student-t (module doc).
 *
 * @throws TradesizeError INVALID_INPUT when `x` is not an array of finite numbers;
 * INSUFFICIENT_DATA with fewer than 3 values, when all are equal, or when one value holds
 * half or more of the sample; NOT_CONVERGED if EM fails to converge; NON_FINITE_RESULT when
 * the values span so many orders of magnitude that the likelihood overflows.
 * @example
 * fitStudentT(btcDailyLogReturns); // 2017–2026: => { loc: ~0.00093, scale: ~0.0198, nu: ~2.35, nuAtBound: false, ... }
 */
export function fitStudentT(x: readonly number[] | Float64Array): StudentTFit {
  const { data, sorted } = checkedSample(x);
  // Fit z = (x − m)/s, standardised by the median and robust scale: the t family is
  // location-scale equivariant, so μ = m + s·μ_z, σ = s·σ_z and ℓ = ℓ_z − n·ln s exactly, and
  // EM works on numbers of order 1 whatever the units (or subnormal spacing) of x.
  const { loc: m, scale: s } = robustStart(sorted);
  const z = data.map((v) => (v - m) / s);
  let evaluations = 0;
  let best = { theta: Number.NaN, loc: 0, scale: 1, logLikelihood: Number.NEGATIVE_INFINITY };
  const profile = (theta: number): number => {
    const nu = Math.exp(theta);
    const { loc, scale } = emAtFixedNu(z, nu);
    const logLikelihood = studentTLogLikelihood(z, loc, scale, nu);
    evaluations++;
    if (logLikelihood > best.logLikelihood) best = { theta, loc, scale, logLikelihood };
    return logLikelihood;
  };
  const lo = Math.log(STUDENT_T_NU_BOUNDS.min);
  const hi = Math.log(STUDENT_T_NU_BOUNDS.max);
  const grid = Array.from({ length: GRID_POINTS }, (_, i) => (i === GRID_POINTS - 1 ? hi : lo + ((hi - lo) * i) / (GRID_POINTS - 1)));
  const values = grid.map(profile);
  const k = values.indexOf(Math.max(...values));
  const bracketLo = grid[Math.max(0, k - 1)] as number;
  const bracketHi = grid[Math.min(GRID_POINTS - 1, k + 1)] as number;
  brentMinimize((t) => -profile(t), bracketLo, bracketHi, 1e-10);
  if (!Number.isFinite(best.logLikelihood)) {
    throw new TradesizeError(
      'NON_FINITE_RESULT',
      'fitStudentT: the likelihood overflows; the values span too many orders of magnitude for a stable fit',
      ['x'],
    );
  }
  const nu = best.theta === lo ? STUDENT_T_NU_BOUNDS.min : best.theta === hi ? STUDENT_T_NU_BOUNDS.max : Math.exp(best.theta);
  const nearBound = Math.min(best.theta - lo, hi - best.theta) <= 1e-6;
  return {
    loc: m + s * best.loc,
    scale: s * best.scale,
    nu,
    logLikelihood: best.logLikelihood - data.length * Math.log(s),
    nuAtBound: nearBound,
    iterations: evaluations,
  };
}
