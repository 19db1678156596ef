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
 * slips (ask − mid)/mid. The average is weighted by the book's quantity units: for an inverse
 * book in USD contracts (Deribit) that is the contract-weighted mean price; the coin-weighted
 * (harmonic) mean differs from it at second order in the price spread walked.
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
 * Σ pᵢ·takenᵢ of the first `quantity` on one side (allocation-free; the hot loop of the walk and
 * the benchmarks). `out[0]` receives the filled quantity, `out[1]` the worst price, `out[2]` the
 * levels touched. The level where the order ends is found by bisection on the side's cumulative
 * quantities, and the notional is the cumulative notional before it plus the part of that level
 * taken: O(log n), the same sums as walking level by level.
 */
export function walkNotional(s: BookSide, quantity: number, out: Float64Array): number {
  const prices = s.prices;
  const cum = s.cumulativeQuantity;
  const n = prices.length;
  const total = cum[n] as number;
  if (quantity >= total - quantity * ROUNDING) {
    // The whole side (a shortfall of a few ulps is rounding of the cumulative sums, not a shortfall).
    out[0] = quantity - total <= quantity * ROUNDING ? quantity : total;
    out[1] = prices[n - 1] as number;
    out[2] = n;
    return s.cumulativeNotional[n] as number;
  }
  // The first level k with cum[k + 1] ≥ quantity: the order ends inside it.
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cum[mid + 1] as number) < quantity) lo = mid + 1;
    else hi = mid;
  }
  const p = prices[lo] as number;
  out[0] = quantity;
  out[1] = p;
  out[2] = lo + 1;
  return (s.cumulativeNotional[lo] as number) + p * (quantity - (cum[lo] as number));
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
