/**
 * Warnings on a sizing decision: the request was valid and sized, but one of its inputs is
 * probably not what was meant (a risk fraction typed as a percentage, a leverage setting the
 * venue does not offer at that size, a stop inside the price grid). The decision still stands;
 * the warnings travel with it (`decision.warnings`) and the CLI prints them under the table.
 * The codes and their descriptions are the one list in `core/errors.ts` (`WARNING_CODES`).
 *
 * SOURCE: the thresholds are tradesize's own conventions (issue "Foundation before the
 * engine", §5); the tier and tick rules are the venue's, see `../venues/types.ts`.
 */
import { fmt, pct } from '../core/format.js';
import type { SizeWarning } from '../core/errors.js';
import type { Tier } from '../venues/types.js';
import type { SizingContext } from './constraints/types.js';

export type { SizeWarning } from '../core/errors.js';

/** The warnings of a decision with none: one shared, frozen empty list (no allocation per decision). */
export const NO_WARNINGS: readonly SizeWarning[] = Object.freeze([]);

/** A risk fraction at or above this (20 % of equity lost at the stop) is flagged. */
export const LARGE_RISK_FRACTION = 0.2;

/**
 * LARGE_RISK_FRACTION when the risk budget (before any regime multiplier) is ≥ 20 % of equity:
 * `--risk 1` means 100 %, not 1 %.
 *
 * @example
 * riskFractionWarnings(ctxOf({ equity: 10000, risk: 0.5 }));
 * // => [{ code: 'LARGE_RISK_FRACTION', message: 'risk 50% of equity ...' }]
 */
export function riskFractionWarnings(ctx: SizingContext): readonly SizeWarning[] {
  const r = ctx.request;
  const fraction = r.risk ?? (r.riskAmount ?? 0) / ctx.equity;
  if (fraction < LARGE_RISK_FRACTION) return NO_WARNINGS;
  const what = r.risk === undefined ? `risk amount ${fmt(r.riskAmount ?? 0)} is ${pct(fraction)} of equity ${fmt(ctx.equity)}` : `risk ${fmt(fraction)} is ${pct(fraction)} of equity`;
  return [{ code: 'LARGE_RISK_FRACTION', message: `${what}: a stop-out loses that much (fractions are decimals: 0.01 = 1%)` }];
}

/** What the venue warnings need to know about the instrument. */
export interface VenueWarningInput {
  /** "venue symbol", for the messages. */
  readonly where: string;
  /** The leverage the request assumes (its maximum leverage or the venue setting); undefined for none. */
  readonly leverage: number | undefined;
  /** The instrument's tier at the decided size (undefined without a tier table). */
  readonly tier: Tier | undefined;
  /** Position value of the decided size in the settlement currency, for the message. */
  readonly value: number;
  readonly tickSize: number;
}

/**
 * LEVERAGE_ABOVE_VENUE_MAX when the leverage the request assumes is above the tier's max
 * leverage at the decided size (the venue would not accept that setting), and STOP_WITHIN_TICK
 * when |entry − stop| is less than one price tick (the stop cannot be placed apart from the entry).
 *
 * @example
 * venueWarnings(ctx, { where: 'binance-usdm BTCUSDT', leverage: 150, tier, value: 3250, tickSize: 0.1 });
 * // => [{ code: 'LEVERAGE_ABOVE_VENUE_MAX', message: 'leverage 150× is above ...' }]
 */
export function venueWarnings(ctx: SizingContext, v: VenueWarningInput): readonly SizeWarning[] {
  const out: SizeWarning[] = [];
  if (v.leverage !== undefined && v.tier !== undefined && v.leverage > v.tier.maxLeverage) {
    out.push({
      code: 'LEVERAGE_ABOVE_VENUE_MAX',
      message: `leverage ${fmt(v.leverage)}× is above ${v.where}'s maximum ${fmt(v.tier.maxLeverage)}× for a position of value ${fmt(v.value)} (tier ${v.tier.tier})`,
    });
  }
  const distance = Math.abs(ctx.request.entry - ctx.request.stop);
  // Relative slack for binary floating point: 65000 − 64999.9 is 0.0999999…, exactly one tick.
  if (v.tickSize > 0 && distance < v.tickSize * (1 - 1e-9)) {
    out.push({
      code: 'STOP_WITHIN_TICK',
      message: `stop ${fmt(ctx.request.stop, 12)} is ${fmt(distance)} from entry ${fmt(ctx.request.entry, 12)}, less than one tick (${fmt(v.tickSize)}) of ${v.where}`,
    });
  }
  return out.length === 0 ? NO_WARNINGS : out;
}
