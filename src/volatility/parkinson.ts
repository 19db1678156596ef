/**
 * Parkinson (1980) high–low range volatility.
 *
 * With n bars of high H_i and low L_i, u_i = ln(H_i/L_i),
 *
 *   σ²_P = (1 / (4 ln 2)) · (1/n) · Σ u_i²,
 *
 * the variance per bar of a driftless Brownian log price observed continuously within each bar;
 * σ_year = σ_P · √(periods per year). About 5.2 times as efficient as close-to-close under that
 * model, biased low when trading is discrete (the observed range is too small).
 *
 * Convention: the same as R's TTR::volatility(calc = "parkinson") over one window of all n bars,
 * sqrt(N / (4·n·log 2) · Σ log(H/L)²) with N = periods per year: a mean over n (no mean removed,
 * no degree of freedom lost). Checked against TTR in test/volatility/parkinson.test.ts.
 *
 * Source: M. Parkinson, "The Extreme Value Method for Estimating the Variance of the Rate of
 * Return", Journal of Business 53(1) (1980), 61–65.
 */
import { parseInput } from '../core/validate.js';
import { requireOhlc, type OhlcBars } from '../market/ohlc-csv.js';
import { annualizeVol } from '../market/periods.js';
import { RangeVolOptions, type RangeVolResult } from './range-options.js';

/** Options of the Parkinson estimator (the range estimators share one schema). */
export const ParkinsonOptions = RangeVolOptions;
export type ParkinsonOptions = RangeVolOptions;

/** Result of the Parkinson estimator. */
export type ParkinsonResult = RangeVolResult;

/**
 * Parkinson variance per bar, (1/(4 ln 2)) · mean of ln(H/L)², over bars from … n − 1.
 * A kernel: no validation; needs at least one bar from `from` on.
 *
 * @example
 * parkinsonVariance({ high: [110], low: [100] });  // => ln(1.1)² / (4 ln 2) ≈ 0.0032764
 */
export function parkinsonVariance(bars: Pick<OhlcBars, 'high' | 'low'>, from = 0): number {
  const n = bars.high.length;
  let s = 0;
  for (let i = from; i < n; i++) {
    const u = Math.log((bars.high[i] as number) / (bars.low[i] as number));
    s += u * u;
  }
  return s / ((n - from) * 4 * Math.LN2);
}

/**
 * Parkinson volatility of high/low bars, per bar and annualised.
 *
 * @throws TradesizeError INSUFFICIENT_DATA (no bars), INVALID_INPUT (a price that is not finite and
 *   > 0, high < low, unequal lengths: path ['ohlc', field, i]; periodsPerYear ≤ 0).
 * @example
 * parkinsonVol({ high: [110, 104], low: [100, 98] });
 *   // => { periodVol: ≈0.047697, annualizedVol: ≈0.91125, observations: 2 }
 */
export function parkinsonVol(bars: Pick<OhlcBars, 'high' | 'low'>, options: ParkinsonOptions = {}): ParkinsonResult {
  const { periodsPerYear } = parseInput(ParkinsonOptions, options, 'parkinsonVol');
  requireOhlc(bars, 1);
  const periodVol = Math.sqrt(parkinsonVariance(bars));
  return { periodVol, annualizedVol: annualizeVol(periodVol, periodsPerYear), observations: bars.high.length };
}
