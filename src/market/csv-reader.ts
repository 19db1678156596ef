/**
 * The single-pass CSV reader behind {@link parseSeriesCsv} and {@link parseOhlcCsv}: it takes the
 * file's bytes in chunks (as they are read, or all at once) and keeps only the chosen numeric
 * columns, as Float64Array, and the timestamp column's strings — never a per-row object or a cell
 * it does not need, so memory stays near the size of the columns it returns.
 *
 * Rules: RFC 4180 fields (quoted fields allowed, `""` escaping a quote), a required header row,
 * CRLF, CR or LF line ends, an optional UTF-8 BOM, trailing blank lines dropped; every field is
 * trimmed. Every cell of a chosen column must be a finite decimal number: an empty, non-numeric or
 * non-finite cell is a PARSE_ERROR naming its 1-based line and column, and no row is ever skipped
 * or filled. A record longer than {@link MAX_RECORD_BYTES} is a PARSE_ERROR (a quoted field that is
 * never closed would otherwise hold the whole file).
 *
 * Source: RFC 4180, "Common Format and MIME Type for Comma-Separated Values (CSV) Files" (2005);
 * the numbers are read by ./decimal.ts (Clinger's fast path) or `Number`.
 */
import { TradesizeError } from '../core/errors.js';
import { Buffer } from 'node:buffer';
import { fastDecimal } from './decimal.js';

/** A plain decimal number: optional sign, digits with an optional fraction, optional exponent. */
export const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** The longest record (one row, with its quoted line breaks) the reader accepts: 16 MiB. */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** Which header columns to keep: numeric `columns` (indices) and the `timestamp` index (−1: none). */
export interface ColumnPick {
  readonly columns: readonly number[];
  readonly timestamp: number;
}

/** What {@link CsvColumnReader.end} returns. */
export interface CsvColumns {
  readonly header: readonly string[];
  /** One Float64Array per picked column, in the order of `ColumnPick.columns`. */
  readonly columns: Float64Array[];
  readonly timestamps: string[] | null;
  readonly rows: number;
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** A PARSE_ERROR at a 1-based line: path ['data', line]. */
export function csvError(line: number, message: string): TradesizeError {
  return new TradesizeError('PARSE_ERROR', `parseSeriesCsv: line ${line}: ${message}`, ['data', line]);
}

/** A PARSE_ERROR at a cell: path ['data', line, column]. */
export function cellError(line: number, column: string, problem: string): TradesizeError {
  return new TradesizeError('PARSE_ERROR', `parseSeriesCsv: line ${line}, column "${column}": ${problem}`, ['data', line, column]);
}

/** Parses one (trimmed) cell as a finite decimal number, or throws PARSE_ERROR at (line, column). */
export function parseCell(cell: string, line: number, column: string): number {
  if (cell === '') throw cellError(line, column, 'empty cell');
  if (!DECIMAL.test(cell)) throw cellError(line, column, `not a number ("${cell}")`);
  const x = Number(cell);
  if (!Number.isFinite(x)) throw cellError(line, column, `not finite ("${cell}")`);
  return x;
}

function checkHeader(header: readonly string[]): void {
  if (header.every((h) => DECIMAL.test(h))) {
    throw new TradesizeError('PARSE_ERROR', 'parseSeriesCsv: line 1 looks like data; a header row is required', ['data', 1]);
  }
  header.forEach((h, i) => {
    if (h === '') throw new TradesizeError('PARSE_ERROR', `parseSeriesCsv: line 1: header ${i + 1} is empty`, ['data', 1]);
    if (header.indexOf(h) !== i) throw new TradesizeError('PARSE_ERROR', `parseSeriesCsv: line 1: duplicate header "${h}"`, ['data', 1]);
  });
}

/** A Float64Array that doubles when full. */
class Column {
  private data = new Float64Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  /** The values, in an array of exactly their length. */
  done(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c;

/**
 * Streams CSV bytes into columns. `pick` sees the header once and says which columns to keep; it
 * may throw (an unknown column).
 *
 * @example
 * const r = new CsvColumnReader((h) => ({ columns: [h.indexOf('close')], timestamp: h.indexOf('timestamp') }));
 * r.push(new TextEncoder().encode('timestamp,close\n2024-01-01,1'));
 * r.push(new TextEncoder().encode('00\n'));
 * r.end();  // => { header: ['timestamp', 'close'], columns: [Float64Array [100]], timestamps: ['2024-01-01'], rows: 1 }
 */
export class CsvColumnReader {
  private carry: Uint8Array | null = null;
  private bomChecked = false;
  /** Line of the next record. */
  private line = 1;
  /** Line of a blank record not yet known to be trailing (0: none). */
  private blankLine = 0;
  private header: string[] | null = null;
  private picked: ColumnPick | null = null;
  private names: string[] = [];
  private values: Column[] = [];
  private timestamps: string[] | null = null;
  private rows = 0;
  // The current record's fields: [starts[k], ends[k]) bytes, quoted[k] = 1 (quoted) or 2 (quoted with "").
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private quoted = new Uint8Array(64);
  private fields = 0;

  constructor(private readonly pick: (header: readonly string[]) => ColumnPick) {}

  /** Feeds the next chunk of the file. */
  push(chunk: Uint8Array): void {
    let buf = chunk;
    if (this.carry !== null) {
      buf = new Uint8Array(this.carry.length + chunk.length);
      buf.set(this.carry);
      buf.set(chunk, this.carry.length);
    }
    const used = this.scan(buf, false);
    this.carry = used < buf.length ? buf.slice(used) : null;
    if (this.carry !== null && this.carry.length > MAX_RECORD_BYTES) {
      throw csvError(this.line, `a record longer than ${MAX_RECORD_BYTES} bytes (a quoted field that is not closed?)`);
    }
  }

  /**
   * Ends the input and returns the columns.
   *
   * @throws TradesizeError PARSE_ERROR (no header), INSUFFICIENT_DATA (no data rows).
   */
  end(): CsvColumns {
    this.scan(this.carry ?? new Uint8Array(0), true);
    this.carry = null;
    const header = this.header;
    if (header === null) throw new TradesizeError('PARSE_ERROR', 'parseSeriesCsv: empty CSV; a header row is required', ['data']);
    if (this.rows === 0) throw new TradesizeError('INSUFFICIENT_DATA', 'parseSeriesCsv: the CSV has a header but no data rows', ['data']);
    return { header, columns: this.values.map((c) => c.done()), timestamps: this.timestamps, rows: this.rows };
  }

  private addField(start: number, end: number, quoted: number): void {
    if (this.fields === this.starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts, (n) => new Int32Array(n));
      this.ends = grow(this.ends, (n) => new Int32Array(n));
      this.quoted = grow(this.quoted, (n) => new Uint8Array(n));
    }
    this.starts[this.fields] = start;
    this.ends[this.fields] = end;
    this.quoted[this.fields] = quoted;
    this.fields++;
  }

  /** Reads the complete records of `buf`; returns the offset of the first byte not consumed. */
  private scan(bytes: Uint8Array, eof: boolean): number {
    // A Buffer view (no copy) for its native UTF-8 slicing of the few fields kept as text.
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n = buf.length;
    let i = 0;
    if (!this.bomChecked) {
      if (n < 3 && !eof) return 0;
      this.bomChecked = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
    }
    while (i < n) {
      const recordStart = i;
      const recordLine = this.line;
      let line = recordLine;
      this.fields = 0;
      for (;;) {
        if (i < n && buf[i] === QUOTE) {
          const fieldLine = line;
          let j = i + 1;
          let escaped = false;
          for (;;) {
            if (j >= n) {
              if (!eof) return recordStart;
              throw csvError(fieldLine, 'quoted field is not closed');
            }
            const c = buf[j];
            if (c === QUOTE) {
              if (j + 1 >= n && !eof) return recordStart;
              if (buf[j + 1] !== QUOTE) break;
              escaped = true;
              j += 2;
              continue;
            }
            if (c === CR || (c === LF && buf[j - 1] !== CR)) line++;
            j++;
          }
          this.addField(i + 1, j, escaped ? 2 : 1);
          i = j + 1;
        } else {
          let j = i;
          while (j < n) {
            const c = buf[j];
            if (c === COMMA || c === CR || c === LF) break;
            j++;
          }
          if (j >= n && !eof) return recordStart;
          this.addField(i, j, 0);
          i = j;
        }
        if (i >= n) {
          if (!eof) return recordStart;
          break;
        }
        const c = buf[i];
        if (c === COMMA) {
          i++;
          continue;
        }
        if (c !== CR && c !== LF) throw csvError(line, 'unexpected text after a closing quote');
        if (c === CR) {
          if (i + 1 >= n && !eof) return recordStart;
          i += buf[i + 1] === LF ? 2 : 1;
        } else i++;
        line++;
        break;
      }
      this.line = line;
      this.record(buf, recordLine);
    }
    return n;
  }

  /** The k-th field of the current record as a trimmed string. */
  private text(buf: Buffer, k: number): string {
    const s = buf.toString('utf8', this.starts[k], this.ends[k]);
    return (this.quoted[k] === 2 ? s.replaceAll('""', '"') : s).trim();
  }

  private isBlank(buf: Buffer): boolean {
    if (this.fields !== 1) return false;
    if (this.quoted[0] !== 0) return this.text(buf, 0) === '';
    for (let j = this.starts[0] as number; j < (this.ends[0] as number); j++) if (!isSpace(buf[j] as number)) return this.text(buf, 0) === '';
    return true;
  }

  private record(buf: Buffer, line: number): void {
    if (this.isBlank(buf)) {
      if (this.blankLine === 0) this.blankLine = line;
      return;
    }
    if (this.blankLine !== 0) this.blankRow();
    if (this.header === null) {
      const header = Array.from({ length: this.fields }, (_, k) => this.text(buf, k));
      checkHeader(header);
      const picked = this.pick(header);
      this.header = header;
      this.picked = picked;
      this.names = picked.columns.map((c) => header[c] ?? '');
      this.values = picked.columns.map(() => new Column());
      this.timestamps = picked.timestamp >= 0 ? [] : null;
      return;
    }
    this.row(buf, line);
  }

  /** A blank line followed by more records is a row with one empty field: the error it makes. */
  private blankRow(): never {
    const line = this.blankLine;
    if (this.header === null) throw new TradesizeError('PARSE_ERROR', 'parseSeriesCsv: line 1: header 1 is empty', ['data', 1]);
    if (this.header.length !== 1) throw csvError(line, `expected ${this.header.length} fields, got 1`);
    throw cellError(line, this.names[0] ?? this.header[0] ?? '', 'empty cell');
  }

  private row(buf: Buffer, line: number): void {
    const header = this.header as string[];
    const picked = this.picked as ColumnPick;
    if (this.fields !== header.length) throw csvError(line, `expected ${header.length} fields, got ${this.fields}`);
    for (let c = 0; c < picked.columns.length; c++) {
      const k = picked.columns[c] as number;
      (this.values[c] as Column).push(this.number(buf, k, line, this.names[c] as string));
    }
    if (this.timestamps !== null) {
      const ts = this.text(buf, picked.timestamp);
      if (ts === '') throw cellError(line, header[picked.timestamp] ?? '', 'empty cell');
      this.timestamps.push(ts);
    }
    this.rows++;
  }

  /** The k-th field as a finite number: the byte fast path, else `parseCell` on its text. */
  private number(buf: Buffer, k: number, line: number, column: string): number {
    if (this.quoted[k] === 0) {
      let a = this.starts[k] as number;
      let b = this.ends[k] as number;
      while (a < b && isSpace(buf[a] as number)) a++;
      while (b > a && isSpace(buf[b - 1] as number)) b--;
      const x = fastDecimal(buf, a, b);
      if (x !== undefined) return x;
    }
    return parseCell(this.text(buf, k), line, column);
  }
}
