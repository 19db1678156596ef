/**
 * The common input of the regime classifiers: a price or return series → log returns, and the
 * periods per year that annualise them (given, else inferred from the timestamps' median
 * spacing, else one period per day of a 365-day crypto year).
 *
 *   r_t = ln(P_t / P_{t−1}) for prices,  r_t = ln(1 + R_t) for simple returns given as data.
 *
 * Sources: J. Y. Campbell, A. W. Lo and A. C. MacKinlay, "The Econometrics of Financial Markets"
 * (1997), §1.4 (log returns); J. C. Hull, "Options, Futures, and Other Derivatives", 10th ed.
 * (2018), ch. 15 (annualising with the number of periods per year).
 */
import { z } from 'zod';
import { TradesizeError } from '../core/errors.js';
import { positive } from '../core/schemas.js';
import { returnsFromSeries, SERIES_INPUTS, type SeriesInput } from '../market/returns.js';
import { DAYS_PER_YEAR_CRYPTO, inferPeriodsPerYear } from '../market/periods.js';

/** The series fields shared by the regime inputs (zod shape). */
export const RegimeSeriesShape = {
  /** The series in time order: prices, or simple returns per period. */
  values: z.custom<ArrayLike<number>>((v) => Array.isArray(v) || v instanceof Float64Array, 'values must be an array of numbers'),
  /** What `values` holds (default 'prices'). */
  input: z.enum(SERIES_INPUTS).default('prices'),
  /** One timestamp per value, to infer periodsPerYear when it is not given. */
  timestamps: z.array(z.string()).optional(),
  /** Periods per year; overrides inference from `timestamps`. */
  periodsPerYear: positive().optional(),
  /** Days per year for inference and the default (default 365). */
  daysPerYear: positive().default(DAYS_PER_YEAR_CRYPTO),
};

/** Where the periods-per-year figure came from. */
export type PeriodsSource = 'given' | 'inferred' | 'default';

/** Log returns and their annualisation. */
export interface RegimeSeries {
  readonly returns: Float64Array;
  readonly periodsPerYear: number;
  readonly periodsPerYearSource: PeriodsSource;
}

/**
 * Log returns of the series and the periods per year (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT (a price ≤ 0, a return ≤ −1 or a non-finite value at
 *   ['values', i], timestamps not one per value), INSUFFICIENT_DATA (fewer than 2 prices), PARSE_ERROR
 *   (an unreadable timestamp).
 * @example
 * regimeSeries({ values: [100, 101, 99], input: 'prices', daysPerYear: 365 });
 *   // => { returns: Float64Array [ln 1.01, ln(99/101)], periodsPerYear: 365, periodsPerYearSource: 'default' }
 */
export function regimeSeries(o: {
  values: ArrayLike<number>;
  input: SeriesInput;
  timestamps?: string[] | undefined;
  periodsPerYear?: number | undefined;
  daysPerYear: number;
}): RegimeSeries {
  if (o.timestamps !== undefined && o.timestamps.length !== o.values.length) {
    throw new TradesizeError('INVALID_INPUT', `${o.timestamps.length} timestamps for ${o.values.length} values; need one per value`, ['timestamps']);
  }
  const returns = returnsFromSeries(o.values, o.input, 'log');
  if (o.periodsPerYear !== undefined) return { returns, periodsPerYear: o.periodsPerYear, periodsPerYearSource: 'given' };
  if (o.timestamps !== undefined) return { returns, periodsPerYear: inferPeriodsPerYear(o.timestamps, o.daysPerYear), periodsPerYearSource: 'inferred' };
  return { returns, periodsPerYear: o.daysPerYear, periodsPerYearSource: 'default' };
}
