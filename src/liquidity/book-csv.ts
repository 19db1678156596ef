/**
 * The generic book CSV of `tradesize slippage --book`: columns `side,price,quantity` (any order,
 * extra columns ignored), `side` is `bid` or `ask`, one row per price level.
 *
 * @example
 * parseBookCsv('side,price,quantity\nbid,99,1\nask,101,2\n', 'book.csv').asks.quantities; // => Float64Array [2]
 */
import type { Level, OrderBook } from './book.js';
import { makeBook } from './book.js';
import { bookSideOf, csvTable } from './csv-rows.js';

/** The book of a `side,price,quantity` CSV; `source` names the file in errors. */
export function parseBookCsv(text: string, source: string): OrderBook {
  const t = csvTable(text, source, ['side', 'price', 'quantity']);
  const bids: Level[] = [];
  const asks: Level[] = [];
  for (const row of t.rows) {
    const level: Level = [t.number(row, 'price'), t.number(row, 'quantity')];
    (bookSideOf(t, row, source) === 'bid' ? bids : asks).push(level);
  }
  return makeBook({ bids, asks });
}
