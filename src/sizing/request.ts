/**
 * The sizing request: the single source of truth for `sizePosition` input and its validation.
 *
 * Conventions: fractions are decimals (0.01 = 1 %); prices are in the quote currency; equity,
 * the risk amount and margin are in the settlement currency (quote for linear contracts, the coin
 * for inverse ones); volatilities and targets are annualised; quantities are in contracts of
 * `contract.size` (base units for linear, quote units for inverse contracts).
 */
import type * as Zod from 'zod';
import { loadZod } from '../core/lazy-zod.js';

function buildSchema({ z }: typeof Zod) {
  const positive = z.number().positive();
  const feeRate = z.number().min(0).max(0.1);
  return z
    .strictObject({
      /** Direction of the trade (default long). */
      side: z.enum(['long', 'short']).default('long'),
      /** Account equity available to this trade, in the settlement currency. */
      equity: positive,
      /** Entry price (quote per base). */
      entry: positive,
      /** Stop price (quote per base): below entry for a long, above for a short. */
      stop: positive,
      /** Risk budget as a fraction of equity lost if stopped out (0.01 = 1 %). */
      risk: z.number().gt(0).max(1).optional(),
      /** Risk budget as an amount of the settlement currency (instead of `risk`). */
      riskAmount: positive.optional(),
      /** Contract terms (default linear, contract size 1). */
      contract: z
        .strictObject({
          kind: z.enum(['linear', 'inverse']).default('linear'),
          size: positive.default(1),
        })
        .optional(),
      /** Fee rates charged on the traded value at entry and at the stop exit (default 0). */
      fees: z.strictObject({ entry: feeRate.default(0), exit: feeRate.default(0) }).optional(),
      /** Slippage allowance at the stop as a fraction of the stop price (default 0). */
      slippage: z.number().min(0).lt(1).optional(),
      /** Largest leverage (position value / equity) allowed; without it the position is unlevered (1×). */
      maxLeverage: positive.optional(),
      /** Chosen (fractional) Kelly fraction of equity: position value ≤ kellyFraction × equity. */
      kellyFraction: z.number().min(0).optional(),
      /**
       * Volatility target: annualised position volatility σ × value / equity ≤ target; `source`
       * says where σ came from (e.g. 'garch-t forecast, 30 periods'), for the explanation.
       */
      volTarget: z.strictObject({ target: positive, sigma: positive, source: z.string().min(1).optional() }).optional(),
      /**
       * A regime's risk multiplier m in (0, 1] (e.g. from `regimeMultiplier`): the risk budget,
       * the Kelly cap and the volatility-target cap are scaled by m; `name` labels the regime and
       * `explanation` says why (both are echoed in the decision).
       */
      regime: z.strictObject({ multiplier: z.number().gt(0).max(1), name: z.string().min(1), explanation: z.string().min(1).optional() }).optional(),
      /** Venue trading rules: lot step, minimum and maximum quantity, minimum notional (quote). */
      venue: z
        .strictObject({
          lotStep: positive.optional(),
          minQty: z.number().nonnegative().optional(),
          maxQty: positive.optional(),
          minNotional: z.number().nonnegative().optional(),
        })
        .optional(),
    })
    .superRefine((r, ctx) => {
      if ((r.risk === undefined) === (r.riskAmount === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['risk'],
          message: 'give exactly one risk budget: risk (a fraction of equity) or riskAmount',
        });
      }
    });
}

/** The zod schema of a sizing request. */
export type SizeRequestSchema = ReturnType<typeof buildSchema>;
let schema: SizeRequestSchema | undefined;

/**
 * The zod schema of a sizing request: the single source of truth for its types and messages.
 * Built on first use, so that zod loads only when it is needed (see `core/lazy-zod.ts`).
 */
export function sizeRequestSchema(): SizeRequestSchema {
  schema ??= buildSchema(loadZod());
  return schema;
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isPos = (x: unknown): x is number => isNum(x) && x > 0;
const optPos = (x: unknown): boolean => x === undefined || isPos(x);
const optNonNeg = (x: unknown): boolean => x === undefined || (isNum(x) && x >= 0);
const isFee = (x: unknown): boolean => x === undefined || (isNum(x) && x >= 0 && x <= 0.1);
/** A plain object (literal, JSON or null-prototype); anything else is left to the schema. */
const isObj = (x: unknown): x is Record<string, unknown> => {
  if (typeof x !== 'object' || x === null) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
};

/** The number of enumerable keys of `o`. */
function keyCount(o: Record<string, unknown>): number {
  let total = 0;
  for (const _ in o) total++;
  return total;
}

/*
 * Each object has no keys but its schema's: keyCount(o) equals the number of its known keys that
 * are present (a known key present with the value undefined counts, as zod's strictObject takes
 * it for an absent optional key; an unknown key is refused whatever its value). The known keys
 * are spelled out as named `in` checks (monomorphic, unlike one loop over every name list); the
 * tests hold them equal to the schema's (a request setting every schema key passes, an unknown
 * key at any level does not).
 */
const onlyRequestKeys = (x: Record<string, unknown>): boolean =>
  keyCount(x) ===
  +('side' in x) + +('equity' in x) + +('entry' in x) + +('stop' in x) + +('risk' in x) + +('riskAmount' in x) +
    +('contract' in x) + +('fees' in x) + +('slippage' in x) + +('maxLeverage' in x) + +('kellyFraction' in x) +
    +('volTarget' in x) + +('regime' in x) + +('venue' in x);
const onlyContractKeys = (c: Record<string, unknown>): boolean => keyCount(c) === +('kind' in c) + +('size' in c);
const onlyFeeKeys = (f: Record<string, unknown>): boolean => keyCount(f) === +('entry' in f) + +('exit' in f);
const onlyVolKeys = (v: Record<string, unknown>): boolean => keyCount(v) === +('target' in v) + +('sigma' in v) + +('source' in v);
const onlyRegimeKeys = (g: Record<string, unknown>): boolean =>
  keyCount(g) === +('multiplier' in g) + +('name' in g) + +('explanation' in g);
const onlyVenueKeys = (u: Record<string, unknown>): boolean =>
  keyCount(u) === +('lotStep' in u) + +('minQty' in u) + +('maxQty' in u) + +('minNotional' in u);

/**
 * Fast path of {@link SizeRequest} for the hot loop: returns the parsed request when `x` is
 * well formed, or null to let the zod schema produce the error. It only ever accepts inputs the
 * schema accepts and produces the same output (a property test holds it to that); the schema
 * stays the single source of truth for types and messages.
 */
export function parseSizeRequestFast(x: unknown): SizeRequest | null {
  if (!isObj(x) || !onlyRequestKeys(x)) return null;
  // `=== undefined`, never `??`: a default replaces only an absent value, and null is refused.
  const side = x.side === undefined ? 'long' : x.side;
  if (side !== 'long' && side !== 'short') return null;
  if (!isPos(x.equity) || !isPos(x.entry) || !isPos(x.stop)) return null;
  const hasRisk = x.risk !== undefined;
  if (hasRisk === (x.riskAmount !== undefined)) return null;
  if (hasRisk && !(isNum(x.risk) && x.risk > 0 && x.risk <= 1)) return null;
  if (!optPos(x.riskAmount) || !optPos(x.maxLeverage) || !optNonNeg(x.kellyFraction)) return null;
  if (x.slippage !== undefined && !(isNum(x.slippage) && x.slippage >= 0 && x.slippage < 1)) return null;
  const out: SizeRequest = { side, equity: x.equity, entry: x.entry, stop: x.stop };
  if (hasRisk) out.risk = x.risk as number;
  else out.riskAmount = x.riskAmount as number;
  if (x.slippage !== undefined) out.slippage = x.slippage;
  if (x.maxLeverage !== undefined) out.maxLeverage = x.maxLeverage as number;
  if (x.kellyFraction !== undefined) out.kellyFraction = x.kellyFraction as number;
  const c = x.contract;
  if (c !== undefined) {
    if (!isObj(c) || !onlyContractKeys(c)) return null;
    const kind = c.kind === undefined ? 'linear' : c.kind;
    if ((kind !== 'linear' && kind !== 'inverse') || !optPos(c.size)) return null;
    // Already complete objects are used as given (read-only): no allocation on the hot path.
    out.contract = c.kind !== undefined && c.size !== undefined ? (c as SizeRequest['contract']) : { kind, size: (c.size as number | undefined) ?? 1 };
  }
  const f = x.fees;
  if (f !== undefined) {
    if (!isObj(f) || !onlyFeeKeys(f) || !isFee(f.entry) || !isFee(f.exit)) return null;
    out.fees =
      f.entry !== undefined && f.exit !== undefined
        ? (f as SizeRequest['fees'])
        : { entry: (f.entry as number | undefined) ?? 0, exit: (f.exit as number | undefined) ?? 0 };
  }
  const v = x.volTarget;
  if (v !== undefined) {
    if (!isObj(v) || !onlyVolKeys(v) || !isPos(v.target) || !isPos(v.sigma)) return null;
    if (v.source !== undefined && !(typeof v.source === 'string' && v.source.length > 0)) return null;
    out.volTarget = v as SizeRequest['volTarget'];
  }
  const g = x.regime;
  if (g !== undefined) {
    if (!isObj(g) || !onlyRegimeKeys(g) || !isNum(g.multiplier) || !(g.multiplier > 0 && g.multiplier <= 1)) return null;
    if (!(typeof g.name === 'string' && g.name.length > 0)) return null;
    if (g.explanation !== undefined && !(typeof g.explanation === 'string' && g.explanation.length > 0)) return null;
    out.regime = g as SizeRequest['regime'];
  }
  const u = x.venue;
  if (u !== undefined) {
    if (!isObj(u) || !onlyVenueKeys(u)) return null;
    if (!optPos(u.lotStep) || !optNonNeg(u.minQty) || !optPos(u.maxQty) || !optNonNeg(u.minNotional)) return null;
    out.venue = u as SizeRequest['venue'];
  }
  return out;
}

/** Input accepted by `sizePosition` (defaults not yet applied). */
export type SizeRequestInput = Zod.input<SizeRequestSchema>;
/** A validated request with defaults applied. */
export type SizeRequest = Zod.output<SizeRequestSchema>;
