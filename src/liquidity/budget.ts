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
 * true: the book does not say what lies beyond. With an impact model (one venue), the book is
 * continued beyond its depth D by the square-root law, the composite cost model of ./impact.ts
 * (marginal price p(x) = w·(1 + s·(I(x) − I(D))) beyond D, I(x) = Y·σ·√(x/V); Almgren et al.
 * 2005, Tóth et al. 2011), fees included as the factor 1 + s·f on every price. There
 * g(Q) = s·((1 + s·f)·N(Q) − P*·Q) has the slope s·((1 + s·f)·p(Q) − P*), rising with Q, so g
 * is still convex, g(D) ≤ 0 and its root beyond D is unique; it is found by bisection on the
 * all-in slippage of {@link expectedSlippage} itself, bracketed by doubling from D, until the
 * bracket is two adjacent doubles. The lower end is returned: the budget holds there exactly as
 * the walk prints it (rounding toward safety), and `limitedByDepth` is false, `impactQuantity`
 * the part beyond D.
 *
 * Hand-worked (the tests): asks 101×1, 102×2, 104×4, mid 100.5, Y = 1, σ = 0.04, V = 10,000,
 * 400 bps: P* = 104.52; the book's 7 cost 721 (g(7) = −10.64); beyond it k = 0.0004 and g(Q) =
 * 721 + N_rest(Q) − 104.52·Q, whose root is Q* = 536.9174… (average 104.52): 7 from the book,
 * 529.9174… priced by the law.
 *
 * @example
 * const book = makeBook({ bids: [[99, 1]], asks: [[101, 1], [102, 2]] });
 * maxQuantityWithinBudget([{ book, feeRate: 0 }], 'buy', 150).maxQuantity; // => 2
 */
import { TradesizeError } from '../core/errors.js';
import type { BookSide, OrderBook, OrderSide } from './book.js';
import { bestHead, ladderOf, type Ladder, type Venue } from './venues.js';
import { fillLadder } from './split.js';
import { expectedSlippage, impactRange, type ImpactModel } from './impact.js';
import { sideDepth, takenSide } from './book.js';

/** The solution of a slippage budget. */
export interface BudgetSolution {
  readonly maxQuantity: number;
  /** True when every level shown is within the budget and no impact model prices beyond: the answer is the depth of the books. */
  readonly limitedByDepth: boolean;
  /** The part of `maxQuantity` beyond the depth shown, priced by the square-root law (0 without an impact model). */
  readonly impactQuantity: number;
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

/** The all-in slippage in bps of q on one book under the composite model, fee factor included. */
function allInBps(book: OrderBook, side: OrderSide, q: number, impact: ImpactModel, factor: number, sign: number): number {
  const e = expectedSlippage(book, side, q, impact);
  return (sign * ((e.notional * factor) / q - e.mid) * 1e4) / e.mid;
}

/**
 * The largest Q ≥ depth within the budget on the book continued by the law (module doc): a
 * bracket by doubling, then bisection to adjacent doubles, keeping the end that is within.
 */
function beyondDepth(venue: Venue, side: OrderSide, budgetBps: number, impact: ImpactModel, l: Ladder): number | null {
  const depth = sideDepth(takenSide(venue.book, side));
  const factor = l.factors[0] as number;
  const within = (q: number) => allInBps(venue.book, side, q, impact, factor, l.sign) <= budgetBps;
  // A sell's curve ends where its price reaches 0: the bracket stays inside it.
  const range = impactRange(impact, side, depth);
  // g(D) ≤ 0 in real arithmetic; when the walk prints the depth a hair over, the book's answer stands.
  if (!within(depth)) return null;
  let lo = depth;
  let hi = Math.min(2 * depth, range);
  for (let i = 0; i < 2100 && hi < range && within(hi); i++) {
    lo = hi;
    hi = Math.min(2 * hi, range);
  }
  if (hi >= range) {
    hi = range * (1 - Number.EPSILON);
    if (within(hi)) return hi;
  }
  for (let i = 0; i < 2100; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (within(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The largest quantity whose fee-adjusted average price across `venues` (split optimally) is
 * within `budgetBps` of the venues' mean mid; with `impact` (one venue only) the book is
 * continued beyond its depth by the square-root law (module doc).
 *
 * @throws TradesizeError INVALID_INPUT for a budget that is not finite and ≥ 0, no venue, a
 *   fee rate outside [0, 0.1], or an impact model with several venues.
 */
export function maxQuantityWithinBudget(venues: readonly Venue[], side: OrderSide, budgetBps: number, impact?: ImpactModel): BudgetSolution {
  if (!(Number.isFinite(budgetBps) && budgetBps >= 0)) {
    throw new TradesizeError('INVALID_INPUT', `slippage budget must be a finite number of bps ≥ 0, got ${budgetBps}`, ['budgetBps']);
  }
  if (impact !== undefined && venues.length !== 1) {
    throw new TradesizeError('INVALID_INPUT', 'an impact model continues one book beyond its depth; it does not apply to a split across several books', ['impact']);
  }
  const l = ladderOf(venues, side);
  const limitPrice = l.reference * (1 + (l.sign * budgetBps) / 1e4);
  const heads = new Int32Array(l.sides.length);
  let g = 0;
  let q = 0;
  for (;;) {
    const k = bestHead(l, heads);
    if (k < 0) {
      if (impact === undefined || q === 0) return { maxQuantity: q, limitedByDepth: true, impactQuantity: 0, limitPrice, referencePrice: l.reference };
      const max = beyondDepth(venues[0] as Venue, side, budgetBps, impact, l);
      if (max === null) return { maxQuantity: withinLimit(l, q, budgetBps), limitedByDepth: false, impactQuantity: 0, limitPrice, referencePrice: l.reference };
      return { maxQuantity: max, limitedByDepth: false, impactQuantity: max - q, limitPrice, referencePrice: l.reference };
    }
    const s = l.sides[k] as BookSide;
    const h = heads[k] as number;
    const slope = l.sign * ((s.prices[h] as number) * (l.factors[k] as number) - limitPrice);
    const size = s.quantities[h] as number;
    if (slope > 0 && g + slope * size > 0) {
      return { maxQuantity: withinLimit(l, q - g / slope, budgetBps), limitedByDepth: false, impactQuantity: 0, limitPrice, referencePrice: l.reference };
    }
    g += slope * size;
    q += size;
    heads[k] = h + 1;
  }
}
