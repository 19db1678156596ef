/**
 * The ccxt feed against ccxt's own exchange classes (binanceusdm, bybit) whose HTTP layer answers
 * from the recorded venue responses in test/fixtures/ccxt/ (scripts/fixtures/ccxt_responses.mjs):
 * tickers → ticks into a real service, trades → fills (once each), a positions mismatch reported.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ccxt from 'ccxt';
import fc from 'fast-check';
import { Service } from '../../src/server/service.js';
import { openStore } from '../../src/server/store.js';
import { serverConfig } from '../../src/server/config.js';
import { startFeeds } from '../../src/server/feeds/start.js';
import type { FeedAdapter, FeedReport } from '../../src/server/feeds/adapter.js';
import { engineMarket, engineMarkets } from '../../src/server/feeds/ccxt-markets.js';
import { fillFromTrade, quantitiesDiffer, TradeLog, venueQuantities, type CcxtTrade } from '../../src/server/feeds/ccxt-fills.js';
import { openExchange, venueError, type CcxtClient } from '../../src/server/feeds/ccxt-exchange.js';
import { fixtureExchange, stubbed } from '../helpers/ccxt.js';

const BTC_CLOSE = 110111.98; // the last bar of examples/data/btc-usdt-1d.csv, the fixtures' ticker
const KEYS = { apiKey: 'fixture-key-0123456789', secret: 'fixture-secret-0123456789' };

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

function service(): Service {
  const dir = mkdtempSync(join(tmpdir(), 'tradesize-ccxt-'));
  const s = new Service(openStore(dir), {});
  cleanup.push(() => {
    s.close();
    rmSync(dir, { recursive: true, force: true });
  });
  s.execute({ type: 'account', at: Date.now(), id: 'main', body: { equity: 10_000, currency: 'USDT' } });
  return s;
}

async function run(s: Service, feed: Record<string, unknown>, client: CcxtClient): Promise<FeedReport[]> {
  const reports: FeedReport[] = [];
  const feeds: FeedAdapter[] = await startFeeds(s, serverConfig({ feeds: [feed] }).feeds, (r) => reports.push(r), async () => client);
  cleanup.unshift(() => feeds.forEach((f) => f.stop()));
  return reports;
}

const quantity = (s: Service, market: string): number => s.engine.getAccount('main').positions.find((p) => p.market === market)?.quantity ?? 0;
const fills = (s: Service) => s.events('main').filter((e) => e.type === 'fill');

describe('ccxt feed on recorded Binance USDⓈ-M responses', () => {
  it('ticks each symbol as source binanceusdm, takes each trade once as a fill, and reports the ETH position the engine does not know', async () => {
    const s = service();
    const ex = fixtureExchange('binanceusdm', KEYS);
    ex.has.fetchCurrencies = false;
    const reports = await run(s, { type: 'ccxt', exchange: 'binanceusdm', symbols: ['BTC/USDT:USDT', 'ETH/USDT:USDT'], account: 'main', pollMs: 100, reconcileMs: 1000, since: 0 }, ex as unknown as CcxtClient);
    await vi.waitFor(() => expect(reports.some((r) => r.type === 'position-mismatch'), JSON.stringify(reports) + ex.requests.join(',')).toBe(true), { timeout: 5000 });
    const btc = s.engine.getMarket('BTCUSDT', Date.now()).sources.find((x) => x.source === 'binanceusdm');
    expect(btc?.price).toBe(BTC_CLOSE);
    expect(s.engine.getMarket('ETHUSDT', Date.now()).sources.find((x) => x.source === 'binanceusdm')?.price).toBe(4600);
    await vi.waitFor(() => expect(ex.requests.filter((r) => r.endsWith('/fapi/v1/userTrades')).length).toBeGreaterThanOrEqual(4), { timeout: 5000 });
    // Three trades, polled again and again: three fills, long 0.010 + 0.005 − 0.003.
    expect(fills(s).map((e) => [e.side, e.quantity, e.price, e.fee])).toEqual([
      ['buy', 0.01, 110000, 0.44],
      ['buy', 0.005, 110100, 0.2202],
      ['sell', 0.003, 110200, 0.13224],
    ]);
    expect(quantity(s, 'BTCUSDT')).toBeCloseTo(0.012, 12);
    const mismatches = reports.filter((r) => r.type === 'position-mismatch');
    expect(mismatches).toEqual([{ type: 'position-mismatch', source: 'binanceusdm', account: 'main', market: 'ETHUSDT', symbol: 'ETH/USDT:USDT', engine: 0, venue: -0.5 }]);
    expect(reports.find((r) => r.type === 'feed-mode')).toEqual({ type: 'feed-mode', source: 'binanceusdm', prices: 'poll', trades: 'poll', positions: 'poll' });
    expect(JSON.stringify(reports)).not.toContain(KEYS.secret);
  });

  it("price 'mid' polls the book ticker (fetchBidsAsks: /fapi/v1/ticker/bookTicker), whose bid and ask the 24 h ticker lacks", async () => {
    const s = service();
    const ex = fixtureExchange('binanceusdm', KEYS);
    ex.has.fetchCurrencies = false;
    await run(s, { type: 'ccxt', exchange: 'binanceusdm', symbols: ['BTC/USDT:USDT'], pollMs: 100, price: 'mid' }, ex as unknown as CcxtClient);
    await vi.waitFor(() => expect(s.engine.getMarket('BTCUSDT', Date.now()).sources[0]?.price).toBe((110111.88 + 110111.98) / 2), { timeout: 5000 });
    expect(ex.requests).toContain('GET /fapi/v1/ticker/bookTicker');
    expect(ex.requests).not.toContain('GET /fapi/v1/ticker/24hr');
  });
});

describe('ccxt feed on recorded Bybit v5 responses', () => {
  it('maps BTC/USDT:USDT to BTCUSDT, fills match the venue position (no mismatch), fees in USDT', async () => {
    const s = service();
    const ex = fixtureExchange('bybit', { ...KEYS, options: { defaultType: 'swap', fetchMarkets: { types: ['linear'] } } });
    ex.has.fetchCurrencies = false;
    const reports = await run(s, { type: 'ccxt', exchange: 'bybit', symbols: ['BTC/USDT:USDT'], account: 'main', source: 'bybit-rest', pollMs: 100, reconcileMs: 1000, since: 0, price: 'mid' }, ex as unknown as CcxtClient);
    await vi.waitFor(() => expect(ex.requests.filter((r) => r.endsWith('/v5/position/list')).length).toBeGreaterThanOrEqual(1), { timeout: 5000 });
    await vi.waitFor(() => expect(s.engine.getMarket('BTCUSDT', Date.now()).sources.length).toBe(1), { timeout: 5000 });
    expect(s.engine.getMarket('BTCUSDT', Date.now()).sources[0]).toMatchObject({ source: 'bybit-rest', price: (110111.88 + 110111.98) / 2 });
    expect(fills(s).map((e) => [e.side, e.quantity, e.fee])).toEqual([['buy', 0.01, 0.605], ['sell', 0.003, 0.18183]]);
    expect(quantity(s, 'BTCUSDT')).toBeCloseTo(0.007, 12);
    expect(reports.filter((r) => r.type !== 'feed-mode')).toEqual([]);
  });
});

describe('ccxt pro watchers', () => {
  it('are used when the instance has them: watchTicker ticks, watchMyTrades fills, watchPositions reconciles', async () => {
    const s = service();
    const ex = stubbed(new ccxt.pro.binanceusdm({ ...KEYS }));
    ex.has.fetchCurrencies = false;
    const rest = fixtureExchange('binanceusdm', KEYS);
    rest.has.fetchCurrencies = false;
    await rest.loadMarkets();
    const later = <T>(value: () => Promise<T>, ms: number): Promise<T> => new Promise((done) => setTimeout(() => done(value()), ms).unref());
    let tradesSent = false;
    Object.assign(ex, {
      watchTicker: (symbol: string) => later(() => rest.fetchTicker(symbol), 20),
      watchMyTrades: (symbol: string) => (tradesSent ? new Promise(() => undefined) : ((tradesSent = true), later(() => rest.fetchMyTrades(symbol, 0), 20))),
      watchPositions: (symbols: string[]) => later(() => rest.fetchPositions(symbols), 200),
    });
    const reports = await run(s, { type: 'ccxt', exchange: 'binanceusdm', symbols: ['BTC/USDT:USDT'], account: 'main', pollMs: 100, since: 0 }, ex as unknown as CcxtClient);
    await vi.waitFor(() => expect(quantity(s, 'BTCUSDT')).toBeCloseTo(0.012, 12), { timeout: 5000 });
    expect(reports.find((r) => r.type === 'feed-mode')).toEqual({ type: 'feed-mode', source: 'binanceusdm', prices: 'watch', trades: 'watch', positions: 'watch' });
    expect(s.engine.getMarket('BTCUSDT', Date.now()).sources[0]?.price).toBe(BTC_CLOSE);
    expect(ex.requests.some((r) => r.includes('/ticker/') || r.includes('/userTrades'))).toBe(false);
  });
});

describe('ccxt pro watchers that keep failing', () => {
  it('give way to REST polling after 3 failures in a row, reported as a new feed-mode', async () => {
    const s = service();
    const ex = stubbed(new ccxt.pro.binanceusdm({ ...KEYS }));
    ex.has.fetchCurrencies = false;
    let attempts = 0;
    Object.assign(ex, { watchTicker: () => (attempts++, Promise.reject(new ccxt.NetworkError('getaddrinfo ENOTFOUND fstream.binance.com'))) });
    const reports = await run(s, { type: 'ccxt', exchange: 'binanceusdm', symbols: ['BTC/USDT:USDT'], pollMs: 100 }, ex as unknown as CcxtClient);
    await vi.waitFor(() => expect(s.engine.getMarket('BTCUSDT', Date.now()).sources[0]?.price).toBe(BTC_CLOSE), { timeout: 5000 });
    expect(attempts).toBe(3);
    expect(reports.filter((r) => r.type !== 'feed-mode').map((r) => r.type === 'feed-error' && [r.operation, r.code])).toEqual(Array(3).fill(['watchTicker', 'NETWORK_ERROR']));
    expect(reports.filter((r) => r.type === 'feed-mode').map((r) => r.type === 'feed-mode' && r.prices)).toEqual(['watch', 'poll']);
  });
});

describe('ccxt feed errors', () => {
  it('a venue out of reach is reported as NETWORK_ERROR without the keys, and retried', async () => {
    const env = { TRADESIZE_BINANCEUSDM_API_KEY: KEYS.apiKey, TRADESIZE_BINANCEUSDM_SECRET: KEYS.secret };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    cleanup.push(() => {
      for (const k of Object.keys(env)) if (!(k in saved)) delete process.env[k];
    });
    const ex = await openExchange({ exchange: 'binanceusdm' });
    (ex as unknown as { fetch: () => Promise<never> }).fetch = () => Promise.reject(new ccxt.NetworkError(`binanceusdm GET https://fapi.binance.com/fapi/v1/exchangeInfo?signature=abc fetch failed ${KEYS.secret}`));
    const reports = await run(service(), { type: 'ccxt', exchange: 'binanceusdm', symbols: ['BTC/USDT:USDT'], pollMs: 100 }, ex);
    await vi.waitFor(() => expect(reports.filter((r) => r.type === 'feed-error').length).toBeGreaterThanOrEqual(2), { timeout: 5000 });
    const [first] = reports;
    expect(first).toMatchObject({ type: 'feed-error', source: 'binanceusdm', operation: 'loadMarkets', code: 'NETWORK_ERROR' });
    const text = JSON.stringify(reports);
    expect(text).not.toContain(KEYS.secret);
    expect(text).not.toContain('signature=abc');
  });

  it('venueError: ccxt errors typed (network, auth with the variables to set), other errors unchanged', () => {
    expect((venueError(new ccxt.RequestTimeout('t'), 'bybit', 'fetchTickers') as Error & { code: string }).code).toBe('NETWORK_ERROR');
    const auth = venueError(new ccxt.AuthenticationError('binanceusdm requires "apiKey" credential'), 'binanceusdm', 'fetchLeverageTiers') as Error & { code: string };
    expect(auth.code).toBe('EXCHANGE_ERROR');
    expect(auth.message).toContain('TRADESIZE_BINANCEUSDM_API_KEY');
    const bug = new TypeError('x');
    expect(venueError(bug, 'bybit', 'x')).toBe(bug);
  });
});

describe('ccxt symbols → engine markets', () => {
  it('joins base and quote, drops the settlement currency, keeps a delivery date; a mapping wins; collisions refused', () => {
    expect(engineMarket('BTC/USDT:USDT')).toBe('BTCUSDT');
    expect(engineMarket('BTC/USD:BTC')).toBe('BTCUSD');
    expect(engineMarket('ETH/USDT:USDT-250328')).toBe('ETHUSDT-250328');
    expect(engineMarket('BTC/USDT')).toBe('BTCUSDT');
    expect(engineMarket('BTC/USDC:USDC', { 'BTC/USDC:USDC': 'BTCUSDC-PERP' })).toBe('BTCUSDC-PERP');
    expect(() => engineMarket('not a symbol')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => engineMarkets(['BTC/USDT:USDT', 'BTC/USDT'])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', path: ['markets', 'BTC/USDT'] }));
  });
});

describe('trades → fills', () => {
  it('a fee counts in the settlement currency only; a rebate or a BNB fee does not', () => {
    const t: CcxtTrade = { id: '1', side: 'sell', amount: 2, price: 10, timestamp: 5, fee: { cost: 0.01, currency: 'USDT' } };
    expect(fillFromTrade(t, 'X', 'USDT')).toEqual({ market: 'X', side: 'sell', quantity: 2, price: 10, fee: 0.01, time: 5 });
    expect(fillFromTrade({ ...t, fee: { cost: 0.01, currency: 'BNB' } }, 'X', 'USDT')?.fee).toBe(0);
    expect(fillFromTrade({ ...t, fee: { cost: -0.01, currency: 'USDT' } }, 'X', 'USDT')?.fee).toBe(0);
    expect(fillFromTrade({ ...t, amount: 0 }, 'X', 'USDT')).toBeNull();
  });

  it('property: trades resent in any order and any number of times are taken once each (same signed sum)', () => {
    const trade = fc.record({ id: fc.string({ minLength: 1, maxLength: 6 }), side: fc.constantFrom('buy', 'sell'), amount: fc.integer({ min: 1, max: 1000 }) });
    fc.assert(
      fc.property(fc.uniqueArray(trade, { selector: (t) => t.id, maxLength: 30 }), fc.array(fc.nat(), { maxLength: 60 }), (unique, picks) => {
        const log = new TradeLog();
        const stream = [...unique, ...picks.map((i) => unique[i % Math.max(unique.length, 1)]).filter((t) => t !== undefined)];
        const taken = stream.filter((t) => log.take(t));
        const sum = (ts: typeof unique) => ts.reduce((a, t) => a + (t.side === 'buy' ? t.amount : -t.amount), 0);
        expect(taken.length).toBe(unique.length);
        expect(sum(taken)).toBe(sum(unique));
      }),
      { numRuns: 1000 },
    );
  });

  it('positions: long +, short −, hedge legs summed, absent symbols 0; differences beyond rounding only', () => {
    const q = venueQuantities([{ symbol: 'A', side: 'long', contracts: 3 }, { symbol: 'A', side: 'short', contracts: 1 }, { symbol: 'Z', side: 'long', contracts: 9 }], ['A', 'B']);
    expect([...q]).toEqual([['A', 2], ['B', 0]]);
    expect(quantitiesDiffer(0.01 + 0.005 - 0.003, 0.012)).toBe(false);
    fc.assert(fc.property(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), fc.double({ noNaN: true, min: -1e9, max: 1e9 }), (a, b) => quantitiesDiffer(a, b) === quantitiesDiffer(b, a) && !quantitiesDiffer(a, a)), { numRuns: 1000 });
  });
});
