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
 * i.e. a k-way merge of the books. At the optimum every venue used has the same marginal cost
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
import { bestHead, ladderOf, type Ladder, type Venue } from './venues.js';

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

/**
 * Fills `quantity` along the merged ladder: per venue the quantity, notional and last
 * fee-adjusted and raw prices (allocation-free apart from the four output arrays).
 */
export function fillLadder(l: Ladder, quantity: number, qty: Float64Array, notional: Float64Array, marginal: Float64Array, worst: Float64Array): number {
  const heads = new Int32Array(l.sides.length);
  let left = quantity;
  while (left > 0) {
    const k = bestHead(l, heads);
    if (k < 0) break;
    const s = l.sides[k] as BookSide;
    const h = heads[k] as number;
    const level = s.quantities[h] as number;
    const p = s.prices[h] as number;
    const take = level < left ? level : left;
    qty[k] = (qty[k] as number) + take;
    notional[k] = (notional[k] as number) + p * take;
    marginal[k] = p * (l.factors[k] as number);
    worst[k] = p;
    left -= take;
    heads[k] = h + 1;
  }
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
