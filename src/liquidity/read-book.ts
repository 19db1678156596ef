/**
 * One order book from the text of any book file tradesize reads, told apart by its header:
 *
 * | header has | format | book |
 * |---|---|---|
 * | `side,price,quantity` | tradesize's generic CSV (./book-csv.ts) | the file |
 * | `level` and `amount` | Tardis `book_snapshot_25` (Binance futures; ./tardis.ts) | the latest snapshot |
 * | `is_snapshot` | Tardis `incremental_book_L2` (Deribit; ./tardis.ts) | the book after the last row |
 * | `level` and `size` | Bybit v5 `orderbook.500` snapshot (./bybit.ts) | the snapshot |
 *
 * A Bybit delta file alone is not a book: it is refused (PARSE_ERROR), use `bybitBooks`.
 *
 * @example
 * readBookText('side,price,quantity\nbid,99,1\nask,101,1\n', 'book.csv'); // => OrderBook
 */
import { TradesizeError } from '../core/errors.js';
import type { OrderBook } from './book.js';
import { parseBookCsv } from './book-csv.js';
import { parseBybitSnapshot } from './bybit.js';
import { csvHeader } from './csv-rows.js';
import { parseTardisIncremental, parseTardisSnapshots } from './tardis.js';

/** The book in `text`; `source` names the file in errors. */
export function readBookText(text: string, source: string): OrderBook {
  const cols = new Set(csvHeader(text));
  if (cols.has('quantity') && cols.has('side') && cols.has('price')) return parseBookCsv(text, source);
  if (cols.has('is_snapshot')) return parseTardisIncremental(text, source).book;
  if (cols.has('update_id')) {
    throw new TradesizeError('PARSE_ERROR', `${source}: a Bybit delta file is not a book by itself; give its snapshot (or a side,price,quantity CSV)`, [source]);
  }
  if (cols.has('level') && cols.has('amount')) return (parseTardisSnapshots(text, source).at(-1) as { book: OrderBook }).book;
  if (cols.has('level') && cols.has('size')) return parseBybitSnapshot(text, source).book;
  throw new TradesizeError('PARSE_ERROR', `${source}: not a book file; expected the columns side,price,quantity (or a Tardis or Bybit book CSV)`, [source, 1]);
}
