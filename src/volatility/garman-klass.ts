/**
 * Garman–Klass (1980) open/high/low/close volatility, the "classic" form with no opening jump.
 *
 * With n bars, u_i = ln(H_i/L_i) and c_i = ln(C_i/O_i),
 *
 *   σ²_GK = (1/n) · Σ [ ½ u_i² − (2 ln 2 − 1) c_i² ],
 *
 * Garman and Klass's practical estimator σ̂²_5 for a driftless Brownian log price; each term is
 * ≥ 0.114·u_i² because |c_i| ≤ u_i. σ_year = σ_GK · √(periods per year). On 24/7 crypto markets
 * the bar opens at the previous close, so ignoring the opening jump (their σ̂²_6 / f term) loses
 * little; Yang–Zhang (./yang-zhang.ts) measures it.
 *
 * Convention: the same as R's TTR::volatility(calc = "garman.klass") over one window of all n
 * bars, sqrt(N/n · Σ [.5·log(H/L)² − (2·log 2 − 1)·log(C/O)²]) with N = periods per year: a mean
 * over n. Checked against TTR in test/volatility/garman-klass.test.ts.
 *
 * Source: M. B. Garman and M. J. Klass, "On the Estimation of Security Price Volatilities from
 * Historical Data", Journal of Business 53(1) (1980), 67–78 (their "practical" estimator σ̂²_5).
 */
import { parseInput } from '../core/validate.js';
import { requireOhlc, type OhlcBars } from '../market/ohlc-csv.js';
import { annualizeVol } from '../market/periods.js';
import { RangeVolOptions, type RangeVolResult } from './range-options.js';

/** 2 ln 2 − 1, the weight of the squared open-to-close return. */
const GK_CLOSE_WEIGHT = 2 * Math.LN2 - 1;

/** Options of the Garman–Klass estimator (the range estimators share one schema). */
export const GarmanKlassOptions = RangeVolOptions;
export type GarmanKlassOptions = RangeVolOptions;

/** Result of the Garman–Klass estimator. */
export type GarmanKlassResult = RangeVolResult;

/**
 * Garman–Klass variance per bar over bars from … n − 1 (see the module doc). A kernel: no
 * validation; needs at least one bar from `from` on.
 *
 * @example
 * garmanKlassVariance({ open: [100], high: [110], low: [100], close: [105] });
 *   // => ½·ln(1.1)² − (2 ln 2 − 1)·ln(1.05)² ≈ 0.0036224
 */
export function garmanKlassVariance(bars: OhlcBars, from = 0): number {
  const n = bars.high.length;
  let s = 0;
  for (let i = from; i < n; i++) {
    const u = Math.log((bars.high[i] as number) / (bars.low[i] as number));
    const c = Math.log((bars.close[i] as number) / (bars.open[i] as number));
    s += 0.5 * u * u - GK_CLOSE_WEIGHT * c * c;
  }
  return s / (n - from);
}

/**
 * Garman–Klass volatility of OHLC bars, per bar and annualised.
 *
 * @throws TradesizeError INSUFFICIENT_DATA (no bars), INVALID_INPUT (a price that is not finite and
 *   > 0, high < low, open or close outside [low, high], unequal lengths: path ['ohlc', field, i];
 *   periodsPerYear ≤ 0).
 * @example
 * garmanKlassVol({ open: [100], high: [110], low: [100], close: [105] }).periodVol;  // => ≈0.060187
 */
export function garmanKlassVol(bars: OhlcBars, options: GarmanKlassOptions = {}): GarmanKlassResult {
  const { periodsPerYear } = parseInput(GarmanKlassOptions, options, 'garmanKlassVol');
  requireOhlc(bars, 1);
  const periodVol = Math.sqrt(garmanKlassVariance(bars));
  return { periodVol, annualizedVol: annualizeVol(periodVol, periodsPerYear), observations: bars.high.length };
}
