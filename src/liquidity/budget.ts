/**
 * The largest order whose expected slippage stays within a budget of B bps, solved exactly.
 *
 * Along the (merged, fee-adjusted) ladder of ./venues.ts the average price of the first q units
 * is within the budget iff g(q) = Σ s·(eᵢ − P*)·takenᵢ ≤ 0, with eᵢ the fee-adjusted level
 * prices and the limit price P* = M·(1 + s·B/10⁴). g is piecewise linear and convex (its slopes
 * s·(eᵢ − P*) rise along the ladder) with g(0) = 0, so {q : g(q) ≤ 0} is an interval [0, q*]:
 * the walk takes every level priced within P*, then, where g turns up, solves the one linear
 * piece g(q) = 0 in closed form: q* = q_before − g_before / (s·(eᵢ − P*)). No search, no grid.
 * With one venue and no fee this is the price slippage of ./walk.ts; with fees it bounds the
 * all-in cost (price slippage + fee) against the reference mid.
 *
 * When the whole ladder stays within the budget, q* is the depth shown and `limitedByDepth` is
 * true: the book does not say what lies beyond (see ./impact.ts).
 *
 * @example
 * const book = makeBook({ bids: [[99, 1]], asks: [[101, 1], [102, 2]] });
 * maxQuantityWithinBudget([{ book, feeRate: 0 }], 'buy', 150).maxQuantity; // => 2
 */
import { TradesizeError } from '../core/errors.js';
import type { BookSide, OrderSide } from './book.js';
import { bestHead, ladderOf, type Ladder, type Venue } from './venues.js';
import { fillLadder } from './split.js';

/** The solution of a slippage budget. */
export interface BudgetSolution {
  readonly maxQuantity: number;
  /** True when every level shown is within the budget: the answer is the depth of the books. */
  readonly limitedByDepth: boolean;
  /** The limit price P* the average (fee-adjusted) price may reach. */
  readonly limitPrice: number;
  readonly referencePrice: number;
}

/**
 * q, or the largest double a few ulps below it whose fill (computed as `splitOrder` computes it)
 * is within the budget: the closed form q* is exact in real arithmetic, and rounding in the
 * recomputed average must not print a slippage a hair over the budget.
 */
function withinLimit(l: Ladder, q: number, budgetBps: number): number {
  const n = l.sides.length;
  const scratch = () => new Float64Array(n);
  for (let i = 0; i < 16 && q > 0; i++) {
    const qty = scratch();
    const notional = scratch();
    const filled = fillLadder(l, q, qty, notional, scratch(), scratch());
    let paid = 0;
    for (let k = 0; k < n; k++) paid += (notional[k] as number) * (l.factors[k] as number);
    if ((l.sign * (paid / filled - l.reference) * 1e4) / l.reference <= budgetBps) return q;
    q *= 1 - 4 * Number.EPSILON;
  }
  return q;
}

/**
 * The largest quantity whose fee-adjusted average price across `venues` (split optimally) is
 * within `budgetBps` of the venues' mean mid.
 *
 * @throws TradesizeError INVALID_INPUT for a budget that is not finite and ≥ 0, no venue, or a
 *   fee rate outside [0, 0.1].
 */
export function maxQuantityWithinBudget(venues: readonly Venue[], side: OrderSide, budgetBps: number): BudgetSolution {
  if (!(Number.isFinite(budgetBps) && budgetBps >= 0)) {
    throw new TradesizeError('INVALID_INPUT', `slippage budget must be a finite number of bps ≥ 0, got ${budgetBps}`, ['budgetBps']);
  }
  const l = ladderOf(venues, side);
  const limitPrice = l.reference * (1 + (l.sign * budgetBps) / 1e4);
  const heads = new Int32Array(l.sides.length);
  let g = 0;
  let q = 0;
  for (;;) {
    const k = bestHead(l, heads);
    if (k < 0) return { maxQuantity: q, limitedByDepth: true, limitPrice, referencePrice: l.reference };
    const s = l.sides[k] as BookSide;
    const h = heads[k] as number;
    const slope = l.sign * ((s.prices[h] as number) * (l.factors[k] as number) - limitPrice);
    const size = s.quantities[h] as number;
    if (slope > 0 && g + slope * size > 0) {
      return { maxQuantity: withinLimit(l, q - g / slope, budgetBps), limitedByDepth: false, limitPrice, referencePrice: l.reference };
    }
    g += slope * size;
    q += size;
    heads[k] = h + 1;
  }
}
