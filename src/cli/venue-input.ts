/**
 * Venue flags shared by `liquidation` and `size --venue`: the venue model, the instrument (bundled,
 * or built from overrides), quantity units, and the other positions of a cross account.
 *
 * Overrides: `--tiers FILE` replaces the bundled tier table (ccxt fetchLeverageTiers JSON);
 * `--mmr R` (with `--maintenance-amount A`, default 0) replaces it with one tier whose max
 * leverage is `--max-leverage`, else 1/(2R) (initial rate twice the maintenance rate, as on
 * Hyperliquid and the first tiers of Binance and Bybit); `--max-leverage L` alone sets every
 * tier's max leverage to L, except on Hyperliquid where it sets the one tier's maintenance rate
 * to 1/(2L). On dYdX and Deribit, whose models read parameters rather than a table, `--mmr` sets
 * the maintenance fraction and 1/L the initial one. A `--symbol` that is not bundled is refused
 * (UNKNOWN_SYMBOL) unless the overrides give the whole table (`--tiers`, `--mmr`, or `--max-leverage`
 * on Hyperliquid): it is then only the instrument's label. Without a bundled `--symbol`, the venue's first bundled
 * instrument (by symbol) gives the contract kind, contract size and lot step (and, on OKX, the
 * taker fee added to the maintenance rate). `--taker-fee R` replaces that fee (okx-swap only: the
 * one model whose maintenance requirement includes it).
 */
import { TradesizeError, type FieldPath } from '../core/errors.js';
import { getInstrument, getVenue, listInstruments } from '../venues/registry.js';
import type { Instrument, Position, Tier, VenueId, VenueModel } from '../venues/types.js';
import { optionalNumber } from './options.js';
import { str, type Opts } from './flags/types.js';


/** Library field → the flag a CLI user typed, for errors raised by the venue code. */
const FLAGS: Readonly<Record<string, string>> = {
  venue: '--venue', symbol: '--symbol', collateral: '--collateral', leverage: '--leverage', marginMode: '--margin-mode',
  quantity: '--quantity', markPrice: '--mark', entryPrice: '--entry', contractSize: '--contract-size', tiers: '--tiers', takerFee: '--taker-fee',
  maintenanceAmount: '--maintenance-amount', maxLeverage: '--max-leverage', otherPositions: '--positions',
};

/** Re-points a venue error at the flag that caused it (`['position', 'quantity']` → `--quantity`). */
export function withVenueFlag(e: unknown): unknown {
  if (!(e instanceof TradesizeError) || String(e.path[0] ?? '').startsWith('--')) return e;
  const key = [...e.path].reverse().find((k) => typeof k === 'string' && FLAGS[k] !== undefined);
  const flag = typeof key === 'string' ? FLAGS[key] : undefined;
  return flag === undefined ? e : new TradesizeError(e.code, e.message, [flag], e.details as Record<string, unknown> | undefined);
}

/** A venue and the instrument to size or liquidate. */
export interface VenueChoice {
  readonly model: VenueModel;
  readonly instrument: Instrument;
}

/** The instrument of an unbundled market: the venue's first bundled one's terms, labelled `symbol` (default 'custom'). */
function template(venue: VenueId, symbol = 'custom'): Instrument {
  const first = listInstruments(venue)[0];
  const base: Instrument = first ?? { venue, symbol, kind: 'linear', contractSize: 1, tickSize: 0.01, lotStep: 0.01, tiers: [], tierBasis: 'contracts', takerFee: 0 };
  const { source: _bundledSource, ...terms } = base;
  return { ...terms, symbol };
}

function oneTier(mmr: number, amount: number, maxLeverage: number): Tier {
  return { tier: 1, floor: 0, cap: Number.POSITIVE_INFINITY, maintenanceMarginRate: mmr, maintenanceAmount: amount, maxLeverage };
}

/** Venue parameters for a flat maintenance rate and max leverage (dYdX, Deribit). */
function flatParams(venue: VenueId, base: Instrument, mmr: number, maxLeverage: number): Instrument['params'] {
  if (venue === 'dydx') {
    return { ...base.params, initialMarginPpm: 1e6 / maxLeverage, maintenanceFractionPpm: mmr * maxLeverage * 1e6, openInterestLowerCap: 0, openInterestUpperCap: 0 };
  }
  return { initialMarginBase: 1 / maxLeverage, initialMarginPerCoin: 0, maintenanceMarginBase: mmr, maintenanceMarginPerCoin: 0 };
}

/** The tier table after `--mmr`, `--maintenance-amount` and `--max-leverage`. */
function overriddenTiers(venue: VenueId, base: readonly Tier[] | undefined, o: Opts): readonly Tier[] {
  let mmr = optionalNumber(str(o.mmr), '--mmr');
  const amount = optionalNumber(str(o.maintenanceAmount), '--maintenance-amount');
  const maxLeverage = optionalNumber(str(o.maxLeverage), '--max-leverage');
  if (mmr !== undefined && !(mmr >= 0 && mmr < 1)) throw new TradesizeError('INVALID_INPUT', `--mmr must be in [0, 1), got ${mmr}`, ['--mmr']);
  if (maxLeverage !== undefined && !(maxLeverage > 0)) throw new TradesizeError('INVALID_INPUT', `--max-leverage must be > 0, got ${maxLeverage}`, ['--max-leverage']);
  if (venue === 'hyperliquid' && maxLeverage !== undefined) {
    if (mmr !== undefined) throw new TradesizeError('CONFLICTING_OPTIONS', 'on hyperliquid --max-leverage sets the maintenance rate: drop --mmr', ['--mmr']);
    mmr = 1 / (2 * maxLeverage);
    if (!(mmr < 1)) throw new TradesizeError('INVALID_INPUT', `--max-leverage on hyperliquid must be > 0.5 (maintenance rate 1/(2L) < 1), got ${maxLeverage}`, ['--max-leverage']);
  }
  if (amount !== undefined && mmr === undefined) throw new TradesizeError('MISSING_OPTION', '--maintenance-amount goes with --mmr', ['--mmr']);
  if (amount !== undefined && (venue === 'dydx' || venue === 'deribit')) {
    throw new TradesizeError('INVALID_INPUT', `--maintenance-amount: ${venue} has no maintenance amount`, ['--maintenance-amount']);
  }
  if (mmr !== undefined) return [oneTier(mmr, amount ?? 0, maxLeverage ?? 1 / (2 * mmr))];
  if (base === undefined || base.length === 0) {
    throw new TradesizeError('MISSING_OPTION', 'give --symbol (a bundled instrument), --tiers FILE or --mmr', ['--symbol']);
  }
  return maxLeverage === undefined ? base : base.map((t) => ({ ...t, maxLeverage }));
}

/**
 * The venue model and instrument from `--venue`, `--symbol`, `--tiers`, `--mmr`,
 * `--maintenance-amount`, `--max-leverage` and `--contract-size` (see the module doc).
 *
 * @throws TradesizeError UNKNOWN_VENUE / UNKNOWN_SYMBOL (listing what is supported) at `--venue`
 *   / `--symbol`; MISSING_OPTION when neither a bundled instrument nor overrides give a table.
 */
export async function resolveVenue(o: Opts): Promise<VenueChoice> {
  const venueFlag = str(o.venue) ?? '';
  const symbol = str(o.symbol);
  const tiersFile = str(o.tiers);
  let model: VenueModel;
  let bundled: Instrument | undefined;
  try {
    model = getVenue(venueFlag);
  } catch (e) {
    throw withVenueFlag(e);
  }
  try {
    bundled = symbol === undefined ? undefined : getInstrument(model.id, symbol);
  } catch (e) {
    // With a table given in full (--tiers, --mmr, or --max-leverage on Hyperliquid), an unbundled symbol is a label.
    const fullTable = tiersFile !== undefined || o.mmr !== undefined || (model.id === 'hyperliquid' && o.maxLeverage !== undefined);
    if (!(e instanceof TradesizeError && e.code === 'UNKNOWN_SYMBOL' && fullTable)) throw withVenueFlag(e);
  }
  const venue = model.id;
  let baseTiers = bundled?.tiers;
  if (tiersFile !== undefined) {
    const [{ readText }, { parseTiersJson }] = await Promise.all([import('./data.js'), import('../venues/tiers-file.js')]);
    const text = await readText(tiersFile, '--tiers');
    try {
      baseTiers = parseTiersJson(text, symbol === undefined ? { venue } : { venue, symbol: bundled?.symbol ?? symbol });
    } catch (e) {
      const err = e as TradesizeError;
      throw e instanceof TradesizeError ? new TradesizeError(err.code, `--tiers: ${err.message}`, ['--tiers'], err.details as Record<string, unknown> | undefined) : e;
    }
  }
  const overridden = o.mmr !== undefined || o.maintenanceAmount !== undefined || o.maxLeverage !== undefined || tiersFile !== undefined;
  if (bundled === undefined && !overridden) {
    throw new TradesizeError('MISSING_OPTION', 'give --symbol (a bundled instrument), --tiers FILE or --mmr', ['--symbol']);
  }
  const base = bundled ?? template(venue, symbol);
  const tiers = overridden ? overriddenTiers(venue, baseTiers, o) : base.tiers;
  const contractSize = optionalNumber(str(o.contractSize), '--contract-size') ?? base.contractSize;
  if (!(contractSize > 0)) throw new TradesizeError('INVALID_INPUT', `--contract-size must be > 0, got ${contractSize}`, ['--contract-size']);
  const takerFee = optionalNumber(str(o.takerFee), '--taker-fee');
  if (takerFee !== undefined && venue !== 'okx-swap') {
    throw new TradesizeError('CONFLICTING_OPTIONS', `--taker-fee applies only to okx-swap (the maintenance rate of ${venue} does not include it)`, ['--taker-fee']);
  }
  if (takerFee !== undefined && !(takerFee >= 0 && takerFee < 0.1)) throw new TradesizeError('INVALID_INPUT', `--taker-fee must be in [0, 0.1), got ${takerFee}`, ['--taker-fee']);
  let instrument: Instrument = { ...base, tiers, contractSize, ...(takerFee === undefined ? {} : { takerFee }) };
  const top = tiers[0];
  if (overridden && tiers.length === 1 && top !== undefined && (venue === 'dydx' || venue === 'deribit')) {
    instrument = { ...instrument, params: flatParams(venue, base, top.maintenanceMarginRate, top.maxLeverage) };
  }
  return { model, instrument };
}

/**
 * A CLI quantity in contracts: base units / contract size for linear contracts, contracts as
 * given for inverse ones (rounded to 12 significant digits, so 0.5 / 0.01 is 50).
 */
export function toContracts(instrument: Instrument, quantity: number): number {
  return instrument.kind === 'linear' ? Number((quantity / instrument.contractSize).toPrecision(12)) : quantity;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** One row of a `--positions` file in tradesize's own schema, checked field by field. */
function ownPosition(row: unknown, i: number): Position {
  const at = (field: string): FieldPath => ['--positions', i, field];
  if (!isObj(row)) throw new TradesizeError('INVALID_INPUT', `--positions: row ${i} must be an object`, ['--positions', i]);
  const positive = (field: string, optional = false): number | undefined => {
    const v = row[field];
    if (optional && v === undefined) return undefined;
    if (typeof v !== 'number' || !(v > 0 && v < Infinity)) throw new TradesizeError('INVALID_INPUT', `--positions: ${field} of row ${i} must be a positive number`, at(field));
    return v;
  };
  const { symbol, side } = row;
  if (typeof symbol !== 'string') throw new TradesizeError('INVALID_INPUT', `--positions: symbol of row ${i} must be a string`, at('symbol'));
  if (side !== 'long' && side !== 'short') throw new TradesizeError('INVALID_INPUT', `--positions: side of row ${i} must be long or short`, at('side'));
  const quantity = positive('quantity') as number;
  const entryPrice = positive('entryPrice') as number;
  const markPrice = positive('markPrice', true);
  return markPrice === undefined ? { symbol, side, quantity, entryPrice } : { symbol, side, quantity, entryPrice, markPrice };
}

/**
 * The other positions of a cross account from a `--positions` JSON file: either tradesize's
 * schema, an array of `{ "symbol", "side": "long"|"short", "quantity", "entryPrice", "markPrice"? }`
 * (quantity in the units of `--quantity`: base units for linear contracts, contracts for inverse
 * ones; the mark defaults to the entry), or ccxt `fetchPositions` output (rows with `contracts`
 * or `info`; zero-size rows skipped). Symbols are bundled instruments of the same venue.
 */
export async function otherPositionsFromFile(file: string, venue: VenueId): Promise<{ instrument: Instrument; position: Position }[]> {
  const { readJson } = await import('./data.js');
  const rows = await readJson(file, '--positions');
  if (!Array.isArray(rows)) throw new TradesizeError('PARSE_ERROR', '--positions: expected a JSON array of positions', ['--positions']);
  const ccxt = rows.some((r) => isObj(r) && ('contracts' in r || 'info' in r));
  let positions: { position: Position; ccxt: boolean }[];
  if (ccxt) {
    const { positionsFromCcxt } = await import('../venues/ccxt.js');
    try {
      positions = positionsFromCcxt(rows).map((p) => ({ position: p.position, ccxt: true }));
    } catch (e) {
      const err = e as TradesizeError;
      throw e instanceof TradesizeError ? new TradesizeError(err.code, `--positions: ${err.message}`, ['--positions', ...err.path]) : e;
    }
  } else {
    positions = rows.map((r, i) => ({ position: ownPosition(r, i), ccxt: false }));
  }
  return positions.map(({ position, ccxt: inContracts }, i) => {
    let instrument: Instrument;
    try {
      instrument = getInstrument(venue, position.symbol);
    } catch (e) {
      const err = e as TradesizeError;
      throw e instanceof TradesizeError ? new TradesizeError(err.code, `--positions: ${err.message}`, ['--positions', i, 'symbol'], err.details as Record<string, unknown> | undefined) : e;
    }
    const quantity = inContracts ? position.quantity : toContracts(instrument, position.quantity);
    return { instrument, position: { ...position, symbol: instrument.symbol, quantity } };
  });
}
