/**
 * Period returns of a price series, and validation of a return series given as data.
 *
 *   simple return  R_t = P_t / P_{t−1} − 1,
 *   log return     r_t = ln(P_t / P_{t−1}) = ln(1 + R_t).
 *
 * Prices must be finite and > 0. A return series given as data is used as given — simple,
 * log or percent returns, any finite value — except where simple returns are compounded
 * (turned into log returns ln(1 + R), or into wealth by a caller that says so): there a simple
 * return must be > −1 (a price cannot fall below zero). Log returns given as data become simple
 * returns by R = e^r − 1 when simple ones are asked for.
 * Consecutive values are differenced as given: a gap in time gives one longer-period return.
 *
 * Source: J. Y. Campbell, A. W. Lo and A. C. MacKinlay, "The Econometrics of Financial Markets"
 * (1997), §1.4 (simple and continuously compounded returns).
 */
import { TradesizeError, type FieldPath } from '../core/errors.js';

/** What a numeric series holds: prices, simple returns per period, or log returns per period. */
export type SeriesInput = 'prices' | 'returns' | 'log-returns';
/** The values {@link SeriesInput} takes, for option lists. */
export const SERIES_INPUTS = ['prices', 'returns', 'log-returns'] as const;
/** Which returns to compute: simple R_t or log r_t. */
export type ReturnKind = 'simple' | 'log';

/**
 * Throws unless `values` is an array or Float64Array of at least `min` finite numbers.
 *
 * @throws TradesizeError INVALID_INPUT (not an array, or a non-finite entry at path [...path, i]),
 *   INSUFFICIENT_DATA (fewer than `min` values, path `path`).
 * @example
 * requireFiniteSeries([0.01, -0.02], ['returns'], 2);   // passes
 * requireFiniteSeries([0.01, NaN], ['returns'], 2);     // throws INVALID_INPUT at ['returns', 1]
 */
export function requireFiniteSeries(values: ArrayLike<number>, path: FieldPath, min: number): void {
  const name = path.join('.');
  if (!Array.isArray(values) && !(values instanceof Float64Array)) {
    throw new TradesizeError('INVALID_INPUT', `${name} must be an array of numbers`, path);
  }
  if (values.length < min) {
    throw new TradesizeError('INSUFFICIENT_DATA', `${name} needs at least ${min} values, got ${values.length}`, path);
  }
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new TradesizeError('INVALID_INPUT', `${name}[${i}] must be a finite number, got ${String(x)}`, [...path, i]);
    }
  }
}

function priceReturns(prices: ArrayLike<number>, kind: ReturnKind, name: string): Float64Array {
  requireFiniteSeries(prices, [name], 2);
  for (let i = 0; i < prices.length; i++) {
    const p = prices[i] as number;
    if (!(p > 0)) throw new TradesizeError('INVALID_INPUT', `${name}[${i}] must be a positive price, got ${p}`, [name, i]);
  }
  const out = new Float64Array(prices.length - 1);
  for (let i = 1; i < prices.length; i++) {
    const ratio = (prices[i] as number) / (prices[i - 1] as number);
    const r = kind === 'log' ? Math.log(ratio) : ratio - 1;
    if (!Number.isFinite(r)) {
      throw new TradesizeError('NON_FINITE_RESULT', `${name}[${i}]: the return from the previous price overflows`, [name, i]);
    }
    out[i - 1] = r;
  }
  return out;
}

/**
 * Simple returns R_t = P_t/P_{t−1} − 1 (length n − 1).
 *
 * @throws TradesizeError INSUFFICIENT_DATA (fewer than 2 prices), INVALID_INPUT (a price not finite or ≤ 0, path ['prices', i]).
 * @example
 * simpleReturns([100, 110, 99]);  // => Float64Array [0.1, -0.1] (to rounding)
 */
export function simpleReturns(prices: ArrayLike<number>): Float64Array {
  return priceReturns(prices, 'simple', 'prices');
}

/**
 * Log returns r_t = ln(P_t/P_{t−1}) (length n − 1).
 *
 * @throws TradesizeError INSUFFICIENT_DATA (fewer than 2 prices), INVALID_INPUT (a price not finite or ≤ 0, path ['prices', i]).
 * @example
 * logReturns([100, 200, 100]);  // => Float64Array [0.693147…, -0.693147…]
 */
export function logReturns(prices: ArrayLike<number>): Float64Array {
  return priceReturns(prices, 'log', 'prices');
}

/** Options of {@link returnsFromSeries}. */
export interface ReturnsFromSeriesOptions {
  /** The caller compounds the simple returns (wealth × (1 + R)): each given simple return must be > −1. Default false. */
  readonly compounded?: boolean;
}

/**
 * Returns of the requested kind from a series of prices, simple returns or log returns.
 *
 * - `input: 'prices'`: R_t = P_t/P_{t−1} − 1 or r_t = ln(P_t/P_{t−1}) (length n − 1).
 * - `input: 'returns'`: simple returns, one per value. Kind 'simple' uses them as given (any
 *   finite value, so percent returns pass) unless `compounded`; kind 'log' compounds them,
 *   r = ln(1 + R), and so needs R > −1.
 * - `input: 'log-returns'`: log returns, any finite value. Kind 'log' uses them as given; kind
 *   'simple' compounds them, R = e^r − 1 (always > −1).
 *
 * @throws TradesizeError INVALID_INPUT (bad `input`/`kind`, a non-finite value, a price ≤ 0 or a
 *   compounded simple return ≤ −1 at path ['values', i]), INSUFFICIENT_DATA (fewer than 2 prices
 *   or no returns), NON_FINITE_RESULT (e^r overflows).
 * @example
 * returnsFromSeries([100, 110], 'prices', 'simple');     // => Float64Array [0.1] (to rounding)
 * returnsFromSeries([0.1, -0.5], 'returns', 'log');      // => Float64Array [ln 1.1, ln 0.5]
 * returnsFromSeries([1.2, -3.5], 'returns', 'simple');   // => Float64Array [1.2, -3.5] (percent returns, as given)
 * returnsFromSeries([0.1, -1], 'returns', 'simple', { compounded: true });  // throws INVALID_INPUT at ['values', 1]
 * returnsFromSeries([Math.LN2], 'log-returns', 'simple'); // => Float64Array [1]
 */
export function returnsFromSeries(values: ArrayLike<number>, input: SeriesInput, kind: ReturnKind, options: ReturnsFromSeriesOptions = {}): Float64Array {
  if (!(SERIES_INPUTS as readonly string[]).includes(input)) {
    throw new TradesizeError('INVALID_INPUT', `input must be one of ${SERIES_INPUTS.join(', ')}, got ${String(input)}`, ['input']);
  }
  if (kind !== 'simple' && kind !== 'log') {
    throw new TradesizeError('INVALID_INPUT', `kind must be 'simple' or 'log', got ${String(kind)}`, ['kind']);
  }
  if (input === 'prices') return priceReturns(values, kind, 'values');
  requireFiniteSeries(values, ['values'], 1);
  const out = Float64Array.from(values);
  if (input === 'log-returns') {
    if (kind === 'log') return out;
    for (let i = 0; i < out.length; i++) {
      const r = Math.expm1(out[i] as number);
      if (!Number.isFinite(r)) throw new TradesizeError('NON_FINITE_RESULT', `values[${i}]: the log return ${out[i]} overflows e^r − 1`, ['values', i]);
      out[i] = r;
    }
    return out;
  }
  if (kind === 'simple' && options.compounded !== true) return out;
  for (let i = 0; i < out.length; i++) {
    const r = out[i] as number;
    if (!(r > -1)) {
      throw new TradesizeError('INVALID_INPUT', `values[${i}] must be a simple return > -1 to compound, got ${r} (log returns? use input 'log-returns')`, ['values', i]);
    }
    if (kind === 'log') out[i] = Math.log1p(r);
  }
  return out;
}
