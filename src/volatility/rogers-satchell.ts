/**
 * Rogers–Satchell (1991) open/high/low/close volatility, unbiased whatever the drift.
 *
 * With n bars,
 *
 *   σ²_RS = (1/n) · Σ [ ln(H_i/C_i)·ln(H_i/O_i) + ln(L_i/C_i)·ln(L_i/O_i) ],
 *
 * an unbiased estimator of the variance per bar of a Brownian log price with any constant drift
 * (Parkinson and Garman–Klass assume zero drift). Each term is ≥ 0 because H ≥ max(O, C) and
 * L ≤ min(O, C). σ_year = σ_RS · √(periods per year).
 *
 * Convention: the same as R's TTR::volatility(calc = "rogers.satchell") over one window of all n
 * bars, sqrt(N/n · Σ [log(H/C)·log(H/O) + log(L/C)·log(L/O)]) with N = periods per year: a mean
 * over n. Checked against TTR in test/volatility/rogers-satchell.test.ts.
 *
 * Source: L. C. G. Rogers and S. E. Satchell, "Estimating Variance from High, Low and Closing
 * Prices", Annals of Applied Probability 1(4) (1991), 504–512; L. C. G. Rogers,
 * S. E. Satchell and Y. Yoon, "Estimating the volatility of stock prices: a comparison of methods
 * that use high and low prices", Applied Financial Economics 4 (1994), 241–247.
 */
import { parseInput } from '../core/validate.js';
import { requireOhlc, type OhlcBars } from '../market/ohlc-csv.js';
import { annualizeVol } from '../market/periods.js';
import { RangeVolOptions, type RangeVolResult } from './range-options.js';

/** Options of the Rogers–Satchell estimator (the range estimators share one schema). */
export const RogersSatchellOptions = RangeVolOptions;
export type RogersSatchellOptions = RangeVolOptions;

/** Result of the Rogers–Satchell estimator. */
export type RogersSatchellResult = RangeVolResult;

/**
 * Rogers–Satchell variance per bar over bars from … n − 1 (see the module doc). A kernel: no
 * validation; needs at least one bar from `from` on.
 *
 * @example
 * rogersSatchellVariance({ open: [100], high: [110], low: [100], close: [105] });
 *   // => ln(110/105)·ln(1.1) + ln(100/105)·ln(1) ≈ 0.0044338
 */
export function rogersSatchellVariance(bars: OhlcBars, from = 0): number {
  const n = bars.high.length;
  let s = 0;
  for (let i = from; i < n; i++) {
    const h = bars.high[i] as number;
    const l = bars.low[i] as number;
    const o = bars.open[i] as number;
    const c = bars.close[i] as number;
    s += Math.log(h / c) * Math.log(h / o) + Math.log(l / c) * Math.log(l / o);
  }
  return s / (n - from);
}

/**
 * Rogers–Satchell volatility of OHLC bars, per bar and annualised.
 *
 * @throws TradesizeError INSUFFICIENT_DATA (no bars), INVALID_INPUT (a price that is not finite and
 *   > 0, high < low, open or close outside [low, high], unequal lengths: path ['ohlc', field, i];
 *   periodsPerYear ≤ 0).
 * @example
 * rogersSatchellVol({ open: [100], high: [110], low: [100], close: [105] }).periodVol;  // => ≈0.066587
 */
export function rogersSatchellVol(bars: OhlcBars, options: RogersSatchellOptions = {}): RogersSatchellResult {
  const { periodsPerYear } = parseInput(RogersSatchellOptions, options, 'rogersSatchellVol');
  requireOhlc(bars, 1);
  const periodVol = Math.sqrt(rogersSatchellVariance(bars));
  return { periodVol, annualizedVol: annualizeVol(periodVol, periodsPerYear), observations: bars.high.length };
}
