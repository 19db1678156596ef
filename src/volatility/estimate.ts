/**
 * One annualised volatility σ from a price or return series, or from OHLC bars: the entry point
 * behind the CLI's `--vol-data FILE.csv` and `tradesize vol`.
 *
 * A price series is turned into log returns r_t = ln(P_t/P_{t−1}); a return series given as data
 * (`input` 'returns' or 'log-returns': simple, log or percent returns such as rugarch's `dmbp`) is
 * measured as given, any finite value, since no estimator compounds it. Then the chosen estimator:
 *
 *   'close'  close-to-close sample standard deviation (see ./close-to-close.ts),
 *   'ewma'   RiskMetrics EWMA one-step-ahead forecast (see ./ewma.ts),
 *   'garch'  GARCH(1,1) by maximum likelihood, normal innovations: √h_{T+1} (see ./garch.ts),
 *   'garch-t' the same with standardised Student-t innovations,
 *   'implied' the latest value of an implied-volatility index such as Deribit's DVOL (values in
 *            percent unless `ivUnit` says 'decimal'; see ./implied-index.ts),
 *
 * with a holding-period forecast for the GARCH models when `horizon` (periods) is given: the
 * average variance over the next k periods, σ = √(mean(h_{T+1} … h_{T+k})·periods per year)
 * (Hull, "Options, Futures, and Other Derivatives", 10th ed., §23.4, "using GARCH(1,1) to
 * forecast future volatility": the variance of the k-period return is Σ h_{T+j}); EWMA and the
 * other estimators are flat forecasts (RiskMetrics Technical Document, 4th ed., §5.3: the
 * EWMA k-step variance forecast equals the one-step forecast), and an implied index already
 * spans its own tenor (30 days for DVOL),
 *
 * or, from `ohlc` bars { open, high, low, close } instead of `values`, by a range estimator:
 *
 *   'parkinson'        Parkinson (1980) high–low (./parkinson.ts),
 *   'garman-klass'     classic Garman–Klass (1980) (./garman-klass.ts),
 *   'rogers-satchell'  Rogers–Satchell (1991) (./rogers-satchell.ts),
 *   'yang-zhang'       Yang–Zhang (2000), with the close-to-open jump (./yang-zhang.ts),
 *
 * and annualised by √(periods per year): given, else inferred from the timestamps' median spacing,
 * else one period per day (365 a year, crypto's calendar). A zero estimate (a constant series) is
 * refused: it would size a volatility-targeted position at infinity.
 *
 * Sources: J. C. Hull, "Options, Futures, and Other Derivatives", 10th ed. (2018), ch. 15,
 * "Estimating volatility from historical data"; J.P. Morgan/Reuters, "RiskMetrics — Technical
 * Document", 4th ed. (1996), §5.2.1; GARCH: T. Bollerslev, J. Econometrics 31 (1986); the range estimators' papers are cited in their modules.
 */
import { z } from 'zod';
import { TradesizeError } from '../core/errors.js';
import { parseInput } from '../core/validate.js';
import { openUnit, positive } from '../core/schemas.js';
import { returnsFromSeries, SERIES_INPUTS } from '../market/returns.js';
import { annualizeVol, DAYS_PER_YEAR_CRYPTO, inferPeriodsPerYear } from '../market/periods.js';
import { requireOhlc, type OhlcBars } from '../market/ohlc-csv.js';
import { closeToCloseVol } from './close-to-close.js';
import { ewmaVol, RISKMETRICS_LAMBDA } from './ewma.js';
import { parkinsonVol } from './parkinson.js';
import { garmanKlassVol } from './garman-klass.js';
import { rogersSatchellVol } from './rogers-satchell.js';
import { yangZhangVol } from './yang-zhang.js';
import { fitGarch, type GarchFit } from './garch.js';
import { impliedVolFromIndex, type ImpliedIndexVol } from './implied-index.js';

/** Estimators of {@link estimateVolatility}: four from one series of prices or returns, one from an implied-vol index, four from OHLC bars. */
export const VOLATILITY_METHODS = ['close', 'ewma', 'garch', 'garch-t', 'implied', 'parkinson', 'garman-klass', 'rogers-satchell', 'yang-zhang'] as const;
export type VolatilityMethod = (typeof VOLATILITY_METHODS)[number];
/** The methods that read OHLC bars rather than one series. */
export const RANGE_METHODS = ['parkinson', 'garman-klass', 'rogers-satchell', 'yang-zhang'] as const;
export type RangeMethod = (typeof RANGE_METHODS)[number];

const isRange = (m: VolatilityMethod): m is RangeMethod => (RANGE_METHODS as readonly string[]).includes(m);

/** Input of {@link estimateVolatility}. */
export const EstimateVolatilityInput = z.object({
  /** The series, in time order (contents are checked by `returnsFromSeries`); the series methods (close, ewma, garch, garch-t). */
  values: z.custom<ArrayLike<number>>((v) => Array.isArray(v) || v instanceof Float64Array, 'values must be an array of numbers').optional(),
  /** What `values` holds: prices, or returns per period (simple or log, used as given); methods 'close', 'ewma', 'garch', 'garch-t'. */
  input: z.enum(SERIES_INPUTS).optional(),
  /** OHLC bars in time order (contents are checked by `requireOhlc`); the range methods. */
  ohlc: z.custom<OhlcBars>((v) => typeof v === 'object' && v !== null, 'ohlc must be an object { open, high, low, close }').optional(),
  /** Estimator: close-to-close, RiskMetrics EWMA, or a range estimator on `ohlc`. */
  method: z.enum(VOLATILITY_METHODS),
  /** Periods per year; overrides inference from `timestamps`. */
  periodsPerYear: positive().optional(),
  /** EWMA decay λ in (0, 1) (default 0.94); only with method 'ewma'. */
  lambda: openUnit().optional(),
  /** One timestamp per value (or per bar), used to infer periodsPerYear when it is not given. */
  timestamps: z.array(z.string()).optional(),
  /** Days per year for inference and the default (default 365). */
  daysPerYear: positive().default(DAYS_PER_YEAR_CRYPTO),
  /** Methods 'garch' and 'garch-t': forecast the average volatility over this many periods (default 1: the next period). */
  horizon: z.number().int().min(1).max(100_000).optional(),
  /** Method 'implied': how the index is quoted (default 'percent', as DVOL). */
  ivUnit: z.enum(['percent', 'decimal']).optional(),
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
  readonly method: VolatilityMethod;
  /** Number of log returns (close, ewma, garch, garch-t) or bars (range methods; periods after the first bar for yang-zhang) used. */
  readonly observations: number;
  /** EWMA decay used (method 'ewma' only). */
  readonly lambda?: number;
  /** The GARCH(1,1) fit on the log returns (methods 'garch' and 'garch-t' only). */
  readonly garch?: GarchFit;
  /** GARCH: the periods the forecast averages over (1 = the next period). */
  readonly horizon?: number;
  /** Method 'implied': the latest index value as quoted and its timestamp. */
  readonly implied?: ImpliedIndexVol;
}

type ParsedInput = z.output<typeof EstimateVolatilityInput>;

function checkTimestamps(timestamps: string[] | undefined, n: number, what: string): void {
  if (timestamps !== undefined && timestamps.length !== n) {
    throw new TradesizeError(
      'INVALID_INPUT',
      `estimateVolatility: ${timestamps.length} timestamps for ${n} ${what}s; need one per ${what}`,
      ['timestamps'],
    );
  }
}

/** Range methods: one estimator call on the OHLC bars. */
function fromBars(req: ParsedInput, method: RangeMethod): VolatilityEstimate {
  for (const key of ['values', 'input'] as const) {
    if (req[key] !== undefined) {
      throw new TradesizeError('CONFLICTING_OPTIONS', `estimateVolatility: method '${method}' reads ohlc bars, not ${key}`, [key]);
    }
  }
  const bars = req.ohlc;
  if (bars === undefined) throw new TradesizeError('MISSING_OPTION', `estimateVolatility: method '${method}' needs ohlc bars`, ['ohlc']);
  // At least 2 observations, as for the series methods: bars, or periods after the first bar (yang-zhang).
  requireOhlc(bars, method === 'yang-zhang' ? 3 : 2);
  checkTimestamps(req.timestamps, bars.high.length, 'bar');
  const periods = resolvePeriods(req.periodsPerYear, req.timestamps, req.daysPerYear);
  const o = { periodsPerYear: periods.periodsPerYear };
  const est =
    method === 'parkinson'
      ? parkinsonVol(bars, o)
      : method === 'garman-klass'
        ? garmanKlassVol(bars, o)
        : method === 'rogers-satchell'
          ? rogersSatchellVol(bars, o)
          : yangZhangVol(bars, o);
  if (!(est.periodVol > 0)) {
    throw new TradesizeError('INSUFFICIENT_DATA', 'estimateVolatility: the bars have zero volatility (constant prices)', ['ohlc']);
  }
  return { sigma: est.annualizedVol, periodVol: est.periodVol, ...periods, method, observations: est.observations };
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

/** fitGarch on the log returns; its errors on ['returns', …] are reported on ['values', …]. */
function garchOnValues(returns: Float64Array, method: 'garch' | 'garch-t', periodsPerYear: number, horizon: number): GarchFit {
  try {
    return fitGarch(returns, { innovations: method === 'garch' ? 'normal' : 'student-t', periodsPerYear, horizon });
  } catch (e) {
    if (e instanceof TradesizeError && e.path[0] === 'returns') {
      throw new TradesizeError(e.code, e.message, ['values', ...e.path.slice(1)], e.details as Record<string, unknown> | undefined);
    }
    throw e;
  }
}

/** Method 'implied': the latest index value; the index is annual already, so no periods are involved. */
function fromIndex(req: ParsedInput, values: ArrayLike<number>): VolatilityEstimate {
  if (req.input !== undefined) {
    throw new TradesizeError('CONFLICTING_OPTIONS', "estimateVolatility: method 'implied' reads index levels, not prices or returns", ['input']);
  }
  checkTimestamps(req.timestamps, values.length, 'value');
  const implied = impliedVolFromIndex(values, { unit: req.ivUnit ?? 'percent', ...(req.timestamps === undefined ? {} : { timestamps: req.timestamps }) });
  const periods = resolvePeriods(req.periodsPerYear, req.timestamps, req.daysPerYear);
  return {
    sigma: implied.sigma,
    periodVol: implied.sigma / Math.sqrt(periods.periodsPerYear),
    ...periods,
    method: 'implied',
    observations: implied.observations,
    implied,
  };
}

/**
 * Annualised volatility of a price or return series (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT (bad options, a price ≤ 0 or a non-finite value at ['values', i],
 *   an inconsistent bar at ['ohlc', field, i], timestamps not one per value or bar),
 *   MISSING_OPTION (values/input without ohlc, or ohlc for a range method), CONFLICTING_OPTIONS
 *   (lambda with a method other than 'ewma', ohlc with a series method, values or input with a range
 *   method), INSUFFICIENT_DATA (fewer than 2 returns or observations, fewer than 100 returns for
 *   'garch'/'garch-t', or zero volatility),
 *   PARSE_ERROR (unreadable timestamp).
 * @example
 * estimateVolatility({ values: hourlyCloses, input: 'prices', method: 'ewma', timestamps });
 *   // => { sigma, periodVol, periodsPerYear: 8760, periodsPerYearSource: 'inferred', method: 'ewma', lambda: 0.94, ... }
 * estimateVolatility({ values: [100, 101, 99, 102], input: 'prices', method: 'close' }).periodsPerYear;  // => 365
 * estimateVolatility({ ohlc: { open, high, low, close }, method: 'yang-zhang', periodsPerYear: 365 }).sigma;
 */
export function estimateVolatility(input: EstimateVolatilityInput): VolatilityEstimate {
  const req = parseInput(EstimateVolatilityInput, input, 'estimateVolatility');
  if (req.lambda !== undefined && req.method !== 'ewma') {
    throw new TradesizeError('CONFLICTING_OPTIONS', "estimateVolatility: lambda applies only to method 'ewma'", ['lambda']);
  }
  if (isRange(req.method)) return fromBars(req, req.method);
  if (req.ohlc !== undefined) {
    throw new TradesizeError('CONFLICTING_OPTIONS', `estimateVolatility: ohlc applies only to the range methods, not '${req.method}'`, ['ohlc']);
  }
  if (req.values === undefined) throw new TradesizeError('MISSING_OPTION', `estimateVolatility: method '${req.method}' needs values`, ['values']);
  if (req.horizon !== undefined && req.method !== 'garch' && req.method !== 'garch-t') {
    throw new TradesizeError('CONFLICTING_OPTIONS', `estimateVolatility: horizon applies only to methods 'garch' and 'garch-t' (the others are flat forecasts)`, ['horizon']);
  }
  if (req.method === 'implied') return fromIndex(req, req.values);
  if (req.ivUnit !== undefined) throw new TradesizeError('CONFLICTING_OPTIONS', "estimateVolatility: ivUnit applies only to method 'implied'", ['ivUnit']);
  if (req.input === undefined) throw new TradesizeError('MISSING_OPTION', `estimateVolatility: method '${req.method}' needs input`, ['input']);
  checkTimestamps(req.timestamps, req.values.length, 'value');
  // Prices become log returns; returns given as data (simple, log or percent) are measured as given: nothing is compounded.
  const returns = returnsFromSeries(req.values, req.input, req.input === 'returns' ? 'simple' : 'log');
  if (returns.length < 2) {
    throw new TradesizeError('INSUFFICIENT_DATA', `estimateVolatility: needs at least 2 returns, got ${returns.length}`, ['values']);
  }
  const periods = resolvePeriods(req.periodsPerYear, req.timestamps, req.daysPerYear);
  const base = { ...periods, method: req.method, observations: returns.length };
  if (req.method === 'garch' || req.method === 'garch-t') {
    const horizon = req.horizon ?? 1;
    const fit = garchOnValues(returns, req.method, periods.periodsPerYear, horizon);
    let variance = 0;
    for (const h of fit.forecasts) variance += h;
    const periodVol = Math.sqrt(variance / horizon);
    return { sigma: annualizeVol(periodVol, periods.periodsPerYear), periodVol, ...base, garch: fit, horizon };
  }
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
