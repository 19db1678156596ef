/**
 * Several venues' books for one order, each with its taker fee, seen as one merged ladder of
 * fee-adjusted prices: a buy pays p·(1 + f) per unit at a level of price p on a venue of taker
 * fee f, a sell receives p·(1 − f). The venues' levels sorted by that price (ascending for a
 * buy, descending for a sell) are the marginal-cost curve of the whole order, so filling along
 * it is the exact optimum of the split (see ./split.ts); the budget search walks the same ladder
 * (./budget.ts).
 *
 * Costs are measured against one reference price M, the mean of the venues' mids, so that they
 * compare across venues: a venue's cost is s·(Σ p·q·(1 + s·f) − M·q) (Perold 1988's
 * implementation shortfall, fees included), s = +1 buy, −1 sell. M·Q is fixed for an order of
 * size Q, so minimising this cost is minimising what a buy pays (maximising what a sell receives).
 */
import { TradesizeError } from '../core/errors.js';
import { bookMid, takenSide, type BookSide, type OrderBook, type OrderSide } from './book.js';

/** A venue's book and its taker fee rate (0.0005 = 5 bp). */
export interface Venue {
  readonly book: OrderBook;
  readonly feeRate: number;
}

/** The validated ladder inputs: each venue's taken side and price factor 1 + s·f. */
export interface Ladder {
  readonly sign: 1 | -1;
  readonly sides: readonly BookSide[];
  readonly factors: Float64Array;
  /** The reference price M: the mean of the venues' mids. */
  readonly reference: number;
}

/**
 * The ladder of `venues` for an order of `side`.
 *
 * @throws TradesizeError INVALID_INPUT for no venue or a fee rate outside [0, 0.1] (path ['feeRate', i]).
 */
export function ladderOf(venues: readonly Venue[], side: OrderSide): Ladder {
  if (venues.length === 0) throw new TradesizeError('INVALID_INPUT', 'give at least one order book', ['venues']);
  const sign = side === 'buy' ? 1 : -1;
  const factors = new Float64Array(venues.length);
  let midSum = 0;
  venues.forEach((v, i) => {
    if (!(Number.isFinite(v.feeRate) && v.feeRate >= 0 && v.feeRate <= 0.1)) {
      throw new TradesizeError('INVALID_INPUT', `taker fee rate of book ${i + 1} must be in [0, 0.1], got ${v.feeRate}`, ['feeRate', i]);
    }
    factors[i] = 1 + sign * v.feeRate;
    midSum += bookMid(v.book);
  });
  return { sign, sides: venues.map((v) => takenSide(v.book, side)), factors, reference: midSum / venues.length };
}

/**
 * The venue whose next level (`heads[k]`) has the best fee-adjusted price, or −1 when every
 * book is exhausted; ties go to the lower index.
 */
export function bestHead(l: Ladder, heads: Int32Array): number {
  let best = -1;
  let bestKey = Infinity;
  for (let k = 0; k < l.sides.length; k++) {
    const s = l.sides[k] as BookSide;
    const h = heads[k] as number;
    if (h >= s.prices.length) continue;
    const key = l.sign * (s.prices[h] as number) * (l.factors[k] as number);
    if (key < bestKey) {
      bestKey = key;
      best = k;
    }
  }
  return best;
}
