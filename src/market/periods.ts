/**
 * Sampling frequency of a time series, and annualisation of a per-period volatility.
 *
 * Periods per year = daysPerYear · 86 400 000 ms / (median spacing of consecutive timestamps).
 * The median ignores the occasional longer step across a gap (exchange outage), so hourly bars
 * give 8 760, 4-hour bars 2 190 and daily bars 365. Crypto trades every day: a year has 365 days,
 * not the 252 trading days of equity markets.
 *
 * Under i.i.d. returns the variance of a sum of k period returns is k times the period variance,
 * so a per-period volatility annualises as σ_year = σ_period · √(periods per year): the
 * square-root-of-time rule. Source: J. C. Hull, "Options, Futures, and Other Derivatives",
 * 10th ed. (2018), ch. 15, "Estimating volatility from historical data" and "Trading days vs.
 * calendar days".
 */
import { TradesizeError } from '../core/errors.js';
import { requireIncreasingTimestamps } from './timestamps.js';

/** Calendar days per year used to annualise crypto series (markets open every day). */
export const DAYS_PER_YEAR_CRYPTO = 365;

const MS_PER_DAY = 86_400_000;

/**
 * Periods per year from the median spacing of consecutive timestamps.
 *
 * @param timestamps - date-time strings readable by `Date.parse`, e.g. ISO-8601 `2024-01-01T00:00:00Z`,
 *   strictly increasing (checked by `requireIncreasingTimestamps`)
 * @param daysPerYear - days in a year (default {@link DAYS_PER_YEAR_CRYPTO})
 * @throws TradesizeError INSUFFICIENT_DATA (fewer than 2 timestamps), PARSE_ERROR (an unreadable
 *   timestamp, path ['timestamps', i]), INVALID_INPUT (not strictly increasing at path
 *   ['timestamps', i], or daysPerYear not finite and > 0).
 * @example
 * inferPeriodsPerYear(['2024-01-01T00:00:00Z', '2024-01-01T01:00:00Z', '2024-01-01T02:00:00Z']);  // => 8760
 * inferPeriodsPerYear(['2024-01-01', '2024-01-02'], 252);                                          // => 252
 */
export function inferPeriodsPerYear(timestamps: readonly string[], daysPerYear: number = DAYS_PER_YEAR_CRYPTO): number {
  if (!(Number.isFinite(daysPerYear) && daysPerYear > 0)) {
    throw new TradesizeError('INVALID_INPUT', `daysPerYear must be a finite number > 0, got ${daysPerYear}`, ['daysPerYear']);
  }
  if (!Array.isArray(timestamps) || timestamps.length < 2) {
    throw new TradesizeError('INSUFFICIENT_DATA', 'inferPeriodsPerYear: needs at least 2 timestamps', ['timestamps']);
  }
  const times = requireIncreasingTimestamps(timestamps, ['timestamps']);
  const steps = new Float64Array(times.length - 1);
  for (let i = 1; i < times.length; i++) steps[i - 1] = (times[i] as number) - (times[i - 1] as number);
  steps.sort();
  const mid = steps.length >> 1;
  const median = steps.length % 2 === 1 ? (steps[mid] as number) : ((steps[mid - 1] as number) + (steps[mid] as number)) / 2;
  return (daysPerYear * MS_PER_DAY) / median;
}

/**
 * σ_year = σ_period · √(periodsPerYear). A kernel: no validation.
 *
 * @example
 * annualizeVol(0.02, 365);   // => 0.382099…
 */
export function annualizeVol(periodVol: number, periodsPerYear: number): number {
  return periodVol * Math.sqrt(periodsPerYear);
}
