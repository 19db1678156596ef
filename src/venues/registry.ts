/**
 * The venues and bundled instruments by name: `getVenue('bybit-linear')`,
 * `getInstrument('binance-usdm', 'BTC/USDT:USDT')`. Unknown names raise UNKNOWN_VENUE or
 * UNKNOWN_SYMBOL listing what is supported.
 *
 * Symbols are matched exactly first, then by their parts, so the common spellings of a market
 * all find it: venue ids (`BTCUSDT`, `BTC-USDT-SWAP`, `BTCUSD_PERP`, `BTC-PERPETUAL`), ccxt unified
 * symbols (`BTC/USDT:USDT`, `BTC/USD:BTC`) and bare pairs (`btc-usdt`). A symbol is parsed into a
 * base, a quote when written (a known quote suffix of a concatenated id: USDT, USDC, USD, …) and
 * a kind when a ccxt settle currency is given (settle = base: inverse) and an expiry for dated
 * futures; two symbols match when the bases and expiries agree and the quotes and kinds agree
 * wherever both are known (a perpetual never matches a dated future); among several matches the
 * most specific wins (most quotes and kinds known on both sides and equal). A query that still
 * matches several bundled instruments (`BTC` on Deribit) is ambiguous and unknown.
 *
 * @example
 * getInstrument('binance-usdm', 'BTC/USDT:USDT').symbol; // => 'BTCUSDT'
 * getVenue('ftx'); // throws UNKNOWN_VENUE: "unknown venue 'ftx'; supported: binance-usdm, binance-coinm, …"
 */
import { TradesizeError } from '../core/errors.js';
import type { ContractKind } from '../core/contract.js';
import { binanceCoinm } from './binance-coinm.js';
import { binanceUsdm } from './binance-usdm.js';
import { bybitInverse } from './bybit-inverse.js';
import { bybitLinear } from './bybit-linear.js';
import { deribit } from './deribit.js';
import { dydx } from './dydx.js';
import { hyperliquid } from './hyperliquid.js';
import { okxSwap } from './okx-swap.js';
import { INSTRUMENTS as BINANCE_COINM } from './snapshots/binance-coinm.js';
import { INSTRUMENTS as BINANCE_USDM } from './snapshots/binance-usdm.js';
import { INSTRUMENTS as BYBIT_INVERSE } from './snapshots/bybit-inverse.js';
import { INSTRUMENTS as BYBIT_LINEAR } from './snapshots/bybit-linear.js';
import { INSTRUMENTS as DERIBIT } from './snapshots/deribit.js';
import { INSTRUMENTS as DYDX } from './snapshots/dydx.js';
import { INSTRUMENTS as HYPERLIQUID } from './snapshots/hyperliquid.js';
import { INSTRUMENTS as OKX_SWAP } from './snapshots/okx-swap.js';
import { VENUE_IDS, type Instrument, type VenueId, type VenueModel } from './types.js';
import { checkInstrumentShape } from './validate.js';

/** Every venue model by id. */
export const VENUES: Readonly<Record<VenueId, VenueModel>> = Object.freeze({
  'binance-usdm': binanceUsdm,
  'binance-coinm': binanceCoinm,
  'bybit-linear': bybitLinear,
  'bybit-inverse': bybitInverse,
  'okx-swap': okxSwap,
  hyperliquid,
  dydx,
  deribit,
});

/** Freezes a bundled instrument deeply and checks it once, so that no call re-validates it. */
function bundle(record: Readonly<Record<string, Instrument>>): Readonly<Record<string, Instrument>> {
  for (const inst of Object.values(record)) {
    inst.tiers.forEach((t) => Object.freeze(t));
    Object.freeze(inst.tiers);
    if (inst.params !== undefined) Object.freeze(inst.params);
    if (inst.source !== undefined) Object.freeze(inst.source);
    checkInstrumentShape(Object.freeze(inst), ['instrument']);
  }
  return record;
}

const BUNDLED: Readonly<Record<VenueId, Readonly<Record<string, Instrument>>>> = {
  'binance-usdm': bundle(BINANCE_USDM),
  'binance-coinm': bundle(BINANCE_COINM),
  'bybit-linear': bundle(BYBIT_LINEAR),
  'bybit-inverse': bundle(BYBIT_INVERSE),
  'okx-swap': bundle(OKX_SWAP),
  hyperliquid: bundle(HYPERLIQUID),
  dydx: bundle(DYDX),
  deribit: bundle(DERIBIT),
};

const isVenueId = (id: string): id is VenueId => (VENUE_IDS as readonly string[]).includes(id);

/**
 * The venue model of an id (case-insensitive).
 *
 * @throws TradesizeError UNKNOWN_VENUE listing the supported ids.
 * @example
 * getVenue('dydx').marginModes; // => ['cross', 'isolated']
 */
export function getVenue(id: string): VenueModel {
  const key = String(id).trim().toLowerCase();
  if (isVenueId(key)) return VENUES[key];
  throw new TradesizeError('UNKNOWN_VENUE', `unknown venue '${id}'; supported: ${VENUE_IDS.join(', ')}`, ['venue'], {
    supported: [...VENUE_IDS],
  });
}

/**
 * The bundled instruments of a venue, sorted by symbol.
 *
 * @throws TradesizeError UNKNOWN_VENUE.
 * @example
 * listInstruments('dydx').map((i) => i.symbol); // => ['BTC-USD', 'ETH-USD']
 */
export function listInstruments(venue: string): readonly Instrument[] {
  const id = getVenue(venue).id;
  return Object.values(BUNDLED[id]).sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
}

/**
 * A symbol's base, quote (when written), kind (when a ccxt settle currency says it) and expiry
 * (dated futures; none for a perpetual).
 */
export interface SymbolParts {
  readonly base: string;
  readonly quote?: string;
  readonly kind?: ContractKind;
  readonly expiry?: string;
}

/** Quote currencies recognised at the end of a concatenated id, longest first. */
const QUOTES = ['FDUSD', 'USDT', 'USDC', 'BUSD', 'USDE', 'USD'] as const;
/** An expiry written as 241227 (ccxt, Binance, OKX) or 27DEC24 (Deribit). */
const EXPIRY = /^(\d{6}|\d{1,2}[A-Z]{3}\d{2})$/;

/**
 * Parses a symbol into its parts (upper case).
 *
 * @example
 * symbolParts('BTC/USD:BTC');          // => { base: 'BTC', quote: 'USD', kind: 'inverse' }
 * symbolParts('BTC/USDT:USDT-250328'); // => { base: 'BTC', quote: 'USDT', kind: 'linear', expiry: '250328' }
 * symbolParts('BTC-USDT-SWAP');        // => { base: 'BTC', quote: 'USDT' }
 * symbolParts('1000PEPEUSDT');         // => { base: '1000PEPE', quote: 'USDT' }
 * symbolParts('BTC-PERPETUAL');        // => { base: 'BTC' }
 */
export function symbolParts(symbol: string): SymbolParts {
  const s = symbol.trim().toUpperCase();
  const unified = /^([A-Z0-9]+)\/([A-Z0-9]+)(?::([A-Z0-9]+))?(?:-([A-Z0-9]+))?/.exec(s);
  if (unified !== null) {
    const [, base = '', quote = '', settle, expiry] = unified;
    return {
      base,
      quote,
      ...(settle === undefined ? {} : { kind: settle === base ? 'inverse' : 'linear' }),
      ...(expiry === undefined ? {} : { expiry }),
    };
  }
  const pieces = s.replace(/[-_](SWAP|PERP|PERPETUAL)$/, '').split(/[-_]/).filter((p) => p !== '');
  const last = pieces[pieces.length - 1];
  const expiry = pieces.length > 1 && last !== undefined && EXPIRY.test(last) ? pieces.pop() : undefined;
  const dated = expiry === undefined ? {} : { expiry };
  const [first = '', second] = pieces;
  if (second !== undefined) return { base: first, quote: second, ...dated };
  const quote = QUOTES.find((q) => first.endsWith(q) && first.length > q.length);
  return quote === undefined ? { base: first, ...dated } : { base: first.slice(0, -quote.length), quote, ...dated };
}

/**
 * How well two symbols agree: −1 when they name different markets (bases or expiries differ, or
 * quotes or kinds differ where both are known), else the number of quotes and kinds known on both sides
 * and equal. `kind` is the known kind of `a` (a bundled instrument's).
 */
function matchScore(a: string, b: string, kind?: ContractKind): number {
  const pa = symbolParts(a);
  const pb = symbolParts(b);
  const ka = kind ?? pa.kind;
  if (pa.base !== pb.base || pa.expiry !== pb.expiry) return -1;
  let score = 0;
  if (pa.quote !== undefined && pb.quote !== undefined) {
    if (pa.quote !== pb.quote) return -1;
    score++;
  }
  if (ka !== undefined && pb.kind !== undefined) {
    if (ka !== pb.kind) return -1;
    score++;
  }
  return score;
}

/**
 * Whether two symbols name the same market: equal bases and expiries, and equal quotes and
 * kinds wherever both are known. `kind` is the known kind of `a` (a bundled instrument's).
 *
 * @example
 * symbolsMatch('BTC-USDT-SWAP', 'BTC/USDT:USDT');        // => true
 * symbolsMatch('BTCUSD_PERP', 'BTC/USD:BTC', 'inverse'); // => true
 * symbolsMatch('BTCUSDT', 'BTCUSDC');                    // => false
 */
export function symbolsMatch(a: string, b: string, kind?: ContractKind): boolean {
  return matchScore(a, b, kind) >= 0;
}

/**
 * The bundled instruments matching a symbol: exact key or symbol, then case-folded, then by
 * parts keeping the most specific matches (`BTC_USDC` prefers BTC_USDC-PERPETUAL, whose quote
 * is written, to BTC-PERPETUAL, whose quote is not).
 */
function candidates(venue: VenueId, symbol: string): Instrument[] {
  const all = Object.entries(BUNDLED[venue]);
  const wanted = symbol.trim();
  const exact = all.filter(([key, inst]) => key === wanted || inst.symbol === wanted).map(([, inst]) => inst);
  if (exact.length > 0) return exact;
  const folded = all.filter(([key]) => key.toUpperCase() === wanted.toUpperCase()).map(([, inst]) => inst);
  if (folded.length > 0) return folded;
  const scored = all.map(([, inst]) => ({ inst, score: matchScore(inst.symbol, wanted, inst.kind) }));
  const best = Math.max(-1, ...scored.map((x) => x.score));
  return best < 0 ? [] : scored.filter((x) => x.score === best).map((x) => x.inst);
}

/** A symbol is a non-empty string (a CLI or JSON caller may pass anything). */
function requireSymbol(symbol: unknown): asserts symbol is string {
  if (typeof symbol !== 'string' || symbol.trim() === '') {
    throw new TradesizeError('INVALID_INPUT', `symbol must be a non-empty string, got ${symbol === null ? 'null' : typeof symbol}`, ['symbol']);
  }
}

/**
 * The bundled instrument of a symbol, or undefined when none (or several) match.
 *
 * @throws TradesizeError UNKNOWN_VENUE.
 * @example
 * findInstrument('deribit', 'BTC/USD:BTC')?.symbol; // => 'BTC-PERPETUAL'
 * findInstrument('deribit', 'ETH-PERPETUAL');        // => undefined
 */
export function findInstrument(venue: string, symbol: string): Instrument | undefined {
  requireSymbol(symbol);
  const found = candidates(getVenue(venue).id, symbol);
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The bundled instrument of a symbol on a venue (aliases accepted, see the module doc).
 *
 * @throws TradesizeError UNKNOWN_VENUE listing the venues; UNKNOWN_SYMBOL listing the venue's
 *   bundled symbols (or the ambiguous matches).
 * @example
 * getInstrument('dydx', 'BTC/USD:USDC').symbol; // => 'BTC-USD'
 * getInstrument('dydx', 'DOGE-USD'); // throws UNKNOWN_SYMBOL: "… bundled for dydx: BTC-USD, ETH-USD"
 */
export function getInstrument(venue: string, symbol: string): Instrument {
  const id = getVenue(venue).id;
  requireSymbol(symbol);
  const found = candidates(id, symbol);
  if (found.length === 1 && found[0] !== undefined) return found[0];
  const supported = listInstruments(id).map((i) => i.symbol);
  const bundled = supported.length > 0 ? supported.join(', ') : 'none (build the instrument with instrumentFromCcxt)';
  const why =
    found.length > 1
      ? `'${symbol}' is ambiguous on ${id} (matches ${found.map((i) => i.symbol).join(', ')})`
      : `unknown symbol '${symbol}' on ${id}`;
  throw new TradesizeError('UNKNOWN_SYMBOL', `${why}; bundled for ${id}: ${bundled}`, ['symbol'], {
    venue: id,
    supported,
  });
}
