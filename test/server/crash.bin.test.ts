/**
 * Durability (issue #10 §6): the built `tradesize serve` is killed with SIGKILL at random moments,
 * 200 times, while a client writes fills and prices, one write always in flight at the kill.
 * After each kill: `PRAGMA integrity_check` is ok; after each restart: every acknowledged fill is
 * in the account's events, and the engine is exactly where it was before the kill (same command
 * count and state hash) or one command further, when the write in flight was committed but not
 * answered. At the end, a replay of the log in this process gives the hash the service serves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/stats/random.js';
import { Service } from '../../src/server/service.js';
import { openStore } from '../../src/server/store.js';

const BIN = fileURLToPath(new URL('../../bin/tradesize.cjs', import.meta.url));
const KILLS = 200;
const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
const dir = mkdtempSync(join(tmpdir(), 'tradesize-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(config: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', join(dir, 'data'), '--config', config, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += String(d);
      if (out.includes('\n')) resolve({ child, url: (JSON.parse(out.slice(0, out.indexOf('\n'))) as { url: string }).url });
    });
    child.stderr?.on('data', (d: Buffer) => (err += String(d)));
    child.once('exit', (code) => reject(new Error(`serve exited ${String(code)}: ${err}`)));
  });
}

describe('tradesize serve under kill -9', () => {
  it(`${KILLS} kills at random moments while a client writes: acknowledged writes survive, the database is intact, the state is restored`, async () => {
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ server: { advanceMs: 3_600_000 } })); // no timer commands between the reads and the kill
    const rng = createRng(20261202);
    const acked: number[] = [];
    let nextId = 1;
    let before: { commands: number; hash: string } | null = null;
    let committedInFlight = 0;
    for (let k = 0; k < KILLS; k++) {
      const { child, url } = await start(config);
      const api = readFileSync(join(dir, 'data', 'api-token'), 'utf8').trim();
      const admin = readFileSync(join(dir, 'data', 'admin-token'), 'utf8').trim();
      const call = async (method: string, path: string, body: unknown, token = api) => {
        const res = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
        return { status: res.status, body: (await res.json()) as unknown };
      };
      const state = async () => (await call('GET', '/v1/state', undefined, admin)).body as { commands: number; hash: string };
      if (k === 0) {
        expect((await call('PUT', '/v1/accounts/crash', { equity: 1e9, currency: 'USDT', limits: { maxDailyLoss: 0.99, maxDrawdown: 0.99, stopOutCooldownSeconds: 0 } })).status).toBe(200);
        expect((await call('PUT', '/v1/markets/SOLUSDT', { kind: 'linear', contractSize: 1 }, admin)).status).toBe(200);
      } else {
        const now = await state();
        const events = (await call('GET', '/v1/accounts/crash/events', undefined)).body as { type: string; price?: number }[];
        const filled = new Set(events.filter((e) => e.type === 'fill').map((e) => e.price));
        for (const id of acked) expect(filled.has(1000 + id), `acknowledged fill ${id} after kill ${k}`).toBe(true);
        if (now.commands === (before as { commands: number }).commands) expect(now.hash).toBe(before?.hash);
        else {
          expect(now.commands).toBe((before as { commands: number }).commands + 1);
          committedInFlight++;
        }
      }
      // Write a few fills and ticks, each answered, then one more in flight when the kill lands.
      const writes = 1 + rng.nextInt(4);
      const fill = (id: number) => call('POST', '/v1/accounts/crash/fills', { market: 'SOLUSDT', side: id % 2 === 0 ? 'buy' : 'sell', quantity: 1, price: 1000 + id });
      for (let i = 0; i < writes; i++) {
        const id = nextId++;
        expect((await fill(id)).status).toBe(200);
        acked.push(id);
        await call('POST', '/v1/prices', ['a', 'b', 'c'].map((source) => ({ market: 'SOLUSDT', source, price: 1000 + id, time: Date.now() })));
      }
      before = await state();
      const id = nextId++;
      const inFlight = fill(id).then(
        (r) => (r.status === 200 ? acked.push(id) : undefined),
        () => undefined,
      );
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise((r) => setTimeout(r, rng.nextInt(4)));
      child.kill('SIGKILL');
      await exited;
      await inFlight;
      const db = new Database(join(dir, 'data', 'engine.sqlite'), { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    }
    // One more start: what it serves equals a replay of the same log in this process.
    const { child, url } = await start(config);
    const admin = readFileSync(join(dir, 'data', 'admin-token'), 'utf8').trim();
    const served = (await (await fetch(`${url}/v1/state`, { headers: { authorization: `Bearer ${admin}` } })).json()) as { commands: number; hash: string };
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    const store = openStore(join(dir, 'data'));
    const replayed = new Service(store, {}).state();
    store.close();
    expect(replayed).toEqual(served);
    expect(served.commands).toBeGreaterThanOrEqual((before as { commands: number }).commands);
    expect(acked.length).toBeGreaterThan(KILLS);
    console.log(`crash test: ${KILLS} kills, ${acked.length} acknowledged fills, ${committedInFlight} in-flight writes committed but not answered`);
  }, 600_000);
});
