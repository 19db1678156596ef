/**
 * The bars a backtest runs on: open, high, low and close per bar (a bar stamped with its open
 * time, in ms since the epoch), an optional signal column, checked once; from ccxt OHLCV arrays
 * (`[[timestamp, open, high, low, close, volume], …]`, ccxt's `fetchOHLCV` shape) or from columns.
 *
 * A bar's close happens at the next bar's open time; the last bar's close at its open time plus
 * the median bar spacing. Bars per year = 365 days / the median spacing (the crypto year of
 * `market/periods.ts`).
 *
 * Source: ccxt Manual, "OHLCV Structure" (https://docs.ccxt.com/#/?id=ohlcv-structure); the bar
 * checks are `market/ohlc-csv.ts`'s {@link requireOhlc}.
 *
 * @example
 * const bars = barsFromCcxt([[0, 100, 110, 95, 105, 1], [86_400_000, 105, 106, 99, 100, 1]]);
 * bars.close; // => Float64Array [105, 100]
 * barsPerYear(bars.time); // => 365
 */
import { TradesizeError, type FieldPath } from '../core/errors.js';
import { DAYS_PER_YEAR_CRYPTO } from '../market/periods.js';
import { requireOhlc } from '../market/ohlc-csv.js';

/** Bars in time order; every array has one value per bar. */
export interface Bars {
  /** Open time of each bar, ms since the epoch, strictly increasing. */
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  /** A signal in [−1, 1] known at each bar's close (the `--signal-column`), or null. */
  readonly signal: Float64Array | null;
}

const MS_PER_DAY = 86_400_000;

/** Median spacing of the bar times in ms (≥ 2 bars). */
export function medianSpacing(time: Float64Array): number {
  const steps = new Float64Array(time.length - 1);
  for (let i = 1; i < time.length; i++) steps[i - 1] = (time[i] as number) - (time[i - 1] as number);
  steps.sort();
  const mid = steps.length >> 1;
  return steps.length % 2 === 1 ? (steps[mid] as number) : ((steps[mid - 1] as number) + (steps[mid] as number)) / 2;
}

/**
 * Bars per year: 365 days over the median bar spacing.
 *
 * @example
 * barsPerYear(Float64Array.of(0, 3_600_000, 7_200_000)); // => 8760
 */
export function barsPerYear(time: Float64Array): number {
  return (DAYS_PER_YEAR_CRYPTO * MS_PER_DAY) / medianSpacing(time);
}

/**
 * Checks bars: at least `min`, strictly increasing finite times, consistent OHLC (0 < low ≤
 * open, close ≤ high), a signal in [−1, 1].
 *
 * @throws TradesizeError INSUFFICIENT_DATA, INVALID_INPUT with the path of the bad value.
 */
export function checkBars(bars: Bars, min = 2, path: FieldPath = ['bars']): Bars {
  const n = bars.close.length;
  if (n < min) throw new TradesizeError('INSUFFICIENT_DATA', `a backtest needs at least ${min} bars, got ${n}`, [...path, 'close']);
  if (bars.time.length !== n) throw new TradesizeError('INVALID_INPUT', `${bars.time.length} timestamps for ${n} bars`, [...path, 'time']);
  requireOhlc(bars, min, path);
  for (let i = 0; i < n; i++) {
    const t = bars.time[i] as number;
    if (!Number.isFinite(t) || (i > 0 && !(t > (bars.time[i - 1] as number)))) {
      throw new TradesizeError('INVALID_INPUT', `bar times must be finite and strictly increasing (bar ${i})`, [...path, 'time', i]);
    }
  }
  const s = bars.signal;
  if (s !== null) {
    if (s.length !== n) throw new TradesizeError('INVALID_INPUT', `${s.length} signal values for ${n} bars`, [...path, 'signal']);
    for (let i = 0; i < n; i++) {
      const v = s[i] as number;
      if (!(v >= -1 && v <= 1)) throw new TradesizeError('INVALID_INPUT', `signal[${i}] = ${v} is not in [-1, 1]`, [...path, 'signal', i]);
    }
  }
  return bars;
}

/**
 * Bars from ccxt OHLCV rows `[timestamp ms, open, high, low, close, volume]` (volume unused).
 *
 * @throws TradesizeError INVALID_INPUT (a row that is not 5+ finite numbers), and {@link checkBars}'.
 */
export function barsFromCcxt(rows: readonly (readonly number[])[]): Bars {
  if (!Array.isArray(rows)) throw new TradesizeError('INVALID_INPUT', 'ccxt OHLCV must be an array of rows', ['ohlcv']);
  const n = rows.length;
  const cols = [0, 1, 2, 3, 4].map(() => new Float64Array(n)) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length < 5) throw new TradesizeError('INVALID_INPUT', `ohlcv[${i}] must be [timestamp, open, high, low, close, volume]`, ['ohlcv', i]);
    for (let k = 0; k < 5; k++) {
      const v: unknown = row[k];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new TradesizeError('INVALID_INPUT', `ohlcv[${i}][${k}] is not a finite number`, ['ohlcv', i, k]);
      (cols[k] as Float64Array)[i] = v;
    }
  });
  const [time, open, high, low, close] = cols;
  return checkBars({ time, open, high, low, close, signal: null }, 2, ['ohlcv']);
}

/**
 * The bars whose open time lies in [from, to] (ms; either bound optional).
 *
 * @throws TradesizeError INSUFFICIENT_DATA when fewer than 2 bars remain.
 */
export function sliceBars(bars: Bars, from?: number, to?: number): Bars {
  let lo = 0;
  let hi = bars.time.length;
  if (from !== undefined) while (lo < hi && (bars.time[lo] as number) < from) lo++;
  if (to !== undefined) while (hi > lo && (bars.time[hi - 1] as number) > to) hi--;
  if (hi - lo < 2) throw new TradesizeError('INSUFFICIENT_DATA', `only ${hi - lo} bars between --from and --to; a backtest needs at least 2`, ['from']);
  const cut = (a: Float64Array): Float64Array => a.subarray(lo, hi);
  return { time: cut(bars.time), open: cut(bars.open), high: cut(bars.high), low: cut(bars.low), close: cut(bars.close), signal: bars.signal === null ? null : cut(bars.signal) };
}
