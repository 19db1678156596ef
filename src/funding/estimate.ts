/**
 * The expected funding rate from a history, annualised, with its standard error.
 *
 * Each settlement i gives a rate per hour xᵢ = rᵢ/Δᵢ over its interval Δᵢ (./series.ts). Both
 * estimators are weighted means m = Σ wᵢxᵢ / Σ wᵢ, annualised × 8760:
 *
 * - `mean`: wᵢ = Δᵢ, the time-weighted mean m = Σ rᵢ / Σ Δᵢ — the funding a long paid per hour
 *   of holding over the history;
 * - `ewma`: wᵢ = Δᵢ · 2^{−(T − tᵢ)/h}, an exponentially weighted mean with half-life h in time
 *   (T the last settlement), so an hourly and an 8-hourly file decay alike; m = Σ aᵢrᵢ / Σ aᵢΔᵢ
 *   with aᵢ = 2^{−(T − tᵢ)/h}, which is pandas `ewm(halflife=h, times=t).mean()` of the rates
 *   over that of the intervals.
 *
 * The standard error is Newey–West's HAC estimate for the weighted mean (`stats/newey-west.ts`):
 * funding rates are strongly autocorrelated, so the iid error would be too small.
 *
 * Worked example: three 8 h settlements of 0.0001, 0.0002, 0.0003 → mean 0.0006 / 24 h =
 * 0.000025 per hour = 0.219 a year.
 *
 * Source: the funding conventions of ./series.ts; Newey & West (1987, 1994); J. S. Hunter, "The
 * Exponentially Weighted Moving Average", J. Quality Technology 18 (1986) for the EWMA.
 */
import { TradesizeError } from '../core/errors.js';
import { neweyWestLag, weightedMeanHac } from '../stats/newey-west.js';
import { HOURS_PER_YEAR, MS_PER_HOUR, type FundingSeries } from './series.js';

/** How the expected rate is estimated from a history. */
export type FundingMethod = 'mean' | 'ewma';
export const FUNDING_METHODS = ['mean', 'ewma'] as const;
/** Default EWMA half-life, in days. */
export const DEFAULT_HALF_LIFE_DAYS = 7;

/** An expected funding rate: annual, per unit of notional, paid by a long when positive. */
export interface FundingEstimate {
  readonly method: FundingMethod | 'given';
  /** Expected funding per year as a fraction of notional (0.1095 = 10.95 % a year). */
  readonly ratePerYear: number;
  /** Standard error of `ratePerYear` (0 for a given rate without one). */
  readonly stdError: number;
  /** Settlements behind the estimate (0 for a given rate). */
  readonly settlements: number;
  /** Hours of history behind the estimate. */
  readonly hours: number;
  /** EWMA half-life in days (`ewma` only). */
  readonly halfLifeDays?: number;
  /** Newey–West lag, in settlements. */
  readonly lags?: number;
  /** First and last settlement (ISO). */
  readonly from?: string;
  readonly to?: string;
}

/** Options of {@link estimateFunding}. */
export interface FundingEstimateOptions {
  readonly method?: FundingMethod;
  /** EWMA half-life in days (default 7). */
  readonly halfLifeDays?: number;
  /** Newey–West lag in settlements (default ⌊4 (n/100)^{2/9}⌋). */
  readonly lags?: number;
}

/**
 * The annualised expected funding rate of a history and its standard error (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT (halfLifeDays ≤ 0, lags not an integer ≥ 0).
 * @example
 * estimateFunding(parseFundingCsv('timestamp,rate\n2024-01-01T00:00:00Z,0.0001\n2024-01-01T08:00:00Z,0.0002\n2024-01-01T16:00:00Z,0.0003\n'));
 * // => { method: 'mean', ratePerYear: 0.219, stdError: ..., settlements: 3, hours: 24 }
 */
export function estimateFunding(s: FundingSeries, o: FundingEstimateOptions = {}): FundingEstimate {
  const method = o.method ?? 'mean';
  const halfLife = o.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS;
  if (!(halfLife > 0 && Number.isFinite(halfLife))) {
    throw new TradesizeError('INVALID_INPUT', `estimateFunding: halfLifeDays must be a finite number > 0, got ${halfLife}`, ['halfLifeDays']);
  }
  const n = s.rates.length;
  if (n < 2) throw new TradesizeError('INSUFFICIENT_DATA', `estimateFunding: needs at least 2 settlements, got ${n}`, ['rates']);
  const lags = o.lags ?? neweyWestLag(n);
  if (!(Number.isInteger(lags) && lags >= 0)) throw new TradesizeError('INVALID_INPUT', `estimateFunding: lags must be an integer ≥ 0, got ${lags}`, ['lags']);
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const last = s.times[n - 1] as number;
  const hMs = halfLife * 24 * MS_PER_HOUR;
  let hours = 0;
  for (let i = 0; i < n; i++) {
    const dt = s.hours[i] as number;
    hours += dt;
    x[i] = (s.rates[i] as number) / dt;
    w[i] = method === 'ewma' ? dt * Math.pow(2, -(last - (s.times[i] as number)) / hMs) : dt;
  }
  const m = weightedMeanHac(x, w, lags);
  return {
    method,
    ratePerYear: m.mean * HOURS_PER_YEAR,
    stdError: m.stdError * HOURS_PER_YEAR,
    settlements: n,
    hours,
    ...(method === 'ewma' ? { halfLifeDays: halfLife } : {}),
    lags: m.lags,
    from: new Date(s.times[0] as number).toISOString(),
    to: new Date(last).toISOString(),
  };
}

/**
 * A given expected funding rate: annual, or per funding interval of `intervalHours` (0.0001 per
 * 8 h = 0.0001 × 8760 / 8 = 0.1095 a year).
 *
 * @throws TradesizeError INVALID_INPUT (a value not finite, intervalHours ≤ 0, stdError < 0).
 * @example
 * givenFunding(0.0001, 8).ratePerYear; // => 0.1095
 * givenFunding(0.05).ratePerYear;      // => 0.05
 */
export function givenFunding(rate: number, intervalHours?: number, stdError = 0): FundingEstimate {
  if (!Number.isFinite(rate)) throw new TradesizeError('INVALID_INPUT', `givenFunding: rate must be a finite number, got ${rate}`, ['fundingRate']);
  if (intervalHours !== undefined && !(intervalHours > 0 && Number.isFinite(intervalHours))) {
    throw new TradesizeError('INVALID_INPUT', `givenFunding: intervalHours must be a finite number > 0, got ${intervalHours}`, ['intervalHours']);
  }
  if (!(stdError >= 0 && Number.isFinite(stdError))) throw new TradesizeError('INVALID_INPUT', `givenFunding: stdError must be ≥ 0, got ${stdError}`, ['stdError']);
  const perYear = intervalHours === undefined ? 1 : HOURS_PER_YEAR / intervalHours;
  return { method: 'given', ratePerYear: rate * perYear, stdError: stdError * perYear, settlements: 0, hours: 0 };
}
