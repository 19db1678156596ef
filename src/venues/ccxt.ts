/**
 * ccxt interop: unified `Market`, `LeverageTier[]` and `Position[]` objects (with their raw
 * `info`) in, tradesize {@link Instrument}, {@link Tier} and {@link Position} out. Numbers may be
 * numbers or numeric strings (raw venue fields are strings). Invalid or missing required fields
 * throw INVALID_INPUT with the path of the field (`[3, 'maxNotional']`).
 *
 * Which fields the formulas need, where they are read first, and what happens when missing:
 *
 * | needed for                  | unified field (ccxt)           | raw `info` field read first / instead                     | when missing                                  |
 * |-----------------------------|--------------------------------|-----------------------------------------------------------|-----------------------------------------------|
 * | maintenance amount (cum)    | —                              | Binance `cum`; Bybit `mmDeduction`; freqtrade `maintAmt`  | derived by `withDeductions` (the venue's own  |
 * |                             |                                | (top level)                                               | recurrence); OKX: 0 (no deduction, contracts) |
 * | tier bounds                 | `minNotional`, `maxNotional`   | Binance `notionalFloor/Cap`, COIN-M `qtyFloor/qtyCap`     | INVALID_INPUT                                 |
 * |                             |                                | (coin); OKX `minSz/maxSz` (CONTRACTS); Bybit              |                                               |
 * |                             |                                | `riskLimitValue` (cap; floor = previous cap)              |                                               |
 * | maintenance rate            | `maintenanceMarginRate`        | Binance `maintMarginRatio`; Bybit `maintenanceMargin`     | INVALID_INPUT                                 |
 * |                             |                                | (percent when `initialMargin`·`maxLeverage` ≈ 100); OKX   |                                               |
 * |                             |                                | `mmr`                                                     |                                               |
 * | max leverage                | `maxLeverage`                  | Binance `initialLeverage`; Bybit `maxLeverage`; OKX       | INVALID_INPUT                                 |
 * |                             |                                | `maxLever`                                                |                                               |
 * | linear / inverse            | `linear`, `inverse`            | —                                                         | INVALID_INPUT                                 |
 * | contract size               | `contractSize`                 | —                                                         | INVALID_INPUT                                 |
 * | tick / lot step             | `precision.price/amount`       | Binance filters `PRICE_FILTER.tickSize`,                  | INVALID_INPUT                                 |
 * |                             |                                | `LOT_SIZE.stepSize`; Bybit `priceFilter.tickSize`,        |                                               |
 * |                             |                                | `lotSizeFilter.qtyStep`; OKX `tickSz`, `lotSz`            |                                               |
 * | minimum quantity            | `limits.amount.min`            | —                                                         | none (no minimum)                             |
 * | tier table of a market      | `fetchLeverageTiers` result    | —                                                         | the bundled snapshot's tiers, else            |
 * |                             |                                |                                                           | INVALID_INPUT (dYdX, Deribit: bundled params) |
 * | position side, size, entry  | `side`, `contracts`,           | —                                                         | INVALID_INPUT (positions with 0 contracts are |
 * |                             | `entryPrice`                   |                                                           | skipped)                                      |
 * | margin mode                 | `marginMode`                   | Binance `marginType`; OKX `mgnMode`                       | INVALID_INPUT                                 |
 * | isolated collateral (WB)    | `collateral`                   | Binance `isolatedWallet` (ccxt's collateral may include   | undefined: pass the margin yourself; cross    |
 * |                             |                                | uPnL); OKX `margin`                                       | collateral is the account's wallet balance,   |
 * |                             |                                |                                                           | which is not on a position                    |
 * | hedge-mode leg              | `hedged`                       | Binance `positionSide`; OKX `posSide`; Bybit `positionIdx`| one-way (`both`)                              |
 *
 * Precision: ccxt's `precisionMode` is TICK_SIZE for every venue here (precision.price 0.1 means
 * a tick of 0.1); older exchange files and ccxt's static test markets use DECIMAL_PLACES
 * (precision.price 1 means one decimal, a tick of 0.1). Pass `precisionMode: 'decimalPlaces'` for
 * those. Raw filters, when present, win over either.
 *
 * SOURCE: ccxt 4.5 `js/src/base/types.d.ts` (LeverageTier, Position, MarketInterface) and the
 * exchange parsers `parseMarketLeverageTiers` (binance, bybit, okx); Binance
 * `/fapi/v1/leverageBracket`, `/dapi/v1/leverageBracket`; Bybit `/v5/market/risk-limit`;
 * OKX `/api/v5/public/position-tiers`.
 *
 * @example
 * const tiers = await exchange.fetchLeverageTiers(['BTC/USDT:USDT']);
 * const btc = instrumentFromCcxt(exchange.markets['BTC/USDT:USDT'], { venue: 'binance-usdm', tiers: tiers['BTC/USDT:USDT'] });
 * const [leg] = positionsFromCcxt(await exchange.fetchPositions(['BTC/USDT:USDT']));
 */
import { z } from 'zod';
import { TradesizeError, isTradesizeError, type FieldPath } from '../core/errors.js';
import { parseInput } from '../core/validate.js';
import type { ContractKind } from '../core/contract.js';
import { findInstrument, getVenue } from './registry.js';
import { validateTiers, withDeductions, type TierRow } from './tiers.js';
import type { Instrument, MarginMode, Position, Tier, TierBasis, VenueId } from './types.js';

/** A number, or a numeric string as venues send them ("0.004"). */
const numeric = z.union([
  z.number(),
  z
    .string()
    .regex(/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/, 'expected a number')
    .transform(Number),
]);
const raw = z.record(z.string(), z.unknown());

/** ccxt `LeverageTier` (fields we read); `maintAmt` is freqtrade's cached form of the amount. */
const CcxtLeverageTier = z.object({
  tier: numeric.nullish(),
  minNotional: numeric.nullish(),
  maxNotional: numeric.nullish(),
  maintenanceMarginRate: numeric.nullish(),
  maxLeverage: numeric.nullish(),
  maintAmt: numeric.nullish(),
  info: raw.nullish(),
});
const CcxtLeverageTiers = z.array(CcxtLeverageTier).min(1, 'expected at least one tier');

/** ccxt `Market` (fields we read). */
const CcxtMarket = z.object({
  symbol: z.string().min(1),
  linear: z.boolean().nullish(),
  inverse: z.boolean().nullish(),
  contractSize: numeric.pipe(z.number().positive()),
  precision: z.object({ amount: numeric.nullish(), price: numeric.nullish() }),
  limits: z.object({ amount: z.object({ min: numeric.nullish() }).nullish() }).nullish(),
  taker: numeric.nullish(),
  info: raw.nullish(),
});

/** ccxt `Position` (fields we read). */
const CcxtPosition = z.object({
  symbol: z.string().min(1),
  side: z.enum(['long', 'short']).nullish(),
  contracts: numeric.pipe(z.number().nonnegative()),
  entryPrice: numeric.nullish(),
  markPrice: numeric.nullish(),
  marginMode: z.enum(['cross', 'isolated']).nullish(),
  collateral: numeric.nullish(),
  initialMargin: numeric.nullish(),
  leverage: numeric.nullish(),
  hedged: z.boolean().nullish(),
  info: raw.nullish(),
});

/** How a ccxt market writes precision: TICK_SIZE (current ccxt) or DECIMAL_PLACES. */
export type CcxtPrecisionMode = 'tickSize' | 'decimalPlaces';

/** Options of {@link instrumentFromCcxt}. */
export interface InstrumentFromCcxtOptions {
  readonly venue: VenueId;
  /** The market's `fetchLeverageTiers` rows; default: the bundled snapshot's tiers. */
  readonly tiers?: unknown;
  /** Default 'tickSize'. */
  readonly precisionMode?: CcxtPrecisionMode;
}

/** One position from ccxt with the margin facts the liquidation formulas need. */
export interface PositionFromCcxt {
  readonly position: Position;
  readonly marginMode: MarginMode;
  /** Isolated: the margin allocated to the position (wallet part, no uPnL) when known. */
  readonly collateral?: number;
  readonly initialMargin?: number;
  readonly leverage?: number;
}

/** Raw field names of a venue's tier rows (see the module table). */
interface RawTierFields {
  readonly floor?: string;
  readonly cap: string;
  readonly rate: string;
  readonly leverage: string;
  readonly amount?: string;
}

const RAW_TIER_FIELDS: Partial<Record<VenueId, RawTierFields>> = {
  'binance-usdm': { floor: 'notionalFloor', cap: 'notionalCap', rate: 'maintMarginRatio', leverage: 'initialLeverage', amount: 'cum' },
  'binance-coinm': { floor: 'qtyFloor', cap: 'qtyCap', rate: 'maintMarginRatio', leverage: 'initialLeverage', amount: 'cum' },
  'bybit-linear': { cap: 'riskLimitValue', rate: 'maintenanceMargin', leverage: 'maxLeverage', amount: 'mmDeduction' },
  'bybit-inverse': { cap: 'riskLimitValue', rate: 'maintenanceMargin', leverage: 'maxLeverage', amount: 'mmDeduction' },
  'okx-swap': { floor: 'minSz', cap: 'maxSz', rate: 'mmr', leverage: 'maxLever' },
};

/**
 * What a venue's tier bounds measure: OKX contracts, coin value for the inverse venues, quote
 * notional otherwise.
 *
 * @example
 * tierBasisFor('okx-swap', 'linear');     // => 'contracts'
 * tierBasisFor('binance-coinm', 'inverse'); // => 'settle'
 */
export function tierBasisFor(venue: VenueId, kind: ContractKind): TierBasis {
  if (venue === 'okx-swap') return 'contracts';
  return kind === 'inverse' ? 'settle' : 'quote';
}

/**
 * Runs `f`, re-throwing its TradesizeError with `prefix` prepended to the path; with `code`, an
 * INVALID_INPUT becomes that code (a bad field of a file is a PARSE_ERROR).
 */
export function atPath<T>(prefix: FieldPath, f: () => T, code?: 'PARSE_ERROR'): T {
  try {
    return f();
  } catch (e) {
    if (!isTradesizeError(e)) throw e;
    const newCode = code !== undefined && e.code === 'INVALID_INPUT' ? code : e.code;
    throw new TradesizeError(newCode, e.message, [...prefix, ...e.path], e.details ? { ...e.details } : undefined);
  }
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function missing(where: string, path: FieldPath, what: string): never {
  throw new TradesizeError('INVALID_INPUT', `${where}: missing ${what} (at ${path.join('.')})`, path);
}

/**
 * Bybit sends `maintenanceMargin` as a fraction on linear and, in its docs' inverse example, as a
 * percent. `initialMargin` × `maxLeverage` is 1 for fractions and 100 for percents.
 */
function bybitRateScale(info: Record<string, unknown> | null | undefined): number {
  const im = toNumber(info?.initialMargin);
  const lev = toNumber(info?.maxLeverage);
  if (im === undefined || lev === undefined) return 1;
  return Math.abs(im * lev - 100) < Math.abs(im * lev - 1) ? 0.01 : 1;
}

/**
 * The id of a venue that has tier tables.
 *
 * @throws TradesizeError UNKNOWN_VENUE; INVALID_INPUT for dYdX and Deribit, whose margin rates
 *   are instrument params, not tiers.
 */
export function tieredVenue(id: string): VenueId {
  const venue = getVenue(id).id;
  if (venue === 'dydx' || venue === 'deribit') {
    throw new TradesizeError(
      'INVALID_INPUT',
      `${venue} has no leverage tiers; its margin rates are instrument params (see the bundled instruments)`,
      ['venue'],
    );
  }
  return venue;
}

/**
 * Converts ccxt `fetchLeverageTiers` rows of one market into a validated {@link Tier} table,
 * sorted by floor. Bounds stay in the venue's basis (see {@link tierBasisFor}): OKX rows are
 * CONTRACTS, Binance COIN-M and Bybit inverse rows are coin. Maintenance amounts are the raw
 * `info.cum` / `info.mmDeduction` (or freqtrade's `maintAmt`) when every row has one, otherwise
 * derived with `withDeductions`; OKX has no deduction (0).
 *
 * @throws TradesizeError INVALID_INPUT with the row's path when a required field is missing or the
 *   table is not contiguous; for dYdX and Deribit, which have no tier tables.
 * @example
 * tiersFromCcxt(tiers['BTC/USDT:USDT'], { venue: 'binance-usdm' })[1];
 * // => { tier: 2, floor: 50000, cap: 600000, maintenanceMarginRate: 0.005, maintenanceAmount: 50, maxLeverage: 100 }
 */
export function tiersFromCcxt(leverageTiers: unknown, options: { readonly venue: VenueId }): Tier[] {
  const venue = tieredVenue(options.venue);
  const rows = parseInput(CcxtLeverageTiers, leverageTiers, 'tiersFromCcxt');
  const fields = RAW_TIER_FIELDS[venue];
  const isBybit = venue === 'bybit-linear' || venue === 'bybit-inverse';
  const indexed = rows.map((row, i) => {
    const info = row.info ?? {};
    const rawOf = (key: string | undefined) => (key === undefined ? undefined : toNumber(info[key]));
    const cap = row.maxNotional ?? rawOf(fields?.cap) ?? missing('tiersFromCcxt', [i, 'maxNotional'], 'the tier cap');
    const rate = row.maintenanceMarginRate ?? rawOf(fields?.rate) ?? missing('tiersFromCcxt', [i, 'maintenanceMarginRate'], 'the maintenance margin rate');
    const maxLeverage = row.maxLeverage ?? rawOf(fields?.leverage) ?? missing('tiersFromCcxt', [i, 'maxLeverage'], 'the max leverage');
    return {
      i,
      tier: row.tier ?? i + 1,
      floor: row.minNotional ?? rawOf(fields?.floor),
      cap,
      maintenanceMarginRate: isBybit ? rate * bybitRateScale(info) : rate,
      maxLeverage,
      amount: venue === 'okx-swap' ? 0 : (rawOf(fields?.amount) ?? row.maintAmt ?? undefined),
    };
  });
  indexed.sort((a, b) => a.cap - b.cap);
  const resolved = indexed.map((r, k) => ({
    ...r,
    // Bybit states caps only: a row starts where the previous one ends.
    floor: r.floor ?? (k === 0 ? 0 : (indexed[k - 1]?.cap ?? missing('tiersFromCcxt', [r.i, 'minNotional'], 'the tier floor'))),
  }));
  const tierRows: TierRow[] = resolved.map((r) => ({
    tier: r.tier,
    floor: r.floor,
    cap: r.cap,
    maintenanceMarginRate: r.maintenanceMarginRate,
    maxLeverage: r.maxLeverage,
  }));
  const amounts = resolved.map((r) => r.amount);
  const tiers = amounts.every((a): a is number => a !== undefined)
    ? tierRows.map((t, k) => ({ ...t, maintenanceAmount: amounts[k] as number }))
    : withDeductions(tierRows);
  validateTiers(tiers, []);
  return tiers;
}

function binanceFilter(info: Record<string, unknown>, type: string, key: string): number | undefined {
  const filters = info.filters;
  if (!Array.isArray(filters)) return undefined;
  const f: unknown = filters.find((x: unknown) => typeof x === 'object' && x !== null && (x as Record<string, unknown>).filterType === type);
  return f === undefined ? undefined : toNumber((f as Record<string, unknown>)[key]);
}

function nested(info: Record<string, unknown>, outer: string, key: string): number | undefined {
  const o = info[outer];
  return typeof o === 'object' && o !== null ? toNumber((o as Record<string, unknown>)[key]) : undefined;
}

/** Tick and lot step from the raw market of the venues whose fields we know. */
function rawSteps(venue: VenueId, info: Record<string, unknown>): { tick?: number; lot?: number } {
  switch (venue) {
    case 'binance-usdm':
    case 'binance-coinm':
      return { tick: binanceFilter(info, 'PRICE_FILTER', 'tickSize'), lot: binanceFilter(info, 'LOT_SIZE', 'stepSize') };
    case 'bybit-linear':
    case 'bybit-inverse':
      return { tick: nested(info, 'priceFilter', 'tickSize'), lot: nested(info, 'lotSizeFilter', 'qtyStep') };
    case 'okx-swap':
      return { tick: toNumber(info.tickSz), lot: toNumber(info.lotSz) };
    default:
      return {};
  }
}

/** A precision value as a step: the value itself (TICK_SIZE) or 10^−value (DECIMAL_PLACES). */
function stepOf(value: number | null | undefined, mode: CcxtPrecisionMode, path: FieldPath): number {
  if (value === undefined || value === null) return missing('instrumentFromCcxt', path, 'the precision');
  if (mode === 'decimalPlaces') {
    if (!Number.isInteger(value) || value < 0) {
      throw new TradesizeError('INVALID_INPUT', `instrumentFromCcxt: decimal places must be an integer ≥ 0, got ${value}`, path);
    }
    return Number((10 ** -value).toPrecision(12));
  }
  if (!(value > 0)) throw new TradesizeError('INVALID_INPUT', `instrumentFromCcxt: a tick size must be > 0, got ${value}`, path);
  return value;
}

/**
 * An {@link Instrument} from a ccxt unified market and (optionally) its leverage tiers. The
 * instrument's symbol is the unified symbol (as on ccxt positions). Without `tiers`, the tiers
 * and params of the bundled instrument of the same symbol are used (dYdX and Deribit always take
 * their margin params from there).
 *
 * @throws TradesizeError INVALID_INPUT naming the missing field (`precision.price`, `tiers.3.maxLeverage`, …);
 *   UNKNOWN_VENUE for an unknown venue id.
 * @example
 * instrumentFromCcxt(markets['BTC/USDT:USDT'], { venue: 'binance-usdm', tiers: tiers['BTC/USDT:USDT'] });
 * // => { venue: 'binance-usdm', symbol: 'BTC/USDT:USDT', kind: 'linear', tickSize: 0.1, lotStep: 0.001, tiers: [...], ... }
 */
export function instrumentFromCcxt(market: unknown, options: InstrumentFromCcxtOptions): Instrument {
  const venue = getVenue(options.venue).id;
  const m = parseInput(CcxtMarket, market, 'instrumentFromCcxt');
  const kind: ContractKind | undefined = m.linear === true ? 'linear' : m.inverse === true ? 'inverse' : undefined;
  if (kind === undefined) {
    throw new TradesizeError('INVALID_INPUT', `instrumentFromCcxt: ${m.symbol} is neither linear nor inverse (not a contract market)`, ['linear']);
  }
  const mode = options.precisionMode ?? 'tickSize';
  const steps = rawSteps(venue, m.info ?? {});
  const bundled = findInstrument(venue, m.symbol);
  let tiers: readonly Tier[];
  let tierBasis: TierBasis;
  if (options.tiers !== undefined) {
    tiers = atPath(['tiers'], () => tiersFromCcxt(options.tiers, { venue }));
    tierBasis = tierBasisFor(venue, kind);
  } else if (bundled !== undefined && bundled.tiers.length > 0) {
    tiers = bundled.tiers;
    tierBasis = bundled.tierBasis;
  } else {
    const why = venue === 'dydx' || venue === 'deribit'
      ? `${m.symbol} is not bundled for ${venue}, so its margin params are unknown`
      : `no tiers given and no bundled tiers for ${m.symbol} on ${venue}: pass the market's fetchLeverageTiers rows`;
    throw new TradesizeError('INVALID_INPUT', `instrumentFromCcxt: ${why}`, ['tiers']);
  }
  const minQty = m.limits?.amount?.min ?? undefined;
  return {
    venue,
    symbol: m.symbol,
    kind,
    contractSize: m.contractSize,
    tickSize: steps.tick ?? stepOf(m.precision.price, mode, ['precision', 'price']),
    lotStep: steps.lot ?? stepOf(m.precision.amount, mode, ['precision', 'amount']),
    ...(minQty !== undefined && minQty > 0 ? { minQty } : {}),
    tiers,
    tierBasis,
    ...(m.taker !== undefined && m.taker !== null ? { takerFee: m.taker } : {}),
    ...(bundled?.params !== undefined ? { params: bundled.params } : {}),
  };
}

function rawMarginMode(info: Record<string, unknown>): MarginMode | undefined {
  const v = info.marginType ?? info.mgnMode;
  if (typeof v !== 'string') return undefined;
  const lower = v.toLowerCase();
  return lower === 'cross' || lower === 'isolated' ? lower : undefined;
}

function rawPositionSide(info: Record<string, unknown>): Position['positionSide'] | undefined {
  const v = info.positionSide ?? info.posSide;
  if (typeof v === 'string') {
    const lower = v.toLowerCase();
    if (lower === 'both' || lower === 'net') return 'both';
    if (lower === 'long' || lower === 'short') return lower;
  }
  const idx = toNumber(info.positionIdx);
  if (idx === 0) return 'both';
  if (idx === 1) return 'long';
  if (idx === 2) return 'short';
  return undefined;
}

/**
 * {@link Position}s from ccxt `fetchPositions` output, with margin mode and (isolated) collateral.
 * Positions with 0 contracts (ccxt lists every symbol on some venues) are skipped.
 *
 * @throws TradesizeError INVALID_INPUT naming the field, e.g. `[2, 'entryPrice']` or `[0, 'marginMode']`.
 * @example
 * positionsFromCcxt([{ symbol: 'BTC/USDT:USDT', side: 'long', contracts: 0.5, entryPrice: 60000,
 *   marginMode: 'isolated', info: { isolatedWallet: '3000', positionSide: 'BOTH' } }]);
 * // => [{ position: { symbol: 'BTC/USDT:USDT', side: 'long', quantity: 0.5, entryPrice: 60000, positionSide: 'both' },
 * //       marginMode: 'isolated', collateral: 3000 }]
 */
export function positionsFromCcxt(positions: unknown): PositionFromCcxt[] {
  const rows = parseInput(z.array(CcxtPosition), positions, 'positionsFromCcxt');
  const out: PositionFromCcxt[] = [];
  rows.forEach((p, i) => {
    if (p.contracts === 0) return;
    const info = p.info ?? {};
    const side = p.side ?? missing('positionsFromCcxt', [i, 'side'], 'the side');
    const entryPrice = p.entryPrice ?? missing('positionsFromCcxt', [i, 'entryPrice'], 'the entry price');
    if (!(entryPrice > 0)) throw new TradesizeError('INVALID_INPUT', `positionsFromCcxt: entryPrice must be > 0 (at ${i}.entryPrice)`, [i, 'entryPrice']);
    const marginMode = p.marginMode ?? rawMarginMode(info) ?? missing('positionsFromCcxt', [i, 'marginMode'], 'the margin mode');
    const positionSide = rawPositionSide(info) ?? (p.hedged === true ? side : p.hedged === false ? 'both' : undefined);
    const mark = p.markPrice ?? undefined;
    const position: Position = {
      symbol: p.symbol,
      side,
      quantity: p.contracts,
      entryPrice,
      ...(mark !== undefined && mark > 0 ? { markPrice: mark } : {}),
      ...(positionSide !== undefined ? { positionSide } : {}),
    };
    const isolatedWallet = toNumber(info.isolatedWallet) ?? toNumber(info.margin) ?? p.collateral ?? undefined;
    out.push({
      position,
      marginMode,
      ...(marginMode === 'isolated' && isolatedWallet !== undefined ? { collateral: isolatedWallet } : {}),
      ...(p.initialMargin !== undefined && p.initialMargin !== null ? { initialMargin: p.initialMargin } : {}),
      ...(p.leverage !== undefined && p.leverage !== null ? { leverage: p.leverage } : {}),
    });
  });
  return out;
}
