/**
 * Opening a ccxt exchange, loaded on first use (`require('ccxt')`: the CLI bundle keeps it
 * external, so `tradesize` starts without it), with API keys from the environment only
 * (`TRADESIZE_<ID>_API_KEY`, `_SECRET`, `_PASSWORD`; venues/ccxt-venues.ts), and ccxt's errors as
 * typed errors whose messages hold neither keys nor signed query strings.
 *
 * SOURCE: ccxt 4.5 `js/src/base/errors.js` (NetworkError: RequestTimeout, ExchangeNotAvailable,
 * DDoSProtection, RateLimitExceeded, ...; everything else under BaseError), and the exchange
 * constructor's config (`apiKey`, `secret`, `password`, `options`, `has`).
 */
import { createRequire } from 'node:module';
import { TradesizeError } from '../../core/errors.js';
import { credentialVariables } from '../../venues/ccxt-venues.js';
import type { CcxtPosition, CcxtTrade } from './ccxt-fills.js';

/** The fields of a ccxt ticker the feed reads. */
export interface CcxtTicker {
  readonly symbol?: string | undefined;
  readonly timestamp?: number | undefined;
  readonly last?: number | undefined;
  readonly bid?: number | undefined;
  readonly ask?: number | undefined;
  readonly markPrice?: number | undefined;
}

/** What the feed needs of a ccxt exchange instance (a ccxt `Exchange` has all of it). */
export interface CcxtClient {
  readonly id: string;
  readonly has: Record<string, boolean | string | undefined>;
  readonly markets?: Readonly<Record<string, { readonly settle?: string | undefined }>> | undefined;
  loadMarkets(): Promise<unknown>;
  fetchTickers(symbols?: string[]): Promise<Record<string, CcxtTicker>>;
  fetchTicker(symbol: string): Promise<CcxtTicker>;
  fetchBidsAsks?(symbols?: string[]): Promise<Record<string, CcxtTicker>>;
  fetchMyTrades(symbol?: string, since?: number): Promise<CcxtTrade[]>;
  fetchPositions(symbols?: string[]): Promise<CcxtPosition[]>;
  fetchLeverageTiers(symbols?: string[]): Promise<Record<string, unknown>>;
  fetchMarketLeverageTiers(symbol: string): Promise<unknown>;
  watchTicker?(symbol: string): Promise<CcxtTicker>;
  watchMyTrades?(symbol?: string, since?: number): Promise<CcxtTrade[]>;
  watchPositions?(symbols?: string[]): Promise<CcxtPosition[]>;
  close?(): Promise<unknown>;
}


export interface OpenExchangeOptions {
  /** The ccxt exchange id (`binanceusdm`, `bybit`, ...). */
  readonly exchange: string;
  /** ccxt `options` of the instance (market types, default type, ...). */
  readonly options?: Readonly<Record<string, unknown>>;
  /** Use the ccxt pro class (websocket watchers) when ccxt has one. */
  readonly watch?: boolean;
  /** Where the keys are read from (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

type Ctor = new (config: Record<string, unknown>) => CcxtClient;
type CcxtModule = Record<string, unknown> & { pro?: Record<string, unknown>; version?: string };

let loaded: CcxtModule | undefined;

/**
 * The ccxt module, required on first call: its CommonJS build, from node_modules (the CLI bundle
 * keeps it external, and a `--require` preload sees the same module instance).
 */
export async function loadCcxt(): Promise<CcxtModule> {
  loaded ??= createRequire(import.meta.url)('ccxt') as CcxtModule;
  return Promise.resolve(loaded);
}

/** The keys of `exchange` found in `env` (only those set). */
export function credentialsFromEnv(exchange: string, env: Readonly<Record<string, string | undefined>> = process.env): Record<string, string> {
  const vars = credentialVariables(exchange);
  const out: Record<string, string> = {};
  for (const [key, name] of Object.entries(vars)) {
    const v = env[name];
    if (v !== undefined && v !== '') out[key] = v;
  }
  return out;
}

/**
 * A ccxt exchange instance (the pro class with `watch`, when ccxt has one), rate-limited, its
 * keys from the environment.
 *
 * @throws TradesizeError INVALID_INPUT for an exchange id ccxt does not have.
 */
export async function openExchange(o: OpenExchangeOptions): Promise<CcxtClient> {
  const ccxt = await loadCcxt();
  const pro = o.watch === true ? (ccxt.pro?.[o.exchange] as Ctor | undefined) : undefined;
  const C = pro ?? (ccxt[o.exchange] as Ctor | undefined);
  if (typeof C !== 'function' || !/^[a-z0-9]+$/.test(o.exchange)) {
    throw new TradesizeError('INVALID_INPUT', `ccxt ${ccxt.version ?? ''} has no exchange '${o.exchange}'`, ['exchange']);
  }
  const keys = credentialsFromEnv(o.exchange, o.env);
  const ex = new C({ ...keys, enableRateLimit: true, options: { ...o.options } });
  ex.has.fetchCurrencies = false;
  return ex;
}

/** The class names of `e` and its ancestors (`['RequestTimeout', 'NetworkError', 'BaseError', 'Error']`). */
function classChain(e: object): string[] {
  const names: string[] = [];
  for (let p = Object.getPrototypeOf(e) as { constructor?: { name?: string } } | null; p !== null; p = Object.getPrototypeOf(p) as typeof p) {
    if (typeof p.constructor?.name === 'string') names.push(p.constructor.name);
  }
  return names;
}

/** `text` without query strings (signatures, timestamps) and without any of `secrets`. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(/\?\S*/g, '?…');
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***');
  return out;
}

/**
 * A ccxt error as a TradesizeError: NETWORK_ERROR for ccxt's NetworkError family, EXCHANGE_ERROR
 * for any other ccxt error (a missing key names the variables to set); anything else is returned
 * unchanged (a bug is not a venue error).
 *
 * @example
 * venueError(new ccxt.NetworkError('binanceusdm GET https://fapi.binance.com/fapi/v1/exchangeInfo fetch failed'), 'binanceusdm', 'loadMarkets').code; // => 'NETWORK_ERROR'
 */
export function venueError(e: unknown, exchange: string, operation: string, env: Readonly<Record<string, string | undefined>> = process.env): unknown {
  if (typeof e !== 'object' || e === null || !(e instanceof Error)) return e;
  const chain = classChain(e);
  if (!chain.includes('BaseError')) return e;
  const secrets = Object.values(credentialsFromEnv(exchange, env));
  const message = `${exchange} ${operation}: ${chain[0] ?? 'Error'}: ${redact(e.message, secrets)}`;
  if (chain.includes('NetworkError')) return new TradesizeError('NETWORK_ERROR', message, ['exchange']);
  const vars = credentialVariables(exchange);
  const hint = chain.includes('AuthenticationError') ? ` (set ${vars.apiKey} and ${vars.secret}, and ${vars.password} where the venue has one)` : '';
  return new TradesizeError('EXCHANGE_ERROR', `${message}${hint}`, ['exchange']);
}
