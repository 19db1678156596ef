import { describe, expect, it } from 'vitest';
import { replayPath } from '../../src/server/feeds/replay.js';
import { SOURCES, sourceTicks } from '../../src/server/feeds/sources.js';
import { syntheticFeed } from '../../src/server/feeds/synthetic.js';
import { Stream } from '../../src/simulation/stream.js';

describe('feeds', () => {
  it('replayPath: open, the nearer extreme, the other extreme, close', () => {
    expect([...replayPath({ open: [10, 10], high: [12, 10.5], low: [9, 7], close: [11, 8] })]).toEqual([10, 9, 12, 11, 10, 10.5, 7, 8]);
  });

  it('sourceTicks: three sources within a few bp of the price; the third stalls (none for 15 s) or spikes ×1.5 / ÷1.5 now and then', () => {
    const rng = new Stream(7, 0);
    const state = { stalledUntil: 0 };
    let stalls = 0;
    let spikes = 0;
    for (let t = 0; t < 200_000; t += 250) {
      const ticks = sourceTicks('SOLUSDT', 100, t, state, rng, {});
      for (const k of ticks) {
        const r = k.price / 100;
        if (k.source !== 'feed-c') expect(Math.abs(r - 1)).toBeLessThan(0.002);
        else if (Math.abs(r - 1) > 0.01) {
          expect(Math.abs(r - 1.5) < 0.01 || Math.abs(r - 1 / 1.5) < 0.01).toBe(true);
          spikes++;
        }
      }
      if (!ticks.some((k) => k.source === 'feed-c')) stalls++;
      expect(ticks.filter((k) => k.source !== 'feed-c').map((k) => k.source)).toEqual(SOURCES.slice(0, 2));
    }
    expect(stalls).toBeGreaterThan(0);
    expect(spikes).toBeGreaterThan(0);
  });

  it('the synthetic feed is seeded: the same seed gives the same ticks', async () => {
    const collect = async () => {
      const got: number[] = [];
      const f = syntheticFeed({ markets: [{ market: 'SOLUSDT', start: 150 }], seed: 3, intervalMs: 10 });
      f.start((ticks) => got.push(...ticks.map((k) => k.price)));
      await new Promise((r) => setTimeout(r, 120));
      f.stop();
      return got.slice(0, 15);
    };
    const [a, b] = [await collect(), await collect()];
    expect(a.length).toBe(15);
    expect(a).toEqual(b);
  });
});
