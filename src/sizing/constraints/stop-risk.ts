/**
 * Stop-risk ("fixed fractional") sizing: the loss if stopped out, counting the entry fee and
 * the exit fee once each and a slippage allowance at the stop, is at most the risk budget.
 *
 *   q · [ |PnL per unit from entry to stop fill| + fee_in·value(entry) + fee_out·value(fill) ] ≤ budget
 *
 * with value() the settlement value of one contract (c·P linear, c/P inverse) and the stop fill
 * P_stop·(1 ∓ slippage). Source: R. Vince, "The Mathematics of Money Management" (1992), ch. 2
 * (risking a fixed fraction of equity to the stop); fee and inverse-contract terms from the
 * venue contract specifications cited in `../contract.ts`.
 *
 * With a book (`sizePosition`'s `book` option) the exit at the stop is a market order into it and
 * the loss is riskAtStop(q) of ./stop-exit.ts, the walked fill F(q) in place of the stop fill. It
 * rises with q and is at least the linear loss, so its largest root lies in
 * (0, min(budget / unitLossAtStop, exit capacity)] and is found by bisection until the bracket is
 * two adjacent doubles; the lower end is kept, so riskAtStop ≤ budget holds exactly as computed.
 */
import { fmt, pct } from '../../core/format.js';
import { ConstraintLimit, linearCap, type SizingConstraint, type SizingContext } from './types.js';
import { riskFractionWarnings } from '../warnings.js';
import { regimeFactor } from './caps.js';
import { exitCapacity, exitFill, exitSide, riskAtStop } from './stop-exit.js';
import type { StopExit } from './types.js';

function budgetText(ctx: SizingContext): string {
  const r = ctx.request;
  const base = r.riskAmount ?? (r.risk ?? 0) * ctx.equity;
  const scaled = r.regime === undefined ? '' : `${regimeFactor(ctx)} = ${fmt(ctx.riskBudget)}`;
  return (r.risk !== undefined ? `${pct(r.risk)} of equity = ${fmt(base)}` : fmt(base)) + scaled;
}

const stopRiskCap = linearCap({
  name: 'stop-risk',
  perUnit: (ctx) => ctx.unitLossAtStop,
  cap: (ctx) => ctx.riskBudget,
  explain: (ctx, max) =>
    `loss at stop ${fmt(ctx.stopFill)} is ${fmt(ctx.unitPriceLoss)} + fees ${fmt(ctx.unitFees)} = ` +
    `${fmt(ctx.unitLossAtStop)} per contract; budget ${budgetText(ctx)} → at most ${fmt(max)}`,
});

/** The largest q with riskAtStop(q) ≤ budget (module doc). */
function solveWithExit(ctx: SizingContext, x: StopExit): number {
  const budget = ctx.riskBudget;
  let hi = Math.min(budget / ctx.unitLossAtStop, exitCapacity(ctx, x));
  if (!(hi > 0)) return 0;
  if (riskAtStop(ctx, hi) <= budget) return hi;
  let lo = 0;
  for (let i = 0; i < 2100; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (riskAtStop(ctx, mid) <= budget) lo = mid;
    else hi = mid;
  }
  return lo;
}

function explainWithExit(ctx: SizingContext, max: number): string {
  const x = ctx.stopExit as StopExit;
  const fill = exitFill(ctx, x, max) ?? ctx.stopFill;
  const bps = (Math.abs(fill - ctx.stopFill) / ctx.stopFill) * 1e4;
  const depth = x.depthFactor === 1 ? '' : ` at ${fmt(x.depthFactor)}× depth`;
  return (
    `the exit at the stop walks the ${exitSide(ctx) === 'sell' ? 'bids' : 'asks'} moved to ${fmt(ctx.stopFill)}${depth}` +
    `${x.impact === undefined ? '' : ' (square-root law beyond them)'}: fills at ${fmt(fill, 10)} (${fmt(bps, 4)} bps), ` +
    `loss ${fmt(riskAtStop(ctx, max))} incl. fees; budget ${budgetText(ctx)} → at most ${fmt(max)}`
  );
}

/** The stop-risk constraint; it warns when the risk budget is a large fraction of equity. */
export const stopRisk: SizingConstraint = {
  name: 'stop-risk',
  limit(ctx) {
    const linear = stopRiskCap.limit(ctx); // also refuses a budget that overflows
    if (ctx.stopExit === null) return linear;
    return new ConstraintLimit('stop-risk', solveWithExit(ctx, ctx.stopExit), explainWithExit, ctx);
  },
  allows: (ctx, q) => (ctx.stopExit === null ? stopRiskCap.allows(ctx, q) : riskAtStop(ctx, q) <= ctx.riskBudget),
  warnings: (ctx) => riskFractionWarnings(ctx),
};
