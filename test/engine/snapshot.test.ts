import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RiskEngine, type EngineEvent } from '../../src/engine/engine.js';

const T0 = Date.UTC(2026, 0, 5, 23, 59, 50); // ten seconds before a UTC day ends

type Step = { kind: 'tick'; market: number; move: number; source: number } | { kind: 'fill'; account: number; market: number; buy: boolean; qty: number } | { kind: 'advance' } | { kind: 'kill'; account: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('tick' as const), market: fc.nat(1), move: fc.double({ min: -0.02, max: 0.02, noNaN: true }), source: fc.nat(2) }),
  fc.record({ kind: fc.constant('fill' as const), account: fc.nat(2), market: fc.nat(1), buy: fc.boolean(), qty: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('advance' as const) }),
  fc.record({ kind: fc.constant('kill' as const), account: fc.nat(2) }),
);

const MARKETS = ['BTCUSDT', 'ETHUSDT'];

/** Applies `steps` from step `from` on, 500 ms apart; returns the events seen. */
function run(e: RiskEngine, steps: readonly Step[], from: number, price: number[]): EngineEvent[] {
  const seen: EngineEvent[] = [];
  const off = e.subscribe((x) => seen.push(x));
  steps.forEach((s, i) => {
    const t = T0 + (from + i) * 500;
    if (s.kind === 'tick') {
      price[s.market] = (price[s.market] as number) * (1 + s.move);
      e.submitPrices(['a', 'b', 'c'].map((source, k) => ({ market: MARKETS[s.market] as string, source, price: (price[s.market] as number) * (k === s.source ? 1.001 : 1), time: t })), t);
    } else if (s.kind === 'fill') {
      const p = price[s.market] as number;
      e.recordFill(`a${s.account}`, { market: MARKETS[s.market] as string, side: s.buy ? 'buy' : 'sell', quantity: (s.qty * (s.market === 0 ? 0.001 : 0.01)), price: p }, t);
    } else if (s.kind === 'advance') e.advance(t);
    else e.killSwitch({ account: `a${s.account}`, pauseSeconds: 2 }, t);
  });
  off();
  return seen;
}

function setup(): { e: RiskEngine; price: number[] } {
  const e = new RiskEngine({ risk: { minVolatilitySamples: 3 } });
  const price = [65000, 3000];
  MARKETS.forEach((m, i) => {
    e.putMarket(m, { venue: 'binance-usdm', symbol: m }, T0);
    e.submitPrices(['a', 'b', 'c'].map((source) => ({ market: m, source, price: price[i] as number, time: T0 })), T0);
  });
  for (let k = 0; k < 3; k++) e.putAccount(`a${k}`, { equity: 5000 + 2000 * k, currency: 'USDT', limits: { maxLeverage: 50, maxDailyLoss: 0.1, maxDrawdown: 0.2, stopOutCooldownSeconds: 1 } }, T0);
  return { e, price };
}

describe('RiskEngine snapshots', () => {
  it('property: an engine restored from a snapshot goes on exactly as the original (same events, same state hash), across a UTC day, timers and crossings', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.array(step, { maxLength: 40 }), (before, after) => {
        const a = setup();
        run(a.e, before, 0, a.price);
        const bytes = a.e.snapshot();
        const restored = RiskEngine.fromSnapshot(bytes, { risk: { minVolatilitySamples: 3 } });
        expect(restored).not.toBeNull();
        const r = restored as RiskEngine;
        expect(r.stateHash()).toBe(a.e.stateHash());
        expect(r.events()).toEqual(a.e.events());
        const priceR = [...a.price];
        const eventsA = run(a.e, after, before.length, a.price);
        const eventsR = run(r, after, before.length, priceR);
        expect(eventsR).toEqual(eventsA);
        expect(r.stateHash()).toBe(a.e.stateHash());
        expect(r.indexStats()).toEqual(a.e.indexStats());
      }),
      { numRuns: 100 },
    );
  });

  it('a snapshot taken under another configuration is not used', () => {
    const { e } = setup();
    expect(RiskEngine.fromSnapshot(e.snapshot(), { alerts: { marginRatio: 0.9 } })).toBeNull();
  });
});
