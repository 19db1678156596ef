import { describe, expect, it } from 'vitest';
import { findInstrument, getInstrument, getVenue, listInstruments, symbolParts, symbolsMatch, VENUES } from '../../src/venues/registry.js';
import { validateTiers } from '../../src/venues/tiers.js';
import { VENUE_IDS } from '../../src/venues/types.js';
import { thrown } from '../helpers/assert.js';

describe('getVenue', () => {
  it('knows every venue id, case-insensitively', () => {
    for (const id of VENUE_IDS) {
      expect(getVenue(id).id).toBe(id);
      expect(getVenue(id.toUpperCase())).toBe(VENUES[id]);
    }
  });

  it('an unknown venue lists the supported ones', () => {
    const e = thrown(() => getVenue('ftx'));
    expect(e.code).toBe('UNKNOWN_VENUE');
    expect(e.path).toEqual(['venue']);
    for (const id of VENUE_IDS) expect(e.message).toContain(id);
    expect(e.details?.supported).toEqual([...VENUE_IDS]);
  });
});

describe('getInstrument', () => {
  it('accepts the common spellings of a market', () => {
    for (const alias of ['BTCUSDT', 'btcusdt', 'BTC/USDT:USDT', 'BTC-USDT-SWAP', 'BTC-USDT', 'BTC_USDT']) {
      expect(getInstrument('binance-usdm', alias).symbol, alias).toBe('BTCUSDT');
    }
    expect(getInstrument('binance-coinm', 'BTC/USD:BTC').symbol).toBe('BTCUSD');
    expect(getInstrument('binance-coinm', 'BTCUSD_PERP').symbol).toBe('BTCUSD');
    expect(getInstrument('dydx', 'BTC/USD:USDC').symbol).toBe('BTC-USD');
    expect(getInstrument('dydx', 'ethusd').symbol).toBe('ETH-USD');
    expect(getInstrument('hyperliquid', 'BTC/USDC:USDC').symbol).toBe('BTC');
    expect(getInstrument('deribit', 'BTC/USD:BTC').symbol).toBe('BTC-PERPETUAL');
    expect(getInstrument('deribit', 'BTC/USDC:USDC').symbol).toBe('BTC_USDC-PERPETUAL');
    expect(getInstrument('deribit', 'BTC_USDC').symbol).toBe('BTC_USDC-PERPETUAL');
  });

  it('returns the bundled object itself for its own symbol', () => {
    for (const id of VENUE_IDS) for (const inst of listInstruments(id)) expect(getInstrument(id, inst.symbol)).toBe(inst);
  });

  it('an unknown symbol lists the bundled symbols of the venue', () => {
    const e = thrown(() => getInstrument('dydx', 'DOGE-USD'));
    expect(e.code).toBe('UNKNOWN_SYMBOL');
    expect(e.path).toEqual(['symbol']);
    expect(e.message).toBe("unknown symbol 'DOGE-USD' on dydx; bundled for dydx: BTC-USD, ETH-USD");
    expect(e.details).toEqual({ venue: 'dydx', supported: ['BTC-USD', 'ETH-USD'] });
  });

  it('a quote that does not match is another market', () => {
    expect(thrown(() => getInstrument('binance-usdm', 'BTCUSDC')).code).toBe('UNKNOWN_SYMBOL');
    expect(thrown(() => getInstrument('binance-usdm', 'BTC/USD:BTC')).code).toBe('UNKNOWN_SYMBOL');
  });

  it('an ambiguous symbol names the candidates', () => {
    const e = thrown(() => getInstrument('deribit', 'BTC'));
    expect(e.code).toBe('UNKNOWN_SYMBOL');
    expect(e.message).toMatch(/ambiguous on deribit \(matches BTC-PERPETUAL, BTC_USDC-PERPETUAL\)/);
    expect(findInstrument('deribit', 'BTC')).toBeUndefined();
  });

  it('every venue bundles at least one instrument; an unknown symbol lists them', () => {
    for (const id of VENUE_IDS) expect(listInstruments(id).length, id).toBeGreaterThan(0);
    expect(thrown(() => getInstrument('okx-swap', 'ETH-USDT-SWAP')).message).toBe(
      "unknown symbol 'ETH-USDT-SWAP' on okx-swap; bundled for okx-swap: BTC-USDT-SWAP",
    );
  });

  it('an unknown venue comes first', () => {
    expect(thrown(() => getInstrument('ftx', 'BTCUSDT')).code).toBe('UNKNOWN_VENUE');
  });
});

describe('listInstruments', () => {
  it('sorted by symbol, each on its venue, every bundled tier table valid', () => {
    for (const id of VENUE_IDS) {
      const all = listInstruments(id);
      expect(all.map((i) => i.symbol)).toEqual([...all.map((i) => i.symbol)].sort());
      for (const inst of all) {
        expect(inst.venue).toBe(id);
        validateTiers(inst.tiers);
      }
    }
    expect(listInstruments('dydx').map((i) => i.symbol)).toEqual(['BTC-USD', 'ETH-USD']);
    expect(listInstruments('deribit').map((i) => i.symbol)).toEqual(['BTC-PERPETUAL', 'BTC_USDC-PERPETUAL']);
    expect(listInstruments('bybit-linear').map((i) => i.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(listInstruments('bybit-inverse').map((i) => i.symbol)).toEqual(['BTCUSD']);
    expect(listInstruments('okx-swap').map((i) => i.symbol)).toEqual(['BTC-USDT-SWAP']);
  });
});

describe('symbol parsing', () => {
  it('splits venue ids and ccxt symbols into base, quote and kind', () => {
    expect(symbolParts('BTC/USD:BTC')).toEqual({ base: 'BTC', quote: 'USD', kind: 'inverse' });
    expect(symbolParts('BTC/USDT:USDT-250328')).toEqual({ base: 'BTC', quote: 'USDT', kind: 'linear', expiry: '250328' });
    expect(symbolParts('ETH/USDT')).toEqual({ base: 'ETH', quote: 'USDT' });
    expect(symbolParts('BTC-USDT-SWAP')).toEqual({ base: 'BTC', quote: 'USDT' });
    expect(symbolParts('1000PEPEUSDT')).toEqual({ base: '1000PEPE', quote: 'USDT' });
    expect(symbolParts('BTCFDUSD')).toEqual({ base: 'BTC', quote: 'FDUSD' });
    expect(symbolParts('BTCUSD_PERP')).toEqual({ base: 'BTC', quote: 'USD' });
    expect(symbolParts('BTC-PERPETUAL')).toEqual({ base: 'BTC' });
    expect(symbolParts('BTC_USDC-PERPETUAL')).toEqual({ base: 'BTC', quote: 'USDC' });
    expect(symbolParts(' kpepe ')).toEqual({ base: 'KPEPE' });
    expect(symbolParts('USDT')).toEqual({ base: 'USDT' });
    expect(symbolParts('BTCUSD_250328')).toEqual({ base: 'BTC', quote: 'USD', expiry: '250328' });
    expect(symbolParts('BTC-27DEC24')).toEqual({ base: 'BTC', expiry: '27DEC24' });
  });

  it('matches on base, and on quote and kind where both sides know them', () => {
    expect(symbolsMatch('BTC-USDT-SWAP', 'BTC/USDT:USDT')).toBe(true);
    expect(symbolsMatch('BTCUSD_PERP', 'BTC/USD:BTC', 'inverse')).toBe(true);
    expect(symbolsMatch('BTCUSD', 'BTC/USD:USDC', 'inverse')).toBe(false);
    expect(symbolsMatch('BTCUSDT', 'BTCUSDC')).toBe(false);
    expect(symbolsMatch('ETHUSDT', 'BTCUSDT')).toBe(false);
    expect(symbolsMatch('BTC', 'BTC/USDC:USDC', 'linear')).toBe(true);
    // a perpetual is never a dated future
    expect(symbolsMatch('BTC/USDT:USDT-241227', 'BTCUSDT')).toBe(false);
    expect(symbolsMatch('BTC/USDT:USDT-241227', 'BTCUSDT_241227')).toBe(true);
  });
});
