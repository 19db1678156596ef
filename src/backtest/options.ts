/**
 * The options of a backtest (the zod schema is their one definition; the CLI flags map onto
 * them one to one). Defaults: equity 10,000 (1 coin for an inverse contract), no fees, slippage or funding, a rebalance to
 * target at every close, cross margin on a generic linear venue with a flat 0.5 % maintenance
 * rate, leverage cap 10, a 365-bar estimation window, stops 2 daily σ away, EWMA volatility.
 *
 * @example
 * parseBacktestOptions({ policies: ['kelly:0.5'] }).maxLeverage; // => 10
 */
import { z } from 'zod';
import { parseInput } from '../core/validate.js';
import { VOL_METHODS } from './policies/vol.js';

export const BacktestOptions = z
  .object({
    /** Policy SPEC strings (at least one). */
    policies: z.array(z.string()).min(1),
    /** Initial equity in the settlement currency: the quote (default 10,000), the coin of an inverse contract (default 1). */
    equity: z.number().positive().max(1e15).optional(),
    /** Fee rate on the traded notional of every fill. */
    feeRate: z.number().min(0).max(0.1).default(0),
    /** Slippage in basis points of the close, against the trade. */
    slippageBps: z.number().min(0).max(1000).default(0),
    /** Trade only when the position is more than this fraction away from its target. */
    rebalanceBand: z.number().min(0).max(10).default(0),
    /** Flat maintenance margin rate of a generic linear venue (default 0.005 without a venue). */
    mmr: z.number().min(0).lt(1).optional(),
    /** A bundled venue and symbol for the venue's own tiers and liquidation rule. */
    venue: z.string().min(1).optional(),
    symbol: z.string().min(1).optional(),
    marginMode: z.enum(['cross', 'isolated']).default('cross'),
    /** Cap on |leverage| of kelly, vol-target, fixed-risk and sizer; the isolated margin is value / maxLeverage. */
    maxLeverage: z.number().positive().max(1000).default(10),
    /** Rolling window of the Kelly estimate and the GARCH fit, in bars. */
    window: z.number().int().min(2).max(1_000_000).default(365),
    /** Stop distance in daily σ (fixed-risk, sizer). */
    stopSigma: z.number().positive().max(100).default(2),
    /** Risk fraction of the sizer policy's stop-risk constraint. */
    risk: z.number().gt(0).max(1).default(0.01),
    /** σ of vol-target. */
    volMethod: z.enum(VOL_METHODS).default('ewma'),
    /** Bars per year (default: from the bar spacing). */
    barsPerYear: z.number().positive().optional(),
  })
  .superRefine((o, ctx) => {
    if (o.mmr !== undefined && o.venue !== undefined) ctx.addIssue({ code: 'custom', path: ['mmr'], message: 'give --venue/--symbol or --mmr, not both' });
    if ((o.venue === undefined) !== (o.symbol === undefined)) ctx.addIssue({ code: 'custom', path: ['symbol'], message: '--venue and --symbol go together' });
  });

export type BacktestOptionsInput = z.input<typeof BacktestOptions>;
export type BacktestOptions = z.output<typeof BacktestOptions>;

/** Validated options with their defaults. @throws TradesizeError INVALID_INPUT with the field's path. */
export function parseBacktestOptions(input: BacktestOptionsInput): BacktestOptions {
  return parseInput(BacktestOptions, input, 'backtest');
}
