/**
 * The ccxt feed: one exchange's prices as one price `source`, and (with an `account`) its trades
 * as the account's fills, checked against the venue's positions.
 *
 * Prices: ccxt pro's `watchTicker` per symbol when the instance has it (`has.watchTicker`), else
 * REST polling every `pollMs` (`fetchTickers` for all symbols, or `fetchTicker` each where the
 * venue has no batch call). A tick is `{market, source, price, time}` with the ticker's `last`
 * (or the bid/ask `mid`, or `mark`), stamped with the venue's time but never later than arrival.
 * Trades: `watchMyTrades` when available, else `fetchMyTrades(symbol, since)` per symbol each
 * poll; repeats are dropped by trade id (./ccxt-fills.ts). Positions: `watchPositions` updates,
 * else `fetchPositions` every `reconcileMs` after that cycle's trades; a mismatch is reported.
 * Every venue error is reported (typed, without secrets) and the loop retries after `pollMs`.
 *
 * SOURCE: ccxt 4.5 unified API (`fetchTickers`, `fetchMyTrades`, `fetchPositions`) and ccxt pro
 * (`watchTicker`, `watchMyTrades`, `watchPositions`: each call resolves with the next update).
 */
import type { TickInput } from '../../engine/schemas.js';
import { isTradesizeError } from '../../core/errors.js';
import type { FeedAdapter, FeedEvents } from './adapter.js';
import { fillFromTrade, quantitiesDiffer, TradeLog, venueQuantities, type CcxtPosition, type CcxtTrade } from './ccxt-fills.js';
import { venueError, type CcxtClient, type CcxtTicker } from './ccxt-exchange.js';

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

/** A failure of one venue call, with the call's name. */
class CallError extends Error {
  constructor(
    readonly operation: string,
    readonly error: unknown,
  ) {
    super(operation);
  }
}

async function call<T>(operation: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw new CallError(operation, e);
  }
}

export function ccxtFeed(o: CcxtFeedOptions): FeedAdapter {
  const c = o.client;
  const clock = o.clock ?? Date.now;
  const symbols = [...o.markets.keys()];
  const log = new TradeLog();
  const wakers = new Set<() => void>();
  const reported = new Map<string, string>();
  let stopped = false;
  let since = o.since ?? clock();
  let lastReconcile = -Infinity;
  const can = (name: 'watchTicker' | 'watchMyTrades' | 'watchPositions'): boolean => o.watch && c.has[name] === true && typeof c[name] === 'function';

  const sleep = (ms: number): Promise<void> =>
    new Promise((done) => {
      const wake = (): void => {
        clearTimeout(t);
        wakers.delete(wake);
        done();
      };
      const t = setTimeout(wake, ms);
      t.unref();
      wakers.add(wake);
    });

  return {
    start(sink, events: FeedEvents = {}) {
      const report = events.report ?? (() => undefined);
      /** Runs `step` until it succeeds (true) or the feed stops (false); each failure is reported, then retried after pollMs. */
      const until = async (step: () => Promise<unknown>): Promise<boolean> => {
        while (!stopped) {
          try {
            await step();
            return true;
          } catch (e) {
            if (stopped) return false;
            const operation = e instanceof CallError ? e.operation : 'feed';
            const err = venueError(e instanceof CallError ? e.error : e, c.id, operation);
            const code = isTradesizeError(err) ? err.code : 'ERROR';
            report({ type: 'feed-error', source: o.source, operation, code, message: err instanceof Error ? err.message : String(err) });
            await sleep(o.pollMs);
          }
        }
        return false;
      };
      /** Runs `step` again and again (pausing `pauseMs` between successes) until the feed stops. */
      const forever = (step: () => Promise<unknown>, pauseMs: number): void => {
        void (async () => {
          while (await until(step)) if (pauseMs > 0) await sleep(pauseMs);
        })();
      };
      const ticks = (tickers: readonly CcxtTicker[]): void => {
        const now = clock();
        const out: TickInput[] = [];
        for (const t of tickers) {
          const market = t.symbol === undefined ? undefined : o.markets.get(t.symbol);
          const price = tickerPrice(t, o.price);
          if (market === undefined || price === undefined) continue;
          out.push({ market, source: o.source, price, time: Math.min(typeof t.timestamp === 'number' ? t.timestamp : now, now) });
        }
        if (out.length > 0 && !stopped) sink(out, now);
      };
      const trades = (list: readonly CcxtTrade[]): void => {
        if (o.account === undefined || events.fill === undefined || stopped) return;
        for (const t of list) {
          const market = t.symbol === undefined ? undefined : o.markets.get(t.symbol);
          if (market === undefined || (t.timestamp !== undefined && t.timestamp < since) || !log.take(t)) continue;
          const fill = fillFromTrade(t, market, c.markets?.[t.symbol as string]?.settle);
          if (fill !== null) events.fill(o.account, fill, clock());
        }
      };
      const reconcile = (positions: readonly CcxtPosition[]): void => {
        if (o.account === undefined || events.position === undefined || stopped) return;
        for (const [symbol, venue] of venueQuantities(positions, symbols)) {
          const market = o.markets.get(symbol) as string;
          const engine = events.position(o.account, market);
          const key = `${engine}|${venue}`;
          if (!quantitiesDiffer(engine, venue)) reported.delete(market);
          else if (reported.get(market) !== key) {
            reported.set(market, key);
            report({ type: 'position-mismatch', source: o.source, account: o.account, market, symbol, engine, venue });
          }
        }
      };
      const pollTickers = async (): Promise<void> => {
        if (c.has.fetchTickers === true) ticks(Object.values(await call('fetchTickers', () => c.fetchTickers(symbols))));
        else for (const s of symbols) ticks([await call('fetchTicker', () => c.fetchTicker(s))]);
      };
      const withAccount = o.account !== undefined;
      const mode = {
        prices: can('watchTicker') ? 'watch' : 'poll',
        trades: withAccount ? (can('watchMyTrades') ? 'watch' : 'poll') : 'off',
        positions: withAccount ? (can('watchPositions') ? 'watch' : 'poll') : 'off',
      } as const;
      /** One REST cycle of the account: new trades, then (every reconcileMs) the venue's positions. */
      const pollAccount = async (): Promise<void> => {
        if (mode.trades === 'poll') {
          for (const s of symbols) {
            const list = await call('fetchMyTrades', () => c.fetchMyTrades(s, since));
            trades(list);
            for (const t of list) if (typeof t.timestamp === 'number' && t.timestamp > since) since = t.timestamp;
          }
        }
        if (mode.positions === 'poll' && clock() - lastReconcile >= o.reconcileMs) {
          lastReconcile = clock();
          reconcile(await call('fetchPositions', () => c.fetchPositions(symbols)));
        }
      };

      void (async () => {
        if (!(await until(() => call('loadMarkets', () => c.loadMarkets())))) return;
        report({ type: 'feed-mode', source: o.source, ...mode });
        const watchTicker = c.watchTicker?.bind(c);
        const watchMyTrades = c.watchMyTrades?.bind(c);
        const watchPositions = c.watchPositions?.bind(c);
        if (mode.prices === 'watch' && watchTicker !== undefined) for (const s of symbols) forever(async () => ticks([await call('watchTicker', () => watchTicker(s))]), 0);
        else forever(pollTickers, o.pollMs);
        if (mode.trades === 'watch' && watchMyTrades !== undefined) for (const s of symbols) forever(async () => trades(await call('watchMyTrades', () => watchMyTrades(s, since))), 0);
        if (mode.positions === 'watch' && watchPositions !== undefined) forever(async () => reconcile(await call('watchPositions', () => watchPositions(symbols))), 0);
        if (mode.trades === 'poll' || mode.positions === 'poll') forever(pollAccount, o.pollMs);
      })();
    },
    stop() {
      stopped = true;
      for (const wake of [...wakers]) wake();
      void c.close?.().catch(() => undefined);
    },
  };
}
