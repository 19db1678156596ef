/**
 * `tradesize serve --demo`: a demo account with positions on three markets, driven by the
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

export const DEMO_MARKETS: readonly (SyntheticMarket & { lotStep?: number; quantity: number })[] = [
  { market: 'BTCUSDT', start: 65000, sigma: 0.0015, lotStep: 0.001, quantity: 0.8 },
  { market: 'ETHUSDT', start: 3400, sigma: 0.002, lotStep: 0.01, quantity: -6 },
  { market: 'SOLUSDT', start: 150, sigma: 0.003, lotStep: 0.1, quantity: 120 },
];

const DEMO_EQUITY = 100_000;

export interface ReplaySpec {
  readonly market: string;
  readonly bars: OhlcBars;
  /** Bars per second. */
  readonly speed?: number;
}

/** Seeds the demo account and markets (unless already there) and starts the feed. */
export function startDemo(service: Service, replay?: ReplaySpec, now = Date.now()): FeedAdapter {
  const markets =
    replay === undefined
      ? DEMO_MARKETS
      : [{ market: replay.market, start: replay.bars.open[0] as number, quantity: Number(((0.5 * DEMO_EQUITY) / (replay.bars.open[0] as number)).toPrecision(3)) }];
  if (!service.engine.accountIds().includes('demo')) {
    service.execute({ type: 'account', at: now, id: 'demo', body: { equity: DEMO_EQUITY, currency: 'USDT', limits: { riskPerTrade: 0.01, maxLeverage: 5, maxDailyLoss: 0.05, maxDrawdown: 0.2, stopOutCooldownSeconds: 600 } } });
    for (const m of markets) {
      service.execute({ type: 'market', at: now, market: m.market, body: { kind: 'linear', contractSize: 1, ...(m.lotStep === undefined ? {} : { lotStep: m.lotStep }) } });
      service.execute({ type: 'prices', at: now, body: SOURCES.map((source) => ({ market: m.market, source, price: m.start, time: now })) });
      service.execute({ type: 'fill', at: now, id: 'demo', body: { market: m.market, side: m.quantity > 0 ? 'buy' : 'sell', quantity: Math.abs(m.quantity), price: m.start, time: now } });
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
