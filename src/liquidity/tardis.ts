/**
 * Tardis.dev CSV books (https://docs.tardis.dev/downloadable-csv-files), as the Binance futures
 * and Deribit samples of ../shared/data/orderbook are written:
 *
 * - `book_snapshot_25`, long form `timestamp,timestamp_us,local_timestamp_us,side,level,price,amount`:
 *   each exchange timestamp is one full top-25 snapshot ({@link parseTardisSnapshots});
 * - `incremental_book_L2`, `timestamp,timestamp_us,local_timestamp_us,is_snapshot,side,price,amount[_usd]`:
 *   rows with `is_snapshot` true after a non-snapshot row start a new book, every other row
 *   replaces its level, amount 0 deletes it ({@link parseTardisIncremental}). Deribit's inverse
 *   perpetual writes `amount_usd`: quantities are then USD contracts.
 *
 * @example
 * parseTardisSnapshots(text, 'binance.csv').at(-1)?.book; // the latest snapshot
 */
import { TradesizeError } from '../core/errors.js';
import type { OrderBook } from './book.js';
import { bookSideOf, csvTable } from './csv-rows.js';
import { LevelMap } from './level-map.js';

/** A book at an exchange time (microseconds since the epoch for Tardis, milliseconds for Bybit). */
export interface TimedBook {
  readonly time: number;
  readonly book: OrderBook;
}

/** Every snapshot of a Tardis `book_snapshot_*` file, in file order. */
export function parseTardisSnapshots(text: string, source: string): TimedBook[] {
  const t = csvTable(text, source, ['timestamp_us', 'side', 'price', 'amount']);
  const out: TimedBook[] = [];
  let map = new LevelMap();
  let time: number | undefined;
  for (const row of t.rows) {
    const at = t.number(row, 'timestamp_us');
    if (time !== undefined && at !== time) {
      out.push({ time, book: map.toBook() });
      map = new LevelMap();
    }
    time = at;
    map.set(bookSideOf(t, row, source), t.number(row, 'price'), t.number(row, 'amount'));
  }
  if (time === undefined) throw new TradesizeError('PARSE_ERROR', `${source}: no rows`, [source]);
  out.push({ time, book: map.toBook() });
  return out;
}

/** The book at the end of a Tardis `incremental_book_L2` file. */
export function parseTardisIncremental(text: string, source: string): TimedBook {
  const amount = csvHeaderHas(text, 'amount_usd') ? 'amount_usd' : 'amount';
  const t = csvTable(text, source, ['timestamp_us', 'is_snapshot', 'side', 'price', amount]);
  const map = new LevelMap();
  let previousSnapshot = false;
  let time: number | undefined;
  for (const row of t.rows) {
    const snapshot = t.text(row, 'is_snapshot').toLowerCase() === 'true';
    if (snapshot && !previousSnapshot) map.clear();
    previousSnapshot = snapshot;
    time = t.number(row, 'timestamp_us');
    map.set(bookSideOf(t, row, source), t.number(row, 'price'), t.number(row, amount));
  }
  if (time === undefined) throw new TradesizeError('PARSE_ERROR', `${source}: no rows`, [source]);
  return { time, book: map.toBook() };
}

function csvHeaderHas(text: string, column: string): boolean {
  const end = text.indexOf('\n');
  return (end < 0 ? text : text.slice(0, end)).split(',').some((c) => c.trim() === column);
}
