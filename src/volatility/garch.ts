/**
 * GARCH(1,1) by maximum likelihood, with normal or standardised Student-t innovations:
 *
 *   r_t = μ + e_t,   e_t = √h_t · z_t,   h_t = ω + α·e²_{t−1} + β·h_{t−1},
 *
 * z_t ~ N(0, 1) or a Student-t with ν > 2 degrees of freedom rescaled to unit variance. The
 * returns are used as given (no rescaling, no demeaning: μ is estimated jointly) and the
 * parameters are on the scale of the input. Start-up: e²_0 = h_0 = mean(e²_t) with the current μ,
 * so h_1 = ω + (α + β)·mean(e²), as R fGarch's `garchFit` (see ./garch/likelihood.ts).
 *
 * Estimation: the series is divided by its standard deviation s (the fit is scale equivariant:
 * μ → s·μ, ω → s²·ω, ℓ → ℓ − T·ln s), and −ℓ/T is minimised by BFGS (../numerics/bfgs.ts) over
 * unconstrained variables: μ, ln ω, logit α, logit β and logit((ν − 2)/998), so that ω > 0,
 * 0 < α < 1, 0 < β < 1 and 2 < ν < 1000; three starting points (α, β) ∈ {(0.1, 0.8), (0.05, 0.93),
 * (0.2, 0.6)}, the best is kept and polished by a restart. α + β < 1 is not imposed: `stationary` reports it, and the
 * unconditional variance ω/(1 − α − β) is null when it fails. Standard errors are the square roots
 * of the diagonal of the inverse of minus the Hessian of ℓ at the optimum (central differences of
 * the analytic gradient, symmetrised)
 * (null when that matrix is not positive definite, e.g. at a boundary).
 *
 * Forecasts: h_{T+k} = v + (α + β)^{k−1}·(h_{T+1} − v), v = ω/(1 − α − β), computed by the
 * recursion h_{T+k+1} = ω + (α + β)·h_{T+k} (valid without stationarity).
 *
 * Sources: T. Bollerslev, "Generalized Autoregressive Conditional Heteroskedasticity", Journal of
 * Econometrics 31 (1986), 307–327; T. Bollerslev, "A Conditionally Heteroskedastic Time Series
 * Model for Speculative Prices and Rates of Return", Review of Economics and Statistics 69(3)
 * (1987), 542–547; forecasts: J. D. Hamilton, "Time Series Analysis" (1994), §21.1, and J. C. Hull,
 * "Options, Futures, and Other Derivatives", 10th ed. (2018), §23.4 (ch. "Estimating volatilities
 * and correlations"); presample: D. Wuertz et al., R package fGarch, `.aparchLLH.filter`.
 */
import { z } from 'zod';
import { TradesizeError } from '../core/errors.js';
import { parseInput } from '../core/validate.js';
import { positive } from '../core/schemas.js';
import { requireFiniteSeries } from '../market/returns.js';
import { annualizeVol, DAYS_PER_YEAR_CRYPTO } from '../market/periods.js';
import { garchForecast, garchLogLikelihood, garchLogLikelihoodGradient, garchVariances, type GarchParams } from './garch/likelihood.js';
import { bfgsMinimize, type Minimum } from '../numerics/bfgs.js';
import { gradientHessian, invert } from './garch/optimize.js';

export { garchForecast, garchLogLikelihood, garchVariances, type GarchParams } from './garch/likelihood.js';

/** Fewest returns {@link fitGarch} accepts. */
export const GARCH_MIN_OBSERVATIONS = 100;
/** Innovation distributions of {@link fitGarch}. */
export const GARCH_INNOVATIONS = ['normal', 'student-t'] as const;
export type GarchInnovations = (typeof GARCH_INNOVATIONS)[number];

const NU_MIN = 2;
const NU_SPAN = 998;
const STARTS: readonly (readonly [number, number])[] = [
  [0.1, 0.8],
  [0.05, 0.93],
  [0.2, 0.6],
];
const NU_START = 8;

/** Options of {@link fitGarch}. */
export const GarchOptions = z.object({
  /** Innovations: 'normal' (default) or 'student-t' (standardised, ν > 2 estimated). */
  innovations: z.enum(GARCH_INNOVATIONS).default('normal'),
  /** Periods per year used to annualise h_{T+1} (default 365: daily crypto data). */
  periodsPerYear: positive().default(DAYS_PER_YEAR_CRYPTO),
  /** Number of variance forecasts h_{T+1} … h_{T+horizon} returned (default 10). */
  horizon: z.number().int().min(1).max(100_000).default(10),
});
export type GarchOptions = z.input<typeof GarchOptions>;

/** Standard errors of the estimates (same units as the parameters). */
export interface GarchStandardErrors {
  readonly mu: number;
  readonly omega: number;
  readonly alpha: number;
  readonly beta: number;
  readonly nu?: number;
}

/** Result of {@link fitGarch}. */
export interface GarchFit {
  readonly innovations: GarchInnovations;
  readonly mu: number;
  readonly omega: number;
  readonly alpha: number;
  readonly beta: number;
  /** Degrees of freedom (student-t only). */
  readonly nu?: number;
  /** Maximised log-likelihood ℓ. */
  readonly logLikelihood: number;
  /** From the inverse of minus the (finite-difference of the analytic gradient) Hessian of ℓ; null when it is not positive definite. */
  readonly standardErrors: GarchStandardErrors | null;
  /** α + β. */
  readonly persistence: number;
  /** α + β < 1. */
  readonly stationary: boolean;
  /** ω/(1 − α − β), or null when not stationary. */
  readonly unconditionalVariance: number | null;
  /** h_{T+1}, the next period's variance. */
  readonly nextVariance: number;
  /** √h_{T+1}. */
  readonly periodVol: number;
  /** √(h_{T+1}·periodsPerYear). */
  readonly annualizedVol: number;
  /** h_{T+1} … h_{T+horizon}. */
  readonly forecasts: number[];
  /** Number of returns T. */
  readonly observations: number;
  /** Whether BFGS met its gradient tolerance. */
  readonly converged: boolean;
}

const logistic = (u: number): number => 1 / (1 + Math.exp(-u));
const logit = (p: number): number => Math.log(p / (1 - p));

function toParams(u: readonly number[], t: boolean): GarchParams {
  const base = { mu: u[0] as number, omega: Math.exp(u[1] as number), alpha: logistic(u[2] as number), beta: logistic(u[3] as number) };
  return t ? { ...base, nu: NU_MIN + NU_SPAN * logistic(u[4] as number) } : base;
}

const asVector = (p: GarchParams): number[] => [p.mu, p.omega, p.alpha, p.beta, ...(p.nu === undefined ? [] : [p.nu])];
const fromVector = (v: readonly number[], t: boolean): GarchParams => {
  const base = { mu: v[0] as number, omega: v[1] as number, alpha: v[2] as number, beta: v[3] as number };
  return t ? { ...base, nu: v[4] as number } : base;
};

/** Maximises ℓ on the standardised series y; returns the parameters on y's scale. */
function maximise(y: Float64Array, t: boolean): { params: GarchParams; converged: boolean } {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i] as number;
  mean /= n;
  const buf = new Float64Array(t ? 5 : 4);
  // −ℓ/n and its gradient in u, by the chain rule through toParams' transforms.
  const objective = (u: readonly number[], g: number[]): number => {
    const p = toParams(u, t);
    const ll = garchLogLikelihoodGradient(y, p, buf);
    if (!Number.isFinite(ll)) return Infinity;
    g[0] = -(buf[0] as number) / n;
    g[1] = (-(buf[1] as number) * p.omega) / n;
    g[2] = (-(buf[2] as number) * p.alpha * (1 - p.alpha)) / n;
    g[3] = (-(buf[3] as number) * p.beta * (1 - p.beta)) / n;
    if (t) {
      const sv = logistic(u[4] as number);
      g[4] = (-(buf[4] as number) * NU_SPAN * sv * (1 - sv)) / n;
    }
    return -ll / n;
  };
  let best: Minimum | null = null;
  for (const [a, b] of STARTS) {
    const u0 = [mean, Math.log(1 - a - b), logit(a), logit(b), ...(t ? [logit((NU_START - NU_MIN) / NU_SPAN)] : [])];
    const m = bfgsMinimize(objective, u0);
    if (best === null || m.value < best.value) best = m;
  }
  if (best === null) throw new Error('unreachable');
  // A restart from the best point with a fresh inverse-Hessian approximation polishes it.
  const polished = bfgsMinimize(objective, best.x);
  const final = polished.value <= best.value ? polished : best;
  return { params: toParams(final.x, t), converged: final.converged || polished.converged };
}

function standardErrors(y: Float64Array, p: GarchParams, s: number): GarchStandardErrors | null {
  const t = p.nu !== undefined;
  const theta = asVector(p);
  const buf = new Float64Array(theta.length);
  const grad = (v: readonly number[]): number[] => {
    garchLogLikelihoodGradient(y, fromVector(v, t), buf);
    return Array.from(buf);
  };
  const steps = theta.map((v) => 1e-4 * Math.max(Math.abs(v), 0.1));
  const H = gradientHessian(grad, theta, steps);
  const cov = invert(H.map((row) => row.map((v) => -v)));
  if (cov === null) return null;
  const se = cov.map((row, i) => Math.sqrt(row[i] as number));
  if (!se.every((v) => Number.isFinite(v) && v > 0)) return null;
  const base = { mu: (se[0] as number) * s, omega: (se[1] as number) * s * s, alpha: se[2] as number, beta: se[3] as number };
  return t ? { ...base, nu: se[4] as number } : base;
}

/**
 * Fits GARCH(1,1) by maximum likelihood (see the module doc).
 *
 * @throws TradesizeError INSUFFICIENT_DATA (fewer than {@link GARCH_MIN_OBSERVATIONS} returns, or a
 *   constant series), INVALID_INPUT (a non-finite return at ['returns', i], bad options).
 * @example
 * const fit = fitGarch(dailyLogReturns, { innovations: 'student-t' });
 *   // => { mu, omega, alpha: ~0.09, beta: ~0.93, nu: ~2.9, logLikelihood, annualizedVol, forecasts: [...10], ... }
 */
export function fitGarch(returns: ArrayLike<number>, options: GarchOptions = {}): GarchFit {
  const { innovations, periodsPerYear, horizon } = parseInput(GarchOptions, options, 'fitGarch');
  requireFiniteSeries(returns, ['returns'], GARCH_MIN_OBSERVATIONS);
  const n = returns.length;
  let mean = 0;
  let constant = true;
  for (let i = 0; i < n; i++) {
    mean += returns[i] as number;
    constant &&= returns[i] === returns[0];
  }
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((returns[i] as number) - mean) ** 2;
  const s = Math.sqrt(ss / (n - 1));
  if (constant || !(s > 0) || !Number.isFinite(s)) {
    throw new TradesizeError('INSUFFICIENT_DATA', 'fitGarch: the returns are constant (zero variance)', ['returns']);
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = (returns[i] as number) / s;
  const t = innovations === 'student-t';
  const { params: py, converged } = maximise(y, t);
  const params: GarchParams = { ...py, mu: py.mu * s, omega: py.omega * s * s };
  const h = garchVariances(returns, params);
  const nextVariance = h[n] as number;
  const persistence = params.alpha + params.beta;
  const stationary = persistence < 1;
  const periodVol = Math.sqrt(nextVariance);
  return {
    innovations,
    ...params,
    logLikelihood: garchLogLikelihood(returns, params),
    standardErrors: standardErrors(y, py, s),
    persistence,
    stationary,
    unconditionalVariance: stationary ? params.omega / (1 - persistence) : null,
    nextVariance,
    periodVol,
    annualizedVol: annualizeVol(periodVol, periodsPerYear),
    forecasts: garchForecast(params, nextVariance, horizon),
    observations: n,
    converged,
  };
}
