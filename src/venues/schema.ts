/**
 * The zod schemas of the venue inputs — tier row, tier table, instrument, position and the
 * account of a liquidation (margin mode, collateral, leverage, other positions) — the single
 * source of truth for their types (`types.ts` derives them with z.infer) and for the messages
 * and field paths of invalid input. Built on first use, so that zod loads only when input is
 * invalid (see `core/lazy-zod.ts`); well-formed input is accepted by the allocation-free
 * predicates of `validate.ts`, which the tests hold equal to these schemas.
 *
 * The table rule (`tiers.ts`): at least one row; the first floor 0; each cap above its floor and
 * equal to the next floor (only the last cap may be +Infinity); rates in [0, 1) and never
 * falling; maintenance amounts finite; max leverage > 0 (+Infinity when the source states none).
 *
 * Source: the tier-table conventions of venues.md §1 and the venue documents cited in `tiers.ts`.
 *
 * @example
 * venueSchemas().tiers.safeParse([]).success; // => false ("the tier table is empty: supply tiers")
 */
import type * as Zod from 'zod';
import { loadZod } from '../core/lazy-zod.js';
import { VENUE_IDS } from './venue-ids.js';

function buildSchemas({ z }: typeof Zod) {
  const finite = z.number();
  /** A finite number or +Infinity (an open-ended cap, an unstated max leverage). */
  const upTo = (message: string) => z.union([finite, z.literal(Number.POSITIVE_INFINITY)], { error: message });
  const tier = z.object({
    tier: finite,
    floor: finite.min(0, 'floor must be a finite number ≥ 0'),
    cap: upTo('cap must be a number (only the last cap may be Infinity)'),
    /** Maintenance margin rate (fraction of position value). */
    maintenanceMarginRate: finite.min(0).lt(1, 'maintenance margin rate must be in [0, 1)'),
    /** Maintenance amount subtracted (Binance `cum`, Bybit/Hyperliquid deduction); keeps MM continuous. */
    maintenanceAmount: finite,
    /** Largest leverage allowed in this tier; initial margin rate = 1 / maxLeverage at most. */
    maxLeverage: upTo('max leverage must be > 0').refine((x) => x > 0, 'max leverage must be > 0'),
  });
  const tiers = z
    .array(tier)
    .min(1, 'the tier table is empty: supply tiers')
    .superRefine((rows, ctx) => {
      rows.forEach((t, i) => {
        const issue = (field: string, message: string, at = i) => ctx.addIssue({ code: 'custom', path: [at, field], message });
        if (i === 0 && t.floor !== 0) issue('floor', 'the first tier must start at 0');
        if (!(t.cap > t.floor && (Number.isFinite(t.cap) || i === rows.length - 1))) issue('cap', `tier ${i + 1}: cap must be above the floor (only the last cap may be Infinity)`);
        const next = rows[i + 1];
        if (next === undefined) return;
        if (next.floor !== t.cap) issue('floor', `tier ${i + 2}: floor ${next.floor} must equal the previous cap ${t.cap}`, i + 1);
        if (next.maintenanceMarginRate < t.maintenanceMarginRate) issue('maintenanceMarginRate', `tier ${i + 2}: maintenance margin rates must not fall`, i + 1);
      });
    });
  const positive = (what: string) => finite.gt(0, `${what} must be > 0`);
  const instrument = z.object({
    venue: z.enum(VENUE_IDS),
    symbol: z.string(),
    kind: z.enum(['linear', 'inverse']),
    /** Base units per contract (linear) or quote units per contract (inverse). */
    contractSize: positive('contract size'),
    tickSize: finite.min(0),
    lotStep: finite.min(0),
    minQty: finite.min(0).optional(),
    /** Tier table, sorted by floor, contiguous (cap of row i = floor of row i + 1). */
    tiers,
    /** What the tier bounds measure: quote notional (linear), coin value (inverse), or contracts. */
    tierBasis: z.enum(['quote', 'settle', 'contracts'], { error: 'tier basis must be quote, settle or contracts' }),
    /** Taker fee rate, for venues whose maintenance includes the fee to close (OKX). */
    takerFee: finite.min(0).optional(),
    /** Venue-specific parameters (dYdX liquidity tier, Deribit size-dependent rates, …). */
    params: z.record(z.string(), finite).optional(),
    /** Where the numbers come from (and a caveat, e.g. that the snapshot is old). */
    source: z.object({ url: z.string(), date: z.string(), note: z.string().optional() }).optional(),
  });
  const position = z.object({
    symbol: z.string(),
    side: z.enum(['long', 'short'], { error: 'side must be long or short' }),
    /** Contracts, > 0. */
    quantity: positive('quantity'),
    entryPrice: positive('entry price'),
    /** Mark price now (defaults to the entry price). */
    markPrice: positive('mark price').optional(),
    /** Hedge mode leg, where the venue has one. */
    positionSide: z.enum(['both', 'long', 'short'], { error: 'positionSide must be both, long or short' }).optional(),
  });
  const account = z.object({
    marginMode: z.enum(['isolated', 'cross'], { error: 'margin mode must be isolated or cross' }),
    /** Isolated: the margin allocated to this position. Cross: the account wallet balance. */
    collateral: finite.min(0, 'collateral must be a finite amount ≥ 0'),
    /** Leverage setting for initial margin (default: the tier's max leverage). */
    leverage: positive('leverage').optional(),
    /** Cross mode: the account's other positions (with marks), their margin held fixed. */
    otherPositions: z.array(z.object({ instrument, position })).optional(),
  });
  return { tier, tiers, instrument, position, account };
}

/** The venue schemas (see the module doc). */
export type VenueSchemas = ReturnType<typeof buildSchemas>;
let schemas: VenueSchemas | undefined;

/**
 * The venue schemas, built on first use (this is when zod loads).
 *
 * @example
 * venueSchemas().position.parse({ symbol: 'BTC', side: 'long', quantity: 1, entryPrice: 70_000 });
 */
export function venueSchemas(): VenueSchemas {
  schemas ??= buildSchemas(loadZod());
  return schemas;
}

type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
/** The validated (read-only) value type of a venue schema. */
export type VenueValue<K extends keyof VenueSchemas> = DeepReadonly<Zod.infer<VenueSchemas[K]>>;
