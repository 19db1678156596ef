/**
 * Fit a K-state Gaussian hidden Markov model to a return series by Baum–Welch, and evaluate one
 * at given parameters: log-likelihood, filtered and smoothed state probabilities, Viterbi path.
 *
 *   y_t | S_t = k ~ N(μ_k, σ²_k),  S a Markov chain with row-stochastic transition matrix A and
 *   initial distribution π (./params.ts).
 *
 * Estimation: Baum–Welch EM (./baum-welch.ts) from a deterministic start (local-volatility
 * quantiles, ./initialise.ts) plus `starts − 1` seeded random starts, accelerated by SQUAREM;
 * the run with the highest log-likelihood wins (ties: the earlier start; a random start whose run
 * fails is dropped). π is estimated (Rabiner's re-estimate π = γ_0)
 * unless fixed by `initial`. Variances are floored at varianceFloor × the sample variance. The
 * result lists states by volatility ascending: state 0 is the calmest.
 *
 * Equivalence: this is statsmodels' `MarkovRegression(y, k_regimes=K, trend='c',
 * switching_variance=True)` except for the initial distribution, which statsmodels by default
 * ties to the stationary distribution of A (the estimated π can only raise the likelihood).
 *
 * Sources: L. R. Rabiner, Proc. IEEE 77(2) (1989); L. E. Baum et al., Ann. Math. Statist. 41(1)
 * (1970); J. D. Hamilton, "A new approach to the economic analysis of nonstationary time series
 * and the business cycle", Econometrica 57(2) (1989) (the filter, for a Markov-switching model of
 * GNP growth); A. J. Viterbi, IEEE Trans. Inf. Theory 13(2) (1967).
 */
import { z } from 'zod';
import { TradesizeError } from '../core/errors.js';
import { parseInput } from '../core/validate.js';
import { positive } from '../core/schemas.js';
import { requireFiniteSeries } from '../market/returns.js';
import { createRng } from '../stats/random.js';
import { baumWelch, type BaumWelchRun } from './baum-welch.js';
import { createWorkspace, eStep, type Workspace } from './forward-backward.js';
import { deterministicStart, moments, randomStart } from './initialise.js';
import { packDistribution, packParams, permuteParams, unpackParams, volatilityOrder, type HmmParams, type PackedParams } from './params.js';
import { viterbiPacked } from './viterbi.js';

/** Numbers of states a fit accepts. */
export const HMM_STATES = [2, 3] as const;
/** A fit needs at least this many observations per state. */
export const HMM_MIN_OBSERVATIONS_PER_STATE = 10;
/** Default variance floor, as a fraction of the sample variance (σ_k ≥ 1 % of the sample sd). */
export const HMM_VARIANCE_FLOOR = 1e-4;

/** Options of {@link fitHmm}. */
export const FitHmmOptions = z.object({
  /** Number of states K: 2 or 3 (default 2). */
  states: z.union([z.literal(HMM_STATES[0]), z.literal(HMM_STATES[1])]).default(2),
  /** Number of starts: the deterministic one plus starts − 1 seeded random ones (default 1). */
  starts: z.number().int().min(1).max(1000).default(1),
  /** Seed of the random starts (default 1). */
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  /** Relative log-likelihood gain below which EM stops (default 1e-10). */
  tolerance: positive().max(1e-2).default(1e-10),
  /** Maximum EM iterations per start (default 2000). */
  maxIterations: z.number().int().min(1).max(1_000_000).default(2000),
  /** EM acceleration: 'squarem' (default; Varadhan & Roland 2008) or 'none' (plain Baum–Welch steps). */
  acceleration: z.enum(['squarem', 'none']).default('squarem'),
  /** Variance floor as a fraction of the sample variance (default 1e-4). */
  varianceFloor: positive().max(1).default(HMM_VARIANCE_FLOOR),
  /** 'estimate' π (default), or a fixed initial distribution of K probabilities. */
  initial: z.union([z.literal('estimate'), z.array(z.number())]).default('estimate'),
  /** A user start replacing the deterministic one (K must match `states`). */
  start: z.custom<HmmParams>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'start must be HMM parameters').optional(),
});
export type FitHmmOptions = z.input<typeof FitHmmOptions>;

/** Filtered and smoothed state probabilities and the likelihood of parameters on a series. */
export interface HmmFilterResult {
  readonly logLikelihood: number;
  /** filtered[t][k] = P(S_t = k | y_0..t): uses no data after t. */
  readonly filtered: readonly Float64Array[];
  /** smoothed[t][k] = P(S_t = k | y_0..T−1): uses the whole sample. */
  readonly smoothed: readonly Float64Array[];
}

/** Result of {@link fitHmm}; states ordered by volatility ascending. */
export interface HmmFit extends HmmParams, HmmFilterResult {
  readonly states: number;
  /** σ_k = √σ²_k per period. */
  readonly vols: readonly number[];
  /** EM updates (M-steps) of the winning start. */
  readonly iterations: number;
  readonly converged: boolean;
  /** log L of the winning start after each accepted EM step or SQUAREM cycle (index 0: the start); non-decreasing. */
  readonly logLikelihoodTrace: Float64Array;
  /** Viterbi path: the most likely state sequence. */
  readonly viterbi: Int32Array;
  /** Index of the winning start (0 = deterministic or user start). */
  readonly bestStart: number;
  readonly startsRun: number;
  readonly observations: number;
  /** The variance floor applied (absolute). */
  readonly varianceFloor: number;
}

function rows(flat: Float64Array, n: number, k: number): Float64Array[] {
  return Array.from({ length: n }, (_, t) => flat.subarray(t * k, (t + 1) * k));
}

function filterResult(ll: number, ws: Workspace): HmmFilterResult {
  return { logLikelihood: ll, filtered: rows(ws.filtered, ws.n, ws.k), smoothed: rows(ws.smoothed, ws.n, ws.k) };
}

/**
 * Log-likelihood, filtered and smoothed probabilities of `returns` under given parameters.
 *
 * @throws TradesizeError INVALID_INPUT (bad parameters at ['params', …], a non-finite return at
 *   ['returns', i]), INSUFFICIENT_DATA (no returns), NON_FINITE_RESULT (an impossible observation).
 * @example
 * hmmFilter(returns, { means: [0, 0], variances: [1e-4, 9e-4], transition: [[0.98, 0.02], [0.05, 0.95]], initial: [0.5, 0.5] })
 *   .filtered.at(-1);  // => Float64Array [P(calm), P(turbulent)] given the data up to the last return
 */
export function hmmFilter(returns: ArrayLike<number>, params: HmmParams): HmmFilterResult {
  const p = packParams(params);
  requireFiniteSeries(returns, ['returns'], 1);
  const ws = createWorkspace(returns.length, p.k);
  return filterResult(eStep(returns, p, ws), ws);
}

function isConstant(y: ArrayLike<number>): boolean {
  for (let t = 1; t < y.length; t++) if (y[t] !== y[0]) return false;
  return true;
}

function fixedInitial(initial: 'estimate' | number[], k: number): Float64Array | null {
  return initial === 'estimate' ? null : packDistribution(initial, k, ['initial']);
}

function userStart(start: HmmParams, k: number, floor: number, pi: Float64Array | null): PackedParams {
  const p = packParams(start, ['start']);
  if (p.k !== k) throw new TradesizeError('INVALID_INPUT', `fitHmm: start has ${p.k} states, options.states is ${k}`, ['start', 'means']);
  return { ...p, v: p.v.map((v) => Math.max(v, floor)), pi: pi ?? p.pi };
}

/**
 * Fits a Gaussian HMM to a return series (see the module doc).
 *
 * @param returns - the series y_0 … y_{T−1} (log returns, say), at least 10·K finite values
 * @throws TradesizeError INVALID_INPUT (bad options or start at ['start', …], a non-finite return
 *   at ['returns', i]), INSUFFICIENT_DATA (fewer than 10·K returns, or a constant series),
 *   NON_FINITE_RESULT (an observation impossible under a fixed initial distribution).
 * @example
 * const fit = fitHmm(logReturns(closes), { states: 2, starts: 4, seed: 7 });
 * fit.vols;        // => [σ_calm, σ_turbulent], ascending
 * fit.transition;  // => [[a00, a01], [a10, a11]]
 * fit.filtered.at(-1);  // => P(state | data up to now)
 */
export function fitHmm(returns: ArrayLike<number>, options: FitHmmOptions = {}): HmmFit {
  const o = parseInput(FitHmmOptions, options, 'fitHmm');
  const k = o.states;
  const min = HMM_MIN_OBSERVATIONS_PER_STATE * k;
  requireFiniteSeries(returns, ['returns'], min);
  const y = returns;
  const { mean, variance } = moments(y);
  if (!(variance > 0) || isConstant(y)) throw new TradesizeError('INSUFFICIENT_DATA', 'fitHmm: the returns are constant; no volatility regimes to fit', ['returns']);
  const floor = o.varianceFloor * variance;
  const pi = fixedInitial(o.initial, k);
  const settings = {
    tolerance: o.tolerance, maxIterations: o.maxIterations, varianceFloor: floor, estimateInitial: pi === null,
    accelerate: o.acceleration === 'squarem', variance,
  };
  const first = o.start === undefined ? deterministicStart(y, k, floor) : userStart(o.start, k, floor, pi);
  const rng = createRng(o.seed);
  let best: BaumWelchRun | null = null;
  let bestStart = 0;
  for (let s = 0; s < o.starts; s++) {
    const start = s === 0 ? first : randomStart(k, mean, variance, floor, rng);
    let run: BaumWelchRun;
    try {
      run = baumWelch(y, pi === null ? start : { ...start, pi }, settings);
    } catch (e) {
      // A random start whose EM run makes an observation impossible is dropped; the first start's failure is reported.
      if (s === 0 || !(e instanceof TradesizeError)) throw e;
      continue;
    }
    if (best === null || run.logLikelihood > best.logLikelihood) {
      best = run;
      bestStart = s;
    }
  }
  const won = best as BaumWelchRun;
  const sorted = permuteParams(won.params, volatilityOrder(won.params));
  const ws = createWorkspace(y.length, k);
  const ll = eStep(y, sorted, ws);
  const plain = unpackParams(sorted);
  return {
    ...plain,
    ...filterResult(ll, ws),
    states: k,
    vols: plain.variances.map(Math.sqrt),
    iterations: won.iterations,
    converged: won.converged,
    logLikelihoodTrace: won.trace,
    viterbi: viterbiPacked(y, sorted).path,
    bestStart,
    startsRun: o.starts,
    observations: y.length,
    varianceFloor: floor,
  };
}
