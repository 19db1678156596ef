/**
 * One numeric series (prices or returns) out of CSV text, such as an OHLCV file
 * `timestamp,open,high,low,close,volume`.
 *
 * Rules (see ./csv-reader.ts, which reads the bytes in one pass): RFC 4180 fields (quoted fields
 * allowed), a required header row, CRLF or LF line ends, an optional UTF-8 BOM and trailing line
 * breaks. Every cell of the chosen column must be a finite
 * decimal number: an empty, non-numeric or non-finite cell is a PARSE_ERROR naming its 1-based
 * line, and no row is ever skipped or filled. Gaps in time (missing bars) are kept as they are.
 * The function does no file I/O: the caller reads the file.
 *
 * Source: RFC 4180, "Common Format and MIME Type for Comma-Separated Values (CSV) Files" (2005):
 * comma-separated fields, optional double quotes, `""` escaping a quote inside quotes.
 */
import { z } from 'zod';
import { TradesizeError } from '../core/errors.js';
import { parseInput } from '../core/validate.js';
import { CsvColumnReader } from './csv-reader.js';

/** Options of {@link parseSeriesCsv}. */
export const ParseSeriesCsvOptions = z.object({
  /** Header of the value column (exact match). Default: `close` (any case) if present, else the only non-timestamp column. */
  column: z.string().min(1).optional(),
  /** Header of the timestamp column (exact match). Default: `timestamp`, `time` or `date` (any case) if present. */
  timestampColumn: z.string().min(1).optional(),
});
export type ParseSeriesCsvOptions = z.input<typeof ParseSeriesCsvOptions>;

/** Result of {@link parseSeriesCsv}. */
export interface SeriesCsv {
  /** Header of the column that was read. */
  readonly column: string;
  /** The column's values in file order. */
  readonly values: Float64Array;
  /** The timestamp column's raw strings in file order, or null when the file has none. */
  readonly timestamps: string[] | null;
  /** Number of data rows (excluding the header). */
  readonly rows: number;
}

/** Default value column, matched case-insensitively. */
const DEFAULT_COLUMN = 'close';
/** Timestamp headers recognised by default, in order of preference, matched case-insensitively. */
const TIMESTAMP_HEADERS = ['timestamp', 'time', 'date'] as const;

function findDefault(header: readonly string[], names: readonly string[]): number {
  for (const name of names) {
    const i = header.findIndex((h) => h.toLowerCase() === name);
    if (i >= 0) return i;
  }
  return -1;
}

/** Index of the default timestamp column (`timestamp`, `time` or `date`, any case), or −1. */
export function findTimestamp(header: readonly string[]): number {
  return findDefault(header, TIMESTAMP_HEADERS);
}

function listColumns(header: readonly string[]): string {
  return header.map((h) => `"${h}"`).join(', ');
}

function resolveTimestamp(header: readonly string[], name: string | undefined): number {
  if (name === undefined) return findTimestamp(header);
  const i = header.indexOf(name);
  if (i < 0) {
    throw new TradesizeError(
      'INVALID_INPUT',
      `parseSeriesCsv: no timestamp column "${name}"; available columns: ${listColumns(header)}`,
      ['timestampColumn'],
    );
  }
  return i;
}

function resolveValue(header: readonly string[], name: string | undefined, tsIndex: number): number {
  if (name !== undefined) {
    const i = header.indexOf(name);
    if (i < 0) {
      throw new TradesizeError('INVALID_INPUT', `parseSeriesCsv: no column "${name}"; available columns: ${listColumns(header)}`, [
        'column',
      ]);
    }
    return i;
  }
  const close = findDefault(header, [DEFAULT_COLUMN]);
  if (close >= 0) return close;
  const others = header.map((_, i) => i).filter((i) => i !== tsIndex);
  const only = others[0];
  if (others.length === 1 && only !== undefined) return only;
  throw new TradesizeError(
    'INVALID_INPUT',
    `parseSeriesCsv: no "close" column and several candidates; choose one with column: ${listColumns(header)}`,
    ['column'],
  );
}

/**
 * Reads one numeric column (and the timestamps, when present) from CSV text.
 *
 * @param text - the whole CSV text, header first
 * @param options - which column to read; see {@link ParseSeriesCsvOptions}
 * @throws TradesizeError PARSE_ERROR (malformed CSV, missing header, bad cell: path ['data', line, column]),
 *   INVALID_INPUT (unknown or ambiguous column: path ['column'] or ['timestampColumn']),
 *   INSUFFICIENT_DATA (no data rows).
 * @example
 * parseSeriesCsv('timestamp,open,close\n2024-01-01T00:00:00Z,1,2\n');
 *   // => { column: 'close', values: Float64Array [2], timestamps: ['2024-01-01T00:00:00Z'], rows: 1 }
 * parseSeriesCsv('date,ret\n2024-01-01,0.01\n2024-01-02,-0.02\n').column;  // => 'ret'
 * parseSeriesCsv('a,b\n1,x\n', { column: 'b' });  // throws PARSE_ERROR at ['data', 2, 'b']
 */
export function parseSeriesCsv(text: string, options: ParseSeriesCsvOptions = {}): SeriesCsv {
  if (typeof text !== 'string') throw new TradesizeError('INVALID_INPUT', 'parseSeriesCsv: text must be a string', ['text']);
  const reader = seriesCsvReader(options);
  reader.push(new TextEncoder().encode(text));
  return reader.end();
}

/** A CSV parser fed chunk by chunk (the CLI streams a file through it): `push` the bytes, then `end`. */
export interface CsvStream<T> {
  push(chunk: Uint8Array): void;
  end(): T;
}

/**
 * {@link parseSeriesCsv} over bytes that arrive in chunks: same rules, same result, same errors,
 * without the whole text in memory.
 *
 * @example
 * const r = seriesCsvReader();
 * r.push(new TextEncoder().encode('date,ret\n2024-01-01,0.01\n'));
 * r.end().values;  // => Float64Array [0.01]
 */
export function seriesCsvReader(options: ParseSeriesCsvOptions = {}): CsvStream<SeriesCsv> {
  const { column, timestampColumn } = parseInput(ParseSeriesCsvOptions, options, 'parseSeriesCsv');
  let name = '';
  const reader = new CsvColumnReader((header) => {
    const tsIndex = resolveTimestamp(header, timestampColumn);
    const valueIndex = resolveValue(header, column, tsIndex);
    name = header[valueIndex] ?? '';
    return { columns: [valueIndex], timestamp: tsIndex };
  });
  return {
    push: (chunk) => reader.push(chunk),
    end: () => {
      const out = reader.end();
      return { column: name, values: out.columns[0] as Float64Array, timestamps: out.timestamps, rows: out.rows };
    },
  };
}
