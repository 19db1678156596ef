/**
 * Which venue a funding file belongs to, and the liquidation rules of that venue.
 *
 * Names: `venue=FILE` names the venue; otherwise the file name's convention in
 * ../shared/data/funding, `<venue>-<market>-funding.csv` (`binance-btcusdt-funding.csv` →
 * venue `binance`, market `btcusdt`); a name without that shape is the venue itself (its base
 * name without `.csv`). Rules: `binance` → the Binance USDⓈ-M model, `bybit` → Bybit linear,
 * `dydx`, `hyperliquid`, `okx` → OKX swaps (and a tradesize venue id is accepted as it is), with
 * the bundled instrument of the market's base coin (BTC, ETH); any other venue (Gate, HTX,
 * KuCoin, MEXC), or a coin tradesize bundles no instrument of, gets the flat maintenance-rate
 * model of ./leg-model.ts. The shared dYdX files are dYdX v3 (StarkEx, retired); their legs use the
 * v4 margin model, the one tradesize has.
 *
 * @example
 * fundingFileVenue('../shared/data/funding/binance-btcusdt-funding.csv'); // => { venue: 'binance', market: 'btcusdt', file: '…' }
 * fundingFileVenue('okx=rates.csv');                                       // => { venue: 'okx', market: undefined, file: 'rates.csv' }
 */
import { symbolParts, listInstruments, getVenue } from '../venues/registry.js';
import { VENUE_IDS, type VenueId } from '../venues/types.js';
import type { LegVenue } from './leg-model.js';

/** A funding file and its venue. */
export interface FundingFile {
  readonly venue: string;
  readonly market: string | undefined;
  readonly file: string;
}

/** The venue and market of a `--funding` argument (see the module doc). */
export function fundingFileVenue(arg: string): FundingFile {
  const eq = arg.indexOf('=');
  if (eq > 0 && !arg.slice(0, eq).includes('/')) {
    const file = arg.slice(eq + 1);
    return { venue: arg.slice(0, eq).toLowerCase(), market: marketOf(file), file };
  }
  const base = (arg.split('/').pop() ?? arg).replace(/\.csv$/i, '');
  const m = /^([a-z0-9]+)-([a-z0-9]+)-funding$/i.exec(base);
  return m === null ? { venue: base.toLowerCase(), market: undefined, file: arg } : { venue: (m[1] as string).toLowerCase(), market: (m[2] as string).toLowerCase(), file: arg };
}

function marketOf(file: string): string | undefined {
  const base = (file.split('/').pop() ?? file).replace(/\.csv$/i, '');
  const m = /^[a-z0-9]+-([a-z0-9]+)-funding$/i.exec(base);
  return m === null ? undefined : (m[1] as string).toLowerCase();
}

/** The tradesize venue model of a funding venue name. */
const MODEL_OF: Readonly<Record<string, VenueId>> = { binance: 'binance-usdm', bybit: 'bybit-linear', dydx: 'dydx', hyperliquid: 'hyperliquid', okx: 'okx-swap' };

/** Defaults of the flat model. */
export const FLAT_DEFAULTS = { maintenanceRate: 0.005, maxLeverage: 20 } as const;

/**
 * The liquidation rules and lot step of a funding venue for a market (`btcusdt`, `btc`).
 *
 * @example
 * venueRules('binance', 'btcusdt').rules.kind; // => 'model' (Binance USDⓈ-M BTCUSDT)
 * venueRules('gate', 'btcusdt').rules.kind;    // => 'flat'
 */
export function venueRules(venue: string, market: string | undefined, flat: { maintenanceRate: number; maxLeverage: number } = FLAT_DEFAULTS): { rules: LegVenue; lotStep?: number; label: string } {
  const id = (VENUE_IDS as readonly string[]).includes(venue) ? (venue as VenueId) : MODEL_OF[venue];
  if (id !== undefined && market !== undefined) {
    const base = symbolParts(market).base;
    const inst = listInstruments(id).find((i) => i.kind === 'linear' && symbolParts(i.symbol).base === base);
    if (inst !== undefined) {
      return { rules: { kind: 'model', model: getVenue(id), instrument: inst }, ...(inst.lotStep > 0 ? { lotStep: inst.lotStep * inst.contractSize } : {}), label: `${id} ${inst.symbol}` };
    }
  }
  return { rules: { kind: 'flat', ...flat }, label: `flat maintenance ${flat.maintenanceRate}, max leverage ${flat.maxLeverage}` };
}
