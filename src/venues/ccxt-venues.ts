/**
 * Which ccxt exchange class serves each tradesize venue, with the options that keep it to the
 * venue's markets (ccxt's Bybit and OKX classes list every product type; ours are one each).
 * Data only: the caller loads ccxt (lazily) and creates the instance.
 *
 * SOURCE: ccxt 4.5 exchange ids (`binanceusdm`, `binancecoinm`, `bybit`, `okx`, `hyperliquid`,
 * `dydx`, `deribit`) and their `options.fetchMarkets` (`types`), `options.defaultType` /
 * `defaultSubType`; `has.fetchCurrencies` is turned off because every venue here serves it from
 * a private, spot-side endpoint that sizing does not need.
 *
 * @example
 * ccxtVenue('bybit-linear'); // => { exchange: 'bybit', kind: 'linear', options: { defaultType: 'swap', defaultSubType: 'linear', fetchMarkets: { types: ['linear'] } } }
 */
import type { ContractKind } from '../core/contract.js';
import { getVenue } from './registry.js';
import type { VenueId } from './types.js';

export interface CcxtVenue {
  /** The ccxt exchange id (`new ccxt[exchange](...)`). */
  readonly exchange: string;
  /** The contracts of the venue's markets (a market of the other kind is not the venue's). */
  readonly kind: ContractKind;
  readonly options: Readonly<Record<string, unknown>>;
}

const CCXT_VENUES: Readonly<Record<VenueId, CcxtVenue>> = {
  'binance-usdm': { exchange: 'binanceusdm', kind: 'linear', options: {} },
  'binance-coinm': { exchange: 'binancecoinm', kind: 'inverse', options: {} },
  'bybit-linear': { exchange: 'bybit', kind: 'linear', options: { defaultType: 'swap', defaultSubType: 'linear', fetchMarkets: { types: ['linear'] } } },
  'bybit-inverse': { exchange: 'bybit', kind: 'inverse', options: { defaultType: 'swap', defaultSubType: 'inverse', fetchMarkets: { types: ['inverse'] } } },
  'okx-swap': { exchange: 'okx', kind: 'linear', options: { defaultType: 'swap', fetchMarkets: { types: ['swap'] } } },
  hyperliquid: { exchange: 'hyperliquid', kind: 'linear', options: { defaultType: 'swap', fetchMarkets: { types: ['swap'] } } },
  dydx: { exchange: 'dydx', kind: 'linear', options: {} },
  deribit: { exchange: 'deribit', kind: 'inverse', options: {} },
};

/**
 * The ccxt exchange behind a tradesize venue id.
 *
 * @throws TradesizeError UNKNOWN_VENUE for an id tradesize does not know.
 */
export function ccxtVenue(venue: string): CcxtVenue & { readonly venue: VenueId } {
  const id = getVenue(venue).id;
  return { venue: id, ...CCXT_VENUES[id] };
}

/**
 * The environment variables an exchange's API keys are read from: `TRADESIZE_<ID>_API_KEY`,
 * `TRADESIZE_<ID>_SECRET` and (OKX, KuCoin, ...) `TRADESIZE_<ID>_PASSWORD`, with the ccxt id in
 * capitals. Keys are never read from files or flags, and never printed.
 *
 * @example
 * credentialVariables('binanceusdm'); // => { apiKey: 'TRADESIZE_BINANCEUSDM_API_KEY', secret: 'TRADESIZE_BINANCEUSDM_SECRET', password: 'TRADESIZE_BINANCEUSDM_PASSWORD' }
 */
export function credentialVariables(exchange: string): { apiKey: string; secret: string; password: string } {
  const id = exchange.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return { apiKey: `TRADESIZE_${id}_API_KEY`, secret: `TRADESIZE_${id}_SECRET`, password: `TRADESIZE_${id}_PASSWORD` };
}
