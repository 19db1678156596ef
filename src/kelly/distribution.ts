/**
 * Exact Kelly fraction of a return history under a chosen return distribution.
 *
 * The input is a history of SIMPLE returns per period, Rₜ = Pₜ/Pₜ₋₁ − 1 > −1. Three models of the
 * next period's return:
 *
 * - `empirical`: the history itself, or a bootstrap resample of it (iid or moving-block), as
 *   equally likely scenarios.
 * - `normal`: log returns xₜ = ln(1 + Rₜ) ~ N(μ, s²) with the sample mean and standard deviation.
 * - `student-t`: log returns ~ μ + σ·T_ν fitted by maximum likelihood ({@link fitStudentT}).
 *
 * A parametric model is discretised into n stratified quantile scenarios
 *
 *   qᵢ = F⁻¹((i − ½)/n),   Rᵢ = exp(qᵢ) − 1,   i = 1 … n,
 *
 * each of probability 1/n, and the exact Kelly fraction of those scenarios is returned
 * ({@link kellyExact}). Mapping log returns back through exp keeps every Rᵢ > −1.
 *
 * The discretisation is deliberate. The fitted model itself is unbounded: its lower tail
 * reaches returns arbitrarily close to −100 % and its upper tail arbitrarily large gains, so
 * under the exact model every fraction above 1 and every short is insolvent with positive
 * probability, and its Kelly fraction would lie in [0, 1] whatever the body of the
 * distribution says. The quantile set instead truncates each tail at probability ½/n (reported
 * as `tailProbability`): the result is growth-optimal for the model with that mass beyond the
 * extreme scenarios removed. A larger n reaches further into the tails and narrows the solvent
 * interval.
 *
 * Sources: E. O. Thorp, "The Kelly Criterion in Blackjack, Sports Betting, and the Stock Market"
 * (2006), §7 (maximising E ln(1 + f·R)); M. D. McKay, R. J. Beckman and W. J. Conover, "A
 * Comparison of Three Methods for Selecting Values of Input Variables in the Analysis of Output
 * from a Computer Code", Technometrics 21(2) (1979) (stratified sampling at the stratum
 * midpoints (i − ½)/n); B. Efron (1979) and H. R. Künsch (1989) for the bootstrap.
 */
import { z } from 'zod';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { parseInput } from '../core/validate.js';
import { sample } from '../core/schemas.js';
import { TradesizeError, isTradesizeError, require } from '../core/errors.js';
import { bootstrapSample } from '../stats/bootstrap.js';
import { fitStudentT, type StudentTFit } from '../stats/student-t-fit.js';
import { kellyExact, type KellyExactResult } from './exact.js';

/** Return models accepted by {@link kellyFromReturns}. */
export const ReturnDistribution = z.enum(['empirical', 'normal', 'student-t']);
export type ReturnDistribution = z.infer<typeof ReturnDistribution>;

/** Input of {@link kellyFromReturns}. */
export const KellyFromReturnsInput = z.object({
  /** History of simple returns per period, each > −1 (at least 3). */
  returns: sample(3),
  /** Return model: the sample itself, or a normal or Student-t fitted to log returns. */
  dist: ReturnDistribution,
  /** Quantile scenarios n for `normal` and `student-t` (default 10 000); unused by `empirical`. */
  scenarios: z.number().int().min(2).max(1_000_000).optional(),
  /** Resample the history (only with `empirical`). */
  bootstrap: z
    .object({
      /** Size of the resample (default: the size of the history). */
      samples: z.number().int().positive().max(10_000_000).optional(),
      /** Seed of the resample. */
      seed: z.number().int().refine(Number.isSafeInteger, 'seed must be a safe integer'),
      /** Block length: 1 (default) iid, > 1 moving-block. */
      blockLength: z.number().int().positive().optional(),
    })
    .optional(),
  /** Points of the growth curve (default 101; see {@link kellyExact}). */
  curvePoints: z.number().int().min(3).max(100_001).optional(),
});
export type KellyFromReturnsInput = z.input<typeof KellyFromReturnsInput>;

/** Parameters of the model fitted to LOG returns ln(1 + R). */
export type FittedReturnModel =
  | { readonly kind: 'normal'; readonly mu: number; readonly sigma: number }
  | { readonly kind: 'student-t'; readonly loc: number; readonly scale: number; readonly nu: number; readonly logLikelihood: number };

/** Result of {@link kellyFromReturns}: the exact Kelly result of the scenarios, and their model. */
export interface KellyFromReturnsResult extends KellyExactResult {
  readonly dist: ReturnDistribution;
  /** Fitted log-return model (`normal` and `student-t` only). */
  readonly model?: FittedReturnModel;
  /** Number of equally likely scenarios optimised over. */
  readonly scenarioCount: number;
  /** Probability ½/n cut from EACH tail of a parametric model by the quantile scenarios. */
  readonly tailProbability?: number;
}

/** Default number of quantile scenarios of a parametric model. */
export const DEFAULT_SCENARIOS = 10_000;

/**
 * Simple-return scenarios Rᵢ = exp(F⁻¹((i − ½)/n)) − 1 of a log-return quantile function F⁻¹. A
 * kernel: no validation.
 *
 * @example
 * quantileScenarios((p) => normalQuantile(p, 0, 0.02), 3); // => [exp(-0.0193…) − 1, 0, exp(0.0193…) − 1]
 */
export function quantileScenarios(quantile: (p: number) => number, n: number): Float64Array<ArrayBuffer> {
  return Float64Array.from({ length: n }, (_, i) => Math.expm1(quantile((i + 0.5) / n)));
}

/** Throws INVALID_INPUT at the first entry of an array of returns that is not a finite number > −1. */
function checkSimpleReturns(input: unknown): void {
  const raw: unknown = (input as { returns?: unknown } | null | undefined)?.returns;
  if (!Array.isArray(raw) && !(raw instanceof Float64Array)) return;
  raw.forEach((r: unknown, i: number) => {
    const ok = typeof r === 'number' && Number.isFinite(r) && r > -1;
    require(ok, `kellyFromReturns: returns[${i}] must be a finite simple return > -1, got ${String(r)}`, ['returns', i]);
  });
}

/** {@link fitStudentT} of the log returns, its error paths re-rooted at `returns`. */
function fitLogReturns(x: Float64Array): StudentTFit {
  try {
    return fitStudentT(x);
  } catch (e) {
    if (!isTradesizeError(e)) throw e;
    const message = e.message.replace('fitStudentT:', 'kellyFromReturns (Student-t fit of the log returns):');
    throw new TradesizeError(e.code, message, ['returns', ...e.path.slice(1)], e.details && { ...e.details });
  }
}

/** Sample mean and standard deviation (n − 1 denominator, two-pass). */
function meanAndSd(x: Float64Array): { mu: number; sigma: number } {
  const n = x.length;
  const mu = x.reduce((s, v) => s + v, 0) / n;
  const ss = x.reduce((s, v) => s + (v - mu) * (v - mu), 0);
  return { mu, sigma: Math.sqrt(ss / (n - 1)) };
}

/**
 * Exact Kelly fraction of a simple-return history under an empirical, normal or Student-t model
 * (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT on a return ≤ −1 or a bad option; CONFLICTING_OPTIONS
 * when `bootstrap` is given with a parametric model; INSUFFICIENT_DATA when the log returns
 * cannot be fitted (all equal, or for `student-t` one value holding half of them; see
 * {@link fitStudentT}); NO_SOLVENT_FRACTION when the scenarios are all gains or all losses.
 * @example
 * kellyFromReturns({ returns: btcDailyReturns, dist: 'student-t' }); // BTC 2017–2026:
 * // => { fraction: ~0.97, growthRate: ~0.00093 (per day), model: { kind: 'student-t', nu: ~2.35, ... },
 * //      scenarioCount: 10000, tailProbability: 5e-5, ... }   (dist 'normal' gives ~1.19)
 * kellyFromReturns({ returns: dailyReturns, dist: 'empirical', bootstrap: { seed: 1, samples: 100_000, blockLength: 10 } });
 */
export function kellyFromReturns(input: KellyFromReturnsInput): KellyFromReturnsResult {
  const { scenarios, curvePoints, ...rest } = returnScenarios(input);
  return { ...kellyExact({ returns: scenarios, curvePoints }), ...rest };
}

/** The equally likely scenarios of a return model, as optimised by {@link kellyFromReturns}. */
export interface ReturnScenarios {
  readonly scenarios: Float64Array;
  readonly dist: ReturnDistribution;
  readonly model?: FittedReturnModel;
  readonly scenarioCount: number;
  readonly tailProbability?: number;
  readonly curvePoints?: number;
}

/**
 * The scenarios {@link kellyFromReturns} optimises over: the history (or its bootstrap) for
 * `empirical`, or the stratified quantiles of the fitted log-return model. Useful to evaluate
 * G(f) at a fractional-Kelly fraction on exactly the same scenarios.
 *
 * @example
 * const { scenarios } = returnScenarios({ returns, dist: 'student-t' });
 * sampleGrowth(0.5 * kellyFromReturns({ returns, dist: 'student-t' }).fraction, scenarios);
 */
export function returnScenarios(input: KellyFromReturnsInput): ReturnScenarios {
  checkSimpleReturns(input);
  const { returns, dist, scenarios, bootstrap, curvePoints } = parseInput(KellyFromReturnsInput, input, 'kellyFromReturns');
  const points = curvePoints === undefined ? {} : { curvePoints };
  if (dist === 'empirical') {
    require(
      (bootstrap?.blockLength ?? 1) <= returns.length,
      `kellyFromReturns: bootstrap.blockLength exceeds the ${returns.length} returns`,
      ['bootstrap', 'blockLength'],
    );
    const sample =
      bootstrap === undefined
        ? Float64Array.from(returns)
        : bootstrapSample(returns, { seed: bootstrap.seed, size: bootstrap.samples, blockLength: bootstrap.blockLength });
    return { scenarios: sample, dist, scenarioCount: sample.length, ...points };
  }
  if (bootstrap !== undefined) {
    throw new TradesizeError('CONFLICTING_OPTIONS', `kellyFromReturns: bootstrap applies to dist 'empirical' only, not '${dist}'`, [
      'bootstrap',
    ]);
  }
  const n = scenarios ?? DEFAULT_SCENARIOS;
  const x = Float64Array.from(returns, (r) => Math.log1p(r));
  let model: FittedReturnModel;
  let quantile: (p: number) => number;
  if (dist === 'normal') {
    const { mu, sigma } = meanAndSd(x);
    const message = 'kellyFromReturns: all returns are equal; the normal scale cannot be estimated';
    require(sigma > 0, message, ['returns'], 'INSUFFICIENT_DATA');
    model = { kind: 'normal', mu, sigma };
    quantile = normalQuantile.factory(mu, sigma);
  } else {
    const fit = fitLogReturns(x);
    model = { kind: 'student-t', loc: fit.loc, scale: fit.scale, nu: fit.nu, logLikelihood: fit.logLikelihood };
    const standard = tQuantile.factory(fit.nu);
    quantile = (p) => fit.loc + fit.scale * standard(p);
  }
  return { scenarios: quantileScenarios(quantile, n), dist, model, scenarioCount: n, tailProbability: 0.5 / n, ...points };
}
