/**
 * A causal volatility-regime classifier: where today's EWMA volatility stands in its own recent
 * history.
 *
 *   σ²_t     RiskMetrics EWMA variance of the log returns (λ = 0.94 by default, ../volatility/ewma.ts),
 *            σ²_T the one-step-ahead forecast after the last return;
 *   history  the w forecasts before it, σ_{T−w} … σ_{T−1} (w = min(window, T − 1); the backcast σ_0
 *            is not part of the history);
 *   p        the percentile rank of σ_T in the history, (#{σ_i < σ_T} + ½ #{σ_i = σ_T}) / w
 *            (the mid-rank empirical distribution function);
 *   regime   'low' when p < lower, 'high' when p > upper, else 'normal' (terciles by default:
 *            lower = 1/3, upper = 2/3).
 *
 * Every σ_t uses only returns up to t − 1, so the label at T is what a trader could compute at
 * T: no look-ahead, except that the EWMA's starting value σ²_0 (arch's backcast) averages the
 * first min(75, T) squared returns; its weight in σ²_t is λ^t, and from t = 75 on the forecasts
 * are exactly those computed in real time. `thresholdVols` are the history's linear-interpolation (type 7) quantiles at
 * lower and upper, annualised: the vol levels that separate the regimes now.
 *
 * Sources: J.P. Morgan/Reuters, "RiskMetrics — Technical Document", 4th ed. (1996), §5.2.1 (EWMA);
 * A. Moreira and T. Muir, "Volatility-Managed Portfolios", J. Finance 72(4) (2017), §I (sorting
 * periods into buckets by the preceding volatility; risk does not buy proportionally more return
 * in high-vol buckets); R. J. Hyndman and Y. Fan, "Sample quantiles in statistical packages",
 * Amer. Statist. 50(4) (1996) (type 7 quantile).
 */
import { z } from 'zod';
import { TradesizeError } from '../core/errors.js';
import { parseInput } from '../core/validate.js';
import { openUnit } from '../core/schemas.js';
import { ewmaVariance, RISKMETRICS_LAMBDA } from '../volatility/ewma.js';
import { regimeSeries, RegimeSeriesShape, type PeriodsSource } from './series.js';

/** Labels of the volatility classifier, low to high. */
export const VOL_REGIMES = ['low', 'normal', 'high'] as const;
export type VolRegimeLabel = (typeof VOL_REGIMES)[number];
/** The classifier needs at least this many returns. */
export const VOL_REGIME_MIN_OBSERVATIONS = 30;

/** Input of {@link volRegime}. */
export const VolRegimeInput = z
  .object({
    ...RegimeSeriesShape,
    /** EWMA decay λ in (0, 1) (default 0.94). */
    lambda: openUnit().default(RISKMETRICS_LAMBDA),
    /** Trailing forecasts the current one is ranked in (default 365: a year of daily bars). */
    window: z.number().int().min(10).default(365),
    /** Percentile ranks separating low | normal | high (default terciles). */
    thresholds: z.tuple([openUnit(), openUnit()]).default([1 / 3, 2 / 3]),
  })
  .refine((o) => o.thresholds[0] < o.thresholds[1], { message: 'thresholds must be increasing: [lower, upper]', path: ['thresholds'] });
export type VolRegimeInput = z.input<typeof VolRegimeInput>;

/** Result of {@link volRegime}. */
export interface VolRegimeReport {
  readonly method: 'vol';
  readonly current: VolRegimeLabel;
  /** Percentile rank of the current forecast in its history, in [0, 1]. */
  readonly percentile: number;
  /** The current EWMA forecast σ_T per period and annualised. */
  readonly periodVol: number;
  readonly annualizedVol: number;
  /** Annualised vols at the lower and upper thresholds of the history. */
  readonly thresholdVols: readonly [number, number];
  readonly thresholds: readonly [number, number];
  readonly lambda: number;
  /** History length w actually used. */
  readonly window: number;
  readonly observations: number;
  readonly periodsPerYear: number;
  readonly periodsPerYearSource: PeriodsSource;
}

/** Type 7 quantile of a sorted sample. */
function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/**
 * Classifies the current volatility as low, normal or high against its trailing history (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT (bad options, a bad value at ['values', i]), INSUFFICIENT_DATA
 *   (fewer than 30 returns, or zero volatility: path ['values']), PARSE_ERROR (timestamps).
 * @example
 * volRegime({ values: closes, input: 'prices', timestamps });
 *   // => { method: 'vol', current: 'high', percentile: 0.93, annualizedVol: 0.71, thresholdVols: [0.42, 0.55], ... }
 */
export function volRegime(input: VolRegimeInput): VolRegimeReport {
  const o = parseInput(VolRegimeInput, input, 'volRegime');
  const series = regimeSeries(o);
  const r = series.returns;
  const n = r.length;
  if (n < VOL_REGIME_MIN_OBSERVATIONS) {
    throw new TradesizeError('INSUFFICIENT_DATA', `volRegime: needs at least ${VOL_REGIME_MIN_OBSERVATIONS} returns, got ${n}`, ['values']);
  }
  const variances = ewmaVariance(r, o.lambda);
  const current = Math.sqrt(variances[n] as number);
  if (!(current > 0)) throw new TradesizeError('INSUFFICIENT_DATA', 'volRegime: the returns have zero volatility', ['values']);
  const w = Math.min(o.window, n - 1);
  const history = new Float64Array(w);
  for (let i = 0; i < w; i++) history[i] = Math.sqrt(variances[n - w + i] as number);
  let below = 0;
  let equal = 0;
  for (const s of history) {
    if (s < current) below++;
    else if (s === current) equal++;
  }
  const percentile = (below + 0.5 * equal) / w;
  const [lower, upper] = o.thresholds;
  const label: VolRegimeLabel = percentile < lower ? 'low' : percentile > upper ? 'high' : 'normal';
  history.sort();
  const root = Math.sqrt(series.periodsPerYear);
  return {
    method: 'vol',
    current: label,
    percentile,
    periodVol: current,
    annualizedVol: current * root,
    thresholdVols: [quantile(history, lower) * root, quantile(history, upper) * root],
    thresholds: [lower, upper],
    lambda: o.lambda,
    window: w,
    observations: n,
    periodsPerYear: series.periodsPerYear,
    periodsPerYearSource: series.periodsPerYearSource,
  };
}
