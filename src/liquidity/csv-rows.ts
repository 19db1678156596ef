/**
 * The rows of a small order-book CSV (a header line, comma-separated cells, no quoting), with
 * the columns a format needs looked up by name. Strict: a missing column, a short row or a cell
 * that is not a plain decimal is PARSE_ERROR naming the line.
 *
 * @example
 * const t = csvTable('side,price,quantity\nbid,99,1\n', 'book', ['side', 'price', 'quantity']);
 * t.rows.length;            // => 1
 * t.number(t.rows[0], 'price'); // => 99
 */
import { TradesizeError } from '../core/errors.js';

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** One data row: its cells and its 1-based line number in the file. */
export interface CsvRow {
  readonly cells: readonly string[];
  readonly line: number;
}

/** A parsed table with typed cell readers. */
export interface CsvTable {
  readonly columns: readonly string[];
  readonly rows: readonly CsvRow[];
  text(row: CsvRow, column: string): string;
  number(row: CsvRow, column: string): number;
}

/** The header's column names of `text` (trimmed). */
export function csvHeader(text: string): readonly string[] {
  const end = text.indexOf('\n');
  return (end < 0 ? text : text.slice(0, end)).replace(/^\uFEFF/, '').split(',').map((c) => c.trim());
}

/**
 * Parses `text` with the `required` columns; `source` names the file in errors.
 *
 * @throws TradesizeError PARSE_ERROR for a missing column, a row with the wrong number of cells,
 *   or a non-numeric cell read with `number`.
 */
export function csvTable(text: string, source: string, required: readonly string[]): CsvTable {
  const lines = text.split(/\r?\n/);
  const columns = csvHeader(text);
  const index = new Map(columns.map((c, i) => [c, i]));
  const missing = required.filter((c) => !index.has(c));
  if (missing.length > 0) {
    throw new TradesizeError('PARSE_ERROR', `${source}: missing column(s) ${missing.join(', ')} (header: ${columns.join(',')})`, [source, 1]);
  }
  const rows: CsvRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== columns.length) {
      throw new TradesizeError('PARSE_ERROR', `${source} line ${i + 1}: ${cells.length} cells, the header has ${columns.length}`, [source, i + 1]);
    }
    rows.push({ cells, line: i + 1 });
  }
  const cell = (row: CsvRow, column: string): string => row.cells[index.get(column) as number] as string;
  return {
    columns,
    rows,
    text: cell,
    number(row, column) {
      const v = cell(row, column);
      if (!DECIMAL.test(v)) throw new TradesizeError('PARSE_ERROR', `${source} line ${row.line}: ${column} "${v}" is not a number`, [source, row.line]);
      return Number(v);
    },
  };
}

/** `bid` or `ask` from a side cell (case-insensitive; Bybit writes Buy/Sell), else PARSE_ERROR. */
export function bookSideOf(t: CsvTable, row: CsvRow, source: string): 'bid' | 'ask' {
  const v = t.text(row, 'side').toLowerCase();
  if (v === 'bid' || v === 'buy') return 'bid';
  if (v === 'ask' || v === 'sell') return 'ask';
  throw new TradesizeError('PARSE_ERROR', `${source} line ${row.line}: side must be bid or ask, got "${t.text(row, 'side')}"`, [source, row.line]);
}
