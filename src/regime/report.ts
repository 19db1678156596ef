/**
 * Volatility regimes of a price or return series by a Gaussian HMM: each state's mean and vol
 * (per period and annualised), the transition matrix, and where the market is now.
 *
 *   current        = argmax_k P(S_T = k | r_1..r_T), the FILTERED probability at the last return:
 *                    it uses no data after the last return, exactly what a trader knew then (the
 *                    smoothed probability at the last return is the same number; at earlier dates
 *                    smoothed probabilities look ahead);
 *   probabilities  = that filtered distribution;
 *   annualised     mean_k · periodsPerYear, vol_k · √periodsPerYear (square-root-of-time);
 *   persistence    a_kk, the probability of staying in state k for one more period; the expected
 *                  stay is 1 / (1 − a_kk) periods;
 *   share          the average smoothed probability of state k over the sample.
 *
 * States are ordered by vol ascending; with 2 states they are labelled calm / turbulent, with 3
 * calm / normal / turbulent. The model runs on log returns (./series.ts).
 *
 * Sources: J. D. Hamilton, Econometrica 57(2) (1989) (the filtered regime probability as the
 * real-time inference on the regime); L. R. Rabiner, Proc. IEEE 77(2) (1989); A. Ang and
 * A. Timmermann, "Regime Changes and Financial Markets", Annu. Rev. Financ. Econ. 4 (2012)
 * (Gaussian regime models of returns with a calm and a turbulent state).
 */
import { z } from 'zod';
import { parseInput } from '../core/validate.js';
import { TradesizeError } from '../core/errors.js';
import { fitHmm, FitHmmOptions, type HmmFit } from './hmm.js';
import { regimeSeries, RegimeSeriesShape, type PeriodsSource } from './series.js';

/** Input of {@link hmmRegimes}: the series plus the fit options. */
export const HmmRegimesInput = z.object({
  ...RegimeSeriesShape,
  states: FitHmmOptions.shape.states,
  starts: FitHmmOptions.shape.starts,
  seed: FitHmmOptions.shape.seed,
  tolerance: FitHmmOptions.shape.tolerance,
  maxIterations: FitHmmOptions.shape.maxIterations,
});
export type HmmRegimesInput = z.input<typeof HmmRegimesInput>;

/** One state of a {@link RegimeReport}. */
export interface RegimeState {
  readonly state: number;
  readonly label: string;
  /** Mean log return per period. */
  readonly mean: number;
  /** Vol of the log return per period. */
  readonly vol: number;
  readonly annualizedMean: number;
  readonly annualizedVol: number;
  /** a_kk: probability of staying one more period. */
  readonly persistence: number;
  /** Average smoothed probability over the sample. */
  readonly share: number;
}

/** Result of {@link hmmRegimes}. */
export interface RegimeReport {
  readonly method: 'hmm';
  readonly states: readonly RegimeState[];
  /** transitionMatrix[i][j] = P(next state j | state i). */
  readonly transitionMatrix: readonly (readonly number[])[];
  readonly initialDistribution: readonly number[];
  /** The state with the highest filtered probability at the last return. */
  readonly current: number;
  readonly currentLabel: string;
  /** Filtered P(S_T = k | data up to the last return). */
  readonly probabilities: readonly number[];
  /** The Viterbi path's last state. */
  readonly viterbiCurrent: number;
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly observations: number;
  readonly periodsPerYear: number;
  readonly periodsPerYearSource: PeriodsSource;
}

/** State labels by number of states, vol ascending. */
export const STATE_LABELS: Readonly<Record<2 | 3, readonly string[]>> = { 2: ['calm', 'turbulent'], 3: ['calm', 'normal', 'turbulent'] };

/** Maps fitHmm's ['returns', …] paths onto the caller's ['values', …]. */
function onValues(e: unknown): unknown {
  if (e instanceof TradesizeError && e.path[0] === 'returns') {
    return new TradesizeError(e.code, e.message, ['values', ...e.path.slice(1)], e.details as Record<string, unknown> | undefined);
  }
  return e;
}

/**
 * Fits a K-state Gaussian HMM to the log returns of a series and reports the regimes (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT (bad options; a bad value at ['values', i]), INSUFFICIENT_DATA
 *   (fewer than 10·K returns, or constant returns: path ['values']), PARSE_ERROR (timestamps).
 * @example
 * const r = hmmRegimes({ values: closes, input: 'prices', timestamps, states: 2 });
 * r.states.map((s) => s.annualizedVol);  // => [0.35, 0.95] (calm, turbulent)
 * r.current;                             // => 1 when the last returns look turbulent
 * r.probabilities;                       // => [0.1, 0.9]
 */
export function hmmRegimes(input: HmmRegimesInput): RegimeReport {
  const o = parseInput(HmmRegimesInput, input, 'hmmRegimes');
  const series = regimeSeries(o);
  const k = o.states;
  let fit: HmmFit;
  try {
    fit = fitHmm(series.returns, { states: k, starts: o.starts, seed: o.seed, tolerance: o.tolerance, maxIterations: o.maxIterations });
  } catch (e) {
    throw onValues(e);
  }
  const n = fit.observations;
  const ppy = series.periodsPerYear;
  const labels = STATE_LABELS[k];
  const share = new Array<number>(k).fill(0);
  for (const row of fit.smoothed) for (let s = 0; s < k; s++) share[s] = (share[s] as number) + (row[s] as number) / n;
  const states = fit.means.map((mean, s) => ({
    state: s,
    label: labels[s] as string,
    mean,
    vol: fit.vols[s] as number,
    annualizedMean: mean * ppy,
    annualizedVol: (fit.vols[s] as number) * Math.sqrt(ppy),
    persistence: fit.transition[s]?.[s] as number,
    share: share[s] as number,
  }));
  const probabilities = Array.from(fit.filtered[n - 1] as Float64Array);
  let current = 0;
  for (let s = 1; s < k; s++) if ((probabilities[s] as number) > (probabilities[current] as number)) current = s;
  return {
    method: 'hmm',
    states,
    transitionMatrix: fit.transition,
    initialDistribution: fit.initial,
    current,
    currentLabel: labels[current] as string,
    probabilities,
    viterbiCurrent: fit.viterbi[n - 1] as number,
    logLikelihood: fit.logLikelihood,
    iterations: fit.iterations,
    converged: fit.converged,
    observations: n,
    periodsPerYear: ppy,
    periodsPerYearSource: series.periodsPerYearSource,
  };
}
