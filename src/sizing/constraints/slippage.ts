/**
 * The `slippage` constraint (issue #12 §1), added by `sizePosition`'s `book` option with
 * `maxSlippageBps`: the entry, a market order of q·c into the book (a buy into the asks for a
 * long, a sell into the bids for a short), slips at most `maxSlippageBps` from the mid (the walk
 * of `../../liquidity/walk.ts`, solved exactly by `../../liquidity/budget.ts`). The exit at the
 * stop is counted by the stop-risk constraint itself (./stop-exit.ts, ./stop-risk.ts).
 *
 * Book quantities are in the units of quantity × contract size (base units for a linear
 * contract; USD contracts for an inverse one quoted as Deribit's book is).
 *
 * @example
 * const book = makeBook({ bids: [[99, 1]], asks: [[101, 1]] });
 * sizePosition({ equity: 1e4, entry: 100, stop: 95, risk: 0.01 }, { book: { book, maxSlippageBps: 150 } });
 */
import { fmt } from '../../core/format.js';
import type { OrderBook, OrderSide } from '../../liquidity/book.js';
import { walkBook } from '../../liquidity/walk.js';
import { maxQuantityWithinBudget } from '../../liquidity/budget.js';
import { ConstraintLimit, perContext, type SizingConstraint, type SizingContext } from './types.js';

const entrySide = (ctx: SizingContext): OrderSide => (ctx.side === 'long' ? 'buy' : 'sell');

/** The entry's slippage within `maxBps` of the mid (module doc). */
export function slippageConstraint(book: OrderBook, maxBps: number): SizingConstraint {
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
