/**
 * The portfolio file: a cross-margin account, its underlyings and its positions in perpetuals,
 * dated futures and options across several underlyings. This zod schema is the single source of
 * truth for the JSON format documented in docs/PORTFOLIO.md; errors name the offending field
 * (`positions[3].strike` → path ['positions', 3, 'strike']).
 *
 * Conventions (docs/PORTFOLIO.md):
 * - The report currency is `account.currency` (default "USD"), the quote of every underlying.
 * - `quantity` is signed (+ long, − short) and multiplied by `contractSize` (default 1): base
 *   units for linear contracts and options, quote (USD) units for inverse perpetuals and futures.
 * - Collateral is the cash balance per currency after premiums paid or received; equity (NC) =
 *   cash + coin collateral × spot + Σ perp/future unrealised PnL + Σ option market values.
 *
 * @example
 * parsePortfolio({ asOf: '2026-12-01T00:00:00Z', account: { collateral: { USD: 10000 } },
 *   underlyings: { BTC: { spot: 65000, vol: 0.55 } },
 *   positions: [{ kind: 'perpetual', underlying: 'BTC', quantity: 0.5, entryPrice: 64000 }] });
 */
import { z } from 'zod';
import { parseInput } from '../core/validate.js';
import { TradesizeError } from '../core/errors.js';
import { getInstrument, getVenue } from '../venues/registry.js';
import type { Instrument, VenueModel } from '../venues/types.js';

/**
 * An ISO 8601 calendar date with optional time and offset (`2026-12-25`, `2026-12-25T08:00:00Z`,
 * `2026-12-25T08:00:00.000+01:00`). `Date.parse` alone accepts "0", "2026" and rolls
 * "2026-02-30" over to March; the day must exist in its month (proleptic Gregorian calendar,
 * ISO 8601-1:2019 §4.3.2, leap years per §3.2.1).
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** True when `s` is a real calendar date in the ISO 8601 form above. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (m === null) return false;
  const [y, mo, d, h, mi, se] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as [number, number, number, number, number, number];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return days !== undefined && d >= 1 && d <= days && h <= 23 && mi <= 59 && se <= 59 && Number.isFinite(Date.parse(s));
}

const isoDate = z.string().refine(isIsoDate, 'expected an ISO 8601 date that exists, e.g. 2026-12-25T08:00:00Z');

/**
 * True for a name that is a property of every plain object (`__proto__`, `constructor`,
 * `toString`, …): used as an object key it would set the prototype or read an inherited member
 * instead of the user's entry, so such names are refused wherever user keys become object keys.
 */
export function isPrototypeKey(k: string): boolean {
  return k === '__proto__' || k in Object.prototype;
}

/** A user-chosen name used as an object key (the report currency): not a prototype member. */
const userKey = z
  .string()
  .min(1)
  .refine((k) => !isPrototypeKey(k), { error: (iss) => `"${String(iss.input)}" is reserved (a property of every JavaScript object); use another name` });
const rate = z.number().min(0).max(1);

/** Overrides of the scenario-grid parameters (defaults in `stress/params.ts`). */
export const StressParamsSchema = z
  .object({
    priceRange: z.number().gt(0).lt(1).optional(),
    bucketsCount: z.number().int().min(1).max(50).optional(),
    volatilityRangeUp: z.number().min(0).max(10).optional(),
    volatilityRangeDown: z.number().min(0).lt(1).optional(),
    shortTermVegaPower: z.number().min(0).max(2).optional(),
    longTermVegaPower: z.number().min(0).max(2).optional(),
    minVolatilityForShockUp: z.number().min(0).max(10).optional(),
    extendedMoves: z.array(z.number().gt(-1).max(100).refine((m) => m !== 0, 'an extended move must not be 0')).max(64).optional(),
    extendedTableFactor: z.number().min(0).max(10).optional(),
    extendedDampener: z.number().min(0).optional(),
  })
  .strict();

export const MarginSchema = z.discriminatedUnion('style', [
  z.object({ style: z.literal('portfolio'), mmFactor: z.number().gt(0).max(1).default(0.8) }).strict(),
  z.object({ style: z.literal('standard'), imRate: rate, mmRate: rate }).strict().refine((m) => m.mmRate <= m.imRate, { message: 'mmRate must not exceed imRate', path: ['mmRate'] }),
]);

export const AccountSchema = z
  .object({
    currency: userKey.default('USD'),
    /** Cash per currency: the report currency, or an underlying's coin (valued at its spot). */
    collateral: z.record(z.string(), z.number()),
    margin: MarginSchema.default({ style: 'portfolio', mmFactor: 0.8 }),
  })
  .strict();

export const UnderlyingSchema = z
  .object({
    spot: z.number().positive(),
    /** ATM implied volatility (annualised), used by options without their own `vol`. */
    vol: z.number().positive().max(20).optional(),
    rate: z.number().min(-1).max(1).default(0),
    div: z.number().min(-1).max(1).default(0),
  })
  .strict();

/**
 * Standard margin from a venue's own model (perpetuals and futures): the bundled instrument's
 * tiered IM/MM at the moved mark (`../venues/registry.ts`); `leverage` sets the IM (default the
 * tier's maximum).
 */
const venueRules = {
  venue: z.string().min(1).optional(),
  symbol: z.string().min(1).optional(),
  leverage: z.number().positive().max(1000).optional(),
};

const common = {
  underlying: z.string().min(1),
  quantity: z.number().refine((q) => q !== 0, 'quantity must not be 0 (+ long, − short)'),
  contractSize: z.number().positive().default(1),
  imRate: rate.optional(),
  mmRate: rate.optional(),
};

export const PerpetualSchema = z
  .object({ kind: z.literal('perpetual'), ...common, ...venueRules, settlement: z.enum(['linear', 'inverse']).default('linear'), entryPrice: z.number().positive(), markPrice: z.number().positive().optional() })
  .strict();

export const FutureSchema = z
  .object({
    kind: z.literal('future'),
    ...common,
    ...venueRules,
    settlement: z.enum(['linear', 'inverse']).default('linear'),
    entryPrice: z.number().positive(),
    expiry: isoDate,
    /** Futures price now (default spot × e^{(rate − div)·T}). */
    markPrice: z.number().positive().optional(),
  })
  .strict();

export const OptionSchema = z
  .object({
    kind: z.literal('option'),
    ...common,
    type: z.enum(['call', 'put']),
    strike: z.number().positive(),
    expiry: isoDate,
    /** black-scholes on spot, black76 on the forward (USD premium), inverse (coin premium, Deribit). */
    model: z.enum(['black-scholes', 'black76', 'inverse']).default('black76'),
    vol: z.number().positive().max(20).optional(),
  })
  .strict();

export const PositionSchema = z.discriminatedUnion('kind', [PerpetualSchema, FutureSchema, OptionSchema]);

export const PortfolioSchema = z
  .object({
    /** Valuation time; option and future times to expiry are measured from it (365-day year). */
    asOf: isoDate,
    account: AccountSchema,
    underlyings: z.record(z.string(), UnderlyingSchema).refine((u) => Object.keys(u).length > 0, 'at least one underlying'),
    positions: z.array(PositionSchema).max(1_000_000),
    stress: StressParamsSchema.optional(),
    /** Correlations of daily log returns for Monte Carlo, e.g. { "BTC/ETH": 0.8 } (default 0). */
    correlations: z.record(z.string(), z.number().min(-1).max(1)).optional(),
  })
  .strict();

export type PortfolioInput = z.input<typeof PortfolioSchema>;
export type Portfolio = z.output<typeof PortfolioSchema>;
export type PositionSpec = z.output<typeof PositionSchema>;
export type PositionInput = z.input<typeof PositionSchema>;
export type StressParamsInput = z.input<typeof StressParamsSchema>;

/** A position's venue model and bundled instrument, or null without `venue`/`symbol` (validated). */
export function venueOf(p: Portfolio, pos: Extract<PositionSpec, { kind: 'perpetual' | 'future' }>, i: number): { model: VenueModel; instrument: Instrument } | null {
  if (pos.venue === undefined && pos.symbol === undefined) {
    if (pos.leverage !== undefined) throw new TradesizeError('INVALID_INPUT', `portfolio: positions[${i}].leverage needs venue and symbol`, ['positions', i, 'leverage']);
    return null;
  }
  const at = (field: string) => ['positions', i, field];
  if (pos.venue === undefined || pos.symbol === undefined) throw new TradesizeError('MISSING_OPTION', `portfolio: positions[${i}] needs both venue and symbol`, at(pos.venue === undefined ? 'venue' : 'symbol'));
  if (p.account.margin.style === 'portfolio') throw new TradesizeError('CONFLICTING_OPTIONS', `portfolio: positions[${i}] has venue margin rules but the account uses portfolio margin`, at('venue'));
  let model: VenueModel;
  let instrument: Instrument;
  try {
    model = getVenue(pos.venue);
    instrument = getInstrument(pos.venue, pos.symbol);
  } catch (e) {
    if (e instanceof TradesizeError) throw new TradesizeError(e.code, `portfolio: positions[${i}]: ${e.message}`, at(e.code === 'UNKNOWN_VENUE' ? 'venue' : 'symbol'));
    throw e;
  }
  if (instrument.kind !== pos.settlement) {
    throw new TradesizeError('INVALID_INPUT', `portfolio: positions[${i}] is ${pos.settlement} but ${instrument.venue} ${instrument.symbol} is ${instrument.kind}`, at('settlement'));
  }
  if (pos.leverage === undefined && !instrument.tiers.every((t) => Number.isFinite(t.maxLeverage))) {
    throw new TradesizeError('MISSING_OPTION', `portfolio: positions[${i}]: ${instrument.venue} ${instrument.symbol}'s tier table states no max leverage; give leverage`, at('leverage'));
  }
  return { model, instrument };
}

/** Cross-field checks zod cannot express locally: known underlyings, vols, expiries after asOf. */
function checkReferences(p: Portfolio): void {
  const asOf = Date.parse(p.asOf);
  for (const ccy of Object.keys(p.account.collateral)) {
    if (ccy !== p.account.currency && !Object.hasOwn(p.underlyings, ccy)) {
      throw new TradesizeError('INVALID_INPUT', `portfolio: collateral currency "${ccy}" is neither ${p.account.currency} nor an underlying`, ['account', 'collateral', ccy]);
    }
  }
  p.positions.forEach((pos, i) => {
    const u = Object.hasOwn(p.underlyings, pos.underlying) ? p.underlyings[pos.underlying] : undefined;
    if (u === undefined) {
      throw new TradesizeError('INVALID_INPUT', `portfolio: positions[${i}].underlying "${pos.underlying}" is not in underlyings`, ['positions', i, 'underlying']);
    }
    if (pos.kind !== 'perpetual' && !(Date.parse(pos.expiry) > asOf)) {
      throw new TradesizeError('INVALID_INPUT', `portfolio: positions[${i}].expiry ${pos.expiry} is not after asOf ${p.asOf}`, ['positions', i, 'expiry']);
    }
    if (pos.kind === 'option' && pos.vol === undefined && u.vol === undefined) {
      throw new TradesizeError('INVALID_INPUT', `portfolio: positions[${i}] has no vol and underlying ${pos.underlying} has none`, ['positions', i, 'vol']);
    }
    if (pos.kind !== 'option') venueOf(p, pos, i);
    if (p.account.margin.style === 'portfolio' && (pos.imRate !== undefined || pos.mmRate !== undefined)) {
      throw new TradesizeError('CONFLICTING_OPTIONS', `portfolio: positions[${i}] has margin rates but the account uses portfolio margin`, ['positions', i, pos.imRate !== undefined ? 'imRate' : 'mmRate']);
    }
  });
  for (const pair of Object.keys(p.correlations ?? {})) {
    const [a, b, extra] = pair.split('/');
    if (a === undefined || b === undefined || extra !== undefined || !Object.hasOwn(p.underlyings, a) || !Object.hasOwn(p.underlyings, b) || a === b) {
      throw new TradesizeError('INVALID_INPUT', `portfolio: correlation key "${pair}" must be "A/B" with two different underlyings`, ['correlations', pair]);
    }
  }
}

const KEYED: readonly (readonly string[])[] = [['underlyings'], ['account', 'collateral'], ['correlations']];

/**
 * Refuses prototype names ({@link isPrototypeKey}) among the keys of the input's records, before
 * zod copies them: a JSON `"__proto__"` key would otherwise replace the copy's prototype and vanish.
 */
function refusePrototypeKeys(input: unknown): void {
  for (const at of KEYED) {
    let o: unknown = input;
    for (const k of at) o = typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined;
    if (typeof o !== 'object' || o === null) continue;
    for (const k of Object.keys(o)) {
      const names = at[0] === 'correlations' ? k.split('/') : [k];
      if (names.some(isPrototypeKey)) throw new TradesizeError('INVALID_INPUT', `portfolio: ${at.join('.')} key "${k}" is reserved (a property of every JavaScript object); use another name`, [...at, k]);
    }
  }
}

/**
 * Validates a portfolio (the schema, then cross-field references).
 *
 * @throws TradesizeError INVALID_INPUT with the offending path, CONFLICTING_OPTIONS for margin
 *   rates on a portfolio-margin account.
 */
export function parsePortfolio(input: unknown): Portfolio {
  refusePrototypeKeys(input);
  const p = parseInput(PortfolioSchema, input, 'portfolio');
  checkReferences(p);
  return p;
}
