/**
 * Splitting one market order across several venues to minimise its total cost, fees included.
 *
 * Each venue's cost Cᵢ(qᵢ) is piecewise linear and convex: its marginal cost is the fee-adjusted
 * price pᵢ,ⱼ·(1 + s·fᵢ) of the level the qᵢ-th unit reaches, non-decreasing along the book (for a
 * sell, read "cost" as proceeds given up). Minimising Σ Cᵢ(qᵢ) subject to Σ qᵢ = Q is a separable
 * convex resource allocation, and for piecewise-constant marginal costs the greedy rule (always
 * take the cheapest next unit over all venues) is exact: Ibaraki & Katoh, "Resource Allocation
 * Problems: Algorithmic Approaches" (MIT Press 1988), ch. 4 (the greedy algorithm for separable
 * convex objectives). Taking whole levels in fee-adjusted price order is that rule level by level,
 * i.e. a k-way merge of the books; {@link fillLadder} computes the merge's result without stepping
 * through it, from the marginal price where it stops. At the optimum every venue used has the same marginal cost
 * (up to the level grid: each used venue's last marginal price is ≤ any untaken level's on any
 * venue), the KKT condition of the problem, and no single venue can be cheaper, since filling Q on
 * one venue is one feasible split.
 *
 * @example
 * const a = makeBook({ bids: [[99, 5]], asks: [[100, 1], [103, 5]] });
 * const b = makeBook({ bids: [[99, 5]], asks: [[101, 5]] });
 * splitOrder([{ book: a, feeRate: 0 }, { book: b, feeRate: 0 }], 'buy', 3).split.map((s) => s.quantity);
 * // => [1, 2]
 */
import { TradesizeError } from '../core/errors.js';
import type { BookSide, OrderSide } from './book.js';
import { ROUNDING } from './walk.js';
import { ladderOf, type Ladder, type Venue } from './venues.js';

/** One venue's part of a split. */
export interface SplitPart {
  /** Index of the venue (0-based, in the order given). */
  readonly book: number;
  readonly quantity: number;
  /** Average fill price (before fees); 0 when the venue takes nothing. */
  readonly averagePrice: number;
  /** s·(Σ p·q·(1 + s·f) − M·q): the venue's cost against the reference price, fees included. */
  readonly cost: number;
  /** Fee-adjusted price of the venue's last unit (its marginal cost); 0 when the venue takes nothing. */
  readonly marginalPrice: number;
  /** Price of the last level the venue's part reached (before fees); 0 when the venue takes nothing. */
  readonly worstPrice: number;
}

/** The optimal split of an order. */
export interface Split {
  readonly side: OrderSide;
  readonly referencePrice: number;
  readonly split: readonly SplitPart[];
  readonly totalCost: number;
  readonly filledQuantity: number;
  readonly unfilledQuantity: number;
  /** Average fill price over all venues (before fees). */
  readonly averagePrice: number;
  /** The worst level price reached on any venue (the highest for a buy, the lowest for a sell). */
  readonly worstPrice: number;
  /** s·(average − M)/M in bps (before fees). */
  readonly slippageBps: number;
}

/** The number of levels of venue k whose fee-adjusted key s·p·(1 + s·f) is ≤ λ (or < λ when `strict`). */
function countBelow(l: Ladder, k: number, lambda: number, strict: boolean): number {
  const prices = (l.sides[k] as BookSide).prices;
  const scale = l.sign * (l.factors[k] as number);
  let lo = 0;
  let hi = prices.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const key = (prices[mid] as number) * scale;
    if (strict ? key < lambda : key <= lambda) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Fills `quantity` along the merged ladder: per venue the quantity, notional and last
 * fee-adjusted and raw prices. The greedy merge takes levels in order of their fee-adjusted key
 * (ties to the lower venue index) until the order is filled; it stops at the marginal key λ*,
 * the smallest key whose levels at or below it hold the order. λ* is found directly: the depth
 * at or below λ, D(λ) = Σₖ (quantity of venue k's levels with key ≤ λ), is a step function
 * jumping at the keys, so bisecting λ in doubles until lo and hi are adjacent leaves
 * D(lo) < Q ≤ D(hi) with hi a key: λ* = hi. Each venue then takes all its levels below λ*
 * (the book's cumulative sums), and the levels at λ* are shared in venue order: the greedy
 * merge's result, in O(k·log n) per probe (at most ~64 probes) instead of one step per level.
 */
export function fillLadder(l: Ladder, quantity: number, qty: Float64Array, notional: Float64Array, marginal: Float64Array, worst: Float64Array): number {
  const n = l.sides.length;
  let total = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < n; k++) {
    const prices = (l.sides[k] as BookSide).prices;
    const len = prices.length;
    total += (l.sides[k] as BookSide).cumulativeQuantity[len] as number;
    if (len === 0) continue;
    const scale = l.sign * (l.factors[k] as number);
    lo = Math.min(lo, (prices[0] as number) * scale);
    hi = Math.max(hi, (prices[len - 1] as number) * scale);
  }
  if (total === 0) return 0;
  const depthAtMost = (lambda: number): number => {
    let d = 0;
    for (let k = 0; k < n; k++) d += (l.sides[k] as BookSide).cumulativeQuantity[countBelow(l, k, lambda, false)] as number;
    return d;
  };
  // D(lo′) = 0 just below the smallest key; D(hi) = total ≥ Q unless the books run out.
  if (quantity < total) {
    lo -= Math.abs(lo) * 1e-9 + Number.MIN_VALUE;
    for (;;) {
      const mid = lo + (hi - lo) / 2;
      if (mid <= lo || mid >= hi) break;
      if (depthAtMost(mid) >= quantity) hi = mid;
      else lo = mid;
    }
  }
  let left = quantity;
  for (let k = 0; k < n; k++) {
    const below = countBelow(l, k, hi, true);
    const side = l.sides[k] as BookSide;
    const q = Math.min(side.cumulativeQuantity[below] as number, left);
    qty[k] = q;
    notional[k] = side.cumulativeNotional[below] as number;
    left -= q;
    if (below > 0) worst[k] = (l.sides[k] as BookSide).prices[below - 1] as number;
  }
  for (let k = 0; k < n && left > 0; k++) {
    const s = l.sides[k] as BookSide;
    const at = countBelow(l, k, hi, true);
    if (at >= s.prices.length || (s.prices[at] as number) * l.sign * (l.factors[k] as number) !== hi) continue;
    const take = Math.min(s.quantities[at] as number, left);
    qty[k] = (qty[k] as number) + take;
    notional[k] = (notional[k] as number) + (s.prices[at] as number) * take;
    worst[k] = s.prices[at] as number;
    left -= take;
  }
  for (let k = 0; k < n; k++) marginal[k] = (qty[k] as number) > 0 ? (worst[k] as number) * (l.factors[k] as number) : 0;
  return left <= quantity * ROUNDING ? quantity : quantity - left;
}

/**
 * The cheapest split of a market order of `quantity` across `venues` (each book with its taker fee).
 *
 * @throws TradesizeError INVALID_INPUT for a quantity that is not finite and positive, no venue,
 *   a fee rate outside [0, 0.1], or no level on the side the order takes.
 */
export function splitOrder(venues: readonly Venue[], side: OrderSide, quantity: number): Split {
  if (!(Number.isFinite(quantity) && quantity > 0)) {
    throw new TradesizeError('INVALID_INPUT', `splitOrder: quantity must be a finite positive number, got ${quantity}`, ['quantity']);
  }
  const l = ladderOf(venues, side);
  const n = venues.length;
  const qty = new Float64Array(n);
  const notional = new Float64Array(n);
  const marginal = new Float64Array(n);
  const last = new Float64Array(n);
  const filled = fillLadder(l, quantity, qty, notional, marginal, last);
  if (filled === 0) throw new TradesizeError('INVALID_INPUT', `splitOrder: no book has ${side === 'buy' ? 'asks' : 'bids'}, so a ${side} cannot be priced`, ['venues']);
  const m = l.reference;
  let totalCost = 0;
  let totalNotional = 0;
  const split: SplitPart[] = [];
  let worstPrice = 0;
  for (let k = 0; k < n; k++) {
    const q = qty[k] as number;
    const worst = last[k] as number;
    if (q > 0 && (worstPrice === 0 || l.sign * (worst - worstPrice) > 0)) worstPrice = worst;
    const cost = q > 0 ? l.sign * ((notional[k] as number) * (l.factors[k] as number) - m * q) : 0;
    totalCost += cost;
    totalNotional += notional[k] as number;
    split.push({ book: k, quantity: q, averagePrice: q > 0 ? (notional[k] as number) / q : 0, cost, marginalPrice: marginal[k] as number, worstPrice: worst });
  }
  const averagePrice = totalNotional / filled;
  return {
    side,
    referencePrice: m,
    split,
    totalCost,
    filledQuantity: filled,
    unfilledQuantity: quantity - filled,
    averagePrice,
    worstPrice,
    slippageBps: (l.sign * (averagePrice - m) * 1e4) / m,
  };
}
