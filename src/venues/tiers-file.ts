/**
 * Tier tables from JSON text in ccxt's `fetchLeverageTiers` format: either one market's
 * `LeverageTier[]` or the `{ [symbol]: LeverageTier[] }` dictionary ccxt returns (as freqtrade
 * caches it, and as `tradesize tiers` writes it: {@link tiersFileFromCcxt}), with the raw `info`
 * of each row. Pure: the caller reads and writes the file.
 * Rows are converted by `tiersFromCcxt` (see `ccxt.ts` for the fields read and the fallbacks);
 * keys whose value is not an array (a `_source` note) are ignored.
 *
 * @example
 * const text = readFileSync('binance_leverage_tiers.json', 'utf8');
 * parseTiersJson(text, { venue: 'binance-usdm', symbol: 'BTCUSDT' })[1].maintenanceAmount; // => 50
 */
import { TradesizeError } from '../core/errors.js';
import { atPath, instrumentFromCcxt, tieredVenue, tiersFromCcxt } from './ccxt.js';
import { symbolsMatch } from './registry.js';
import type { Tier, VenueId } from './types.js';

/** Options of {@link parseTiersJson}. */
export interface TiersJsonOptions {
  readonly venue: VenueId;
  /** The market to take from a dictionary (exact key or any alias); optional when it holds one. */
  readonly symbol?: string;
}

const LISTED = 30;

function listOf(keys: readonly string[]): string {
  const shown = keys.slice(0, LISTED).join(', ');
  return keys.length > LISTED ? `${shown}, … (${keys.length} in all)` : shown;
}

/** The key of the wanted market in a dictionary of tier tables. */
function pickKey(keys: readonly string[], symbol: string | undefined): string {
  if (symbol === undefined) {
    if (keys.length === 1 && keys[0] !== undefined) return keys[0];
    throw new TradesizeError('MISSING_OPTION', `parseTiersJson: the file holds ${keys.length} markets; pass a symbol (${listOf(keys)})`, ['symbol']);
  }
  if (keys.includes(symbol)) return symbol;
  const matches = keys.filter((k) => symbolsMatch(k, symbol));
  if (matches.length === 1 && matches[0] !== undefined) return matches[0];
  const why = matches.length > 1 ? `'${symbol}' is ambiguous in the file (${matches.join(', ')})` : `no tiers for '${symbol}' in the file`;
  throw new TradesizeError('UNKNOWN_SYMBOL', `parseTiersJson: ${why}; it holds ${listOf(keys)}`, ['symbol'], {
    supported: [...keys],
  });
}

/**
 * The {@link Tier} table of one market from ccxt-format JSON text.
 *
 * @throws TradesizeError PARSE_ERROR on bad JSON or a bad row (path `[symbol, row, field]`);
 *   UNKNOWN_SYMBOL / MISSING_OPTION when the market is not in the file or not named;
 *   UNKNOWN_VENUE; INVALID_INPUT for dYdX and Deribit, which have no tier tables.
 * @example
 * parseTiersJson('[{"minNotional":0,"maxNotional":50000,"maintenanceMarginRate":0.004,"maxLeverage":125,"info":{"cum":"0"}}]',
 *   { venue: 'binance-usdm' }); // => [{ tier: 1, floor: 0, cap: 50000, maintenanceMarginRate: 0.004, maintenanceAmount: 0, maxLeverage: 125 }]
 */
export function parseTiersJson(text: string, options: TiersJsonOptions): Tier[] {
  const venue = tieredVenue(options.venue);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new TradesizeError('PARSE_ERROR', `parseTiersJson: not valid JSON (${(e as Error).message})`, []);
  }
  if (Array.isArray(data)) return atPath([], () => tiersFromCcxt(data, { venue }), 'PARSE_ERROR');
  if (typeof data !== 'object' || data === null) {
    throw new TradesizeError('PARSE_ERROR', 'parseTiersJson: expected a LeverageTier[] or an object of them keyed by symbol', []);
  }
  const tables = Object.entries(data as Record<string, unknown>).filter(([, v]) => Array.isArray(v));
  const key = pickKey(tables.map(([k]) => k), options.symbol);
  const rows = (data as Record<string, unknown>)[key];
  return atPath([key], () => tiersFromCcxt(rows, { venue }), 'PARSE_ERROR');
}

/** A market's rules as `tradesize tiers` records them beside its tiers (under `_markets`). */
export interface MarketRules {
  readonly kind: 'linear' | 'inverse';
  readonly contractSize: number;
  readonly tickSize: number;
  readonly lotStep: number;
  readonly minQty?: number;
  readonly takerFee?: number;
}

/** What {@link tiersFileFromCcxt} wrote and left out. */
export interface TiersFile {
  /** The JSON to write: `_source`, `_markets` (rules by symbol) and one `LeverageTier[]` per symbol. */
  readonly file: Record<string, unknown>;
  readonly symbols: readonly string[];
  readonly skipped: readonly { readonly symbol: string; readonly message: string }[];
}

/**
 * The tiers file (the format {@link parseTiersJson} reads) from ccxt `fetchLeverageTiers` and
 * `loadMarkets` results: each market of the venue's kind whose rows and market make a valid
 * instrument (`instrumentFromCcxt`) is written with its raw rows (`info` included) as ccxt gave
 * them, so that reading the file back gives the same tiers; the others are listed as skipped.
 *
 * @example
 * tiersFileFromCcxt({ venue: 'binance-usdm', kind: 'linear', source: 'ccxt 4.5.84 binanceusdm, 2026-12-02T18:00:00Z', markets, tiers }).symbols;
 * // => ['BTC/USDT:USDT', 'ETH/USDT:USDT']
 */
export function tiersFileFromCcxt(o: {
  readonly venue: VenueId;
  readonly kind: 'linear' | 'inverse';
  readonly source: string;
  readonly markets: Readonly<Record<string, unknown>>;
  readonly tiers: Readonly<Record<string, unknown>>;
}): TiersFile {
  const rules: Record<string, MarketRules> = {};
  const tables: Record<string, unknown> = {};
  const skipped: { symbol: string; message: string }[] = [];
  for (const symbol of Object.keys(o.tiers).sort()) {
    const market = o.markets[symbol] as Record<string, unknown> | undefined;
    if (market === undefined || market[o.kind] !== true) continue;
    try {
      const i = atPath([symbol], () => instrumentFromCcxt(market, { venue: o.venue, tiers: o.tiers[symbol] }));
      rules[symbol] = {
        kind: i.kind,
        contractSize: i.contractSize,
        tickSize: i.tickSize,
        lotStep: i.lotStep,
        ...(i.minQty === undefined ? {} : { minQty: i.minQty }),
        ...(i.takerFee === undefined ? {} : { takerFee: i.takerFee }),
      };
      tables[symbol] = o.tiers[symbol];
    } catch (e) {
      if (!(e instanceof TradesizeError)) throw e;
      skipped.push({ symbol, message: e.message });
    }
  }
  return { file: { _source: o.source, _markets: rules, ...tables }, symbols: Object.keys(tables), skipped };
}
