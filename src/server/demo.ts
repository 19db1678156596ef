/**
 * `tradesize serve --demo`: a demo account with positions on three markets, driven by the
 * synthetic feed (three sources per market, one misbehaving now and then), so that a fresh clone
 * shows every feature offline. Seeded once per data directory (a restart keeps the demo's history).
 */
import type { Service } from './service.js';
import { syntheticFeed, type SyntheticMarket } from './feeds/synthetic.js';
import type { FeedAdapter } from './feeds/adapter.js';

export const DEMO_MARKETS: readonly (SyntheticMarket & { lotStep: number; quantity: number })[] = [
  { market: 'BTCUSDT', start: 65000, sigma: 0.0015, lotStep: 0.001, quantity: 0.8 },
  { market: 'ETHUSDT', start: 3400, sigma: 0.002, lotStep: 0.01, quantity: -6 },
  { market: 'SOLUSDT', start: 150, sigma: 0.003, lotStep: 0.1, quantity: 120 },
];

/** Seeds the demo account and markets (unless already there) and starts the feed. */
export function startDemo(service: Service, now = Date.now()): FeedAdapter {
  if (!service.engine.accountIds().includes('demo')) {
    service.execute({ type: 'account', at: now, id: 'demo', body: { equity: 100_000, currency: 'USDT', limits: { riskPerTrade: 0.01, maxLeverage: 5, maxDailyLoss: 0.05, maxDrawdown: 0.2, stopOutCooldownSeconds: 600 } } });
    for (const m of DEMO_MARKETS) {
      service.execute({ type: 'market', at: now, market: m.market, body: { kind: 'linear', contractSize: 1, lotStep: m.lotStep } });
      service.execute({ type: 'prices', at: now, body: ['feed-a', 'feed-b', 'feed-c'].map((source) => ({ market: m.market, source, price: m.start, time: now })) });
      service.execute({ type: 'fill', at: now, id: 'demo', body: { market: m.market, side: m.quantity > 0 ? 'buy' : 'sell', quantity: Math.abs(m.quantity), price: m.start, time: now } });
    }
  }
  const feed = syntheticFeed({ markets: DEMO_MARKETS, seed: 20260101 });
  feed.start((ticks, at) => {
    if (service.failed === null) service.execute({ type: 'prices', at, body: ticks });
  });
  return feed;
}
