/**
 * A validated portfolio packed into flat per-position constants (typed arrays) so that a stress
 * grid or a Monte Carlo path revalues a position with one kernel call and no lookups.
 *
 * Per position: the underlying's index, an instrument code, the signed quantity × contract size,
 * the entry price (perpetuals, futures), the forward ratio f = F/S (futures: mark/spot or
 * e^{(r − q)T}; black76 and inverse options: e^{(r − q)T}), and for options the strike, time to
 * expiry T = (expiry − asOf)/365 days, vol, rate and dividend yield. The valuation formulas are in
 * `./valuation.ts`.
 *
 * @example
 * const c = compilePortfolio(parsePortfolio(json));
 * c.n; c.underlyings; // => number of positions, ['BTC', 'ETH']
 */
import { venueOf, type Portfolio, type PositionSpec } from './schema.js';
import type { Instrument, Position, VenueModel } from '../venues/types.js';

/** A perpetual or future margined by its venue's model (standard margin). */
export interface VenueLeg {
  readonly model: VenueModel;
  readonly instrument: Instrument;
  /** The venue position at entry (contracts = |q| / the instrument's contract size); its mark is set per scenario. */
  readonly position: Position;
  readonly leverage: number | undefined;
}

export const LINEAR = 0;
export const INVERSE_LINEAR = 1;
export const OPTION_BS = 2;
export const OPTION_B76 = 3;
export const OPTION_INVERSE = 4;
export type InstrumentCode = typeof LINEAR | typeof INVERSE_LINEAR | typeof OPTION_BS | typeof OPTION_B76 | typeof OPTION_INVERSE;

const MS_PER_YEAR = 365 * 86_400_000;

/** Margin rules of the account (docs/PORTFOLIO.md). */
export type MarginRules = { readonly style: 'portfolio'; readonly mmFactor: number } | { readonly style: 'standard'; readonly imRate: number; readonly mmRate: number };

/** The packed form of a {@link Portfolio}. Amounts are in the report currency. */
export interface CompiledPortfolio {
  readonly currency: string;
  readonly underlyings: readonly string[];
  readonly spot: Float64Array;
  /** Cash in the report currency. */
  readonly cash: number;
  /** Coin collateral per underlying (valued at the underlying's price). */
  readonly coin: Float64Array;
  readonly margin: MarginRules;
  readonly n: number;
  readonly under: Int32Array;
  readonly code: Uint8Array;
  readonly qty: Float64Array;
  readonly entry: Float64Array;
  readonly fwd: Float64Array;
  readonly isCall: Uint8Array;
  readonly strike: Float64Array;
  readonly expiry: Float64Array;
  readonly vol: Float64Array;
  readonly rate: Float64Array;
  readonly div: Float64Array;
  readonly imRate: Float64Array;
  readonly mmRate: Float64Array;
  /** Venue margin rules per position (null: the rates above). */
  readonly venue: readonly (VenueLeg | null)[];
  /** The validated input, for reports. */
  readonly source: Portfolio;
}

function codeOf(p: PositionSpec): InstrumentCode {
  if (p.kind !== 'option') return p.settlement === 'inverse' ? INVERSE_LINEAR : LINEAR;
  return p.model === 'black-scholes' ? OPTION_BS : p.model === 'black76' ? OPTION_B76 : OPTION_INVERSE;
}

/** Years from the portfolio's asOf to an ISO expiry (365-day year). */
export function yearsToExpiry(asOf: string, expiry: string): number {
  return (Date.parse(expiry) - Date.parse(asOf)) / MS_PER_YEAR;
}

/**
 * Packs a validated portfolio (see the module doc). Pure; O(positions).
 */
export function compilePortfolio(p: Portfolio): CompiledPortfolio {
  const names = Object.keys(p.underlyings);
  const index = new Map(names.map((u, i) => [u, i]));
  const U = names.length;
  const spot = new Float64Array(U);
  const coin = new Float64Array(U);
  names.forEach((u, i) => {
    spot[i] = (p.underlyings[u] as { spot: number }).spot;
    coin[i] = p.account.collateral[u] ?? 0;
  });
  const n = p.positions.length;
  const c = {
    under: new Int32Array(n), code: new Uint8Array(n), qty: new Float64Array(n), entry: new Float64Array(n), fwd: new Float64Array(n),
    isCall: new Uint8Array(n), strike: new Float64Array(n), expiry: new Float64Array(n), vol: new Float64Array(n), rate: new Float64Array(n),
    div: new Float64Array(n), imRate: new Float64Array(n), mmRate: new Float64Array(n),
  };
  const m = p.account.margin;
  const venue: (VenueLeg | null)[] = [];
  p.positions.forEach((pos, i) => {
    const ui = index.get(pos.underlying) as number;
    const u = p.underlyings[pos.underlying] as Portfolio['underlyings'][string];
    c.under[i] = ui;
    c.code[i] = codeOf(pos);
    c.qty[i] = pos.quantity * pos.contractSize;
    c.rate[i] = u.rate;
    c.div[i] = u.div;
    c.imRate[i] = pos.imRate ?? (m.style === 'standard' ? m.imRate : 0);
    c.mmRate[i] = pos.mmRate ?? (m.style === 'standard' ? m.mmRate : 0);
    const v = pos.kind === 'option' ? null : venueOf(p, pos, i);
    venue.push(
      v === null || pos.kind === 'option'
        ? null
        : {
            ...v,
            position: { symbol: v.instrument.symbol, side: pos.quantity > 0 ? 'long' : 'short', quantity: Math.abs(pos.quantity * pos.contractSize) / v.instrument.contractSize, entryPrice: pos.entryPrice },
            leverage: pos.leverage,
          },
    );
    if (pos.kind === 'perpetual') {
      c.entry[i] = pos.entryPrice;
      c.fwd[i] = (pos.markPrice ?? u.spot) / u.spot;
    } else if (pos.kind === 'future') {
      const t = yearsToExpiry(p.asOf, pos.expiry);
      c.entry[i] = pos.entryPrice;
      c.expiry[i] = t;
      c.fwd[i] = pos.markPrice === undefined ? Math.exp((u.rate - u.div) * t) : pos.markPrice / u.spot;
    } else {
      const t = yearsToExpiry(p.asOf, pos.expiry);
      c.isCall[i] = pos.type === 'call' ? 1 : 0;
      c.strike[i] = pos.strike;
      c.expiry[i] = t;
      c.vol[i] = pos.vol ?? (u.vol as number);
      c.fwd[i] = Math.exp((u.rate - u.div) * t);
    }
  });
  const cash = p.account.collateral[p.account.currency] ?? 0;
  return { currency: p.account.currency, underlyings: names, spot, cash, coin, margin: m, n, ...c, venue, source: p };
}
