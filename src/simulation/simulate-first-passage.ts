/**
 * Monte Carlo first passage: the probability that the stop (lower) or the target (upper) is hit
 * first within the horizon, or neither, for gbm, student-t or GARCH(1,1)-t log-prices (dynamics
 * and monitoring in `model-input.ts` and `first-passage-kernel.ts`), with standard errors.
 *
 * Estimates over n paths: p̂ = (count)/n for each outcome, with the binomial standard error
 * √(p̂(1 − p̂)/n); `stdError` is the largest of the three (so every reported probability is within
 * about 3·stdError of its limit with high confidence). The mean exit time E[τ ∧ T] and the mean
 * time to the target among the paths that reach it first come with the standard error s/√m of a
 * sample mean (s the sample standard deviation of m values).
 *
 * Reproducible: paths are simulated in chunks of `CHUNK_PATHS` (2,048), each with its own stream
 * seeded from (seed, chunk index) (`stream.ts`), and combined in chunk order, so the same seed
 * gives bit-identical results for every thread count.
 *
 * Source of the estimators: P. Glasserman, "Monte Carlo Methods in Financial Engineering"
 * (2004), §1.1 (sample means, standard errors and confidence intervals).
 */
import { z } from 'zod';
import { parseInput } from '../core/validate.js';
import { positive } from '../core/schemas.js';
import type { PathSpec } from './path-spec.js';
import { TALLY, TALLY_SIZE } from './first-passage-kernel.js';
import { checkModel, ModelFields, stepModel } from './model-input.js';
import { runChunks, runChunksSync, threadsFor, type ProgressCallback } from './pool.js';
import { RunOptions } from './run-options.js';
import { binomialStdError, meanEstimate, type MeanEstimate } from './estimate.js';
import type { Job } from './job.js';

/** Input of {@link simulateFirstPassage}: a price, a stop and/or a target, the dynamics. */
export const MonteCarloFirstPassageInput = z
  .object({
    /** Current price S_0 > 0. */
    price: positive(),
    /** Lower barrier (stop) 0 < L < S_0; optional if `upper` is given. */
    lower: positive().optional(),
    /** Upper barrier (target) U > S_0; optional if `lower` is given. */
    upper: positive().optional(),
    ...ModelFields,
  })
  .superRefine((v, ctx) => {
    if (v.lower === undefined && v.upper === undefined) ctx.addIssue({ code: 'custom', message: 'give lower, upper or both', path: ['lower'] });
    if (v.lower !== undefined && !(v.lower < v.price)) ctx.addIssue({ code: 'custom', message: 'lower must be below price', path: ['lower'] });
    if (v.upper !== undefined && !(v.upper > v.price)) ctx.addIssue({ code: 'custom', message: 'upper must be above price', path: ['upper'] });
    checkModel(v, ctx);
  });
export type MonteCarloFirstPassageInput = z.input<typeof MonteCarloFirstPassageInput>;

/** Result of {@link simulateFirstPassage}. */
export interface MonteCarloFirstPassageResult {
  readonly model: 'gbm' | 'student-t' | 'garch-t';
  /** 'continuous' (gbm with the Brownian-bridge correction) or 'discrete' (grid points). */
  readonly monitoring: 'continuous' | 'discrete';
  readonly pLowerFirst: number;
  readonly pUpperFirst: number;
  readonly pNeither: number;
  /** The largest of the three standard errors in `stdErrors`. */
  readonly stdError: number;
  readonly stdErrors: { readonly pLowerFirst: number; readonly pUpperFirst: number; readonly pNeither: number };
  /** E[τ ∧ T] in years. */
  readonly expectedExitTime: MeanEstimate;
  /** E[τ | the target is hit first] in years; null without a target or when no path reached it. */
  readonly expectedTimeToUpper: MeanEstimate | null;
  readonly paths: number;
  readonly steps: number;
  /** Step length in years. */
  readonly dt: number;
  /** Simulated horizon steps·dt in years (garch-t: whole periods). */
  readonly horizon: number;
  readonly seed: number;
}

interface Prepared {
  readonly job: Job & { kind: 'first-passage' };
  readonly hasUpper: boolean;
}

function prepare(input: MonteCarloFirstPassageInput, where: string): Prepared {
  const v = parseInput(MonteCarloFirstPassageInput, input, where);
  const spec: PathSpec = {
    ...stepModel(v),
    lower: v.lower === undefined ? Infinity : Math.log(v.price / v.lower),
    upper: v.upper === undefined ? Infinity : Math.log(v.upper / v.price),
  };
  return { job: { kind: 'first-passage', spec, seed: v.seed, paths: v.paths }, hasUpper: v.upper !== undefined };
}

function summarize(p: Prepared, chunks: readonly Float64Array[]): MonteCarloFirstPassageResult {
  const total = new Float64Array(TALLY_SIZE);
  for (const c of chunks) for (let i = 0; i < TALLY_SIZE; i++) total[i] = (total[i] as number) + (c[i] as number);
  const { spec, seed, paths: n } = p.job;
  const lower = total[TALLY.lower] as number;
  const upper = total[TALLY.upper] as number;
  const pLowerFirst = lower / n;
  const pUpperFirst = upper / n;
  const pNeither = (n - lower - upper) / n;
  const stdErrors = { pLowerFirst: binomialStdError(pLowerFirst, n), pUpperFirst: binomialStdError(pUpperFirst, n), pNeither: binomialStdError(pNeither, n) };
  return {
    model: spec.dynamics,
    monitoring: spec.bridge ? 'continuous' : 'discrete',
    pLowerFirst,
    pUpperFirst,
    pNeither,
    stdError: Math.max(stdErrors.pLowerFirst, stdErrors.pUpperFirst, stdErrors.pNeither),
    stdErrors,
    expectedExitTime: meanEstimate(total[TALLY.sumTime] as number, total[TALLY.sumTime2] as number, n),
    expectedTimeToUpper: p.hasUpper && upper > 0 ? meanEstimate(total[TALLY.sumUpperTime] as number, total[TALLY.sumUpperTime2] as number, upper) : null,
    paths: n,
    steps: spec.steps,
    dt: spec.dt,
    horizon: spec.steps * spec.dt,
    seed,
  };
}

/**
 * Simulates first passage on worker threads (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT unless 0 < lower < price < upper (one may be omitted),
 *   the model's parameters are complete and consistent (`model-input.ts`), and paths, steps,
 *   seed and threads are integers in range.
 * @example
 * await simulateFirstPassage({ price: 100, lower: 90, upper: 120, mu: 0.1, sigma: 0.6, horizon: 0.25, paths: 200_000, seed: 7 });
 * // => { pLowerFirst: 0.612505, pUpperFirst: 0.38229, pNeither: 0.005205, stdError: ~0.00109, … }
 * //    (closed form: 0.612464, 0.382066, 0.005470)
 */
export async function simulateFirstPassage(input: MonteCarloFirstPassageInput, options: RunOptions = {}): Promise<MonteCarloFirstPassageResult> {
  const p = prepare(input, 'simulateFirstPassage');
  const o = parseInput(RunOptions, options, 'simulateFirstPassage');
  const chunks = await runChunks(p.job, threadsFor(p.job.paths * p.job.spec.steps, o.threads), o.onProgress);
  return summarize(p, chunks);
}

/**
 * The same simulation in the calling thread (no workers; identical numbers for the same seed).
 *
 * @throws TradesizeError INVALID_INPUT as {@link simulateFirstPassage}.
 * @example
 * simulateFirstPassageSync({ price: 100, lower: 90, mu: 0, sigma: 0.5, horizon: 1, paths: 20_000 });
 * // => { pLowerFirst: 0.83305 (closed form 2·N(ln 0.9/0.5) = 0.8327), pUpperFirst: 0, … }
 */
export function simulateFirstPassageSync(input: MonteCarloFirstPassageInput, onProgress?: ProgressCallback): MonteCarloFirstPassageResult {
  const p = prepare(input, 'simulateFirstPassageSync');
  return summarize(p, runChunksSync(p.job, onProgress));
}
