/**
 * The ccxt feed: one exchange's prices as one price `source`, and (with an `account`) its trades
 * as the account's fills, checked against the venue's positions.
 *
 * Prices: ccxt pro's `watchTicker` per symbol when the instance has it (`has.watchTicker`), else
 * REST polling every `pollMs` (`fetchTickers` for all symbols, or `fetchTicker` each where the
 * venue has no batch call; for `mid`, `fetchBidsAsks` where the venue has it: Binance's
 * `/fapi/v1/ticker/bookTicker`, whose 24 h ticker has no bid and ask). A tick is `{market, source, price, time}` with the ticker's `last`
 * (or the bid/ask `mid`, or `mark`), stamped with the venue's time but never later than arrival.
 * Trades: `watchMyTrades` when available, else `fetchMyTrades(symbol, since)` per symbol each
 * poll; repeats are dropped by trade id (./ccxt-fills.ts). Positions: `watchPositions` updates,
 * else `fetchPositions` every `reconcileMs` after that cycle's trades; a mismatch seen twice in a
 * row is reported once.
 * Every venue error is reported (typed, without secrets) and the loop retries after `pollMs`; a
 * watcher that fails 3 times in a row (no websocket route, say) gives way to REST polling
 * (reported as a new `feed-mode`).
 *
 * SOURCE: ccxt 4.5 unified API (`fetchTickers`, `fetchMyTrades`, `fetchPositions`) and ccxt pro
 * (`watchTicker`, `watchMyTrades`, `watchPositions`: each call resolves with the next update).
 */
import type { TickInput } from '../../engine/schemas.js';
import { isTradesizeError } from '../../core/errors.js';
import type { FeedAdapter, FeedEvents } from './adapter.js';
import { fillFromTrade, quantitiesDiffer, TradeLog, venueQuantities, type CcxtPosition, type CcxtTrade } from './ccxt-fills.js';
import { venueError, type CcxtClient, type CcxtTicker } from './ccxt-exchange.js';
import { call, CallError, Loops } from './loops.js';

/** Failures in a row after which a watcher gives way to REST polling. */
const WATCH_FAILURES = 3;

export type TickerPrice = 'last' | 'mid' | 'mark';

export interface CcxtFeedOptions {
  readonly client: CcxtClient;
  /** ccxt symbol → engine market (./ccxt-markets.ts). */
  readonly markets: ReadonlyMap<string, string>;
  /** The price source name of this exchange. */
  readonly source: string;
  /** The engine account whose fills come from this exchange's trades (none: prices only). */
  readonly account?: string;
  readonly pollMs: number;
  readonly reconcileMs: number;
  /** Use ccxt pro watchers where the instance has them. */
  readonly watch: boolean;
  readonly price: TickerPrice;
  /** Trades before this time (ms) are not taken (default: when the feed starts). */
  readonly since?: number;
  /** Engine time (default Date.now). */
  readonly clock?: () => number;
}

/** The price of a ticker by `price`, or undefined when the ticker lacks it. */
export function tickerPrice(t: CcxtTicker, price: TickerPrice): number | undefined {
  const p = price === 'mark' ? t.markPrice : price === 'mid' ? (t.bid !== undefined && t.ask !== undefined ? (t.bid + t.ask) / 2 : undefined) : t.last;
  return typeof p === 'number' && Number.isFinite(p) ? p : undefined;
}

export function ccxtFeed(o: CcxtFeedOptions): FeedAdapter {
  const c = o.client;
  const clock = o.clock ?? Date.now;
  const symbols = [...o.markets.keys()];
  const log = new TradeLog();
  /** Per market: the last (engine, venue) pair seen, and the last reported as a mismatch. */
  const observed = new Map<string, string>();
  const reported = new Map<string, string>();
  let loops: Loops | undefined;
  /** Per symbol: trades before this time are not taken (the next poll starts there). */
  const since = new Map(symbols.map((s) => [s, o.since ?? clock()]));
  let lastReconcile = -Infinity;
  const can = (name: 'watchTicker' | 'watchMyTrades' | 'watchPositions'): boolean => o.watch && c.has[name] === true && typeof c[name] === 'function';

  return {
    start(sink, events: FeedEvents = {}) {
      const report = events.report ?? (() => undefined);
      const l = new Loops(o.pollMs, (e) => {
        const operation = e instanceof CallError ? e.operation : 'feed';
        const err = venueError(e instanceof CallError ? e.error : e, c.id, operation);
        const code = isTradesizeError(err) ? err.code : 'ERROR';
        report({ type: 'feed-error', source: o.source, operation, code, message: err instanceof Error ? err.message : String(err) });
      });
      loops = l;
      const ticks = (tickers: readonly CcxtTicker[]): void => {
        const now = clock();
        const out: TickInput[] = [];
        for (const t of tickers) {
          const market = t.symbol === undefined ? undefined : o.markets.get(t.symbol);
          const price = tickerPrice(t, o.price);
          if (market === undefined || price === undefined) continue;
          out.push({ market, source: o.source, price, time: Math.min(typeof t.timestamp === 'number' ? t.timestamp : now, now) });
        }
        if (out.length > 0 && l.running) sink(out, now);
      };
      /** Records the new trades of `list`; false when a fill was not taken (offered again next time). */
      const trades = (list: readonly CcxtTrade[]): boolean => {
        if (o.account === undefined || events.fill === undefined || !l.running) return false;
        let all = true;
        for (const t of list) {
          const market = t.symbol === undefined ? undefined : o.markets.get(t.symbol);
          if (market === undefined || (t.timestamp !== undefined && t.timestamp < (since.get(t.symbol as string) as number)) || !log.take(t)) continue;
          const fill = fillFromTrade(t, market, c.markets?.[t.symbol as string]?.settle);
          if (fill !== null && !events.fill(o.account, fill, clock())) {
            log.forget(t);
            all = false;
          }
        }
        return all;
      };
      const reconcile = (positions: readonly CcxtPosition[]): void => {
        if (o.account === undefined || events.position === undefined || !l.running) return;
        for (const [symbol, venue] of venueQuantities(positions, symbols)) {
          const market = o.markets.get(symbol) as string;
          const engine = events.position(o.account, market);
          if (engine === undefined) return;
          const key = `${engine}|${venue}`;
          const before = observed.get(market);
          observed.set(market, key);
          if (!quantitiesDiffer(engine, venue)) reported.delete(market);
          // Only a mismatch seen twice in a row: a trade between the trades and positions calls is not one.
          else if (before === key && reported.get(market) !== key) {
            reported.set(market, key);
            report({ type: 'position-mismatch', source: o.source, account: o.account, market, symbol, engine, venue });
          }
        }
      };
      const pollTickers = async (): Promise<void> => {
        const bidsAsks = c.fetchBidsAsks?.bind(c);
        if (o.price === 'mid' && c.has.fetchBidsAsks === true && bidsAsks !== undefined) ticks(Object.values(await call('fetchBidsAsks', () => bidsAsks(symbols))));
        else if (c.has.fetchTickers === true) ticks(Object.values(await call('fetchTickers', () => c.fetchTickers(symbols))));
        else for (const s of symbols) ticks([await call('fetchTicker', () => c.fetchTicker(s))]);
      };
      const withAccount = o.account !== undefined;
      const mode: { prices: 'watch' | 'poll'; trades: 'watch' | 'poll' | 'off'; positions: 'watch' | 'poll' | 'off' } = {
        prices: can('watchTicker') ? 'watch' : 'poll',
        trades: withAccount ? (can('watchMyTrades') ? 'watch' : 'poll') : 'off',
        positions: withAccount ? (can('watchPositions') ? 'watch' : 'poll') : 'off',
      };
      /** One REST cycle of the account: new trades, then (every reconcileMs) the venue's positions. */
      const pollAccount = async (): Promise<void> => {
        if (mode.trades === 'poll') {
          for (const s of symbols) {
            const list = await call('fetchMyTrades', () => c.fetchMyTrades(s, since.get(s)));
            // The next poll starts at the newest trade once every fill was taken (repeats at that time are dropped by id).
            if (trades(list)) for (const t of list) if (typeof t.timestamp === 'number' && t.timestamp > (since.get(s) as number)) since.set(s, t.timestamp);
          }
        }
        if (mode.positions === 'poll' && clock() - lastReconcile >= o.reconcileMs) {
          lastReconcile = clock();
          reconcile(await call('fetchPositions', () => c.fetchPositions(symbols)));
        }
      };

      let accountPolled = false;
      const pollAccountLoop = (): void => {
        if (accountPolled) return;
        accountPolled = true;
        l.forever(pollAccount, o.pollMs);
      };
      /** A watcher that keeps failing (no websocket route, say) falls back to REST polling. */
      const fallBack = (kind: 'prices' | 'trades' | 'positions'): void => {
        if (mode[kind] !== 'watch') return;
        mode[kind] = 'poll';
        report({ type: 'feed-mode', source: o.source, ...mode });
        if (kind === 'prices') l.forever(pollTickers, o.pollMs);
        else pollAccountLoop();
      };
      const watching = (kind: 'prices' | 'trades' | 'positions', step: () => Promise<unknown>): void => l.watch(step, () => mode[kind] === 'watch', WATCH_FAILURES, () => fallBack(kind));

      void (async () => {
        if (!(await l.until(() => call('loadMarkets', () => c.loadMarkets())))) return;
        report({ type: 'feed-mode', source: o.source, ...mode });
        const watchTicker = c.watchTicker?.bind(c);
        const watchMyTrades = c.watchMyTrades?.bind(c);
        const watchPositions = c.watchPositions?.bind(c);
        if (mode.prices === 'watch' && watchTicker !== undefined) for (const s of symbols) watching('prices', async () => ticks([await call('watchTicker', () => watchTicker(s))]));
        else l.forever(pollTickers, o.pollMs);
        if (mode.trades === 'watch' && watchMyTrades !== undefined) for (const s of symbols) watching('trades', async () => trades(await call('watchMyTrades', () => watchMyTrades(s, since.get(s)))));
        if (mode.positions === 'watch' && watchPositions !== undefined) watching('positions', async () => reconcile(await call('watchPositions', () => watchPositions(symbols))));
        if (mode.trades === 'poll' || mode.positions === 'poll') pollAccountLoop();
      })();
    },
    stop() {
      loops?.stop();
      void c.close?.().catch(() => undefined);
    },
  };
}
