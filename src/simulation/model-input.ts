/**
 * The dynamics, grid and sampling options shared by the Monte Carlo functions, their zod schema,
 * and the translation to per-step units ({@link StepModel}).
 *
 * - `mu` is the annual LOG-drift ν of ln S and `sigma` the annual volatility of ln S, as for the
 *   closed forms (`firstPassage`); `horizon` is in years.
 * - gbm and student-t: `steps` grid steps over the horizon (default one per day,
 *   ⌈horizon·periodsPerYear⌉), Δt = horizon/steps; the increments have mean ν·Δt and standard
 *   deviation σ√Δt (student-t: a t with ν_t = `nu` > 2 degrees of freedom scaled to unit
 *   variance; default ν_t = 4).
 * - garch-t: a GARCH(1,1)-t on one return per period (1/periodsPerYear years, default a day),
 *   `garch` = {omega, alpha, beta, nu} on the scale of per-period log returns (from
 *   `fit = fitGarch(logReturns, { innovations: 'student-t' })`: { omega, alpha, beta, nu,
 *   variance: fit.nextVariance }); steps = round(horizon·periodsPerYear) ≥ 1 (`steps` may not be given). The first
 *   variance is σ²/periodsPerYear when `sigma` is given, else `garch.variance` (e.g. a fit's
 *   `nextVariance`), else the unconditional ω/(1 − α − β) (which needs α + β < 1).
 * - monitoring: 'continuous' (gbm only, the default there: the Brownian-bridge correction) or
 *   'discrete' (barriers checked at the grid points; the only choice for student-t and garch-t).
 */
import { z } from 'zod';
import { positive } from '../core/schemas.js';
import { DAYS_PER_YEAR_CRYPTO } from '../market/periods.js';
import type { Dynamics, StepModel } from './path-spec.js';

/** The simulated dynamics. */
export const MC_MODELS = ['gbm', 'student-t', 'garch-t'] as const satisfies readonly Dynamics[];
/** Default degrees of freedom of the student-t model. */
export const DEFAULT_STUDENT_T_NU = 4;
/** Default number of simulated paths. */
export const DEFAULT_PATHS = 100_000;

/** Largest degrees of freedom of the t models (the bound of the student-t fit, `../stats/student-t-fit.ts`); above it the t is a normal to sampling error. */
export const MAX_NU = 1000;
/** Largest per-period variance (per-period log-return sd 100 %): above it every path leaves at the first step and h overflows. */
export const MAX_PERIOD_VARIANCE = 1;
/** Budget of one simulation: paths × steps (≈ 10 minutes per thread at the 1.2–1.7·10⁷ path-steps/s that bench/risk/first-passage.bench.mjs measures on a loaded 2-core machine). */
export const MAX_PATH_STEPS = 10_000_000_000;

/**
 * GARCH(1,1)-t parameters on per-period log returns (a `GarchFit` fits this shape):
 * h' = ω + α·e² + β·h with ω > 0, α, β ≥ 0 and α + β < 1, the covariance-stationarity condition
 * of Bollerslev (1986), "Generalized autoregressive conditional heteroskedasticity", J.
 * Econometrics 31, Theorem 1 (checked in {@link checkModel}; a fit's non-stationary parameters
 * run from the fit's own `variance`, as `fitGarch` forecasts them); ω and the starting variance at
 * most {@link MAX_PERIOD_VARIANCE}.
 */
export const GarchDynamics = z.object({
  omega: positive().max(MAX_PERIOD_VARIANCE),
  alpha: z.number().min(0).max(1),
  beta: z.number().min(0).lt(1),
  /** Degrees of freedom 2 < ν ≤ 1000 of the standardised t innovations. */
  nu: z.number().gt(2).max(MAX_NU),
  /** Optional starting per-period variance h_1 (e.g. `nextVariance` of a fit). */
  variance: positive().max(MAX_PERIOD_VARIANCE).optional(),
});

/** The model part of a Monte Carlo input (see the module doc). */
export const ModelFields = {
  model: z.enum(MC_MODELS).default('gbm'),
  /** Annual log-drift ν of ln S. */
  mu: z.number(),
  /** Annual volatility σ of ln S (required for gbm and student-t). */
  sigma: positive().optional(),
  /** Horizon T in years (finite). */
  horizon: positive(),
  /** student-t: degrees of freedom 2 < ν ≤ 1000 (default 4). */
  nu: z.number().gt(2).max(MAX_NU).optional(),
  /** garch-t: the GARCH(1,1)-t parameters. */
  garch: GarchDynamics.optional(),
  /** Grid steps over the horizon (gbm, student-t). */
  steps: z.number().int().min(1).max(10_000_000).optional(),
  /** Periods per year of the default grid and of the GARCH period (default 365). */
  periodsPerYear: positive().default(DAYS_PER_YEAR_CRYPTO),
  monitoring: z.enum(['continuous', 'discrete']).optional(),
  /** Number of paths (default 100,000). */
  paths: z.number().int().min(1).max(1_000_000_000).default(DEFAULT_PATHS),
  /** Seed of the generator (a safe integer, default 1). */
  seed: z.number().int().refine(Number.isSafeInteger, 'must be a safe integer').default(1),
};

type ModelValues = z.output<z.ZodObject<typeof ModelFields>>;

/** Cross-field rules of {@link ModelFields}; add with `.superRefine(checkModel)`. */
export function checkModel(v: ModelValues, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string): void => ctx.addIssue({ code: 'custom', message, path: [path] });
  if (v.model !== 'garch-t' && v.sigma === undefined) issue('sigma', `sigma is required for model ${v.model}`);
  if (v.model !== 'student-t' && v.nu !== undefined) issue('nu', 'nu applies to model student-t (garch-t takes garch.nu)');
  if (v.model !== 'garch-t' && v.garch !== undefined) issue('garch', 'garch applies to model garch-t');
  if (v.model !== 'gbm' && v.monitoring === 'continuous') issue('monitoring', `continuous monitoring needs model gbm; ${v.model} is monitored at the grid points`);
  if (v.model === 'garch-t') {
    if (v.garch === undefined) issue('garch', 'garch parameters {omega, alpha, beta, nu} are required for model garch-t');
    else if (v.garch.alpha + v.garch.beta >= 1 && v.garch.variance === undefined) {
      // A fit may be non-stationary (`fitGarch` reports it and forecasts from its own state), so
      // α + β ≥ 1 runs only from that state, `garch.variance`; typed parameters must be stationary.
      issue('garch', `alpha + beta = ${v.garch.alpha + v.garch.beta} ≥ 1: the GARCH(1,1) variance is not stationary (α + β < 1, Bollerslev 1986); only a fit's own state (garch.variance) may start a non-stationary model`);
    }
    if (v.sigma !== undefined && (v.sigma * v.sigma) / v.periodsPerYear > MAX_PERIOD_VARIANCE) {
      issue('sigma', `the first variance sigma²/periodsPerYear is above ${MAX_PERIOD_VARIANCE} (a per-period sd above 100 %)`);
    }
    if (v.steps !== undefined) issue('steps', 'garch-t steps are one per period: round(horizon·periodsPerYear)');
  }
  const steps = v.model === 'garch-t' ? Math.round(v.horizon * v.periodsPerYear) : (v.steps ?? Math.ceil(v.horizon * v.periodsPerYear));
  if (v.model === 'garch-t' && steps < 1) issue('horizon', 'garch-t needs a horizon of at least half a period');
  if (steps > 10_000_000) issue('steps', 'at most 10,000,000 steps per path');
  else if (v.paths * steps > MAX_PATH_STEPS) {
    issue('paths', `paths × steps = ${v.paths} × ${steps} is above the budget paths × steps ≤ ${MAX_PATH_STEPS.toLocaleString('en-US')}; use fewer paths or steps`);
  }
}

/** The per-step model of validated inputs. */
export function stepModel(v: ModelValues): StepModel {
  const garch = v.model === 'garch-t';
  const steps = garch ? Math.round(v.horizon * v.periodsPerYear) : (v.steps ?? Math.max(1, Math.ceil(v.horizon * v.periodsPerYear)));
  const dt = garch ? 1 / v.periodsPerYear : v.horizon / steps;
  const sigma = v.sigma ?? 0;
  const g = v.garch;
  const h0 = g === undefined ? 0 : v.sigma !== undefined ? (sigma * sigma) / v.periodsPerYear : (g.variance ?? g.omega / (1 - g.alpha - g.beta));
  return {
    dynamics: v.model,
    steps,
    dt,
    drift: v.mu * dt,
    scale: sigma * Math.sqrt(dt),
    nu: v.model === 'student-t' ? (v.nu ?? DEFAULT_STUDENT_T_NU) : (g?.nu ?? 0),
    omega: g?.omega ?? 0,
    alpha: g?.alpha ?? 0,
    beta: g?.beta ?? 0,
    h0,
    bridge: v.model === 'gbm' && v.monitoring !== 'discrete',
  };
}
