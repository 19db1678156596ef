/**
 * One numeric series (prices or returns) out of CSV text, such as an OHLCV file
 * `timestamp,open,high,low,close,volume`.
 *
 * Rules: RFC 4180 fields (quoted fields allowed), a required header row, CRLF or LF line ends,
 * an optional UTF-8 BOM and trailing line breaks. Every cell of the chosen column must be a finite
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
/** A plain decimal number: optional sign, digits with an optional fraction, optional exponent. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** One CSV record and the 1-based line it starts on. */
interface CsvRecord {
  readonly fields: string[];
  readonly line: number;
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const LINE_BREAK = /\r\n|\r|\n/g;

function csvError(line: number, message: string): TradesizeError {
  return new TradesizeError('PARSE_ERROR', `parseSeriesCsv: line ${line}: ${message}`, ['data', line]);
}

/** Reads a quoted field opening at `i`; returns its unescaped text, the index after it and the line breaks inside. */
function readQuoted(text: string, i: number, line: number): { value: string; next: number; breaks: number } {
  let value = '';
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) throw csvError(line, 'quoted field is not closed');
    value += text.slice(j, q);
    if (text.charCodeAt(q + 1) !== QUOTE) return { value, next: q + 1, breaks: value.match(LINE_BREAK)?.length ?? 0 };
    value += '"';
    j = q + 2;
  }
}

/** Splits RFC 4180 text into records of trimmed fields; trailing blank lines are dropped. */
function readRecords(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const fields: string[] = [];
    const start = line;
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        const q = readQuoted(text, i, line);
        fields.push(q.value.trim());
        line += q.breaks;
        i = q.next;
      } else {
        let j = i;
        for (let c = text.charCodeAt(j); j < n && c !== COMMA && c !== CR && c !== LF; c = text.charCodeAt(++j));
        fields.push(text.slice(i, j).trim());
        i = j;
      }
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      if (i >= n) break;
      if (c !== CR && c !== LF) throw csvError(line, 'unexpected text after a closing quote');
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    out.push({ fields, line: start });
  }
  while (isBlank(out[out.length - 1])) out.pop();
  return out;
}

function isBlank(record: CsvRecord | undefined): boolean {
  return record !== undefined && record.fields.length === 1 && record.fields[0] === '';
}

function findDefault(header: readonly string[], names: readonly string[]): number {
  for (const name of names) {
    const i = header.findIndex((h) => h.toLowerCase() === name);
    if (i >= 0) return i;
  }
  return -1;
}

function listColumns(header: readonly string[]): string {
  return header.map((h) => `"${h}"`).join(', ');
}

function resolveTimestamp(header: readonly string[], name: string | undefined): number {
  if (name === undefined) return findDefault(header, TIMESTAMP_HEADERS);
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

function checkHeader(header: readonly string[]): void {
  if (header.every((h) => DECIMAL.test(h))) {
    throw new TradesizeError('PARSE_ERROR', 'parseSeriesCsv: line 1 looks like data; a header row is required', ['data', 1]);
  }
  header.forEach((h, i) => {
    if (h === '') throw new TradesizeError('PARSE_ERROR', `parseSeriesCsv: line 1: header ${i + 1} is empty`, ['data', 1]);
    if (header.indexOf(h) !== i) {
      throw new TradesizeError('PARSE_ERROR', `parseSeriesCsv: line 1: duplicate header "${h}"`, ['data', 1]);
    }
  });
}

function cellError(line: number, column: string, problem: string): TradesizeError {
  return new TradesizeError('PARSE_ERROR', `parseSeriesCsv: line ${line}, column "${column}": ${problem}`, ['data', line, column]);
}

/** Parses one cell as a finite decimal number, or throws PARSE_ERROR at (line, column). */
function parseCell(cell: string, line: number, column: string): number {
  if (cell === '') throw cellError(line, column, 'empty cell');
  if (!DECIMAL.test(cell)) throw cellError(line, column, `not a number ("${cell}")`);
  const x = Number(cell);
  if (!Number.isFinite(x)) throw cellError(line, column, `not finite ("${cell}")`);
  return x;
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
  const { column, timestampColumn } = parseInput(ParseSeriesCsvOptions, options, 'parseSeriesCsv');
  const records = readRecords(text);
  const first = records[0];
  if (first === undefined) throw new TradesizeError('PARSE_ERROR', 'parseSeriesCsv: empty CSV; a header row is required', ['data']);
  const header = first.fields;
  checkHeader(header);
  const tsIndex = resolveTimestamp(header, timestampColumn);
  const valueIndex = resolveValue(header, column, tsIndex);
  const name = header[valueIndex] ?? '';
  const tsName = header[tsIndex] ?? '';
  const n = records.length - 1;
  if (n === 0) throw new TradesizeError('INSUFFICIENT_DATA', 'parseSeriesCsv: the CSV has a header but no data rows', ['data']);
  const values = new Float64Array(n);
  const timestamps: string[] | null = tsIndex >= 0 ? new Array<string>(n) : null;
  for (let r = 0; r < n; r++) {
    const { fields, line } = records[r + 1] as CsvRecord;
    if (fields.length !== header.length) throw csvError(line, `expected ${header.length} fields, got ${fields.length}`);
    values[r] = parseCell(fields[valueIndex] ?? '', line, name);
    if (timestamps !== null) {
      const ts = fields[tsIndex] ?? '';
      if (ts === '') throw cellError(line, tsName, 'empty cell');
      timestamps[r] = ts;
    }
  }
  return { column: name, values, timestamps, rows: n };
}
