/**
 * Backtest inputs from CSV bytes (no I/O: the caller streams the file in): OHLCV bars
 * `timestamp,open,high,low,close[,volume][,SIGNAL]` (a bar stamped with its open time, ISO-8601
 * UTC or anything `Date.parse` reads) with an optional signal column, and funding
 * `timestamp,rate` (rate a decimal fraction per settlement, positive = longs pay). The CSV rules
 * are those of `market/csv-reader.ts` (RFC 4180, every cell a finite decimal, PARSE_ERROR naming
 * the line).
 *
 * @example
 * const r = barsCsvReader();
 * r.push(new TextEncoder().encode('timestamp,open,high,low,close\n2024-01-01,1,2,1,2\n2024-01-02,2,2,1,1\n'));
 * r.end().close; // => Float64Array [2, 1]
 */
import { TradesizeError } from '../core/errors.js';
import type { CsvStream } from '../market/csv.js';
import { findTimestamp } from '../market/csv.js';
import { CsvColumnReader } from '../market/csv-reader.js';
import { requireIncreasingTimestamps } from '../market/timestamps.js';
import { checkBars, type Bars } from './bars.js';
import { checkFunding, type FundingSeries } from './funding.js';

function column(header: readonly string[], name: string, what: string): number {
  const i = header.indexOf(name);
  if (i < 0) throw new TradesizeError('INVALID_INPUT', `${what}: no column "${name}"; available columns: ${header.map((h) => `"${h}"`).join(', ')}`, [name]);
  return i;
}

function timestamps(header: readonly string[], what: string): number {
  const t = findTimestamp(header);
  if (t < 0) throw new TradesizeError('INVALID_INPUT', `${what}: needs a timestamp column (timestamp, time or date)`, ['timestamp']);
  return t;
}

/** Bars (and the signal column `signalColumn`, when named) from CSV bytes; checked by {@link checkBars}. */
export function barsCsvReader(signalColumn?: string): CsvStream<Bars> {
  const names = ['open', 'high', 'low', 'close', ...(signalColumn === undefined ? [] : [signalColumn])];
  const reader = new CsvColumnReader((header) => ({ columns: names.map((n) => column(header, n, 'OHLCV CSV')), timestamp: timestamps(header, 'OHLCV CSV') }));
  return {
    push: (chunk) => reader.push(chunk),
    end: () => {
      const out = reader.end();
      const time = requireIncreasingTimestamps(out.timestamps ?? [], ['timestamps']);
      const [open, high, low, close, signal] = out.columns as Float64Array[];
      return checkBars({ time, open: open as Float64Array, high: high as Float64Array, low: low as Float64Array, close: close as Float64Array, signal: signal ?? null });
    },
  };
}

/** A funding series `timestamp,rate` from CSV bytes. */
export function fundingCsvReader(): CsvStream<FundingSeries> {
  const reader = new CsvColumnReader((header) => ({ columns: [column(header, 'rate', 'funding CSV')], timestamp: timestamps(header, 'funding CSV') }));
  return {
    push: (chunk) => reader.push(chunk),
    end: () => {
      const out = reader.end();
      return checkFunding({ time: requireIncreasingTimestamps(out.timestamps ?? [], ['timestamps']), rate: out.columns[0] as Float64Array });
    },
  };
}
