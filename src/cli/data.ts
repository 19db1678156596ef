/**
 * File input for the CLI (the only place besides the bin that touches the file system): streams a
 * CSV through the one-pass parsers of `src/market`, or reads a JSON or text file.
 *
 * Only regular files are read, at most {@link MAX_FILE_BYTES}: the file is opened non-blocking and
 * checked with fstat before any read, so a named pipe, a device (/dev/zero) or a directory is
 * refused at once (FILE_NOT_FOUND, naming the flag) instead of blocking or reading forever, and a
 * larger file is FILE_TOO_LARGE. Every timestamped series passes one order check
 * ({@link requireIncreasingTimestamps}) whatever the command.
 */
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { TradesizeError } from '../core/errors.js';
import { seriesCsvReader, type CsvStream, type SeriesCsv } from '../market/csv.js';
import { ohlcCsvReader, type OhlcCsv } from '../market/ohlc-csv.js';
import { requireIncreasingTimestamps } from '../market/timestamps.js';
import { estimateVolatility, type VolatilityEstimate } from '../volatility/estimate.js';

/** The largest file the CLI reads: 512 MiB. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** Bytes per read. */
const CHUNK_BYTES = 1 << 20;

function unreadable(file: string, flag: string, why: string): TradesizeError {
  return new TradesizeError('FILE_NOT_FOUND', `${flag}: cannot read "${file}": ${why}`, [flag]);
}

function tooLarge(file: string, flag: string, bytes: number): TradesizeError {
  return new TradesizeError('FILE_TOO_LARGE', `${flag}: "${file}" is larger than ${MAX_FILE_BYTES} bytes (${bytes}); the limit is 512 MiB`, [flag], {
    limit: MAX_FILE_BYTES,
  });
}

function kind(st: Stats): string {
  if (st.isDirectory()) return 'is a directory';
  if (st.isFIFO()) return 'not a regular file (a named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'not a regular file (a device)';
  if (st.isSocket()) return 'not a regular file (a socket)';
  return 'not a regular file';
}

function errnoReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(code ?? e);
}

/** Opens `file` without blocking (a FIFO would wait for a writer) and keeps it only if it is a regular file within the limit. */
async function openRegular(file: string, flag: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer (no effect on a regular file).
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw unreadable(file, flag, errnoReason(e));
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw unreadable(file, flag, kind(st));
    if (st.size > MAX_FILE_BYTES) throw tooLarge(file, flag, st.size);
    return handle;
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/**
 * Reads a regular file chunk by chunk into `sink`, refusing it once it passes {@link MAX_FILE_BYTES}
 * (a file that grows while it is read).
 *
 * @throws TradesizeError FILE_NOT_FOUND (missing, unreadable, not a regular file), FILE_TOO_LARGE; whatever `sink` throws.
 * @example
 * await readChunks('btc-usdt-1d.csv', '--data', (bytes) => parser.push(bytes));
 */
export async function readChunks(file: string, flag: string, sink: (chunk: Uint8Array) => void): Promise<void> {
  const handle = await openRegular(file, flag);
  try {
    let total = 0;
    for (;;) {
      const buf = new Uint8Array(CHUNK_BYTES);
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buf, 0, CHUNK_BYTES, null));
      } catch (e) {
        throw unreadable(file, flag, errnoReason(e));
      }
      if (bytesRead === 0) return;
      total += bytesRead;
      if (total > MAX_FILE_BYTES) throw tooLarge(file, flag, total);
      sink(buf.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}

/** Reads a text file (UTF-8), mapping a missing or irregular file to FILE_NOT_FOUND with the flag as the path. */
export async function readText(file: string, flag: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  await readChunks(file, flag, (c) => chunks.push(c));
  return Buffer.concat(chunks).toString('utf8');
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

/** Streams a CSV file through a parser, then checks its timestamps' order (errors name the flag). */
async function readCsv<T extends { readonly timestamps: readonly string[] | null }>(file: string, flag: string, parser: CsvStream<T>): Promise<T> {
  await readChunks(file, flag, (c) => parser.push(c));
  const out = parser.end();
  if (out.timestamps !== null) requireIncreasingTimestamps(out.timestamps, [flag, 'timestamps'], flag);
  return out;
}

/** Reads one numeric column (and timestamps, strictly increasing) of a CSV file. */
export async function readSeries(file: string, flag: string, column: string | undefined): Promise<SeriesCsv> {
  return readCsv(file, flag, seriesCsvReader(column === undefined ? {} : { column }));
}

/** Reads the open, high, low and close columns (and timestamps, strictly increasing) of a CSV file. */
export async function readOhlc(file: string, flag: string): Promise<OhlcCsv> {
  return readCsv(file, flag, ohlcCsvReader());
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

/** The chart library of the HTML reports (uPlot's browser build and stylesheet), read from its installed package. */
export async function readChartAssets(): Promise<{ js: string; css: string }> {
  const { createRequire } = await import('node:module');
  const { readFile } = await import('node:fs/promises');
  const req = createRequire(import.meta.url);
  const [js, css] = await Promise.all([readFile(req.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'), readFile(req.resolve('uplot/dist/uPlot.min.css'), 'utf8')]);
  return { js, css };
}
