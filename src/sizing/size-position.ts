/**
 * `sizePosition`: one explained sizing decision.
 *
 * Pipeline (signal → sizing → risk checks, after QuantConnect Lean): validate the request,
 * compute the per-contract economics once, ask every constraint for the largest quantity it
 * allows, take the minimum, round down to the lot step last, re-check every constraint on the
 * rounded size (stepping down one lot, or one ulp without a lot step, if floating point left
 * it a hair over), then apply the venue minimums. When no valid size exists the request is
 * refused with a reason code instead of silently returning 0.
 *
 * With a `book` the stop's exit is a market order into it: stop-risk and the decision's
 * `riskAtStop` and `stopFill` count its expected slippage (constraints/stop-exit.ts), and
 * `maxSlippageBps` adds the `slippage` constraint on the entry (constraints/slippage.ts).
 */
import { TradesizeError } from '../core/errors.js';
import { parseInput } from '../core/validate.js';
import { fmt } from '../core/format.js';
import type { Fraction, Price, Quantity, QuoteAmount, SettleAmount } from '../core/units.js';
import { quoteNotional, unitPriceLoss, unitValue, type ContractTerms, type Side } from '../core/contract.js';
import { parseSizeRequestFast, sizeRequestSchema, type SizeRequest, type SizeRequestInput } from './request.js';
import { REFUSAL_CODES, type RefusalCode } from './refusal.js';
import { roundDownToStep } from '../core/rounding.js';
import { ConstraintLimit, type SizingConstraint, type SizingContext, type StopExit } from './constraints/types.js';
import { stopRisk } from './constraints/stop-risk.js';
import { exitFill, riskAtStop, stopExitOf, type BookConstraintOptions } from './constraints/stop-exit.js';
import { slippageConstraint } from './constraints/slippage.js';
import { kellyCap, leverageCap, venueMaxQty, volTargetCap } from './constraints/caps.js';
import { NO_WARNINGS, type SizeWarning } from './warnings.js';

/** The built-in constraints, in the order they are reported. */
export const BUILT_IN_CONSTRAINTS: readonly SizingConstraint[] = [stopRisk, leverageCap, kellyCap, volTargetCap, venueMaxQty];

/** Options of {@link sizePosition}. */
export interface SizeOptions {
  /** Extra constraints applied after the built-in ones (venue liquidation, probability, stress…). */
  readonly constraints?: readonly SizingConstraint[];
  /**
   * An order book: the exit at the stop walks it (stop-risk counts the expected slippage, with
   * `stopDepthFactor` θ of its depth and the square-root law beyond it with `impact`), and
   * `maxSlippageBps` adds the `slippage` constraint on the entry.
   */
  readonly book?: BookConstraintOptions;
}

/** A sized position. Amounts are in the settlement currency unless named `notional` (quote). */
export interface SizeDecision {
  readonly status: 'sized';
  readonly side: Side;
  readonly contract: ContractTerms;
  /** Quantity in contracts of `contract.size` (base units for a linear contract of size 1). */
  readonly quantity: Quantity;
  /** Notional at entry in the quote currency. */
  readonly notional: QuoteAmount;
  /** Position value at entry in the settlement currency (= notional for linear contracts). */
  readonly positionValue: SettleAmount;
  /** Position value / equity. */
  readonly leverage: Fraction;
  /** Initial margin at the maximum leverage (1× when none is given). */
  readonly initialMargin: SettleAmount;
  /** Loss if stopped out at the stop fill, fees included (with a book: the exit walked through it). */
  readonly riskAtStop: SettleAmount;
  /** The risk budget the stop-risk constraint used. */
  readonly riskBudget: SettleAmount;
  /** Assumed fill at the stop after slippage (with a book: the average fill of the exit of `quantity` walked through it). */
  readonly stopFill: Price;
  /** Name of the constraint that set the size. */
  readonly binding: string;
  /** The minimum of all constraints before lot rounding. */
  readonly unroundedQuantity: Quantity;
  /** Every constraint that applied, with its limit and explanation. */
  readonly constraints: readonly ConstraintLimit[];
  /** The regime multiplier applied to the risk budget and the Kelly and vol-target caps, when one was given. */
  readonly regime?: { readonly name: string; readonly multiplier: number; readonly explanation?: string };
  /** Inputs that are valid but probably not meant (a risk fraction ≥ 0.2, …); empty when none. See `warnings.ts`. */
  readonly warnings: readonly SizeWarning[];
}

/** A request with no valid size. */
export interface SizeRefusal {
  readonly status: 'refused';
  readonly code: RefusalCode;
  readonly message: string;
  /** The constraint that set the size before the refusal, when one did. */
  readonly binding: string | null;
  readonly constraints: readonly ConstraintLimit[];
}

export type SizeResult = SizeDecision | SizeRefusal;

function refuse(code: RefusalCode, detail: string, binding: string | null, constraints: readonly ConstraintLimit[]): SizeRefusal {
  return { status: 'refused', code, message: `${REFUSAL_CODES[code]}: ${detail}`, binding, constraints };
}

/**
 * Throws INVALID_INPUT when one contract's value or loss at the stop is beyond the range of a
 * double (a contract size of 1e308 at 65000 is worth Infinity): the error names the contract
 * size, instead of refusing with NaN limits. Without `contract` (linear, size 1) the value is
 * the entry price and the loss at most the entry plus 10 % fees: always finite.
 */
function assertRepresentable(r: SizeRequest, terms: ContractTerms, unitLoss: number): void {
  const value = unitValue(terms, r.entry);
  if (Number.isFinite(value) && Number.isFinite(unitLoss) && value > 0) return;
  const reason = `one contract (${terms.kind}, size ${fmt(terms.size)}) at entry ${fmt(r.entry)}: its value or its loss at the stop in the settlement currency is beyond the range of a double; contract.size is out of range`;
  throw new TradesizeError('INVALID_INPUT', `sizePosition: ${reason}`, ['contract', 'size'], { reason });
}

/** A constraint whose limit is not a number could not evaluate: it must refuse, never pass or round to a lot refusal. */
function constraintFailed(name: string): TradesizeError {
  return new TradesizeError('NON_FINITE_RESULT', `sizePosition: constraint "${name}" could not evaluate (its maxQuantity is not a number); a constraint returns a quantity ≥ 0, or +Infinity for a passed gate`, ['constraints', name]);
}

function buildContext(r: SizeRequest, stopExit: StopExit | null): SizingContext {
  const terms: ContractTerms = r.contract ?? { kind: 'linear', size: 1 };
  const slip = r.slippage ?? 0;
  const stopFill = r.side === 'long' ? r.stop * (1 - slip) : r.stop * (1 + slip);
  const priceLoss = unitPriceLoss(terms, r.side, r.entry, stopFill);
  const fees = (r.fees?.entry ?? 0) * unitValue(terms, r.entry) + (r.fees?.exit ?? 0) * unitValue(terms, stopFill);
  const multiplier = r.regime === undefined ? 1 : r.regime.multiplier;
  assertRepresentable(r, terms, priceLoss + fees);
  return {
    request: r,
    side: r.side,
    terms,
    equity: r.equity,
    unitValue: unitValue(terms, r.entry),
    stopFill,
    unitPriceLoss: priceLoss,
    unitFees: fees,
    unitLossAtStop: priceLoss + fees,
    riskBudget: (r.riskAmount ?? (r.risk ?? 0) * r.equity) * multiplier,
    riskMultiplier: multiplier,
    stopExit,
  };
}

/** The warnings every constraint raises at the decided quantity, in constraint order. */
function collectWarnings(ctx: SizingContext, all: readonly SizingConstraint[], q: number): readonly SizeWarning[] {
  let out = NO_WARNINGS;
  for (const c of all) {
    if (c.warnings === undefined) continue;
    const w = c.warnings(ctx, q);
    if (w.length > 0) out = out.length === 0 ? w : [...out, ...w];
  }
  return out;
}

/** Largest quantity ≤ q that every constraint allows, on the lot grid when there is one. */
function safeQuantity(ctx: SizingContext, all: readonly SizingConstraint[], q: number, step: number | undefined): number {
  let candidate = step === undefined ? q : roundDownToStep(q, step);
  for (let guard = 0; guard < 64 && candidate > 0; guard++) {
    let ok = true;
    for (const c of all) {
      if (!c.allows(ctx, candidate)) {
        ok = false;
        break;
      }
    }
    if (ok) return candidate;
    const next = step === undefined ? candidate : roundDownToStep(candidate - step, step);
    candidate = next < candidate ? next : candidate * (1 - Number.EPSILON);
  }
  return 0;
}

/**
 * Sizes one position: the largest quantity that satisfies every constraint, rounded down to
 * the lot step, with the binding constraint and every constraint's limit.
 *
 * @throws TradesizeError INVALID_INPUT naming the offending field; NON_FINITE_RESULT naming a
 *   constraint whose limit is NaN (['constraints', name]).
 * @example
 * sizePosition({ equity: 10000, entry: 65000, stop: 63000, risk: 0.01, venue: { lotStep: 0.001 } });
 * // => { status: 'sized', quantity: 0.05, notional: 3250, binding: 'stop-risk', ... }
 * sizePosition({ equity: 10000, entry: 65000, stop: 66000, risk: 0.01 });
 * // => { status: 'refused', code: 'STOP_ON_WRONG_SIDE', ... }
 */
export function sizePosition(input: SizeRequestInput, options: SizeOptions = {}): SizeResult {
  const r = parseSizeRequestFast(input) ?? parseInput(sizeRequestSchema(), input, 'sizePosition');
  if (r.side === 'long' ? r.stop >= r.entry : r.stop <= r.entry) {
    return refuse('STOP_ON_WRONG_SIDE', `${r.side} entry ${fmt(r.entry)} with stop ${fmt(r.stop)}`, null, []);
  }
  const book = options.book;
  const exit = book === undefined ? null : stopExitOf(book);
  const ctx = buildContext(r, exit);
  let all = BUILT_IN_CONSTRAINTS;
  if (book?.maxSlippageBps !== undefined) all = [...all, slippageConstraint(book.book, book.maxSlippageBps)];
  if (options.constraints !== undefined) all = [...all, ...options.constraints];

  const limits: ConstraintLimit[] = [];
  let binding: ConstraintLimit | null = null;
  for (const c of all) {
    const limit = c.limit(ctx);
    if (limit === null) continue;
    if (Number.isNaN(limit.maxQuantity)) throw constraintFailed(c.name);
    limits.push(limit);
    if (binding === null || limit.maxQuantity < binding.maxQuantity) binding = limit;
  }
  // stop-risk always applies, so there is always a binding constraint.
  const bound = binding as ConstraintLimit;
  if (!(bound.maxQuantity > 0)) {
    return refuse('NO_EDGE', `${bound.name} allows no position (${bound.explanation})`, bound.name, limits);
  }

  const venue = r.venue;
  const q = safeQuantity(ctx, all, bound.maxQuantity, venue?.lotStep);
  if (q === 0) {
    return refuse('BELOW_LOT_STEP', `${bound.name} allows ${fmt(bound.maxQuantity)}, lot step ${fmt(venue?.lotStep ?? 0)}`, bound.name, limits);
  }
  if (venue?.minQty !== undefined && q < venue.minQty) {
    return refuse('BELOW_MIN_QTY', `${fmt(q)} < minimum ${fmt(venue.minQty)} (set by ${bound.name})`, bound.name, limits);
  }
  const notional = quoteNotional(ctx.terms, q, r.entry);
  if (venue?.minNotional !== undefined && notional < venue.minNotional) {
    return refuse('BELOW_MIN_NOTIONAL', `${fmt(notional)} < minimum ${fmt(venue.minNotional)} (set by ${bound.name})`, bound.name, limits);
  }

  const positionValue = q * ctx.unitValue;
  return {
    status: 'sized',
    side: r.side,
    contract: ctx.terms,
    quantity: q as Quantity,
    notional,
    positionValue: positionValue as SettleAmount,
    leverage: (positionValue / r.equity) as Fraction,
    initialMargin: (positionValue / (r.maxLeverage ?? 1)) as SettleAmount,
    riskAtStop: riskAtStop(ctx, q) as SettleAmount,
    riskBudget: ctx.riskBudget as SettleAmount,
    stopFill: (exit === null ? ctx.stopFill : (exitFill(ctx, exit, q) as number)) as Price,
    binding: bound.name,
    unroundedQuantity: bound.maxQuantity as Quantity,
    constraints: limits,
    // Always present (undefined without a regime, which JSON omits): one object shape on the hot path.
    regime: r.regime,
    warnings: collectWarnings(ctx, all, q),
  };
}
