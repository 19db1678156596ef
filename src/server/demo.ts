/**
 * `tradesize serve --demo`: a demo account with positions on three markets and a second one,
 * more levered, on the two markets put by venue (Binance USDⓈ-M BTCUSDT and ETHUSDT, bundled
 * instruments: venue-exact margin, liquidation prices and their probabilities), driven by the
 * synthetic feed (three sources per market, one misbehaving now and then), so that a fresh clone
 * shows every feature offline. `--replay FILE --market M` drives one market from real OHLCV bars
 * instead. Seeded once per data directory (a restart keeps the demo's history).
 */
import type { OhlcBars } from '../market/ohlc-csv.js';
import type { Service } from './service.js';
import { syntheticFeed, type SyntheticMarket } from './feeds/synthetic.js';
import { replayFeed } from './feeds/replay.js';
import type { FeedAdapter } from './feeds/adapter.js';
import { SOURCES } from './feeds/sources.js';

interface DemoMarket extends SyntheticMarket {
  /** A bundled instrument (`PUT /v1/markets` as {venue, symbol}), else a plain linear contract with this lot. */
  readonly venue?: { readonly venue: string; readonly symbol: string };
  readonly lotStep?: number;
  /** The `demo` account's position (signed). */
  readonly quantity: number;
}

export const DEMO_MARKETS: readonly DemoMarket[] = [
  { market: 'BTCUSDT', start: 65000, sigma: 0.0015, venue: { venue: 'binance-usdm', symbol: 'BTCUSDT' }, quantity: 0.8 },
  { market: 'ETHUSDT', start: 3400, sigma: 0.002, venue: { venue: 'binance-usdm', symbol: 'ETHUSDT' }, quantity: -6 },
  { market: 'SOLUSDT', start: 150, sigma: 0.003, lotStep: 0.1, quantity: 120 },
];

/** The second demo account, cross margin on the venue markets only: about 2× levered. */
export const DEMO_PERPS = { id: 'demo-perps', equity: 25_000, positions: { BTCUSDT: 0.5, ETHUSDT: -5 } } as const;

const DEMO_EQUITY = 100_000;
const DEMO_LIMITS = { riskPerTrade: 0.01, maxLeverage: 5, maxDailyLoss: 0.05, maxDrawdown: 0.2, stopOutCooldownSeconds: 600 };

export interface ReplaySpec {
  readonly market: string;
  readonly bars: OhlcBars;
  /** Bars per second. */
  readonly speed?: number;
}

/** Seeds the demo accounts and markets (unless already there) and starts the feed. */
export function startDemo(service: Service, replay?: ReplaySpec, now = Date.now()): FeedAdapter {
  const markets: readonly DemoMarket[] =
    replay === undefined
      ? DEMO_MARKETS
      : [{ market: replay.market, start: replay.bars.open[0] as number, quantity: Number(((0.5 * DEMO_EQUITY) / (replay.bars.open[0] as number)).toPrecision(3)) }];
  const fill = (id: string, m: DemoMarket, quantity: number): unknown =>
    service.execute({ type: 'fill', at: now, id, body: { market: m.market, side: quantity > 0 ? 'buy' : 'sell', quantity: Math.abs(quantity), price: m.start, time: now } });
  if (!service.engine.accountIds().includes('demo')) {
    service.execute({ type: 'account', at: now, id: 'demo', body: { equity: DEMO_EQUITY, currency: 'USDT', limits: DEMO_LIMITS } });
    for (const m of markets) {
      service.execute({ type: 'market', at: now, market: m.market, body: m.venue ?? { kind: 'linear', contractSize: 1, ...(m.lotStep === undefined ? {} : { lotStep: m.lotStep }) } });
      service.execute({ type: 'prices', at: now, body: SOURCES.map((source) => ({ market: m.market, source, price: m.start, time: now })) });
      fill('demo', m, m.quantity);
    }
    if (replay === undefined) {
      service.execute({ type: 'account', at: now, id: DEMO_PERPS.id, body: { equity: DEMO_PERPS.equity, currency: 'USDT', limits: { ...DEMO_LIMITS, maxLeverage: 10 } } });
      for (const m of markets) {
        const q = DEMO_PERPS.positions[m.market as keyof typeof DEMO_PERPS.positions];
        if (q !== undefined) fill(DEMO_PERPS.id, m, q);
      }
    }
  }
  const feed =
    replay === undefined
      ? syntheticFeed({ markets: DEMO_MARKETS, seed: 20260101 })
      : replayFeed({ market: replay.market, bars: replay.bars, seed: 20260101, ...(replay.speed === undefined ? {} : { speed: replay.speed }) });
  feed.start((ticks, at) => {
    if (service.failed === null) service.execute({ type: 'prices', at, body: ticks });
  });
  return feed;
}
