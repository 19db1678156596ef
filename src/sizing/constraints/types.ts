/**
 * The pluggable constraint model of `sizePosition`, in the spirit of QuantConnect Lean's risk
 * models: each constraint looks at the sizing context and returns the largest quantity it
 * allows with a one-line explanation, and can re-check any quantity exactly. Later models
 * (venue liquidation, first-passage probability, stress) plug in through the same interface.
 */
import type { ContractTerms, Side } from '../../core/contract.js';
import type { SizeRequest } from '../request.js';
import type { OrderBook } from '../../liquidity/book.js';
import type { ImpactModel } from '../../liquidity/impact.js';
import { TradesizeError, type SizeWarning } from '../../core/errors.js';

/** Everything a constraint may need, computed once per request. All amounts in settlement currency. */
export interface SizingContext {
  readonly request: SizeRequest;
  readonly side: Side;
  readonly terms: ContractTerms;
  readonly equity: number;
  /** Settlement-currency value of one unit at the entry price. */
  readonly unitValue: number;
  /** Fill price assumed at the stop after the slippage allowance. */
  readonly stopFill: number;
  /** Settlement-currency loss of one unit stopped out: price loss + entry fee + exit fee. */
  readonly unitLossAtStop: number;
  /** Price loss per unit at the stop fill (without fees). */
  readonly unitPriceLoss: number;
  /** Fees per unit: entry fee + exit fee at the stop fill. */
  readonly unitFees: number;
  /** The risk budget: the most this trade may lose at the stop (after the regime multiplier). */
  readonly riskBudget: number;
  /** The regime's risk multiplier m (1 without a regime): scales the risk budget and the Kelly and vol-target caps. */
  readonly riskMultiplier: number;
  /** The exit at the stop walked through a book (`sizePosition`'s `book` option), or null: see ./stop-exit.ts. */
  readonly stopExit: StopExit | null;
}

/** The plain-data form of a {@link ConstraintLimit}: what JSON, `console.log` and `util.inspect` show. */
export type ConstraintLimitData =
  | { name: string; maxQuantity: number; explanation: string }
  | { name: string; unbounded: true; explanation: string };

/**
 * The limit one constraint puts on the quantity, with its explanation computed on demand.
 *
 * A plain data object wherever it is seen: the inputs of the lazy explanation are private
 * (`#` fields, which are not properties), so `console.log`, `util.inspect` and `JSON.stringify`
 * show `{ name, maxQuantity, explanation }` with the explanation text, and `structuredClone`
 * copies the data properties (`name`, `maxQuantity`; call `toJSON()` first to carry the text).
 *
 * @example
 * const l = new ConstraintLimit('cap', 2, (_ctx, q) => `at most ${q}`);
 * JSON.stringify(l); // => '{"name":"cap","maxQuantity":2,"explanation":"at most 2"}'
 */
export class ConstraintLimit {
  readonly name: string;
  /**
   * Largest quantity (in contracts of the contract size) this constraint allows; ≥ 0, or
   * +Infinity for a gate that passed (a rule that does not depend on the size, such as the
   * probability of reaching the stop first). JSON writes that as `"unbounded": true` without
   * `maxQuantity`.
   */
  readonly maxQuantity: number;
  readonly #explain: (ctx: SizingContext, maxQuantity: number) => string;
  readonly #ctx: SizingContext | undefined;
  #explained: string | undefined;

  /**
   * @param explain - builds the explanation on first read; called as `explain(ctx, maxQuantity)`
   * so that the hot path allocates no closure per decision.
   */
  constructor(name: string, maxQuantity: number, explain: (ctx: SizingContext, maxQuantity: number) => string, ctx?: SizingContext) {
    this.name = name;
    this.maxQuantity = maxQuantity;
    this.#explain = explain;
    this.#ctx = ctx;
  }

  /** One line saying what the constraint is and how it bounds the size. */
  get explanation(): string {
    this.#explained ??= this.#explain(this.#ctx as SizingContext, this.maxQuantity);
    return this.#explained;
  }

  toJSON(): ConstraintLimitData {
    return Number.isFinite(this.maxQuantity)
      ? { name: this.name, maxQuantity: this.maxQuantity, explanation: this.explanation }
      : { name: this.name, unbounded: true, explanation: this.explanation };
  }

  /** `util.inspect` and `console.log` show the plain data, explanation text included. */
  [Symbol.for('nodejs.util.inspect.custom')](): ConstraintLimitData {
    return this.toJSON();
  }
}

/**
 * `fn` evaluated once per sizing context: a constraint is asked for its `limit` and then to
 * re-check (`allows`) rounded sizes on the same context, and the expensive part (a venue's
 * rules, a probability, a solved price) does not change between those calls.
 */
export function perContext<T>(fn: (ctx: SizingContext) => T): (ctx: SizingContext) => T {
  const cache = new WeakMap<SizingContext, { readonly value: T }>();
  return (ctx) => {
    let hit = cache.get(ctx);
    if (hit === undefined) {
      hit = { value: fn(ctx) };
      cache.set(ctx, hit);
    }
    return hit.value;
  };
}

/** A sizing constraint: an upper bound on quantity. */
export interface SizingConstraint {
  readonly name: string;
  /** The largest quantity allowed, or null when the constraint does not apply to this request. */
  limit(ctx: SizingContext): ConstraintLimit | null;
  /** Exact re-check of a candidate quantity, used after rounding so no size breaks a constraint. */
  allows(ctx: SizingContext, quantity: number): boolean;
  /**
   * Inputs that are valid but probably not meant, judged at the decided quantity (see
   * `../warnings.ts`); an empty list (or no method) for none.
   */
  warnings?(ctx: SizingContext, quantity: number): readonly SizeWarning[];
}

/**
 * A constraint of the form `quantity × perUnit ≤ cap` (stop-risk, leverage, Kelly, volatility
 * target, venue maximum). `perUnit` returns null when the constraint does not apply.
 */
export function linearCap(spec: {
  name: string;
  perUnit(ctx: SizingContext): number | null;
  cap(ctx: SizingContext): number;
  explain(ctx: SizingContext, maxQuantity: number): string;
}): SizingConstraint {
  return {
    name: spec.name,
    limit(ctx) {
      const perUnit = spec.perUnit(ctx);
      if (perUnit === null) return null;
      const cap = spec.cap(ctx);
      // A linear cap is never a passed gate: an infinite one is an overflow of its inputs (a multiplier of 1e308), refused with its name.
      if (!Number.isFinite(cap)) throw new TradesizeError('NON_FINITE_RESULT', `sizePosition: constraint "${spec.name}": its cap overflows a double with these inputs`, ['constraints', spec.name]);
      const maxQuantity = Math.max(0, cap / perUnit);
      return new ConstraintLimit(spec.name, maxQuantity, spec.explain, ctx);
    },
    allows(ctx, quantity) {
      const perUnit = spec.perUnit(ctx);
      return perUnit === null || quantity * perUnit <= spec.cap(ctx);
    },
  };
}

/** The validated exit model. */
export interface StopExit {
  readonly book: OrderBook;
  readonly depthFactor: number;
  readonly impact: ImpactModel | undefined;
}
