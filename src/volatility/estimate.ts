/**
 * One annualised volatility σ from a price or return series: the entry point behind the CLI's
 * `--vol-data FILE.csv`.
 *
 * The series is turned into log returns r_t = ln(P_t/P_{t−1}) (or ln(1 + R_t) for simple returns
 * given as data), then measured by the chosen estimator:
 *
 *   'close'  close-to-close sample standard deviation (see ./close-to-close.ts),
 *   'ewma'   RiskMetrics EWMA one-step-ahead forecast (see ./ewma.ts),
 *
 * and annualised by √(periods per year): given, else inferred from the timestamps' median spacing,
 * else one period per day (365 a year, crypto's calendar). A zero estimate (a constant series) is
 * refused: it would size a volatility-targeted position at infinity.
 *
 * Sources: J. C. Hull, "Options, Futures, and Other Derivatives", 10th ed. (2018), ch. 15,
 * "Estimating volatility from historical data"; J.P. Morgan/Reuters, "RiskMetrics — Technical
 * Document", 4th ed. (1996), §5.2.1.
 */
import { z } from 'zod';
import { TradesizeError } from '../core/errors.js';
import { parseInput } from '../core/validate.js';
import { openUnit, positive } from '../core/schemas.js';
import { returnsFromSeries } from '../market/returns.js';
import { DAYS_PER_YEAR_CRYPTO, inferPeriodsPerYear } from '../market/periods.js';
import { closeToCloseVol } from './close-to-close.js';
import { ewmaVol, RISKMETRICS_LAMBDA } from './ewma.js';

/** Input of {@link estimateVolatility}. */
export const EstimateVolatilityInput = z.object({
  /** The series, in time order (contents are checked by `returnsFromSeries`). */
  values: z.custom<ArrayLike<number>>((v) => Array.isArray(v) || v instanceof Float64Array, 'values must be an array of numbers'),
  /** What `values` holds: prices, or simple returns per period. */
  input: z.enum(['prices', 'returns']),
  /** Estimator: close-to-close or RiskMetrics EWMA. */
  method: z.enum(['close', 'ewma']),
  /** Periods per year; overrides inference from `timestamps`. */
  periodsPerYear: positive().optional(),
  /** EWMA decay λ in (0, 1) (default 0.94); only with method 'ewma'. */
  lambda: openUnit().optional(),
  /** One timestamp per value, used to infer periodsPerYear when it is not given. */
  timestamps: z.array(z.string()).optional(),
  /** Days per year for inference and the default (default 365). */
  daysPerYear: positive().default(DAYS_PER_YEAR_CRYPTO),
});
export type EstimateVolatilityInput = z.input<typeof EstimateVolatilityInput>;

/** Where the periods-per-year figure came from. */
export type PeriodsPerYearSource = 'given' | 'inferred' | 'default';

/** Result of {@link estimateVolatility}. */
export interface VolatilityEstimate {
  /** Annualised volatility σ = periodVol · √periodsPerYear. */
  readonly sigma: number;
  /** Volatility per sampling period. */
  readonly periodVol: number;
  /** Periods per year used to annualise. */
  readonly periodsPerYear: number;
  /** Whether periodsPerYear was given, inferred from timestamps, or the one-per-day default. */
  readonly periodsPerYearSource: PeriodsPerYearSource;
  /** Estimator used. */
  readonly method: 'close' | 'ewma';
  /** Number of log returns used. */
  readonly observations: number;
  /** EWMA decay used (method 'ewma' only). */
  readonly lambda?: number;
}

function resolvePeriods(
  periodsPerYear: number | undefined,
  timestamps: string[] | undefined,
  daysPerYear: number,
): { periodsPerYear: number; periodsPerYearSource: PeriodsPerYearSource } {
  if (periodsPerYear !== undefined) return { periodsPerYear, periodsPerYearSource: 'given' };
  if (timestamps !== undefined) return { periodsPerYear: inferPeriodsPerYear(timestamps, daysPerYear), periodsPerYearSource: 'inferred' };
  return { periodsPerYear: daysPerYear, periodsPerYearSource: 'default' };
}

/**
 * Annualised volatility of a price or return series (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT (bad options, a price ≤ 0 or return ≤ −1 at ['values', i],
 *   timestamps not one per value), CONFLICTING_OPTIONS (lambda with method 'close'),
 *   INSUFFICIENT_DATA (fewer than 2 returns, or zero volatility), PARSE_ERROR (unreadable timestamp).
 * @example
 * estimateVolatility({ values: hourlyCloses, input: 'prices', method: 'ewma', timestamps });
 *   // => { sigma, periodVol, periodsPerYear: 8760, periodsPerYearSource: 'inferred', method: 'ewma', lambda: 0.94, ... }
 * estimateVolatility({ values: [100, 101, 99, 102], input: 'prices', method: 'close' }).periodsPerYear;  // => 365
 */
export function estimateVolatility(input: EstimateVolatilityInput): VolatilityEstimate {
  const req = parseInput(EstimateVolatilityInput, input, 'estimateVolatility');
  if (req.lambda !== undefined && req.method !== 'ewma') {
    throw new TradesizeError('CONFLICTING_OPTIONS', "estimateVolatility: lambda applies only to method 'ewma'", ['lambda']);
  }
  if (req.timestamps !== undefined && req.timestamps.length !== req.values.length) {
    throw new TradesizeError(
      'INVALID_INPUT',
      `estimateVolatility: ${req.timestamps.length} timestamps for ${req.values.length} values; need one per value`,
      ['timestamps'],
    );
  }
  const returns = returnsFromSeries(req.values, req.input, 'log');
  if (returns.length < 2) {
    throw new TradesizeError('INSUFFICIENT_DATA', `estimateVolatility: needs at least 2 returns, got ${returns.length}`, ['values']);
  }
  const periods = resolvePeriods(req.periodsPerYear, req.timestamps, req.daysPerYear);
  const base = { ...periods, method: req.method, observations: returns.length };
  const est =
    req.method === 'ewma'
      ? ewmaVol(returns, { periodsPerYear: periods.periodsPerYear, lambda: req.lambda })
      : closeToCloseVol(returns, { periodsPerYear: periods.periodsPerYear });
  if (!(est.periodVol > 0)) {
    throw new TradesizeError('INSUFFICIENT_DATA', 'estimateVolatility: the series has zero volatility (constant prices or returns)', [
      'values',
    ]);
  }
  const out = { sigma: est.annualizedVol, periodVol: est.periodVol, ...base };
  return req.method === 'ewma' ? { ...out, lambda: req.lambda ?? RISKMETRICS_LAMBDA } : out;
}
