/**
 * The largest safe size on a venue: the largest multiple q* of the lot step such that
 *
 *   top-tier            the position value at entry stays within the top tier's cap;
 *   max-leverage        the leverage stays within the max leverage of the tier the position
 *                       falls in: the setting L ≤ tier.maxLeverage, or, isolated without a
 *                       setting, the implied leverage value / balance ≤ tier.maxLeverage
 *                       (the initial margin at the tier's max leverage fits the balance);
 *   initial-margin      the initial margin at the setting L fits the available balance:
 *                       isolated IM(q, L) ≤ balance; cross IM(q, L) ≤ balance + Σ uPnL(others)
 *                       − Σ IM(others) (others at their tier's max leverage);
 *   liquidation-buffer  the liquidation price stays beyond the stop by a fraction b of the stop
 *                       distance d = |entry − stop|: long LP ≤ stop − b·d, short LP ≥ stop + b·d
 *                       (a position with no liquidation price passes);
 *
 * and one more lot breaks at least one of them. The margin collateral is, in isolated mode, the
 * initial margin at the setting L (the venue posts it as the isolated margin) or, without a
 * setting, the whole balance; in cross mode the wallet balance, the other positions held fixed.
 * Margins and the liquidation price are the venue model's own (`positionMargin`, `liquidation`;
 * an allocation-free path for the tier-kernel venues, see `safe-size-rules.ts`).
 *
 * Every rule is monotone in q (value, margins and the effective maintenance rate only grow with
 * size, so the liquidation price only moves toward the entry), so the safe set is a lot-grid
 * interval [0, q*]. Solver: a closed-form seed (the margin budget walked up the tiers, the tier
 * where the max leverage drops below L, and the buffer root by secant steps in x = 1/q, in which
 * the liquidation price (linear contracts) or its inverse (inverse contracts) is affine within a
 * tier for the value × MMR − amount venues), then an exact monotone search on the lot index:
 * check the seed and the next lot, galloping and bisecting only when a tier change moved the root.
 *
 * SOURCE: issue #3 (largest safe size); liquidation formulas in the venue modules, after
 * /work/shared/references/venues.md (Binance FAQ one-way LP: LP = (WB + cum − s·Q·EP) /
 * (Q·MMR − s·Q), affine in 1/Q).
 */
import { TradesizeError } from '../core/errors.js';
import { stepDecimals } from '../core/rounding.js';
import { SafeSizeRules, type SafeSizeInput, type SafeSizeRule } from './safe-size-rules.js';

export { DEFAULT_LIQUIDATION_BUFFER, SafeSizeRules, type SafeSizeInput, type SafeSizeRule } from './safe-size-rules.js';

/** The largest safe size and what it implies. */
export interface SafeSize {
  /** Contracts, a multiple of the lot step (0 when not even one lot is safe). */
  readonly quantity: number;
  /** The leverage setting, or isolated without one value / balance, or cross without one the tier's max (0 at quantity 0). */
  readonly leverage: number;
  /** Liquidation price at `quantity` (null at 0 or when none exists). */
  readonly liquidationPrice: number | null;
  /** The first rule (in {@link SafeSizeRule} order) that one more lot breaks. */
  readonly binding: SafeSizeRule;
  /** Initial margin at `quantity`: at the leverage setting, else the tier's max (cross) or the whole balance (isolated). */
  readonly initialMargin: number;
  /** Position value at entry, settlement currency. */
  readonly positionValue: number;
  /** The price the liquidation price must stay beyond: stop ∓ buffer × |entry − stop|. */
  readonly liquidationLimit: number;
}

/** k lots, written with the lot step's decimals (exact multiples, no 0.30000000000000004). */
function lots(k: number, step: number, scale: number): number {
  const raw = k * step;
  return raw * scale < 2 ** 52 ? Math.round(raw * scale) / scale : raw;
}

/**
 * The largest quantity (contracts, on the lot grid) whose liquidation price stays beyond the stop
 * by `buffer` × the stop distance, whose initial margin fits the balance and whose leverage stays
 * within the tier's max leverage; one more lot breaks one of these (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT for a stop on the wrong side, a negative buffer or
 *   balance, a non-positive leverage or lot step, or a margin mode the venue lacks; errors of the
 *   venue model (an invalid instrument); NOT_CONVERGED when no rule bounds the quantity.
 * @example
 * largestSafeQuantity({ model: binanceUsdm, instrument: btcusdt, side: 'long', entry: 65000,
 *   stop: 63000, buffer: 0.5, marginMode: 'isolated', balance: 1000, leverage: 20 });
 * // => { quantity: 0.307, leverage: 20, binding: 'initial-margin', liquidationPrice: ~61998, ... }
 */
export function largestSafeQuantity(input: SafeSizeInput): SafeSize {
  return solveSafeSize(new SafeSizeRules(input));
}

/** {@link largestSafeQuantity} on prepared rules. */
export function solveSafeSize(rules: SafeSizeRules): SafeSize {
  const step = rules.input.instrument.lotStep;
  const scale = 10 ** stepDecimals(step);
  const seed = rules.seed();
  // lo: largest lot index known safe (0 always is); hi: smallest known to break `rule`.
  const s = { lo: 0, hi: 0, rule: 'liquidation-buffer' as SafeSizeRule, lp: null as number | null, im: 0, maxLeverage: 0 };
  const ok = (k: number): boolean => {
    const rule = rules.breaks(lots(k, step, scale));
    if (rule === null) {
      s.lo = k;
      s.lp = rules.lastLiquidationPrice;
      s.im = rules.lastInitialMargin;
      s.maxLeverage = rules.lastMaxLeverage;
      return true;
    }
    s.hi = k;
    s.rule = rule;
    return false;
  };
  const start = seed > 0 && Number.isFinite(seed) ? Math.floor(seed / step + 1e-9) : 0;
  if (start === 0 || ok(start)) {
    // Gallop up from the seed until a lot breaks a rule.
    const limit = 2 ** 53 / scale;
    for (let d = 1; ok(s.lo + d); d *= 2) {
      if (s.lo > limit) throw new TradesizeError('NOT_CONVERGED', 'largestSafeQuantity: no rule bounds the quantity');
    }
  } else {
    // Gallop down; lot 0 is always safe.
    for (let d = 1; s.hi - d > 0 && !ok(s.hi - d); d *= 2);
  }
  while (s.hi - s.lo > 1) ok(Math.floor((s.lo + s.hi) / 2));
  const quantity = lots(s.lo, step, scale);
  const { leverage, marginMode, balance } = rules.input;
  const positionValue = rules.value(quantity);
  const empty = quantity === 0;
  return {
    quantity,
    leverage: leverage ?? (empty ? 0 : marginMode === 'isolated' ? positionValue / balance : s.maxLeverage),
    liquidationPrice: empty ? null : s.lp,
    binding: s.rule,
    initialMargin: empty ? 0 : s.im,
    positionValue,
    liquidationLimit: rules.liquidationLimit,
  };
}
