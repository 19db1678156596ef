import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engineConfig } from '../../src/engine/config.js';
import { MarketPrices, isMajor } from '../../src/engine/market-prices.js';

/** The reference median: of a sorted copy. */
function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const cfg = engineConfig().prices;
const T0 = 1_700_000_000_000;

function market(name = 'SOLUSDT', prices: Record<string, number> = { a: 100, b: 100, c: 100 }, at = T0): MarketPrices {
  const m = new MarketPrices(name, cfg);
  for (const [s, p] of Object.entries(prices)) expect(m.submit(s, { price: p, time: at }, at)).toBeNull();
  return m;
}

describe('median', () => {
  it('of an odd and an even number of valid sources, whatever their order', () => {
    expect(market('SOLUSDT', { a: 100.2, b: 99.9, c: 100 }).read(T0).price).toBe(100);
    // Four: the mean of the middle two, (100 + 100.1) / 2.
    expect(market('SOLUSDT', { a: 100.2, b: 100.1, c: 99.9, d: 100 }).read(T0).price).toBeCloseTo(100.05, 12);
  });
});

describe('isMajor', () => {
  it('names BTC and ETH markets by their base asset, not by a prefix of another token', () => {
    for (const m of ['BTCUSDT', 'ETHUSDT', 'BTC-PERP', 'ETH/USDT:USDT', 'btcusd', 'BTC']) expect(isMajor(m, ['BTC', 'ETH'])).toBe(true);
    for (const m of ['ETHFIUSDT', 'SOLUSDT', 'WBTCUSDT']) expect(isMajor(m, ['BTC', 'ETH'])).toBe(false);
  });
});

describe('MarketPrices', () => {
  it('three agreeing sources: ok, the median is the price', () => {
    const v = market('SOLUSDT', { a: 100, b: 100.2, c: 99.9 }).read(T0);
    expect(v).toMatchObject({ status: 'ok', effective: 'ok', price: 100, low: 99.9, high: 100.2, validSources: 3, fault: null });
  });

  it('one 1000x spike among three sources: the spike is invalid, the other two stay valid and set the price', () => {
    const m = market();
    expect(m.submit('c', { price: 100_000, time: T0 + 1 }, T0 + 1)).toBeNull();
    const v = m.read(T0 + 1);
    expect(v.sources.map((s) => [s.source, s.valid, s.reason])).toEqual([['a', true, null], ['b', true, null], ['c', false, 'DEVIATION']]);
    expect(v).toMatchObject({ status: 'ok', price: 100, validSources: 2 });
  });

  it('a source silent for more than staleAfterMs is stale; with one valid source left the market is suspect', () => {
    const m = market('SOLUSDT', { a: 100, b: 100 });
    m.submit('a', { price: 100.1, time: T0 + 9000 }, T0 + 9000);
    const v = m.read(T0 + cfg.staleAfterMs + 1);
    expect(v.sources.find((s) => s.source === 'b')?.reason).toBe('STALE');
    expect(v).toMatchObject({ status: 'suspect', fault: 'INSUFFICIENT_SOURCES', price: 100.1 });
  });

  it('every source stale: down with STALE_PRICE and no price', () => {
    const v = market().read(T0 + cfg.staleAfterMs + 1);
    expect(v).toMatchObject({ status: 'down', effective: 'down', fault: 'STALE_PRICE', price: null, low: null, high: null });
  });

  it('all sources disagreeing: down with PRICE_DEVIATION', () => {
    const v = market('SOLUSDT', { a: 100, b: 103 }).read(T0);
    expect(v).toMatchObject({ status: 'down', fault: 'PRICE_DEVIATION', validSources: 0 });
  });

  it('a source stuck at a bound while the others move goes invalid once it is more than 1 % away; the two honest ones keep the market ok', () => {
    const m = market();
    let t = T0;
    for (let i = 1; i <= 20; i++) {
      t += 500;
      const p = 100 * (1 + 0.001 * i);
      m.submit('a', { price: p, time: t }, t);
      m.submit('b', { price: p * 1.0001, time: t }, t);
      m.submit('c', { price: 100, time: t }, t); // stuck
    }
    const v = m.read(t);
    expect(v.sources.find((s) => s.source === 'c')).toMatchObject({ valid: false, reason: 'DEVIATION' });
    expect(v).toMatchObject({ status: 'ok', validSources: 2 });
  });

  it('refuses NaN, infinite, zero and negative prices, times going back, and times from the future; none is applied', () => {
    const m = market();
    expect(m.submit('a', { price: Number.NaN, time: T0 + 1 }, T0 + 1)).toBe('NON_FINITE_PRICE');
    expect(m.submit('a', { price: Number.POSITIVE_INFINITY, time: T0 + 1 }, T0 + 1)).toBe('NON_FINITE_PRICE');
    expect(m.submit('a', { price: 0, time: T0 + 1 }, T0 + 1)).toBe('NON_POSITIVE_PRICE');
    expect(m.submit('a', { price: -5, time: T0 + 1 }, T0 + 1)).toBe('NON_POSITIVE_PRICE');
    expect(m.submit('a', { price: 101, time: T0 - 1 }, T0 + 1)).toBe('OUT_OF_ORDER');
    expect(m.submit('a', { price: 101, time: T0 + cfg.maxClockSkewMs + 2 }, T0 + 1)).toBe('FUTURE_TIME');
    expect(m.read(T0 + 1).sources.find((s) => s.source === 'a')).toMatchObject({ price: 100, time: T0 });
  });

  it('BTC and ETH use the tighter majors threshold (0.5 %)', () => {
    expect(market('BTCUSDT', { a: 100, b: 100, c: 100.7 }).read(T0).sources[2]?.valid).toBe(false);
    expect(market('SOLUSDT', { a: 100, b: 100, c: 100.7 }).read(T0).sources[2]?.valid).toBe(true);
  });

  it('after the feeds recover the market stays degraded for graceMs, then is ok by itself', () => {
    const m = market('SOLUSDT', { a: 100, b: 100 });
    const stale = T0 + cfg.staleAfterMs + 1;
    expect(m.observe(stale).effective).toBe('down');
    const back = stale + 1000;
    m.submit('a', { price: 100, time: back }, back);
    m.submit('b', { price: 100, time: back }, back);
    expect(m.read(back)).toMatchObject({ status: 'ok', effective: 'down', fault: 'STALE_PRICE' });
    for (let t = back + 1000; t <= back + cfg.graceMs; t += 1000) {
      m.submit('a', { price: 100, time: t }, t);
      m.submit('b', { price: 100, time: t }, t);
      expect(m.observe(t).effective).toBe(t < back + cfg.graceMs ? 'down' : 'ok');
    }
  });

  it('a feed silent for longer than the grace period is seen as down when its next tick arrives', () => {
    const m = market('SOLUSDT', { a: 100, b: 100 });
    const late = T0 + 10 * cfg.graceMs;
    m.submit('a', { price: 100, time: late }, late);
    m.submit('b', { price: 100, time: late }, late);
    expect(m.read(late)).toMatchObject({ status: 'ok', effective: 'down' });
  });

  it('property: the price is always one within [low, high] of the valid sources, and a valid source is within maxDeviation of the live median', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 50, max: 150, noNaN: true }), { minLength: 1, maxLength: 7 }), (ps) => {
        const m = new MarketPrices('SOLUSDT', cfg);
        ps.forEach((p, i) => m.submit(`s${i}`, { price: p, time: T0 }, T0));
        const v = m.read(T0);
        const mid = median(ps);
        for (const s of v.sources) expect(s.valid).toBe(Math.abs(s.price / mid - 1) <= cfg.maxDeviation);
        if (v.price === null) expect(v.validSources).toBe(0);
        else expect(v.price >= (v.low as number) && v.price <= (v.high as number)).toBe(true);
        expect(v.status).toBe(v.validSources >= cfg.minSources ? 'ok' : v.validSources > 0 ? 'suspect' : 'down');
      }),
      { numRuns: 1000 },
    );
  });
});
