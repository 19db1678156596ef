/**
 * A funding history normalised to a rate per unit time.
 *
 * A venue publishes one rate per settlement, a fraction of the position's notional paid by the
 * long to the short (a negative rate: the short pays), over its funding interval: 8 h on
 * Binance, Bybit, Gate, HTX, KuCoin and MEXC, 1 h on dYdX, 8 h then 1 h on Hyperliquid (from
 * 2023-06-08). Rates of different venues compare only per unit time, so each settlement i gets
 * the interval it accrued over, Δ_i = t_i − t_{i−1} (the time since the previous settlement),
 * capped at `maxIntervalHours` (default 8, the longest interval of the venues above): a longer
 * step is a gap in the file (Gate's missing December 2020, HTX's 24 h hole), not a longer
 * accrual, and the settlement after it counts one full interval. The first settlement takes the
 * next step. The rate per hour of settlement i is r_i / Δ_i; a year is 365 × 24 = 8760 hours
 * (the project's 365-day crypto year).
 *
 * Worked example: settlements at 00:00, 08:00, 09:00 with rates 0.0001, 0.0001, 0.0000125 have
 * intervals 8 h (the first takes the next step, t₁ − t₀), 8 h, 1 h, so per-hour rates 0.0000125
 * each — the same funding, 0.0000125 × 8760 = 0.1095 a year.
 *
 * Source: Binance, "Introduction to Binance Futures Funding Rates" (funding every 8 h, the rate
 * applied to the position's notional; longs pay shorts when positive); Hyperliquid docs,
 * "Funding" (hourly funding, one eighth of the 8 h rate); ../shared/data/README.md (the files'
 * intervals and gaps).
 */
import { TradesizeError } from '../core/errors.js';
import { parseSeriesCsv } from '../market/csv.js';
import { requireIncreasingTimestamps } from '../market/timestamps.js';

/** Hours in the 365-day year. */
export const HOURS_PER_YEAR = 365 * 24;
/** Milliseconds per hour. */
export const MS_PER_HOUR = 3_600_000;
/** Default cap on one settlement's accrual interval, in hours. */
export const DEFAULT_MAX_INTERVAL_HOURS = 8;

/** A funding history: one row per settlement, in time order. */
export interface FundingSeries {
  /** Settlement times, ms since the epoch, strictly increasing. */
  readonly times: Float64Array;
  /** The rate of each settlement, a fraction of notional (positive: longs pay). */
  readonly rates: Float64Array;
  /** The hours each settlement accrued over (see the module doc). */
  readonly hours: Float64Array;
}

/**
 * The funding series of settlement times and rates, with each settlement's accrual interval.
 *
 * @param times - settlement times in ms since the epoch, strictly increasing (at least 2)
 * @param rates - the rate of each settlement
 * @param maxIntervalHours - the longest accrual interval; a longer step is a gap (default 8)
 * @throws TradesizeError INSUFFICIENT_DATA (fewer than 2 settlements), INVALID_INPUT (lengths differ,
 *   a rate not finite, times not increasing, maxIntervalHours ≤ 0).
 * @example
 * fundingSeries(Float64Array.of(0, 8 * 3.6e6, 9 * 3.6e6), Float64Array.of(1e-4, 1e-4, 1.25e-5)).hours; // => [8, 8, 1]
 * fundingSeries(Float64Array.of(0, 3.6e6 * 800), Float64Array.of(1e-4, 1e-4)).hours;                    // => [8, 8] (a gap)
 */
export function fundingSeries(times: Float64Array, rates: Float64Array, maxIntervalHours = DEFAULT_MAX_INTERVAL_HOURS): FundingSeries {
  const n = times.length;
  if (rates.length !== n) throw new TradesizeError('INVALID_INPUT', `fundingSeries: ${n} times but ${rates.length} rates`, ['rates']);
  if (n < 2) throw new TradesizeError('INSUFFICIENT_DATA', `fundingSeries: needs at least 2 settlements, got ${n}`, ['rates']);
  if (!(maxIntervalHours > 0 && Number.isFinite(maxIntervalHours))) {
    throw new TradesizeError('INVALID_INPUT', `fundingSeries: maxIntervalHours must be a finite number > 0, got ${maxIntervalHours}`, ['maxIntervalHours']);
  }
  const hours = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = rates[i] as number;
    if (!Number.isFinite(r)) throw new TradesizeError('INVALID_INPUT', `fundingSeries: rates[${i}] is not a finite number`, ['rates', i]);
    const step = i === 0 ? (times[1] as number) - (times[0] as number) : (times[i] as number) - (times[i - 1] as number);
    if (!(step > 0)) throw new TradesizeError('INVALID_INPUT', `fundingSeries: times must be strictly increasing (at ${i})`, ['times', i]);
    hours[i] = Math.min(step / MS_PER_HOUR, maxIntervalHours);
  }
  return { times, rates, hours };
}

/**
 * A funding history from CSV text with the columns `timestamp,rate` (more columns, such as
 * Hyperliquid's `premium`, are ignored), as in ../shared/data/funding.
 *
 * @throws TradesizeError PARSE_ERROR (bad CSV, a bad cell or timestamp), INVALID_INPUT (no `rate`
 *   column, timestamps not increasing), INSUFFICIENT_DATA (fewer than 2 rows).
 * @example
 * parseFundingCsv('timestamp,rate\n2024-01-01T00:00:00Z,0.0001\n2024-01-01T08:00:00Z,0.0002\n').hours; // => [8, 8]
 */
export function parseFundingCsv(text: string, maxIntervalHours = DEFAULT_MAX_INTERVAL_HOURS): FundingSeries {
  const csv = parseSeriesCsv(text, { column: 'rate' });
  if (csv.timestamps === null) throw new TradesizeError('INVALID_INPUT', 'parseFundingCsv: the file has no timestamp column', ['timestamps']);
  return fundingSeries(requireIncreasingTimestamps(csv.timestamps, ['timestamps']), csv.values, maxIntervalHours);
}

/**
 * The settlements with times in [from, to) (ms), as a series of their own (intervals kept).
 *
 * @example
 * sliceFunding(s, s.times[0], s.times[0] + 86_400_000); // the first day's settlements
 */
export function sliceFunding(s: FundingSeries, from: number, to: number): FundingSeries {
  let a = 0;
  while (a < s.times.length && (s.times[a] as number) < from) a++;
  let b = a;
  while (b < s.times.length && (s.times[b] as number) < to) b++;
  return { times: s.times.subarray(a, b), rates: s.rates.subarray(a, b), hours: s.hours.subarray(a, b) };
}

/**
 * Funding paid per unit of notional by a long over [from, to): the sum of the rates settled in
 * it (a short receives it).
 *
 * @example
 * fundingPaid(s, from, from + 86_400_000); // => 0.0003 for three settlements of 0.0001
 */
export function fundingPaid(s: FundingSeries, from: number, to: number): number {
  const w = sliceFunding(s, from, to);
  let sum = 0;
  for (let i = 0; i < w.rates.length; i++) sum += w.rates[i] as number;
  return sum;
}
