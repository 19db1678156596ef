/**
 * The exit at the stop as a market order into the book (issue #12 §1): a stop fires into the book
 * as it is when the price reaches the stop, usually thinner than now. Given a book (and
 * optionally the square-root law beyond it), the stop-risk constraint (./stop-risk.ts) and the
 * decision's `riskAtStop` count the expected slippage of that exit.
 *
 * Model: the opposite side of today's book (the bids for a long's exit sell, the asks for a short's
 * exit buy), each level's price moved with the mid to the stop fill S_f (pᵢ·S_f/mid: the same
 * relative shape) and its quantity scaled by the depth factor θ (θ = 1 today's depth, 0.5 half of
 * it). Walking Q on the thinned side costs what walking Q/θ costs on today's, so the exit of q
 * contracts of size c fills on average at
 *
 *   F(q) = S_f·(1 ∓ slip(q·c/θ)/10⁴)     (− for a long's sell, + for a short's buy),
 *
 * slip the expected slippage in bps of ../../liquidity/impact.ts (the L2 walk; beyond the depth
 * the square-root law when an impact model is given, else the exit cannot fill). The risk at the
 * stop is then
 *
 *   riskAtStop(q) = q·[ |PnL per contract from entry to F(q)| + fee_in·value(entry) + fee_out·value(F(q)) ],
 *
 * the stop-risk loss of R. Vince, "The Mathematics of Money Management" (1992), ch. 2, with the
 * walked fill in place of S_f. It rises with q: F(q) only worsens as q grows (slippage never falls
 * as the order grows), the price loss per contract grows by c·|ΔF| (linear) or c·|Δ(1/F)|
 * (inverse) and the exit fee changes by at most fee_out times that, fee_out < 1.
 *
 * Book quantities are in the units of quantity × contract size (base units for a linear
 * contract; USD contracts for an inverse one quoted as Deribit's book is).
 */
import { TradesizeError } from '../../core/errors.js';
import { unitPriceLoss, unitValue } from '../../core/contract.js';
import { sideDepth, takenSide, type OrderBook, type OrderSide } from '../../liquidity/book.js';
import { expectedSlippage, impactRange, type ImpactModel } from '../../liquidity/impact.js';
import type { SizingContext, StopExit } from './types.js';

/** An order book for `sizePosition` (its `book` option). */
export interface BookConstraintOptions {
  readonly book: OrderBook;
  /** Largest entry slippage from the mid in bps; without it no `slippage` constraint. */
  readonly maxSlippageBps?: number;
  /** θ in (0, 1]: the book at the stop has θ times today's depth (default 1). */
  readonly stopDepthFactor?: number;
  /** The square-root law for what the book does not show; without it the size stops at the depth. */
  readonly impact?: ImpactModel;
}

/**
 * The exit model of a book option.
 *
 * @throws TradesizeError INVALID_INPUT for a depth factor outside (0, 1] or a negative slippage limit.
 */
export function stopExitOf(o: BookConstraintOptions): StopExit {
  const theta = o.stopDepthFactor ?? 1;
  if (!(theta > 0 && theta <= 1)) {
    throw new TradesizeError('INVALID_INPUT', `stopDepthFactor must be in (0, 1], got ${o.stopDepthFactor}`, ['stopDepthFactor']);
  }
  if (o.maxSlippageBps !== undefined && !(Number.isFinite(o.maxSlippageBps) && o.maxSlippageBps >= 0)) {
    throw new TradesizeError('INVALID_INPUT', `maxSlippageBps must be a finite number ≥ 0, got ${o.maxSlippageBps}`, ['maxSlippageBps']);
  }
  return { book: o.book, depthFactor: theta, impact: o.impact };
}

/** The side of the exit order at the stop. */
export const exitSide = (ctx: SizingContext): OrderSide => (ctx.side === 'long' ? 'sell' : 'buy');

/**
 * The largest quantity (contracts) the exit can be priced for: the thinned depth without an
 * impact model, the law's range for a sell with one (./impact.ts), else +Infinity.
 */
export function exitCapacity(ctx: SizingContext, x: StopExit): number {
  const depth = sideDepth(takenSide(x.book, exitSide(ctx)));
  const units = x.impact === undefined ? depth : impactRange(x.impact, exitSide(ctx), depth);
  return (units * x.depthFactor) / ctx.terms.size;
}

/** F(q): the average exit fill of q contracts at the stop, or null when the model cannot price it. */
export function exitFill(ctx: SizingContext, x: StopExit, q: number): number | null {
  if (!(q > 0)) return ctx.stopFill;
  const cap = exitCapacity(ctx, x);
  if (x.impact === undefined ? q > cap : !(q < cap)) return null;
  const w = expectedSlippage(x.book, exitSide(ctx), (q * ctx.terms.size) / x.depthFactor, x.impact);
  if (x.impact === undefined && w.unfilledQuantity > 0) return null;
  return ctx.stopFill * (1 + ((ctx.side === 'long' ? -1 : 1) * w.slippageBps) / 1e4);
}

/**
 * The loss of q contracts stopped out, fees included (module doc): q·unitLossAtStop without a
 * book, the walked exit with one; +Infinity when the exit cannot be priced.
 */
export function riskAtStop(ctx: SizingContext, q: number): number {
  const x = ctx.stopExit;
  if (x === null) return q * ctx.unitLossAtStop;
  const fill = exitFill(ctx, x, q);
  if (fill === null) return Infinity;
  const fees = ctx.request.fees;
  return q * (unitPriceLoss(ctx.terms, ctx.side, ctx.request.entry, fill) + (fees?.entry ?? 0) * ctx.unitValue + (fees?.exit ?? 0) * unitValue(ctx.terms, fill));
}
