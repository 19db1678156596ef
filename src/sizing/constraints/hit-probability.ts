/**
 * The `hit-probability` constraint of `sizePosition`: the probability that the price reaches the
 * position's stop, or its liquidation price, before the target (or within the horizon) stays at
 * or below a limit p, under a GBM price with annual log-drift μ and volatility σ (closed forms of
 * `../../risk/first-passage/adverse.ts`).
 *
 * - barrier 'stop': the stop does not move with the size, so the rule is a gate: when
 *   P(stop first) ≤ p the constraint allows any size (unbounded), otherwise none.
 * - barrier 'liquidation': the liquidation price moves toward the entry as the size (leverage)
 *   grows, and P(liquidation first) rises with it. The nearest admissible level L* solves
 *   P(L*) = p; the limit is then the venue's largest safe size with the liquidation price at or
 *   beyond L* (the same solver as the `liquidation` constraint, with L* in place of the
 *   stop-and-buffer limit, so its margin and max-leverage rules hold too).
 *
 * Fat tails and volatility clustering make these probabilities too low for crypto returns;
 * feed σ from a GARCH or implied-vol forecast, and use `tradesize first-passage --model
 * student-t|garch-t` to see the Monte Carlo figure for the same barriers.
 *
 * SOURCE: issue #4 §6; formulas and sources in `../../risk/first-passage/`.
 */
import { z } from 'zod';
import { TradesizeError } from '../../core/errors.js';
import { fmt, pct } from '../../core/format.js';
import { parseInput } from '../../core/validate.js';
import { adverseLevelForProbability, adverseProbability, type AdverseSetting } from '../../risk/first-passage/adverse.js';
import { ConstraintLimit, perContext, type SizingConstraint, type SizingContext } from './types.js';
import { venueSafeSizeConstraint, venueWhere, type LiquidationConstraintOptions } from './liquidation.js';

/** The probability limit and the price model of {@link hitProbabilityConstraint}. */
export const HitProbabilityOptions = z.strictObject({
  /** Largest acceptable probability p of reaching the barrier first, in (0, 1). */
  maxProbability: z.number().gt(0).lt(1),
  /** The adverse level: the stop, or the venue's liquidation price (needs `venue`). */
  barrier: z.enum(['stop', 'liquidation']),
  /** Annual log-drift ν of the price. */
  mu: z.number().finite(),
  /** Annual volatility σ of the price. */
  sigma: z.number().positive().finite(),
  /** Target price in the position's favour: "before the target". */
  target: z.number().positive().finite().optional(),
  /** Horizon in years: "within the horizon" (default: none). */
  horizon: z.number().positive().finite().optional(),
});
export type HitProbabilityOptions = z.input<typeof HitProbabilityOptions>;

const NAME = 'hit-probability';

function setting(o: z.output<typeof HitProbabilityOptions>, ctx: SizingContext): AdverseSetting {
  const { entry } = ctx.request;
  if (o.target !== undefined && (ctx.side === 'long' ? o.target <= entry : o.target >= entry)) {
    throw new TradesizeError('INVALID_INPUT', `target ${fmt(o.target)} must be ${ctx.side === 'long' ? 'above' : 'below'} the ${ctx.side} entry ${fmt(entry)}`, ['target']);
  }
  return {
    side: ctx.side,
    price: entry,
    mu: o.mu,
    sigma: o.sigma,
    horizon: o.horizon ?? Infinity,
    ...(o.target === undefined ? {} : { target: o.target }),
  };
}

/** "before target 70000 within 0.25 y (μ 0, σ 60%)" */
function scenario(o: z.output<typeof HitProbabilityOptions>): string {
  const before = o.target === undefined ? '' : ` before target ${fmt(o.target)}`;
  const within = o.horizon === undefined ? (o.target === undefined ? ' ever' : '') : ` within ${fmt(o.horizon)} y`;
  return `${before}${within} (GBM μ ${fmt(o.mu)}, σ ${pct(o.sigma)})`;
}

function stopGate(o: z.output<typeof HitProbabilityOptions>): SizingConstraint {
  const probability = perContext((ctx) => adverseProbability({ ...setting(o, ctx), adverse: ctx.request.stop }));
  const explain = (ctx: SizingContext, max: number): string => {
    const p = probability(ctx);
    const verdict = max > 0 ? `≤ ${pct(o.maxProbability)} → no limit on size` : `> ${pct(o.maxProbability)} → no position`;
    return `P(stop ${fmt(ctx.request.stop)} first${scenario(o)}) = ${pct(p)} ${verdict}`;
  };
  return {
    name: NAME,
    limit: (ctx) => new ConstraintLimit(NAME, probability(ctx) <= o.maxProbability ? Infinity : 0, explain, ctx),
    allows: (ctx, quantity) => quantity === 0 || probability(ctx) <= o.maxProbability,
  };
}

function liquidationBarrier(o: z.output<typeof HitProbabilityOptions>, venue: LiquidationConstraintOptions): SizingConstraint {
  const level = perContext((ctx) => adverseLevelForProbability(setting(o, ctx), o.maxProbability));
  return venueSafeSizeConstraint(NAME, venue, (ctx) => {
    const l = level(ctx);
    return l === null ? null : { stop: l, buffer: 0 };
  }, (ctx, r, max) => {
    const l = level(ctx);
    const head = `P(liquidation first${scenario(o)}) ≤ ${pct(o.maxProbability)}`;
    if (l === null || r === null) return `${head}: every liquidation price is reached almost surely → no position`;
    const rule = r.binding === 'liquidation-buffer' ? `the ${fmt(l, 8)} limit` : r.binding;
    const bound = `${head} ⇔ liquidation ${ctx.side === 'long' ? '≤' : '≥'} ${fmt(l, 8)} (${venueWhere(venue, ctx)})`;
    if (r.quantity === 0 || r.liquidationPrice === null) {
      return r.quantity === 0 ? `${bound}; one lot already breaks ${rule} → at most 0` : `${bound}; no liquidation price → at most ${fmt(max)}`;
    }
    const p = adverseProbability({ ...setting(o, ctx), adverse: r.liquidationPrice });
    return `${bound}; liquidation at ${fmt(r.liquidationPrice, 8)} has P = ${pct(p)} → at most ${fmt(max)}; one more lot breaks ${rule}`;
  });
}

/**
 * The `hit-probability` constraint (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT (bad options; barrier 'liquidation' without `venue`; from
 *   `limit`: a target on the wrong side of the entry).
 * @example
 * sizePosition({ equity: 1000, entry: 65000, stop: 62000, risk: 0.05, maxLeverage: 50 }, {
 *   constraints: [hitProbabilityConstraint({ maxProbability: 0.1, barrier: 'liquidation', mu: 0, sigma: 0.6, target: 72000 },
 *     { model: binanceUsdm, instrument: btcusdt, marginMode: 'isolated', leverage: 50 })],
 * });
 * // => constraints: [..., { name: 'hit-probability', maxQuantity: …, explanation: 'P(liquidation first before target 72000 …) ≤ 10% ⇔ liquidation ≤ 59…' }]
 */
export function hitProbabilityConstraint(options: HitProbabilityOptions, venue?: LiquidationConstraintOptions): SizingConstraint {
  const o = parseInput(HitProbabilityOptions, options, 'hitProbabilityConstraint');
  if (o.barrier === 'stop') return stopGate(o);
  if (venue === undefined) {
    throw new TradesizeError('INVALID_INPUT', "hitProbabilityConstraint: barrier 'liquidation' needs the venue (model, instrument, margin mode)", ['barrier']);
  }
  return liquidationBarrier(o, venue);
}
