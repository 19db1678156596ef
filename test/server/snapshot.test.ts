/**
 * Service snapshots over a real SQLite store: a restart starts from the latest snapshot and
 * replays only the commands after it, reaching the same state as a replay of the whole log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Service } from '../../src/server/service.js';
import { openStore, type CommandStore } from '../../src/server/store.js';
import type { Command } from '../../src/server/commands.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 0, 5, 12);

function commands(n: number): Command[] {
  const out: Command[] = [
    { type: 'market', at: T0, market: 'BTCUSDT', body: { venue: 'binance-usdm', symbol: 'BTCUSDT' } },
    { type: 'account', at: T0, id: 'a', body: { equity: 10000, currency: 'USDT', limits: { maxLeverage: 50 } } },
  ];
  let price = 65000;
  for (let i = 0; i < n; i++) {
    const at = T0 + 1000 * (i + 1);
    price *= 1 + 0.004 * Math.sin(i * 1.7);
    out.push({ type: 'prices', at, body: ['x', 'y', 'z'].map((source) => ({ market: 'BTCUSDT', source, price, time: at })) });
    if (i % 7 === 0) out.push({ type: 'fill', at, id: 'a', body: { market: 'BTCUSDT', side: i % 14 === 0 ? 'buy' : 'sell', quantity: 0.5, price } });
    if (i % 5 === 0) out.push({ type: 'advance', at });
  }
  return out;
}

/** A store that counts the commands a restart replays. */
function counting(s: CommandStore, seen: { replayed: number }): CommandStore {
  return {
    ...s,
    replay: function* (after) {
      for (const c of s.replay(after)) {
        seen.replayed++;
        yield c;
      }
    },
  };
}

describe('service snapshots', () => {
  it('a restart takes the latest snapshot and replays only the commands after it: the same state as a full replay', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradesize-snap-'));
    dirs.push(dir);
    const all = commands(120);
    const live = new Service(openStore(dir), {}, {}, 50);
    for (const c of all) live.execute(c);
    const before = live.state();
    const snap = openStore(dir);
    const latest = snap.latestSnapshot();
    snap.close();
    // the live service is "killed" here: no close, so no snapshot at shutdown
    expect(latest?.commands).toBe(Math.floor(all.length / 50) * 50);
    const seen = { replayed: 0 };
    const restarted = new Service(counting(openStore(dir), seen), {}, {}, 50);
    expect(restarted.state()).toEqual(before);
    expect(seen.replayed).toBe(all.length - (latest?.commands ?? 0));
    restarted.close();

    const full = { replayed: 0 };
    const other = new Service(counting(openStore(dir), full), { alerts: { marginRatio: 0.7 } });
    expect(full.replayed).toBe(all.length); // another configuration: the snapshot is not used
    other.close();
  });

  it('close stores a snapshot, so a clean restart replays nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradesize-snap-'));
    dirs.push(dir);
    const s = new Service(openStore(dir), {});
    for (const c of commands(30)) s.execute(c);
    const before = s.state();
    s.close();
    const seen = { replayed: 0 };
    const again = new Service(counting(openStore(dir), seen), {});
    expect(seen.replayed).toBe(0);
    expect(again.state()).toEqual(before);
    again.close();
  });
});
