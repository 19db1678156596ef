/**
 * `tradesize serve` with a ccxt feed, as a user starts it (the built CLI), ccxt answered from the
 * recorded Binance USDⓈ-M responses by the preload test/helpers/ccxt-stub.cjs: prices from
 * `--feed`, and with a `feeds` config naming an account, its venue trades as fills and the
 * positions mismatch on stderr, never the keys.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cli } from './run.js';
import { withFeedFlag } from '../../src/cli/commands/serve.js';

const BIN = fileURLToPath(new URL('../../bin/tradesize.cjs', import.meta.url));
const STUB = fileURLToPath(new URL('../helpers/ccxt-stub.cjs', import.meta.url));
const KEYS = { TRADESIZE_BINANCEUSDM_API_KEY: 'fixture-key-0123456789', TRADESIZE_BINANCEUSDM_SECRET: 'fixture-secret-0123456789' };
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Starts `tradesize serve ARGS` with the ccxt stub; resolves with its ready line and a live view of its stderr. */
function start(args: string[]): Promise<{ url: string; stderr: () => string }> {
  const env = { ...process.env, ...KEYS, NODE_OPTIONS: `--require ${STUB}` };
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--json', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  children.push(child);
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += String(d)));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += String(d);
      if (out.includes('\n')) resolve({ url: (JSON.parse(out.slice(0, out.indexOf('\n'))) as { url: string }).url, stderr: () => err });
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${String(code)} before it was ready: ${err}`)));
  });
}

const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'tradesize-serve-ccxt-'));
  dirs.push(d);
  return d;
};

const sources = async (url: string, market: string): Promise<{ source: string; price: number }[]> => {
  const r = await fetch(`${url}/v1/markets/${market}`);
  return r.ok ? ((await r.json()) as { sources: { source: string; price: number }[] }).sources : [];
};

describe('tradesize serve with a ccxt feed (recorded responses)', () => {
  it('--feed ccxt:binanceusdm:BTC/USDT:USDT,ETH/USDT:USDT: both markets priced by the source binanceusdm (REST, once the watchers give up)', async () => {
    const { url } = await start(['--data-dir', tmp(), '--feed', 'ccxt:binanceusdm:BTC/USDT:USDT,ETH/USDT:USDT']);
    // No websocket here: ccxt pro's watchTicker fails 3 times (2 s apart), then the feed polls REST.
    await vi.waitFor(async () => expect(await sources(url, 'ETHUSDT')).toEqual([expect.objectContaining({ source: 'binanceusdm', price: 4600 })]), { timeout: 25_000, interval: 100 });
    expect(await sources(url, 'BTCUSDT')).toEqual([expect.objectContaining({ source: 'binanceusdm', price: 110111.98 })]);
  }, 40_000);

  // ccxt's own rate limiter paces the calls by Binance's request weights (fetchTickers weighs 40: 2 s).
  it('feeds with an account: fills wait for the account, then the venue trades make its BTC position; the ETH mismatch is one JSON line on stderr', async () => {
    const dir = tmp();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ feeds: [{ type: 'ccxt', exchange: 'binanceusdm', symbols: ['BTC/USDT:USDT', 'ETH/USDT:USDT'], account: 'main', since: 0, pollMs: 200, reconcileMs: 1000, watch: false }] }));
    const { url, stderr } = await start(['--data-dir', join(dir, 'data'), '--config', config]);
    await vi.waitFor(() => expect(stderr()).toContain('UNKNOWN_ACCOUNT'), { timeout: 25_000, interval: 100 });
    const token = readFileSync(join(dir, 'data', 'api-token'), 'utf8').trim();
    const put = await fetch(`${url}/v1/accounts/main`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ equity: 10_000, currency: 'USDT' }) });
    expect(put.status).toBe(200);
    await vi.waitFor(async () => {
      const a = (await (await fetch(`${url}/v1/accounts/main`)).json()) as { positions: { market: string; quantity: number }[] };
      expect(a.positions.find((p) => p.market === 'BTCUSDT')?.quantity).toBeCloseTo(0.012, 12);
    }, { timeout: 25_000, interval: 100 });
    await vi.waitFor(() => expect(stderr()).toContain('position-mismatch'), { timeout: 25_000, interval: 100 });
    const lines = stderr().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.type === 'position-mismatch')).toEqual([{ type: 'position-mismatch', source: 'binanceusdm', account: 'main', market: 'ETHUSDT', symbol: 'ETH/USDT:USDT', engine: 0, venue: -0.5 }]);
    expect(stderr()).not.toContain(KEYS.TRADESIZE_BINANCEUSDM_SECRET);
    expect(stderr()).not.toContain(KEYS.TRADESIZE_BINANCEUSDM_API_KEY);
  }, 90_000);
});

describe('--feed and feeds, refused before anything starts', () => {
  it('--feed must be ccxt:EXCHANGE:SYMBOLS (INVALID_INPUT naming --feed); a bad feeds entry names its field', async () => {
    const run = await cli('serve', '--port', '0', '--feed', 'binance:BTCUSDT', '--json');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stderr).error).toMatchObject({ code: 'INVALID_INPUT', path: ['--feed'] });
    expect(withFeedFlag({ feeds: [{ type: 'ccxt', exchange: 'bybit', symbols: ['BTC/USDT:USDT'] }] }, 'ccxt:okx:BTC/USDT:USDT,ETH/USDT:USDT')).toEqual({
      feeds: [
        { type: 'ccxt', exchange: 'bybit', symbols: ['BTC/USDT:USDT'] },
        { type: 'ccxt', exchange: 'okx', symbols: ['BTC/USDT:USDT', 'ETH/USDT:USDT'] },
      ],
    });
    const dir = tmp();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ feeds: [{ type: 'ccxt', exchange: 'Binance USDM', symbols: ['BTC/USDT:USDT'] }] }));
    const bad = await cli('serve', '--port', '0', '--data-dir', join(dir, 'data'), '--config', config, '--json');
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr).error).toMatchObject({ code: 'INVALID_INPUT', path: ['feeds', 0, 'exchange'] });
  });
});
