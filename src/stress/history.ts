/**
 * Aligned joint daily log returns from several close-price histories: the dates present in every
 * series (intersection, ascending), then ln(close_t / close_{t−1}) between consecutive common
 * dates, one column per underlying — so a bootstrap that draws a date draws every underlying's
 * move of that date (joint moves, cross-correlation kept).
 *
 * @throws TradesizeError INSUFFICIENT_DATA when fewer than 3 common dates remain;
 *   INVALID_INPUT for a non-positive close (path: the series' name).
 * @example
 * alignedLogReturns([{ name: 'BTC', timestamps, closes }, { name: 'ETH', timestamps: t2, closes: c2 }]);
 * // => { dates: ['2017-08-18T00:00:00Z', …], returns: Float64Array (dates × 2), underlyings: ['BTC', 'ETH'] }
 */
import { TradesizeError } from '../core/errors.js';

/** One close-price history. */
export interface CloseSeries {
  readonly name: string;
  readonly timestamps: readonly string[];
  readonly closes: ArrayLike<number>;
}

/** Aligned returns: row t is the move from dates[t − 1] to dates[t] (the first common date has no row). */
export interface AlignedReturns {
  readonly underlyings: readonly string[];
  readonly dates: readonly string[];
  readonly returns: Float64Array;
}

/** Aligns the series on their common dates and takes log returns (module doc). */
export function alignedLogReturns(series: readonly CloseSeries[]): AlignedReturns {
  const maps = series.map((s) => {
    const m = new Map<string, number>();
    s.timestamps.forEach((t, i) => {
      const c = s.closes[i] as number;
      if (!(c > 0)) throw new TradesizeError('INVALID_INPUT', `history ${s.name}: close at ${t} is not positive`, [s.name, i]);
      m.set(t, c);
    });
    return m;
  });
  const first = maps[0];
  const common = first === undefined ? [] : [...first.keys()].filter((t) => maps.every((m) => m.has(t))).sort();
  if (common.length < 3) {
    throw new TradesizeError('INSUFFICIENT_DATA', `history: only ${common.length} dates are common to ${series.map((s) => s.name).join(', ')} (need 3)`, []);
  }
  const U = series.length;
  const returns = new Float64Array((common.length - 1) * U);
  for (let t = 1; t < common.length; t++) {
    for (let u = 0; u < U; u++) {
      const m = maps[u] as Map<string, number>;
      returns[(t - 1) * U + u] = Math.log((m.get(common[t] as string) as number) / (m.get(common[t - 1] as string) as number));
    }
  }
  return { underlyings: series.map((s) => s.name), dates: common.slice(1), returns };
}

/**
 * The columns of `h` in the order of `underlyings` (a portfolio's), dropping the others.
 *
 * @throws TradesizeError MISSING_OPTION naming the underlying without history (['history', u]).
 */
export function alignedColumns(h: AlignedReturns, underlyings: readonly string[]): AlignedReturns {
  const cols = underlyings.map((u) => {
    const k = h.underlyings.indexOf(u);
    if (k < 0) throw new TradesizeError('MISSING_OPTION', `history: no history for underlying ${u}`, ['history', u]);
    return k;
  });
  const W = h.underlyings.length;
  const U = underlyings.length;
  const T = h.returns.length / W;
  const returns = new Float64Array(T * U);
  for (let t = 0; t < T; t++) for (let u = 0; u < U; u++) returns[t * U + u] = h.returns[t * W + (cols[u] as number)] as number;
  return { underlyings, dates: h.dates, returns };
}
