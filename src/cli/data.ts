/**
 * File input for the CLI (the only place besides the bin that touches the file system):
 * reads a CSV and hands its text to the pure parsers in `src/market`, or reads a JSON file.
 */
import { readFile } from 'node:fs/promises';
import { TradesizeError } from '../core/errors.js';
import { parseSeriesCsv, type SeriesCsv } from '../market/csv.js';
import { parseOhlcCsv, type OhlcCsv } from '../market/ohlc-csv.js';
import { estimateVolatility, type VolatilityEstimate } from '../volatility/estimate.js';

/** Reads a text file, mapping a missing file to FILE_NOT_FOUND with the flag as the path. */
export async function readText(file: string, flag: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code ?? e);
    throw new TradesizeError('FILE_NOT_FOUND', `${flag}: cannot read "${file}": ${why}`, [flag]);
  }
}

/** Reads and parses a JSON file, mapping bad JSON to PARSE_ERROR with the flag as the path. */
export async function readJson(file: string, flag: string): Promise<unknown> {
  const text = await readText(file, flag);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new TradesizeError('PARSE_ERROR', `${flag}: "${file}" is not valid JSON (${(e as Error).message})`, [flag]);
  }
}

/** Reads one numeric column (and timestamps) of a CSV file. */
export async function readSeries(file: string, flag: string, column: string | undefined): Promise<SeriesCsv> {
  const text = await readText(file, flag);
  return parseSeriesCsv(text, column === undefined ? {} : { column });
}

/** Reads the open, high, low and close columns (and timestamps) of a CSV file. */
export async function readOhlc(file: string, flag: string): Promise<OhlcCsv> {
  return parseOhlcCsv(await readText(file, flag));
}

/** Options of {@link volatilityFromFile}. */
export interface VolFileOptions {
  readonly column: string | undefined;
  /** A price column's estimator, or 'implied' for an implied-vol index column (percent, as DVOL). */
  readonly method: 'close' | 'ewma' | 'garch' | 'garch-t' | 'implied';
  readonly lambda: number;
  readonly periodsPerYear: number | undefined;
  /** garch and garch-t: the forecast averages the next `horizon` periods. */
  readonly horizon?: number | undefined;
}

/** Annualised volatility of the price column (or implied-vol index column) of a CSV file; errors on the data name --vol-data. */
export async function volatilityFromFile(file: string, o: VolFileOptions): Promise<VolatilityEstimate> {
  const series = await readSeries(file, '--vol-data', o.column);
  try {
    return estimateVolatility({
      values: series.values,
      ...(o.method === 'implied' ? {} : { input: 'prices' as const }),
      method: o.method,
      ...(o.method === 'ewma' ? { lambda: o.lambda } : {}),
      ...(o.horizon !== undefined ? { horizon: o.horizon } : {}),
      ...(o.periodsPerYear !== undefined ? { periodsPerYear: o.periodsPerYear } : {}),
      ...(series.timestamps !== null ? { timestamps: series.timestamps } : {}),
    });
  } catch (e) {
    if (e instanceof TradesizeError && e.path[0] === 'values') throw new TradesizeError(e.code, `--vol-data: ${e.message}`, ['--vol-data', ...e.path.slice(1)]);
    if (e instanceof TradesizeError && e.path[0] === 'horizon') throw new TradesizeError(e.code, `--vol-horizon: ${e.message}`, ['--vol-horizon']);
    throw e;
  }
}
