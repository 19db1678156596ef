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
import { ConstraintLimit, type SizingConstraint, type SizingContext } from './types.js';

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

function explain(o: LiquidationConstraintOptions, ctx: SizingContext, r: SafeSize, perContract: number, balance: number): string {
  const { entry, stop } = ctx.request;
  const buffer = o.buffer ?? DEFAULT_LIQUIDATION_BUFFER;
  const sign = ctx.side === 'long' ? '−' : '+';
  const limit = `${fmt(r.liquidationLimit, 8)} = stop ${fmt(stop)} ${sign} ${pct(buffer)} × ${fmt(Math.abs(entry - stop))}`;
  const setting = o.leverage === undefined ? '' : ` ${fmt(o.leverage)}×`;
  const where = `${o.instrument.venue} ${o.instrument.symbol}, ${o.marginMode}${setting} on ${fmt(balance)}`;
  if (r.quantity === 0) return `one lot already breaks ${r.binding} (liquidation limit ${limit}; ${where}) → at most 0`;
  const lp = r.liquidationPrice === null ? 'no liquidation price' : `liquidation at ${fmt(r.liquidationPrice, 8)}`;
  return `${lp}, beyond ${limit} (${where}) → at most ${fmt(r.quantity * perContract)}; one more lot breaks ${r.binding}`;
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
  const prepared = new WeakMap<SizingContext, { rules: SafeSizeRules; perContract: number }>();
  const prepare = (ctx: SizingContext) => {
    let p = prepared.get(ctx);
    if (p === undefined) {
      const rules = new SafeSizeRules({
        model: o.model,
        instrument: o.instrument,
        side: ctx.side,
        entry: ctx.request.entry,
        stop: ctx.request.stop,
        buffer: o.buffer ?? DEFAULT_LIQUIDATION_BUFFER,
        marginMode: o.marginMode,
        balance: o.balance ?? ctx.equity,
        leverage: o.leverage,
        otherPositions: o.otherPositions,
      });
      p = { rules, perContract: unitsPerInstrumentContract(ctx, o.instrument) };
      prepared.set(ctx, p);
    }
    return p;
  };
  return {
    name: 'liquidation',
    limit(ctx) {
      const { rules, perContract } = prepare(ctx);
      const r = solveSafeSize(rules);
      return new ConstraintLimit('liquidation', r.quantity * perContract, () => explain(o, ctx, r, perContract, rules.input.balance));
    },
    allows(ctx, quantity) {
      const { rules, perContract } = prepare(ctx);
      return rules.breaks(quantity / perContract) === null;
    },
  };
}
