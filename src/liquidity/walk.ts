/**
 * Walking an L2 book with a market order: the order takes the best level first, then the next,
 * until its quantity is filled or the book runs out. What the book does not show is reported as
 * `unfilledQuantity`, never silently dropped.
 *
 *   filled   = min(Q, Σ qᵢ),   average = Σ pᵢ·takenᵢ / filled,   worst = price of the last level touched,
 *   slippage = s·(average − mid)/mid · 10⁴ bps,   s = +1 for a buy, −1 for a sell
 *
 * (the implementation shortfall of a market order against the mid: Perold, "The Implementation
 * Shortfall: Paper versus Reality", J. Portfolio Management 14(3), 1988; the walk itself is the
 * price-time-priority matching every venue documents, e.g. Binance "Order book" and Bybit
 * "Orderbook" API pages). Slippage counts the half-spread: a one-unit buy at the best ask already
 * slips (ask − mid)/mid.
 *
 * @example
 * const book = makeBook({ bids: [[99, 1]], asks: [[101, 1], [102, 2]] });
 * walkBook(book, 'buy', 2);
 * // => { averagePrice: 101.5, worstPrice: 102, slippageBps: 150, filledQuantity: 2, unfilledQuantity: 0, ... }
 */
import { TradesizeError } from '../core/errors.js';
import { bookMid, takenSide, type BookSide, type OrderBook, type OrderSide } from './book.js';

/** The fill of a market order walked through a book. */
export interface Walk {
  readonly side: OrderSide;
  readonly mid: number;
  /** Quantity-weighted average fill price of the filled part. */
  readonly averagePrice: number;
  /** Price of the last (worst) level the order reached. */
  readonly worstPrice: number;
  /** s·(average − mid)/mid in basis points. */
  readonly slippageBps: number;
  readonly filledQuantity: number;
  /** What the book could not fill (0 when it filled the whole order). */
  readonly unfilledQuantity: number;
  /** Σ pᵢ·takenᵢ in the quote currency. */
  readonly notional: number;
  /** Levels touched (the last one possibly in part). */
  readonly levels: number;
}

/** What is left of an order below this fraction of it is rounding of the level subtractions, not a shortfall. */
export const ROUNDING = 16 * Number.EPSILON;

/**
 * Σ pᵢ·takenᵢ of the first `quantity` on one side (allocation-free; the hot loop of the walk, the
 * budget search and the benchmarks). `out[0]` receives the filled quantity, `out[1]` the worst
 * price, `out[2]` the levels touched.
 */
export function walkNotional(s: BookSide, quantity: number, out: Float64Array): number {
  const prices = s.prices;
  const sizes = s.quantities;
  const n = prices.length;
  let left = quantity;
  let notional = 0;
  let i = 0;
  let worst = prices[0] as number;
  while (left > 0 && i < n) {
    const q = sizes[i] as number;
    const p = prices[i] as number;
    const take = q < left ? q : left;
    notional += p * take;
    left -= take;
    worst = p;
    i++;
  }
  // Subtracting the levels one by one can leave a few ulps of the order when it equals the depth.
  if (left <= quantity * ROUNDING) left = 0;
  out[0] = quantity - left;
  out[1] = worst;
  out[2] = i;
  return notional;
}

const scratch = new Float64Array(3);


/**
 * Walks `quantity` through the side of `book` a `side` order takes.
 *
 * @throws TradesizeError INVALID_INPUT when `quantity` is not a finite positive number or the
 *   side the order takes is empty.
 */
export function walkBook(book: OrderBook, side: OrderSide, quantity: number): Walk {
  if (!(Number.isFinite(quantity) && quantity > 0)) {
    throw new TradesizeError('INVALID_INPUT', `walkBook: quantity must be a finite positive number, got ${quantity}`, ['quantity']);
  }
  const taken = takenSide(book, side);
  if (taken.prices.length === 0) {
    throw new TradesizeError('INVALID_INPUT', `walkBook: the book has no ${side === 'buy' ? 'asks' : 'bids'}, so a ${side} cannot be priced`, [side === 'buy' ? 'asks' : 'bids']);
  }
  const notional = walkNotional(taken, quantity, scratch);
  const filled = scratch[0] as number;
  const mid = bookMid(book);
  const averagePrice = notional / filled;
  const sign = side === 'buy' ? 1 : -1;
  return {
    side,
    mid,
    averagePrice,
    worstPrice: scratch[1] as number,
    slippageBps: (sign * (averagePrice - mid) * 1e4) / mid,
    filledQuantity: filled,
    // Exactly 0 when filled: the subtraction of equal doubles.
    unfilledQuantity: quantity - filled,
    notional,
    levels: scratch[2] as number,
  };
}
