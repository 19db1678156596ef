/**
 * Bybit v5 `orderbook.500` books as written in ../shared/data/orderbook: a snapshot
 * `timestamp,timestamp_ms,side,level,price,size` and its delta messages
 * `timestamp,timestamp_ms,update_id,side,price,size`, where each `update_id` is one message, a
 * row replaces the size at its price and size 0 deletes the level (Bybit "WebSocket Stream:
 * Orderbook", https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook).
 *
 * @example
 * bybitBookAt(snapshotText, deltasText, 1733011202000).book; // the book 1.3 s after the snapshot
 */
import { TradesizeError } from '../core/errors.js';
import { bookSideOf, csvTable, type CsvTable } from './csv-rows.js';
import { LevelMap } from './level-map.js';
import type { TimedBook } from './tardis.js';

function snapshotMap(text: string, source: string): { map: LevelMap; time: number } {
  const t = csvTable(text, source, ['timestamp_ms', 'side', 'price', 'size']);
  const map = new LevelMap();
  let time: number | undefined;
  for (const row of t.rows) {
    time = t.number(row, 'timestamp_ms');
    map.set(bookSideOf(t, row, source), t.number(row, 'price'), t.number(row, 'size'));
  }
  if (time === undefined) throw new TradesizeError('PARSE_ERROR', `${source}: no rows`, [source]);
  return { map, time };
}

/** The book of a Bybit snapshot file. */
export function parseBybitSnapshot(text: string, source: string): TimedBook {
  const { map, time } = snapshotMap(text, source);
  return { time, book: map.toBook() };
}

/**
 * The book after each delta message (in file order), starting from the snapshot: element 0 is
 * the snapshot itself. Messages older than the snapshot are refused (PARSE_ERROR).
 */
export function bybitBooks(snapshotText: string, deltasText: string, source = 'deltas'): TimedBook[] {
  const { map, time } = snapshotMap(snapshotText, 'snapshot');
  const t: CsvTable = csvTable(deltasText, source, ['timestamp_ms', 'update_id', 'side', 'price', 'size']);
  const out: TimedBook[] = [{ time, book: map.toBook() }];
  let update: string | undefined;
  let at = time;
  for (const row of t.rows) {
    const id = t.text(row, 'update_id');
    if (update !== undefined && id !== update) out.push({ time: at, book: map.toBook() });
    update = id;
    at = t.number(row, 'timestamp_ms');
    if (at < time) throw new TradesizeError('PARSE_ERROR', `${source} line ${row.line}: delta at ${at} ms is older than the snapshot (${time} ms)`, [source, row.line]);
    map.set(bookSideOf(t, row, source), t.number(row, 'price'), t.number(row, 'size'));
  }
  if (update !== undefined) out.push({ time: at, book: map.toBook() });
  return out;
}

/** The book as of `timeMs`: the snapshot with every delta message at or before that time applied. */
export function bybitBookAt(snapshotText: string, deltasText: string, timeMs: number): TimedBook {
  const books = bybitBooks(snapshotText, deltasText);
  let last = books[0] as TimedBook;
  for (const b of books) if (b.time <= timeMs) last = b;
  return last;
}
