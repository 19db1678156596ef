/**
 * The venue liquidation constraint of `sizePosition`: the largest size whose liquidation price
 * stays beyond the stop by a buffer (a fraction of the stop distance), whose initial margin
 * fits the balance and whose leverage stays within the tier's max leverage, on the venue's lot
 * grid ({@link largestSafeQuantity}). The limit is in the request's contracts: the request and
 * the instrument must be of the same kind, and q_request = q_instrument × c_instrument / c_request.
 *
 * SOURCE: issue #3; the rules and the solver in `../../venues/max-safe-size.ts`.
 */
import { TradesizeError } from '../../core/errors.js';
import { fmt, pct } from '../../core/format.js';
import { DEFAULT_LIQUIDATION_BUFFER, SafeSizeRules, solveSafeSize, type SafeSize } from '../../venues/max-safe-size.js';
import type { Instrument, LiquidationInput, MarginMode, VenueModel } from '../../venues/types.js';
import { ConstraintLimit, perContext, type SizingConstraint, type SizingContext } from './types.js';
import { NO_WARNINGS, venueWarnings, type SizeWarning } from '../warnings.js';

/** Options of {@link liquidationConstraint}. Amounts in the settlement currency. */
export interface LiquidationConstraintOptions {
  readonly model: VenueModel;
  readonly instrument: Instrument;
  readonly marginMode: MarginMode;
  /** Fraction of the stop distance the liquidation price stays beyond the stop (default 0.5). */
  readonly buffer?: number;
  /** Isolated: the balance for this position's margin; cross: the wallet balance (default: the request's equity). */
  readonly balance?: number;
  /** Leverage setting; isolated without it the whole balance is the position's margin. */
  readonly leverage?: number;
  /** Cross mode: the account's other positions. */
  readonly otherPositions?: LiquidationInput['otherPositions'];
}

/** Request contracts per instrument contract is c_instrument / c_request. */
function unitsPerInstrumentContract(ctx: SizingContext, instrument: Instrument): number {
  if (ctx.terms.kind !== instrument.kind) {
    throw new TradesizeError(
      'INVALID_INPUT',
      `the request's ${ctx.terms.kind} contract does not match ${instrument.venue} ${instrument.symbol} (${instrument.kind})`,
      ['contract', 'kind'],
    );
  }
  return instrument.contractSize / ctx.terms.size;
}

/** Where the liquidation price must stay beyond: a stop and a buffer as a fraction of |entry − stop| (limit = stop ∓ buffer·|entry − stop|). */
export interface LiquidationLimitRule {
  readonly stop: number;
  readonly buffer: number;
}

/**
 * A constraint from the venue's largest safe size with the liquidation limit given per request
 * by `limitOf` (or null: no position can satisfy it). The `liquidation` constraint and the
 * `hit-probability` constraint (liquidation barrier) are both this.
 */
export function venueSafeSizeConstraint(
  name: string,
  o: LiquidationConstraintOptions,
  limitOf: (ctx: SizingContext) => LiquidationLimitRule | null,
  describe: (ctx: SizingContext, r: SafeSize | null, maxQuantity: number) => string,
  warn?: (ctx: SizingContext, rules: SafeSizeRules, instrumentQuantity: number) => readonly SizeWarning[],
): SizingConstraint {
  const prepare = perContext((ctx) => {
    const limit = limitOf(ctx);
    if (limit === null) return null;
    const rules = new SafeSizeRules({
      model: o.model,
      instrument: o.instrument,
      side: ctx.side,
      entry: ctx.request.entry,
      stop: limit.stop,
      buffer: limit.buffer,
      marginMode: o.marginMode,
      balance: o.balance ?? ctx.equity,
      leverage: o.leverage,
      otherPositions: o.otherPositions,
    });
    return { rules, perContract: unitsPerInstrumentContract(ctx, o.instrument) };
  });
  return {
    name,
    limit(ctx) {
      const p = prepare(ctx);
      if (p === null) return new ConstraintLimit(name, 0, (c) => describe(c, null, 0), ctx);
      const r = solveSafeSize(p.rules);
      const max = r.quantity * p.perContract;
      return new ConstraintLimit(name, max, () => describe(ctx, r, max));
    },
    allows(ctx, quantity) {
      const p = prepare(ctx);
      return quantity === 0 || (p !== null && p.rules.breaks(quantity / p.perContract) === null);
    },
    warnings(ctx, quantity) {
      const p = warn === undefined ? null : prepare(ctx);
      return p === null || warn === undefined ? NO_WARNINGS : warn(ctx, p.rules, quantity / p.perContract);
    },
  };
}

/** "venue symbol, mode L× on balance" for the explanations. */
export function venueWhere(o: LiquidationConstraintOptions, ctx: SizingContext): string {
  const setting = o.leverage === undefined ? '' : ` ${fmt(o.leverage)}×`;
  return `${o.instrument.venue} ${o.instrument.symbol}, ${o.marginMode}${setting} on ${fmt(o.balance ?? ctx.equity)}`;
}

/**
 * The `liquidation` sizing constraint for a venue and instrument (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT (from `limit`) when the request's contract kind differs
 *   from the instrument's, or from the rules' validation.
 * @example
 * sizePosition({ equity: 1000, entry: 65000, stop: 63000, risk: 0.02, maxLeverage: 20 },
 *   { constraints: [liquidationConstraint({ model: binanceUsdm, instrument: btcusdt, marginMode: 'isolated', leverage: 20 })] });
 * // => { quantity: 0.01, binding: 'stop-risk', constraints: [..., { name: 'liquidation', maxQuantity: 0.307 }] }
 */
export function liquidationConstraint(o: LiquidationConstraintOptions): SizingConstraint {
  const buffer = o.buffer ?? DEFAULT_LIQUIDATION_BUFFER;
  return venueSafeSizeConstraint('liquidation', o, (ctx) => ({ stop: ctx.request.stop, buffer }), (ctx, r, max) => {
    const safe = r as SafeSize;
    const { entry, stop } = ctx.request;
    const sign = ctx.side === 'long' ? '−' : '+';
    const limit = `${fmt(safe.liquidationLimit, 8)} = stop ${fmt(stop)} ${sign} ${pct(buffer)} × ${fmt(Math.abs(entry - stop))}`;
    const where = venueWhere(o, ctx);
    if (safe.quantity === 0) return `one lot already breaks ${safe.binding} (liquidation limit ${limit}; ${where}) → at most 0`;
    const lp = safe.liquidationPrice === null ? 'no liquidation price' : `liquidation at ${fmt(safe.liquidationPrice, 8)}`;
    return `${lp}, beyond ${limit} (${where}) → at most ${fmt(max)}; one more lot breaks ${safe.binding}`;
  }, (ctx, rules, quantity) =>
    venueWarnings(ctx, {
      where: `${o.instrument.venue} ${o.instrument.symbol}`,
      leverage: o.leverage ?? ctx.request.maxLeverage,
      tier: rules.tierAt(quantity),
      value: rules.value(quantity),
      tickSize: o.instrument.tickSize,
    }),
  );
}
