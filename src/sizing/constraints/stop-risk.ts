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
 */
import { fmt, pct } from '../../core/format.js';
import { linearCap, type SizingConstraint } from './types.js';
import { riskFractionWarnings } from '../warnings.js';
import { regimeFactor } from './caps.js';

const stopRiskCap = linearCap({
  name: 'stop-risk',
  perUnit: (ctx) => ctx.unitLossAtStop,
  cap: (ctx) => ctx.riskBudget,
  explain: (ctx, max) => {
    const r = ctx.request;
    const base = r.riskAmount ?? (r.risk ?? 0) * ctx.equity;
    const scaled = r.regime === undefined ? '' : `${regimeFactor(ctx)} = ${fmt(ctx.riskBudget)}`;
    const budget = (r.risk !== undefined ? `${pct(r.risk)} of equity = ${fmt(base)}` : fmt(base)) + scaled;
    return (
      `loss at stop ${fmt(ctx.stopFill)} is ${fmt(ctx.unitPriceLoss)} + fees ${fmt(ctx.unitFees)} = ` +
      `${fmt(ctx.unitLossAtStop)} per contract; budget ${budget} → at most ${fmt(max)}`
    );
  },
});

/** The stop-risk constraint; it warns when the risk budget is a large fraction of equity. */
export const stopRisk: SizingConstraint = { ...stopRiskCap, warnings: (ctx) => riskFractionWarnings(ctx) };
