/**
 * Open/high/low/close bars: read from CSV text such as an OHLCV file
 * `timestamp,open,high,low,close,volume`, and checked before a range-based volatility estimator
 * uses them.
 *
 * Parsing uses the one-pass reader of {@link parseSeriesCsv} (./csv-reader.ts), so the CSV rules are the same (RFC 4180,
 * required header, every cell a finite decimal, PARSE_ERROR naming the 1-based line, no row
 * skipped or filled). The four columns are matched by their exact headers (default `open`, `high`,
 * `low`, `close`). The function does no file I/O: the caller reads the file.
 *
 * A bar is consistent when 0 < low ≤ min(open, close) and max(open, close) ≤ high; this is what
 * makes the range estimators (Parkinson, Garman–Klass, Rogers–Satchell) non-negative.
 *
 * Source: RFC 4180 (2005) for the CSV format; the bar conditions are those assumed by
 * M. B. Garman and M. J. Klass, "On the Estimation of Security Price Volatilities from Historical
 * Data", Journal of Business 53(1) (1980), 67–78.
 */
import { TradesizeError, type FieldPath } from '../core/errors.js';
import { findTimestamp, type CsvStream } from './csv.js';
import { CsvColumnReader } from './csv-reader.js';

/** The four price series of OHLC bars, in time order, one value per bar. */
export interface OhlcBars {
  readonly open: ArrayLike<number>;
  readonly high: ArrayLike<number>;
  readonly low: ArrayLike<number>;
  readonly close: ArrayLike<number>;
}

/** Header names of the OHLC columns (exact match). */
export interface OhlcColumns {
  readonly open?: string;
  readonly high?: string;
  readonly low?: string;
  readonly close?: string;
}

/** Result of {@link parseOhlcCsv}. */
export interface OhlcCsv {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  /** The timestamp column's raw strings in file order, or null when the file has none. */
  readonly timestamps: string[] | null;
  /** Number of data rows (excluding the header). */
  readonly rows: number;
}

type Field = 'open' | 'high' | 'low' | 'close';

/**
 * Reads the open, high, low and close columns (and the timestamps, when present) from CSV text.
 * The values are not checked for consistency here: see {@link requireOhlc}.
 *
 * @param text - the whole CSV text, header first
 * @param columns - header names when they are not `open`, `high`, `low`, `close`
 * @throws TradesizeError PARSE_ERROR (malformed CSV or bad cell: path ['data', line, column]),
 *   INVALID_INPUT (a missing column: path ['open'] … ['close']), INSUFFICIENT_DATA (no data rows).
 * @example
 * parseOhlcCsv('timestamp,open,high,low,close\n2024-01-01,100,110,95,105\n');
 *   // => { open: [100], high: [110], low: [95], close: [105], timestamps: ['2024-01-01'], rows: 1 }
 */
export function parseOhlcCsv(text: string, columns: OhlcColumns = {}): OhlcCsv {
  if (typeof text !== 'string') throw new TradesizeError('INVALID_INPUT', 'parseOhlcCsv: text must be a string', ['text']);
  const reader = ohlcCsvReader(columns);
  reader.push(new TextEncoder().encode(text));
  return reader.end();
}

const FIELDS = ['open', 'high', 'low', 'close'] as const;

/**
 * {@link parseOhlcCsv} over bytes that arrive in chunks: one pass reads all four columns.
 *
 * @example
 * const r = ohlcCsvReader();
 * r.push(new TextEncoder().encode('timestamp,open,high,low,close\n2024-01-01,100,110,95,105\n'));
 * r.end().high;  // => Float64Array [110]
 */
export function ohlcCsvReader(columns: OhlcColumns = {}): CsvStream<OhlcCsv> {
  const reader = new CsvColumnReader((header) => {
    const picked = FIELDS.map((field: Field) => {
      const name = columns[field] ?? field;
      const i = header.indexOf(name);
      if (i < 0) {
        const available = header.map((h) => `"${h}"`).join(', ');
        throw new TradesizeError('INVALID_INPUT', `parseOhlcCsv: ${field} column: parseSeriesCsv: no column "${name}"; available columns: ${available}`, [field]);
      }
      return i;
    });
    return { columns: picked, timestamp: findTimestamp(header) };
  });
  return {
    push: (chunk) => reader.push(chunk),
    end: () => {
      const out = reader.end();
      const [open, high, low, close] = out.columns as [Float64Array, Float64Array, Float64Array, Float64Array];
      return { open, high, low, close, timestamps: out.timestamps, rows: out.rows };
    },
  };
}

function checkSeries(values: unknown, path: FieldPath, length: number): ArrayLike<number> {
  if (!Array.isArray(values) && !(values instanceof Float64Array)) {
    throw new TradesizeError('INVALID_INPUT', `${path.join('.')} must be an array of numbers`, path);
  }
  if (values.length !== length) {
    throw new TradesizeError('INVALID_INPUT', `${path.join('.')} has ${values.length} values for ${length} bars; need one per bar`, path);
  }
  for (let i = 0; i < length; i++) {
    const x: unknown = values[i];
    if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) {
      throw new TradesizeError('INVALID_INPUT', `${path.join('.')}[${i}] must be a finite price > 0, got ${String(x)}`, [...path, i]);
    }
  }
  return values as ArrayLike<number>;
}

/**
 * Checks OHLC bars (or only high and low, when open and close are absent): arrays of equal
 * length ≥ `min`, every price finite and > 0, low ≤ high, and open and close within [low, high].
 *
 * @param bars - the bars; open and close are optional (Parkinson needs only high and low)
 * @param min - the fewest bars accepted
 * @param path - path prefix for errors (default ['ohlc'])
 * @throws TradesizeError INVALID_INPUT (not an array, unequal lengths, a price that is not finite
 *   and positive, high < low, open or close outside [low, high]: path [...path, field, i]),
 *   INSUFFICIENT_DATA (fewer than `min` bars: path [...path, 'high']).
 * @example
 * requireOhlc({ open: [100], high: [110], low: [95], close: [105] }, 1);  // ok
 * requireOhlc({ high: [90], low: [95] }, 1);  // throws INVALID_INPUT at ['ohlc', 'high', 0]
 */
export function requireOhlc(bars: Partial<OhlcBars> & Pick<OhlcBars, 'high' | 'low'>, min: number, path: FieldPath = ['ohlc']): void {
  if (bars === null || typeof bars !== 'object') throw new TradesizeError('INVALID_INPUT', `${path.join('.')} must be an object`, path);
  const rawHigh: unknown = bars.high;
  if (!Array.isArray(rawHigh) && !(rawHigh instanceof Float64Array)) {
    throw new TradesizeError('INVALID_INPUT', `${[...path, 'high'].join('.')} must be an array of numbers`, [...path, 'high']);
  }
  const n = rawHigh.length;
  if (n < min) {
    throw new TradesizeError('INSUFFICIENT_DATA', `${path.join('.')} needs at least ${min} bars, got ${n}`, [...path, 'high']);
  }
  const high = checkSeries(rawHigh, [...path, 'high'], n);
  const low = checkSeries(bars.low, [...path, 'low'], n);
  for (let i = 0; i < n; i++) {
    if ((high[i] as number) < (low[i] as number)) {
      throw new TradesizeError('INVALID_INPUT', `bar ${i}: high ${high[i]} is below low ${low[i]}`, [...path, 'high', i]);
    }
  }
  for (const field of ['open', 'close'] as const) {
    if (bars[field] === undefined) continue;
    const x = checkSeries(bars[field], [...path, field], n);
    for (let i = 0; i < n; i++) {
      const v = x[i] as number;
      if (v > (high[i] as number) || v < (low[i] as number)) {
        throw new TradesizeError('INVALID_INPUT', `bar ${i}: ${field} ${v} is outside [low ${low[i]}, high ${high[i]}]`, [...path, field, i]);
      }
    }
  }
}
