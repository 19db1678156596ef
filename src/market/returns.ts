/**
 * Period returns of a price series, and validation of a return series given as data.
 *
 *   simple return  R_t = P_t / P_{t−1} − 1,
 *   log return     r_t = ln(P_t / P_{t−1}) = ln(1 + R_t).
 *
 * Prices must be finite and > 0; a simple return must be > −1 (a price cannot fall below zero).
 * Consecutive values are differenced as given: a gap in time gives one longer-period return.
 *
 * Source: J. Y. Campbell, A. W. Lo and A. C. MacKinlay, "The Econometrics of Financial Markets"
 * (1997), §1.4 (simple and continuously compounded returns).
 */
import { TradesizeError, type FieldPath } from '../core/errors.js';

/** What a numeric series holds: prices, or simple returns per period. */
export type SeriesInput = 'prices' | 'returns';
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

/**
 * Returns of the requested kind from a series of prices or of simple returns.
 * With `input: 'returns'` the values are simple returns used as given (one per value, each > −1);
 * kind 'log' turns each into ln(1 + R).
 *
 * @throws TradesizeError INVALID_INPUT (bad `input`/`kind`, a non-finite value, a price ≤ 0 or a
 *   return ≤ −1 at path ['values', i]), INSUFFICIENT_DATA (fewer than 2 prices or no returns).
 * @example
 * returnsFromSeries([100, 110], 'prices', 'simple');     // => Float64Array [0.1] (to rounding)
 * returnsFromSeries([0.1, -0.5], 'returns', 'log');      // => Float64Array [ln 1.1, ln 0.5]
 * returnsFromSeries([0.1, -1], 'returns', 'simple');     // throws INVALID_INPUT at ['values', 1]
 */
export function returnsFromSeries(values: ArrayLike<number>, input: SeriesInput, kind: ReturnKind): Float64Array {
  if (input !== 'prices' && input !== 'returns') {
    throw new TradesizeError('INVALID_INPUT', `input must be 'prices' or 'returns', got ${String(input)}`, ['input']);
  }
  if (kind !== 'simple' && kind !== 'log') {
    throw new TradesizeError('INVALID_INPUT', `kind must be 'simple' or 'log', got ${String(kind)}`, ['kind']);
  }
  if (input === 'prices') return priceReturns(values, kind, 'values');
  requireFiniteSeries(values, ['values'], 1);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const r = values[i] as number;
    if (!(r > -1)) throw new TradesizeError('INVALID_INPUT', `values[${i}] must be a simple return > -1, got ${r}`, ['values', i]);
    out[i] = kind === 'log' ? Math.log1p(r) : r;
  }
  return out;
}
