/**
 * A book being built from a snapshot and its updates: price → quantity per side, where an update
 * replaces the quantity at its price and a quantity of 0 deletes the level (the L2 "delta"
 * semantics of Bybit v5 `orderbook` and Tardis `incremental_book_L2`: Bybit "WebSocket Stream:
 * Orderbook", https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook; Tardis
 * "incremental_book_L2", https://docs.tardis.dev/downloadable-csv-files).
 *
 * @example
 * const m = new LevelMap();
 * m.set('bid', 99, 1); m.set('ask', 101, 2); m.set('ask', 101, 0);
 * m.set('ask', 102, 3);
 * m.toBook().asks.prices; // => Float64Array [102]
 */
import { makeBook, type Level, type OrderBook } from './book.js';

export class LevelMap {
  readonly #bids = new Map<number, number>();
  readonly #asks = new Map<number, number>();

  /** Sets the quantity at `price` (0 deletes the level). */
  set(side: 'bid' | 'ask', price: number, quantity: number): void {
    const m = side === 'bid' ? this.#bids : this.#asks;
    if (quantity === 0) m.delete(price);
    else m.set(price, quantity);
  }

  /** Empties both sides (a new snapshot starts). */
  clear(): void {
    this.#bids.clear();
    this.#asks.clear();
  }

  /** The validated book of the current levels (see `makeBook`). */
  toBook(): OrderBook {
    const levels = (m: Map<number, number>): Level[] => [...m.entries()];
    return makeBook({ bids: levels(this.#bids), asks: levels(this.#asks) });
  }
}
