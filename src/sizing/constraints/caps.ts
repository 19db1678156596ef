/**
 * Caps on the position value (settlement currency, at entry) relative to equity:
 *
 * - leverage: value ≤ L_max · equity (1× when no maximum leverage is given);
 * - kelly: value ≤ f · equity for the chosen (fractional) Kelly fraction f (Thorp 2006, §7);
 * - vol-target: σ_annual · value / equity ≤ target, i.e. value ≤ target · equity / σ
 *   (volatility targeting, Moreira & Muir, "Volatility-Managed Portfolios", J. Finance 2017);
 * - venue-max-qty: quantity ≤ the venue's maximum order quantity.
 *
 * A regime multiplier m (`request.regime`) scales the Kelly and vol-target caps (and the risk
 * budget of stop-risk): exposure is cut in the regimes where the estimates behind those caps
 * deserve less trust; leverage and venue limits are hard limits and stay as they are.
 */
import { TradesizeError } from '../../core/errors.js';
import { fmt, pct } from '../../core/format.js';
import { linearCap, type SizingContext } from './types.js';

export const leverageCap = linearCap({
  name: 'leverage',
  perUnit: (ctx) => ctx.unitValue,
  cap: (ctx) => {
    const cap = (ctx.request.maxLeverage ?? 1) * ctx.equity;
    if (cap < Infinity) return cap;
    throw new TradesizeError('INVALID_INPUT', `max leverage ${fmt(ctx.request.maxLeverage ?? 1)} × equity overflows: give a finite, smaller max leverage`, ['maxLeverage']);
  },
  explain: (ctx, max) =>
    ctx.request.maxLeverage === undefined
      ? `no maximum leverage given, so unlevered: value ≤ 1× equity = ${fmt(ctx.equity)} → at most ${fmt(max)}`
      : `value ≤ ${fmt(ctx.request.maxLeverage)}× equity = ${fmt(ctx.request.maxLeverage * ctx.equity)} → at most ${fmt(max)}`,
});

/** " × regime high-vol 0.5" when a regime multiplier applies (stop-risk, Kelly and vol-target explanations). */
export function regimeFactor(ctx: SizingContext): string {
  const g = ctx.request.regime;
  return g === undefined ? '' : ` × regime ${g.name} ${fmt(g.multiplier)}`;
}

export const kellyCap = linearCap({
  name: 'kelly',
  perUnit: (ctx) => (ctx.request.kellyFraction === undefined ? null : ctx.unitValue),
  cap: (ctx) => (ctx.request.kellyFraction ?? 0) * ctx.equity * ctx.riskMultiplier,
  explain: (ctx, max) =>
    `value ≤ Kelly fraction ${fmt(ctx.request.kellyFraction ?? 0)} × equity${regimeFactor(ctx)} = ` +
    `${fmt((ctx.request.kellyFraction ?? 0) * ctx.equity * ctx.riskMultiplier)} → at most ${fmt(max)}`,
});

export const volTargetCap = linearCap({
  name: 'vol-target',
  perUnit: (ctx) => (ctx.request.volTarget === undefined ? null : ctx.unitValue * ctx.request.volTarget.sigma),
  cap: (ctx) => (ctx.request.volTarget?.target ?? 0) * ctx.equity * ctx.riskMultiplier,
  explain: (ctx, max) => {
    const v = ctx.request.volTarget;
    if (v === undefined) return '';
    const source = v.source === undefined ? '' : ` (${v.source})`;
    return (
      `position vol ${pct(v.sigma)}${source} × value / equity ≤ ${pct(v.target)}${regimeFactor(ctx)} → value ≤ ` +
      `${fmt((v.target * ctx.equity * ctx.riskMultiplier) / v.sigma)} → at most ${fmt(max)}`
    );
  },
});

export const venueMaxQty = linearCap({
  name: 'venue-max-qty',
  perUnit: (ctx) => (ctx.request.venue?.maxQty === undefined ? null : 1),
  cap: (ctx) => ctx.request.venue?.maxQty ?? 0,
  explain: (ctx) => `venue maximum order quantity ${fmt(ctx.request.venue?.maxQty ?? 0)}`,
});
