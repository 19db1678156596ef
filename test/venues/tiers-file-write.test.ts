/**
 * tiersFileFromCcxt: what `tradesize tiers` writes, from ccxt's own binanceusdm and bybit classes
 * parsing the recorded venue responses (test/fixtures/ccxt/), reads back through parseTiersJson
 * to the same tiers as tiersFromCcxt and to the bundled snapshots; a table that is not a valid
 * instrument is skipped with its reason; every venue maps to a ccxt exchange.
 */
import { describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import fc from 'fast-check';
import { parseTiersJson, tiersFileFromCcxt } from '../../src/venues/tiers-file.js';
import { tiersFromCcxt } from '../../src/venues/ccxt.js';
import { ccxtVenue, credentialVariables } from '../../src/venues/ccxt-venues.js';
import { findInstrument } from '../../src/venues/registry.js';
import { VENUE_IDS } from '../../src/venues/venue-ids.js';
import { fixtureExchange } from '../helpers/ccxt.js';

const KEYS = { apiKey: 'k', secret: 's' };

async function binance() {
  const ex = fixtureExchange('binanceusdm', KEYS);
  ex.has.fetchCurrencies = false;
  await ex.loadMarkets();
  return { markets: ex.markets as Record<string, unknown>, tiers: (await ex.fetchLeverageTiers()) as Record<string, unknown> };
}

describe('tiersFileFromCcxt', () => {
  it('Binance USDⓈ-M through ccxt: BTC and ETH read back to tiersFromCcxt and to the bundled 2024-10-24 brackets, with the market rules', async () => {
    const { markets, tiers } = await binance();
    const w = tiersFileFromCcxt({ venue: 'binance-usdm', kind: 'linear', source: 'test', markets, tiers });
    expect(w.symbols).toEqual(['BTC/USDT:USDT', 'ETH/USDT:USDT']);
    expect(w.skipped).toEqual([]);
    const text = JSON.stringify(w.file);
    for (const [symbol, id] of [['BTC/USDT:USDT', 'BTCUSDT'], ['ETH/USDT:USDT', 'ETHUSDT']] as const) {
      const back = parseTiersJson(text, { venue: 'binance-usdm', symbol });
      expect(back).toEqual(tiersFromCcxt(tiers[symbol], { venue: 'binance-usdm' }));
      expect(back).toEqual(findInstrument('binance-usdm', id)?.tiers);
    }
    expect(w.file._markets).toEqual({
      'BTC/USDT:USDT': { kind: 'linear', contractSize: 1, tickSize: 0.1, lotStep: 0.001, minQty: 0.001, takerFee: 0.0005 },
      'ETH/USDT:USDT': { kind: 'linear', contractSize: 1, tickSize: 0.01, lotStep: 0.001, minQty: 0.001, takerFee: 0.0005 },
    });
  });

  it('Bybit linear through ccxt: the 20 risk limits read back to the bundled BTCUSDT tiers', async () => {
    const ex = fixtureExchange('bybit', { ...KEYS, options: { defaultType: 'swap', fetchMarkets: { types: ['linear'] } } });
    ex.has.fetchCurrencies = false;
    await ex.loadMarkets();
    const tiers = (await ex.fetchLeverageTiers(['BTC/USDT:USDT'])) as Record<string, unknown>;
    const w = tiersFileFromCcxt({ venue: 'bybit-linear', kind: 'linear', source: 'test', markets: ex.markets as Record<string, unknown>, tiers });
    const back = parseTiersJson(JSON.stringify(w.file), { venue: 'bybit-linear', symbol: 'BTCUSDT' });
    expect(back).toEqual(findInstrument('bybit-linear', 'BTCUSDT')?.tiers.slice(0, 20));
  });

  it('a table with a gap is skipped with its reason; a market of the other kind or without a market is left out', async () => {
    const { markets, tiers } = await binance();
    const eth = structuredClone(tiers['ETH/USDT:USDT']) as { minNotional: number; info: Record<string, unknown> }[];
    (eth[3] as { minNotional: number; info: Record<string, unknown> }).minNotional = 3_500_000;
    (eth[3] as { info: Record<string, unknown> }).info.notionalFloor = 3_500_000;
    const inverse = { ...(markets['BTC/USDT:USDT'] as object), symbol: 'BTC/USD:BTC', linear: false, inverse: true };
    const w = tiersFileFromCcxt({ venue: 'binance-usdm', kind: 'linear', source: 'test', markets: { ...markets, 'BTC/USD:BTC': inverse }, tiers: { ...tiers, 'ETH/USDT:USDT': eth, 'BTC/USD:BTC': tiers['BTC/USDT:USDT'], 'XRP/USDT:USDT': tiers['BTC/USDT:USDT'] } });
    expect(w.symbols).toEqual(['BTC/USDT:USDT']);
    expect(w.skipped.map((s) => s.symbol)).toEqual(['ETH/USDT:USDT']);
    expect(Object.keys(w.file).sort()).toEqual(['BTC/USDT:USDT', '_markets', '_source']);
  });

  it('property: any contiguous table with Binance raw rows round-trips through the file', () => {
    const market = { symbol: 'X/USDT:USDT', linear: true, inverse: false, contractSize: 1, precision: { amount: 0.001, price: 0.1 }, limits: { amount: { min: 0.001 } } };
    const table = fc.array(fc.record({ width: fc.integer({ min: 1, max: 1e7 }), rate: fc.integer({ min: 1, max: 400 }), lev: fc.integer({ min: 1, max: 125 }) }), { minLength: 1, maxLength: 12 }).map((rows) => {
      let floor = 0;
      let rate = 0;
      let lev = 126;
      return rows.map((r, i) => {
        rate += r.rate / 10_000;
        lev = Math.max(1, Math.min(lev - 1, r.lev));
        const row = { tier: i + 1, minNotional: floor, maxNotional: floor + r.width, maintenanceMarginRate: Number(rate.toFixed(6)), maxLeverage: lev, info: {} };
        floor += r.width;
        return row;
      });
    });
    fc.assert(
      fc.property(table, (rows) => {
        const w = tiersFileFromCcxt({ venue: 'binance-usdm', kind: 'linear', source: 'p', markets: { 'X/USDT:USDT': market }, tiers: { 'X/USDT:USDT': rows } });
        expect(w.skipped).toEqual([]);
        return JSON.stringify(parseTiersJson(JSON.stringify(w.file), { venue: 'binance-usdm', symbol: 'X/USDT:USDT' })) === JSON.stringify(tiersFromCcxt(rows, { venue: 'binance-usdm' }));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('ccxtVenue', () => {
  it('every venue is a ccxt exchange (REST and pro); keys are named by the exchange id', () => {
    for (const id of VENUE_IDS) {
      const v = ccxtVenue(id);
      expect(ccxt.exchanges, id).toContain(v.exchange);
      expect(Object.keys(ccxt.pro), id).toContain(v.exchange);
    }
    expect(ccxtVenue('bybit-inverse')).toMatchObject({ exchange: 'bybit', kind: 'inverse' });
    expect(credentialVariables('okx').password).toBe('TRADESIZE_OKX_PASSWORD');
    expect(() => ccxtVenue('ftx')).toThrow(expect.objectContaining({ code: 'UNKNOWN_VENUE' }));
  });
});
