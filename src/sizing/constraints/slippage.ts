/**
 * Constraints from an order book (issue #12 §1), added to `sizePosition` through its options
 * (`sizePosition(req, { constraints: bookConstraints({ book, ... }) })`); without a book nothing
 * here runs and the decision is the one the built-in constraints give.
 *
 * - `slippage`: the entry, a market order of q·c into the book (a buy into the asks for a long,
 *   a sell into the bids for a short), slips at most `maxSlippageBps` from the mid (the walk of
 *   `../../liquidity/walk.ts`, solved exactly by `../../liquidity/budget.ts`).
 * - `stop-slippage`: stop-risk with the expected slippage of the exit at the stop counted. A stop
 *   is a market order into the book as it is when the price reaches the stop, usually thinner
 *   than now. Model: the opposite side of today's book, each level's price moved with the mid to
 *   the stop fill (pᵢ·S/mid: the same relative shape) and its quantity scaled by the depth factor θ
 *   (θ = 1 today's depth, 0.5 half of it; the price of walking Q on the thinned side equals
 *   walking Q/θ on today's). The exit then fills on average at S·(1 ∓ slip(Q/θ)), and
 *
 *     loss(q) = q·[ |PnL per contract from entry to that fill| + fee_in·value(entry) + fee_out·value(fill) ] ≤ budget,
 *
 *   the stop-risk rule of ./stop-risk.ts with the walked fill in place of S. loss(q) rises with q
 *   (slippage never falls as the order grows), so its largest root is found by bisection to the
 *   last bit. Beyond the depth the book shows the exit is priced by the square-root law when an
 *   impact model is given (`../../liquidity/impact.ts`), else the size is capped at the depth.
 *
 * Book quantities are in the units of quantity × contract size (base units for a linear
 * contract; USD contracts for an inverse one quoted as Deribit's book is).
 */
import { TradesizeError } from '../../core/errors.js';
import { fmt } from '../../core/format.js';
import { unitPriceLoss, unitValue } from '../../core/contract.js';
import { sideDepth, takenSide, type OrderBook, type OrderSide } from '../../liquidity/book.js';
import { walkBook } from '../../liquidity/walk.js';
import { maxQuantityWithinBudget } from '../../liquidity/budget.js';
import { expectedSlippage, type ImpactModel } from '../../liquidity/impact.js';
import { ConstraintLimit, perContext, type SizingConstraint, type SizingContext } from './types.js';

/** Options of {@link bookConstraints}. */
export interface BookConstraintOptions {
  readonly book: OrderBook;
  /** Largest entry slippage from the mid in bps; without it no `slippage` constraint. */
  readonly maxSlippageBps?: number;
  /** θ in (0, 1]: the book at the stop has θ times today's depth (default 1). */
  readonly stopDepthFactor?: number;
  /** The square-root law for what the book does not show; without it the size stops at the depth. */
  readonly impact?: ImpactModel;
}

const entrySide = (ctx: SizingContext): OrderSide => (ctx.side === 'long' ? 'buy' : 'sell');
const exitSide = (ctx: SizingContext): OrderSide => (ctx.side === 'long' ? 'sell' : 'buy');

function slippageConstraint(book: OrderBook, maxBps: number): SizingConstraint {
  const solve = perContext((ctx) => maxQuantityWithinBudget([{ book, feeRate: 0 }], entrySide(ctx), maxBps));
  return {
    name: 'slippage',
    limit(ctx) {
      const s = solve(ctx);
      return new ConstraintLimit('slippage', s.maxQuantity / ctx.terms.size, (c, max) =>
        s.limitedByDepth
          ? `every level the book shows is within ${fmt(maxBps)} bps of the mid: the entry is capped at the depth → at most ${fmt(max)}`
          : `entry ${entrySide(c)} walks the book to an average ${fmt(maxBps)} bps from the mid ${fmt(s.referencePrice, 10)} → at most ${fmt(max)}`, ctx);
    },
    allows(ctx, q) {
      const w = walkBook(book, entrySide(ctx), q * ctx.terms.size);
      return w.unfilledQuantity === 0 && w.slippageBps <= maxBps * (1 + 1e-12);
    },
  };
}

/** The average exit fill at the stop for q contracts, or null when the book cannot absorb it. */
function exitFill(ctx: SizingContext, o: BookConstraintOptions, q: number): number | null {
  const theta = o.stopDepthFactor ?? 1;
  const w = expectedSlippage(o.book, exitSide(ctx), (q * ctx.terms.size) / theta, o.impact);
  if (w.unfilledQuantity > 0) return null;
  return ctx.stopFill * (1 + ((ctx.side === 'long' ? -1 : 1) * w.slippageBps) / 1e4);
}

/** Loss at the stop of q contracts with the walked exit fill, fees included. */
function lossAtStop(ctx: SizingContext, o: BookConstraintOptions, q: number): number {
  const fill = exitFill(ctx, o, q);
  if (fill === null) return Infinity;
  const fees = ctx.request.fees;
  return q * (unitPriceLoss(ctx.terms, ctx.side, ctx.request.entry, fill) + (fees?.entry ?? 0) * ctx.unitValue + (fees?.exit ?? 0) * unitValue(ctx.terms, fill));
}

function stopSlippageConstraint(o: BookConstraintOptions): SizingConstraint {
  const solve = perContext((ctx) => {
    // Upper bound: stop-risk without the walk, and the depth the exit can take without an impact model.
    let hi = ctx.riskBudget / ctx.unitLossAtStop;
    if (o.impact === undefined) hi = Math.min(hi, (sideDepth(takenSide(o.book, exitSide(ctx))) * (o.stopDepthFactor ?? 1)) / ctx.terms.size);
    if (lossAtStop(ctx, o, hi) <= ctx.riskBudget) return { q: hi, loss: lossAtStop(ctx, o, hi) };
    let lo = 0;
    for (let i = 0; i < 200 && lo < hi; i++) {
      const mid = lo + (hi - lo) / 2;
      if (mid === lo || mid === hi) break;
      if (lossAtStop(ctx, o, mid) <= ctx.riskBudget) lo = mid;
      else hi = mid;
    }
    return { q: lo, loss: lo > 0 ? lossAtStop(ctx, o, lo) : 0 };
  });
  return {
    name: 'stop-slippage',
    limit(ctx) {
      const s = solve(ctx);
      return new ConstraintLimit('stop-slippage', s.q, (c, max) => {
        const fill = (max > 0 ? exitFill(c, o, max) : null) ?? c.stopFill;
        const bps = (Math.abs(fill - c.stopFill) / c.stopFill) * 1e4;
        return (
          `the exit at the stop walks the ${exitSide(c) === 'sell' ? 'bids' : 'asks'} moved to ${fmt(c.stopFill)}` +
          `${o.stopDepthFactor === undefined ? '' : ` at ${fmt(o.stopDepthFactor)}× depth`}: fills at ${fmt(fill, 10)} (${fmt(bps, 4)} bps), ` +
          `loss ${fmt(s.loss)} within budget ${fmt(c.riskBudget)} → at most ${fmt(max)}`
        );
      }, ctx);
    },
    allows: (ctx, q) => lossAtStop(ctx, o, q) <= ctx.riskBudget,
  };
}

/**
 * The book's constraints: `stop-slippage` always, `slippage` with `maxSlippageBps`.
 *
 * @throws TradesizeError INVALID_INPUT for a depth factor outside (0, 1] or a negative slippage limit.
 * @example
 * const book = makeBook({ bids: [[99, 1]], asks: [[101, 1]] });
 * sizePosition({ equity: 1e4, entry: 100, stop: 95, risk: 0.01 }, { constraints: bookConstraints({ book, maxSlippageBps: 150 }) });
 */
export function bookConstraints(o: BookConstraintOptions): SizingConstraint[] {
  const theta = o.stopDepthFactor;
  if (theta !== undefined && !(theta > 0 && theta <= 1)) {
    throw new TradesizeError('INVALID_INPUT', `stopDepthFactor must be in (0, 1], got ${theta}`, ['stopDepthFactor']);
  }
  if (o.maxSlippageBps !== undefined && !(Number.isFinite(o.maxSlippageBps) && o.maxSlippageBps >= 0)) {
    throw new TradesizeError('INVALID_INPUT', `maxSlippageBps must be a finite number ≥ 0, got ${o.maxSlippageBps}`, ['maxSlippageBps']);
  }
  const out = [stopSlippageConstraint(o)];
  if (o.maxSlippageBps !== undefined) out.unshift(slippageConstraint(o.book, o.maxSlippageBps));
  return out;
}
