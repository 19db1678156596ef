/**
 * Options and result shared by the OHLC range estimators (Parkinson, Garman–Klass,
 * Rogers–Satchell, Yang–Zhang): one schema, so the rule and its wording exist once.
 */
import { z } from 'zod';
import { positive } from '../core/schemas.js';
import { DAYS_PER_YEAR_CRYPTO } from '../market/periods.js';

/** Options of a range estimator. */
export const RangeVolOptions = z.object({
  /** Periods (bars) per year used to annualise (default 365: daily crypto bars). */
  periodsPerYear: positive().default(DAYS_PER_YEAR_CRYPTO),
});
export type RangeVolOptions = z.input<typeof RangeVolOptions>;

/** Result of a range estimator. */
export interface RangeVolResult {
  /** Volatility per bar. */
  readonly periodVol: number;
  /** periodVol · √periodsPerYear. */
  readonly annualizedVol: number;
  /** Number of bars used. */
  readonly observations: number;
}
