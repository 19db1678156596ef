/**
 * The risk engine's inputs, one zod schema each (the HTTP API validates with these too; unknown
 * keys are refused). Times are milliseconds since the epoch or ISO 8601 strings; `side` is
 * `buy` or `sell`. Markets and accounts are named by the caller (URL-safe names).
 */
import type * as Zod from 'zod';
import { loadZod } from '../core/lazy-zod.js';
import type { EngineOption } from './option-greeks.js';

/** Default account limits (fractions of equity; seconds). */
export const DEFAULT_LIMITS = {
  riskPerTrade: 0.01,
  maxLeverage: 3,
  maxDailyLoss: 0.05,
  maxDrawdown: 0.25,
  stopOutCooldownSeconds: 900,
} as const;

function build({ z }: typeof Zod) {
  const name = z.string().regex(/^[A-Za-z0-9._~-]{1,64}$/, 'must be 1-64 URL-safe characters (letters, digits, . _ ~ -)');
  const positive = z.number().positive().max(1e15);
  const time = z.union([
    z.number().int().nonnegative().max(8.64e15),
    z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
  ]);
  const fraction = z.number().gt(0).lt(1);
  const limits = z.strictObject({
    riskPerTrade: z.number().gt(0).max(1).default(DEFAULT_LIMITS.riskPerTrade),
    maxLeverage: z.number().gt(0).max(1000).default(DEFAULT_LIMITS.maxLeverage),
    maxDailyLoss: fraction.default(DEFAULT_LIMITS.maxDailyLoss),
    maxDrawdown: fraction.default(DEFAULT_LIMITS.maxDrawdown),
    stopOutCooldownSeconds: z.number().int().min(0).max(365 * 86400).default(DEFAULT_LIMITS.stopOutCooldownSeconds),
  });
  return {
    name,
    account: z.strictObject({
      equity: positive,
      currency: z.string().regex(/^[A-Z0-9]{2,10}$/, 'must be a currency code such as USDT or BTC'),
      marginMode: z.enum(['cross', 'isolated']).default('cross'),
      venue: z.string().min(1).max(64).optional(),
      limits: limits.prefault({}),
    }),
    market: z.union([
      /** A bundled instrument: its contract, lot step and margin tiers come from the venue snapshot. */
      z.strictObject({ venue: z.string().min(1).max(32), symbol: z.string().min(1).max(64) }),
      z.strictObject({
        kind: z.enum(['linear', 'inverse']).default('linear'),
        contractSize: positive.default(1),
        lotStep: positive.optional(),
        tickSize: positive.optional(),
      }),
      /** A European option on another market (its prices are the option's premium: quote, or coin when coin-settled). */
      z.strictObject({
        option: z.strictObject({
          underlying: name,
          type: z.enum(['call', 'put']),
          strike: positive,
          expiry: time,
          settlement: z.enum(['linear', 'inverse']).default('linear'),
          volatility: z.number().gt(0).max(20).optional(),
        }),
        contractSize: positive.default(1),
        lotStep: positive.optional(),
      }),
    ]),
    fill: z.strictObject({
      market: name,
      side: z.enum(['buy', 'sell']),
      quantity: positive,
      price: positive,
      fee: z.number().min(0).max(1e15).default(0),
      time: time.optional(),
    }),
    // Any number: NaN, ±Infinity and non-positive prices are the price book's refusals, with their own codes.
    tick: z.strictObject({ market: name, source: name, price: z.custom<number>((v) => typeof v === 'number', 'must be a number'), time }),
    order: z.strictObject({
      market: name,
      side: z.enum(['buy', 'sell']),
      quantity: positive.optional(),
      price: positive.optional(),
      stop: positive.optional(),
      reduceOnly: z.boolean().default(false),
    }),
    killSwitch: z.strictObject({
      account: name.optional(),
      pauseSeconds: z.number().int().positive().max(365 * 86400).optional(),
    }),
  };
}

type Schemas = ReturnType<typeof build>;
let schemas: Schemas | undefined;

/** The engine's input schemas (built on first use, so zod loads lazily). */
export function engineSchemas(): Schemas {
  schemas ??= build(loadZod());
  return schemas;
}

export type AccountSpec = Zod.output<Schemas['account']>;
export type AccountSpecInput = Zod.input<Schemas['account']>;
export type AccountLimits = AccountSpec['limits'];
/** A market's input: a bundled venue instrument, or contract fields. */
export type MarketInput = Zod.input<Schemas['market']>;
/** A market's contract as the engine uses it. */
export interface MarketSpec {
  readonly kind: 'linear' | 'inverse';
  readonly contractSize: number;
  readonly lotStep?: number;
  readonly tickSize?: number;
  /** Where the contract came from, for a bundled instrument. */
  readonly venue?: string;
  readonly symbol?: string;
  /** For an option market: the option (its PnL is linear in the premium, in the settlement currency). */
  readonly option?: EngineOption;
}
export type FillInput = Zod.input<Schemas['fill']>;
export type Fill = Zod.output<Schemas['fill']>;
export type TickInput = Zod.input<Schemas['tick']>;
export type OrderInput = Zod.input<Schemas['order']>;
export type Order = Zod.output<Schemas['order']>;
export type KillSwitchInput = Zod.input<Schemas['killSwitch']>;

const NAME = /^[A-Za-z0-9._~-]{1,64}$/;

/**
 * A tick as the schema gives it, without zod, when it is the plain case: an object with
 * exactly `market`, `source` (URL-safe names), `price` (any number) and `time` (an integer
 * number of ms in [0, 8.64e15]); null for anything else, which then goes through
 * `engineSchemas().tick` for its verdict and message. The hot path of `submitPrices`: the
 * schema's own parse is a fifth of a tick's cost. Accepts only what the schema accepts, and
 * gives what it gives (test/engine/schemas.test.ts checks both on random input).
 */
export function plainTick(raw: unknown): { market: string; source: string; price: number; time: number } | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const t = raw as Record<string, unknown>;
  const { market, source, price, time } = t;
  if (typeof market !== 'string' || typeof source !== 'string' || typeof price !== 'number' || typeof time !== 'number') return null;
  if (!Number.isInteger(time) || time < 0 || time > 8.64e15 || !NAME.test(market) || !NAME.test(source)) return null;
  let keys = 0;
  for (const k in t) if (Object.prototype.hasOwnProperty.call(t, k)) keys++;
  if (keys !== 4 || Object.getPrototypeOf(t) !== Object.prototype) return null;
  return { market, source, price, time };
}
