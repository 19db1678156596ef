/**
 * Close-to-close (historical) volatility: the sample standard deviation of log returns.
 *
 * With n log returns r_1 … r_n and mean r̄,
 *
 *   demeaned:   σ² = Σ (r_i − r̄)² / (n − 1)        (unbiased sample variance)
 *   zero mean:  σ² = Σ r_i² / n                     (no mean estimated, no degree of freedom lost)
 *
 * and σ_year = σ · √(periods per year). The zero-mean form is the usual choice for short horizons,
 * where the drift is negligible and badly estimated.
 *
 * Sources: J. C. Hull, "Options, Futures, and Other Derivatives", 10th ed. (2018), ch. 15,
 * "Estimating volatility from historical data" (demeaned form) and ch. 23, "Estimating volatility"
 * (zero mean, divisor n); E. Sinclair, "Volatility Trading", 2nd ed. (2013), ch. 2 (close-to-close).
 */
import { z } from 'zod';
import { parseInput } from '../core/validate.js';
import { positive } from '../core/schemas.js';
import { requireFiniteSeries } from '../market/returns.js';
import { annualizeVol, DAYS_PER_YEAR_CRYPTO } from '../market/periods.js';

/** Options of {@link closeToCloseVol}. */
export const CloseToCloseOptions = z.object({
  /** Periods per year used to annualise (default 365: daily crypto data). */
  periodsPerYear: positive().default(DAYS_PER_YEAR_CRYPTO),
  /** Subtract the sample mean and divide by n − 1 (default true); false: zero mean, divide by n. */
  demean: z.boolean().default(true),
});
export type CloseToCloseOptions = z.input<typeof CloseToCloseOptions>;

/** Result of {@link closeToCloseVol}. */
export interface CloseToCloseResult {
  /** Volatility per sampling period. */
  readonly periodVol: number;
  /** periodVol · √periodsPerYear. */
  readonly annualizedVol: number;
  /** Number of returns used. */
  readonly observations: number;
}

/**
 * Per-period variance of log returns (see the module doc). A kernel: no validation; needs n ≥ 2
 * when demeaning, n ≥ 1 otherwise. Two passes (mean, then squared deviations) for accuracy.
 *
 * @example
 * closeToCloseVariance([0.01, -0.01, 0.03]);         // => 0.0004 to rounding (mean 0.01, Σd² = 0.0008, n − 1 = 2)
 * closeToCloseVariance([0.01, -0.01, 0.03], false);  // => 0.00036666…  (0.0011 / 3)
 */
export function closeToCloseVariance(logReturns: ArrayLike<number>, demean = true): number {
  const n = logReturns.length;
  let mean = 0;
  if (demean) {
    for (let i = 0; i < n; i++) mean += logReturns[i] as number;
    mean /= n;
  }
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (logReturns[i] as number) - mean;
    ss += d * d;
  }
  return ss / (demean ? n - 1 : n);
}

/**
 * Close-to-close volatility of a log-return series, per period and annualised.
 *
 * @throws TradesizeError INSUFFICIENT_DATA (fewer than 2 returns), INVALID_INPUT (a non-finite return
 *   at ['logReturns', i], periodsPerYear ≤ 0).
 * @example
 * closeToCloseVol([0.01, -0.01, 0.03]);                       // => { periodVol: 0.02, annualizedVol: 0.382099…, observations: 3 }
 * closeToCloseVol([0.01, -0.01, 0.03], { periodsPerYear: 8760 }).annualizedVol;  // => 1.871897…
 */
export function closeToCloseVol(logReturns: ArrayLike<number>, options: CloseToCloseOptions = {}): CloseToCloseResult {
  const { periodsPerYear, demean } = parseInput(CloseToCloseOptions, options, 'closeToCloseVol');
  requireFiniteSeries(logReturns, ['logReturns'], 2);
  const periodVol = Math.sqrt(closeToCloseVariance(logReturns, demean));
  return { periodVol, annualizedVol: annualizeVol(periodVol, periodsPerYear), observations: logReturns.length };
}
