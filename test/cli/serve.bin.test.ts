/**
 * `tradesize serve` as a user starts it: the built CLI in its own process, its ready line, the
 * demo's account and feed over HTTP, SIGTERM, and a refusal to bind elsewhere without TLS.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/tradesize.cjs', import.meta.url));
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Starts `tradesize serve ARGS` and resolves with its first `count` stdout lines (`line`: the first). */
function start(args: string[], cwd?: string, count = 1): Promise<{ child: ChildProcess; line: string; lines: string[] }> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...(cwd === undefined ? {} : { cwd }) });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += String(d);
      const lines = out.split('\n').slice(0, -1);
      if (lines.length >= count) resolve({ child, line: lines[0] as string, lines: lines.slice(0, count) });
    });
    child.stderr?.on('data', (d: Buffer) => (err += String(d)));
    child.once('exit', (code) => reject(new Error(`serve exited ${String(code)} before it was ready: ${err}`)));
  });
}

const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'tradesize-bin-serve-'));
  dirs.push(d);
  return d;
};

describe('tradesize serve (built CLI)', () => {
  it('--demo --json: one ready line {url, dataDir, dashboard}; the demo account has positions on three markets and the feed moves prices', async () => {
    const dir = tmp();
    const { child, line } = await start(['--demo', '--port', '0', '--data-dir', dir, '--json']);
    const ready = JSON.parse(line) as { url: string; dataDir: string; dashboard: string };
    expect(ready.dataDir).toBe(dir);
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.dashboard).toBe(`${ready.url}/`);
    const page = await fetch(ready.dashboard);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const { accounts } = (await (await fetch(`${ready.url}/v1/accounts`)).json()) as { accounts: { id: string; positions: { liquidationPrice: number | null }[] }[] };
    expect(accounts.map((a) => a.id)).toEqual(['demo', 'demo-perps']);
    // demo-perps holds only the markets put by venue: venue-exact liquidation prices
    for (const p of accounts[1]?.positions ?? []) expect(p.liquidationPrice).toBeGreaterThan(0);
    const acct = (await (await fetch(`${ready.url}/v1/accounts/demo`)).json()) as { state: string; positions: { market: string }[] };
    expect(acct.positions.map((p) => p.market).sort()).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
    const first = (await (await fetch(`${ready.url}/v1/markets/BTCUSDT`)).json()) as { sources: { time: number }[] };
    await new Promise((r) => setTimeout(r, 700));
    const later = (await (await fetch(`${ready.url}/v1/markets/BTCUSDT`)).json()) as { sources: { source: string; time: number }[] };
    expect(Math.max(...later.sources.map((s) => s.time))).toBeGreaterThan(Math.max(...first.sources.map((s) => s.time)));
    expect(later.sources.map((s) => s.source).sort()).toEqual(['feed-a', 'feed-b', 'feed-c']);
    expect(readFileSync(join(dir, 'api-token'), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);

  it('--replay drives the demo from real OHLCV bars through three sources: the market follows the file', async () => {
    const file = fileURLToPath(new URL('../../examples/data/btc-usdt-1d.csv', import.meta.url));
    const { line } = await start(['--replay', file, '--market', 'BTCUSDT', '--speed', '100', '--port', '0', '--data-dir', tmp(), '--json']);
    const { url } = JSON.parse(line) as { url: string };
    const acct = (await (await fetch(`${url}/v1/accounts/demo`)).json()) as { positions: { market: string; quantity: number; entryPrice: number }[] };
    const firstOpen = Number(readFileSync(file, 'utf8').split('\n')[1]?.split(',')[1]);
    expect(acct.positions).toMatchObject([{ market: 'BTCUSDT', entryPrice: firstOpen }]);
    await new Promise((r) => setTimeout(r, 600));
    const m = (await (await fetch(`${url}/v1/markets/BTCUSDT`)).json()) as { price: number; sources: { source: string }[] };
    expect(m.sources.map((s) => s.source).sort()).toEqual(['feed-a', 'feed-b', 'feed-c']);
    // within 600 ms at 100 bars/s the path has moved into the file's first bars
    const closes = readFileSync(file, 'utf8').trim().split('\n').slice(1, 200).flatMap((l) => l.split(',').slice(1, 5).map(Number));
    expect(m.price).toBeGreaterThanOrEqual(Math.min(...closes) * 0.99);
    expect(m.price).toBeLessThanOrEqual(Math.max(...closes) * 1.01);
  }, 30_000);

  it('--replay without --market, and --speed without --replay, are refused', () => {
    const a = spawnSync(process.execPath, [BIN, 'serve', '--replay', 'examples/data/btc-usdt-1d.csv', '--port', '0', '--data-dir', tmp(), '--json'], { encoding: 'utf8', timeout: 20_000 });
    expect(a.status).toBe(2);
    expect(JSON.parse(a.stderr)).toMatchObject({ error: { code: 'MISSING_OPTION', path: ['--market'] } });
    const b = spawnSync(process.execPath, [BIN, 'serve', '--speed', '3', '--port', '0', '--data-dir', tmp(), '--json'], { encoding: 'utf8', timeout: 20_000 });
    expect(b.status).toBe(2);
    expect(JSON.parse(b.stderr)).toMatchObject({ error: { code: 'CONFLICTING_OPTIONS', path: ['--speed'] } });
  });

  it('prints "listening on http://HOST:PORT", then "dashboard http://HOST:PORT/", without --json', async () => {
    const { lines } = await start(['--port', '0', '--data-dir', tmp()], undefined, 2);
    expect(lines[0]).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[1]).toBe(`dashboard ${(lines[0] as string).slice('listening on '.length)}/`);
  }, 30_000);

  it('the examples of `tradesize serve --help` start and print their ready line (run in a temporary directory)', async () => {
    const { SERVE } = await import('../../src/cli/flags/serve.js');
    for (const example of SERVE.examples) {
      const args = example
        .split(' ')
        .slice(2)
        .map((a) => (a === '/tmp/tradesize-data' ? join(tmp(), 'data') : a.startsWith('examples/') ? fileURLToPath(new URL(`../../${a}`, import.meta.url)) : a));
      const { child, line } = await start(args, tmp());
      expect(line, example).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+|^\{"url":"http:\/\/127\.0\.0\.1:\d+"/);
      child.kill('SIGTERM');
    }
  }, 30_000);

  it('refuses a non-loopback address without TLS: exit 2 with the error', () => {
    const r = spawnSync(process.execPath, [BIN, 'serve', '--host', '0.0.0.0', '--port', '0', '--data-dir', tmp(), '--json'], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'INVALID_INPUT', path: ['--host'] } });
  });
});
