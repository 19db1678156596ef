/**
 * An L2 order book: each side a pair of Float64Arrays (price, quantity), bids from the highest
 * price down, asks from the lowest up, built and validated once by {@link makeBook}.
 *
 * Quantities are in the venue's own units (base coin for Binance USDⓈ-M and Bybit linear, USD
 * contracts for Deribit's inverse perpetual); prices in the quote currency. A valid book has
 * finite positive prices and quantities, no price twice on one side, at least one level, and is
 * not crossed (best bid < best ask). One side may be empty (the Deribit sample of
 * ../shared/data is a fragment with asks only): its mid is then the best price shown, and an
 * order on the empty side cannot be priced (see ./walk.ts).
 *
 * @example
 * const b = makeBook({ bids: [[99, 1], [100, 2]], asks: [[101, 1]] });
 * b.bids.prices; // => Float64Array [100, 99]
 * bookMid(b);    // => 100.5
 */
import { TradesizeError, type FieldPath } from '../core/errors.js';

/**
 * One side of a book: level i is (prices[i], quantities[i]), best first; `cumulativeQuantity[i]`
 * and `cumulativeNotional[i]` are the quantity and Σ p·q of the levels before level i (length
 * n + 1), so the depth up to any level is one read (the split across venues relies on it).
 */
export interface BookSide {
  readonly prices: Float64Array;
  readonly quantities: Float64Array;
  readonly cumulativeQuantity: Float64Array;
  readonly cumulativeNotional: Float64Array;
}

/** A validated L2 book. */
export interface OrderBook {
  readonly bids: BookSide;
  readonly asks: BookSide;
}

/** A price level as read from a file: [price, quantity]. */
export type Level = readonly [price: number, quantity: number];

/** The side of a market order: a buy walks the asks, a sell the bids. */
export type OrderSide = 'buy' | 'sell';

function invalid(message: string, path: FieldPath): TradesizeError {
  return new TradesizeError('INVALID_INPUT', message, path);
}

function buildSide(levels: readonly Level[], name: 'bids' | 'asks'): BookSide {
  const order = levels.map((_, i) => i);
  order.sort((a, b) => (name === 'bids' ? (levels[b] as Level)[0] - (levels[a] as Level)[0] : (levels[a] as Level)[0] - (levels[b] as Level)[0]));
  const prices = new Float64Array(levels.length);
  const quantities = new Float64Array(levels.length);
  order.forEach((from, to) => {
    const [p, q] = levels[from] as Level;
    if (!(Number.isFinite(p) && p > 0)) throw invalid(`order book: ${name}[${from}] price must be a finite positive number, got ${p}`, [name, from, 0]);
    if (!(Number.isFinite(q) && q > 0)) throw invalid(`order book: ${name}[${from}] quantity must be a finite positive number, got ${q}`, [name, from, 1]);
    if (to > 0 && prices[to - 1] === p) throw invalid(`order book: price ${p} appears twice among the ${name}`, [name, from, 0]);
    prices[to] = p;
    quantities[to] = q;
  });
  const cumulativeQuantity = new Float64Array(levels.length + 1);
  const cumulativeNotional = new Float64Array(levels.length + 1);
  for (let i = 0; i < levels.length; i++) {
    cumulativeQuantity[i + 1] = (cumulativeQuantity[i] as number) + (quantities[i] as number);
    cumulativeNotional[i + 1] = (cumulativeNotional[i] as number) + (prices[i] as number) * (quantities[i] as number);
  }
  return { prices, quantities, cumulativeQuantity, cumulativeNotional };
}

/**
 * Sorts and validates the levels of a book.
 *
 * @throws TradesizeError INVALID_INPUT (path [side, level, 0|1]) for a book without levels, a price or
 *   quantity that is not finite and positive, a repeated price, or a crossed book.
 */
export function makeBook(levels: { readonly bids: readonly Level[]; readonly asks: readonly Level[] }): OrderBook {
  const bids = buildSide(levels.bids, 'bids');
  const asks = buildSide(levels.asks, 'asks');
  if (bids.prices.length + asks.prices.length === 0) throw invalid('order book: no levels', ['bids']);
  const bestBid = bids.prices[0] ?? -Infinity;
  const bestAsk = asks.prices[0] ?? Infinity;
  if (!(bestBid < bestAsk)) throw invalid(`order book: crossed, best bid ${bestBid} is not below best ask ${bestAsk}`, ['bids', 0, 0]);
  return { bids, asks };
}

/** (best bid + best ask) / 2; the best price shown when one side is empty. */
export function bookMid(book: OrderBook): number {
  const bid = book.bids.prices[0];
  const ask = book.asks.prices[0];
  if (bid === undefined) return ask as number;
  if (ask === undefined) return bid;
  return (bid + ask) / 2;
}

/** The side a market order of `side` takes liquidity from (asks for a buy, bids for a sell). */
export function takenSide(book: OrderBook, side: OrderSide): BookSide {
  return side === 'buy' ? book.asks : book.bids;
}

/** Total quantity shown on one side. */
export function sideDepth(s: BookSide): number {
  return s.cumulativeQuantity[s.prices.length] as number;
}
