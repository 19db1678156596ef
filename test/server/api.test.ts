/**
 * The HTTP API over a real SQLite command log in a temporary directory, through fastify's
 * inject (no socket), plus one start on a real loopback port.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serve, type Running } from '../../src/server/serve.js';
import type { CommandStore } from '../../src/server/store.js';

const running: Running[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(extra: Partial<Parameters<typeof serve>[0]> = {}, dir?: string): Promise<Running> {
  const dataDir = dir ?? mkdtempSync(join(tmpdir(), 'tradesize-serve-'));
  if (dir === undefined) dirs.push(dataDir);
  const r = await serve({ dataDir, host: '127.0.0.1', port: 0, config: { server: { advanceMs: 60_000 } }, ...extra });
  running.push(r);
  return r;
}

function client(r: Running, token: string | null = r.tokens.api) {
  const host = new URL(r.url).host;
  return async (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
    const res = await r.app.inject({
      method,
      url,
      headers: { host, ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: res.statusCode, body: res.body === '' ? null : (JSON.parse(res.body) as Record<string, unknown>), headers: res.headers };
  };
}

async function seeded(r: Running) {
  const api = client(r);
  const admin = client(r, r.tokens.admin);
  const now = Date.now();
  expect((await api('PUT', '/v1/accounts/acct-1', { equity: 10000, currency: 'USDT', limits: { riskPerTrade: 0.01, maxLeverage: 20 } })).status).toBe(200);
  expect((await admin('PUT', '/v1/markets/BTCUSDT', { kind: 'linear', contractSize: 1, lotStep: 0.001 })).status).toBe(200);
  const prices = await api('POST', '/v1/prices', ['a', 'b', 'c'].map((source) => ({ market: 'BTCUSDT', source, price: 65000, time: now })));
  expect(prices.body).toEqual({ accepted: 3, rejected: [] });
  return { api, admin, now };
}

describe('tradesize serve API', () => {
  it('health needs no token; the tokens are written 0600', async () => {
    const r = await start();
    expect(await client(r, null)('GET', '/v1/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    for (const f of ['api-token', 'admin-token']) expect(statSync(join(r.dataDir, f)).mode & 0o777).toBe(0o600);
  });

  it('an order check without a quantity returns the sizing decision; with too large a quantity, a denial with reasons', async () => {
    const r = await start();
    const { api } = await seeded(r);
    const sized = await api('POST', '/v1/accounts/acct-1/orders/check', { market: 'BTCUSDT', side: 'buy', stop: 63000 });
    expect(sized).toMatchObject({ status: 200, body: { decision: 'allow', maxQuantity: 0.05, state: 'ACTIVE', reasons: [] } });
    expect((sized.body?.sizing as Record<string, unknown>).binding).toBe('stop-risk');
    const denied = await api('POST', '/v1/accounts/acct-1/orders/check', { market: 'BTCUSDT', side: 'buy', stop: 63000, quantity: 1 });
    expect(denied.body).toMatchObject({ decision: 'deny', reasons: [{ code: 'EXCEEDS_RISK_BUDGET' }] });
  });

  it('fills give the position; the account shows it signed; events list every change oldest first', async () => {
    const r = await start();
    const { api, now } = await seeded(r);
    const pos = await api('POST', '/v1/accounts/acct-1/fills', { market: 'BTCUSDT', side: 'sell', quantity: 0.01, price: 65000, time: new Date(now).toISOString() });
    expect(pos).toMatchObject({ status: 200, body: { market: 'BTCUSDT', quantity: -0.01, entryPrice: 65000 } });
    const acct = await api('GET', '/v1/accounts/acct-1');
    expect(acct.body).toMatchObject({ id: 'acct-1', state: 'ACTIVE', stateCause: null, positions: [{ market: 'BTCUSDT', quantity: -0.01 }] });
    const events = (await api('GET', '/v1/accounts/acct-1/events')).body as unknown as { seq: number; type: string }[];
    expect(events.map((e) => e.type)).toEqual(['account', 'fill']);
    expect(events[1]!.seq).toBeGreaterThan(events[0]!.seq);
  });

  it('auth: 401 without a token, 403 with the API token on an admin route; the kill switch halts with KILL_SWITCH', async () => {
    const r = await start();
    const { api, admin } = await seeded(r);
    expect((await client(r, null)('POST', '/v1/prices', { market: 'BTCUSDT', source: 'a', price: 1, time: 1 })).status).toBe(401);
    expect((await client(r, 'nope')('POST', '/v1/prices', { market: 'BTCUSDT', source: 'a', price: 1, time: 1 })).status).toBe(401);
    expect((await api('POST', '/v1/kill-switch', {})).status).toBe(403);
    const k = await admin('POST', '/v1/kill-switch', { account: 'acct-1', pauseSeconds: 60 });
    expect(k.body).toMatchObject([{ id: 'acct-1', state: 'HALTED', stateCause: 'KILL_SWITCH' }]);
    const d = await api('POST', '/v1/accounts/acct-1/orders/check', { market: 'BTCUSDT', side: 'buy', quantity: 0.001 });
    expect(d.body).toMatchObject({ decision: 'deny', reasons: [{ code: 'ACCOUNT_HALTED' }, { code: 'KILL_SWITCH' }] });
  });

  it('errors: unknown account 404, unknown key 400 with its path, body over the limit 413, a foreign Host or Origin 403; security headers', async () => {
    const r = await start();
    const { api } = await seeded(r);
    expect(await api('GET', '/v1/accounts/ghost')).toMatchObject({ status: 404, body: { error: { code: 'UNKNOWN_ACCOUNT' } } });
    expect(await api('PUT', '/v1/accounts/x', { equity: 1, currency: 'USDT', bogus: 1 })).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT' } } });
    expect((await api('POST', '/v1/prices', { market: 'BTCUSDT', source: 'a', price: 1, time: 1, pad: 'x'.repeat(70_000) })).status).toBe(413);
    expect((await api('GET', '/v1/health', undefined, { host: 'evil.example:8787' })).status).toBe(403);
    expect((await api('GET', '/v1/health', undefined, { origin: 'http://evil.example' })).status).toBe(403);
    const ok = await api('GET', '/v1/health', undefined, { origin: r.url });
    expect(ok.status).toBe(200);
    expect(ok.headers['x-frame-options']).toBe('DENY');
    expect(ok.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('events are stored in SQLite with the commits (not kept in the engine), survive a restart once each, oldest first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradesize-serve-'));
    dirs.push(dir);
    const r1 = await start({}, dir);
    const { api } = await seeded(r1);
    for (let i = 0; i < 3; i++) await api('POST', '/v1/accounts/acct-1/fills', { market: 'BTCUSDT', side: 'buy', quantity: 0.01, price: 65000 + i });
    expect(r1.service.engine.events()).toEqual([]);
    const before = (await api('GET', '/v1/accounts/acct-1/events')).body as unknown as { seq: number }[];
    await r1.close();
    running.splice(running.indexOf(r1), 1);
    const r2 = await start({}, dir);
    const after = (await client(r2)('GET', '/v1/accounts/acct-1/events')).body as unknown as { seq: number }[];
    expect(after).toEqual(before);
    expect(after.map((e) => e.seq)).toEqual([...after.map((e) => e.seq)].sort((a, b) => a - b));
  });

  it('a restart replays the command log to the same state hash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradesize-serve-'));
    dirs.push(dir);
    const r1 = await start({}, dir);
    const { api } = await seeded(r1);
    await api('POST', '/v1/accounts/acct-1/fills', { market: 'BTCUSDT', side: 'buy', quantity: 0.02, price: 65010 });
    await api('POST', '/v1/accounts/acct-1/orders/check', { market: 'BTCUSDT', side: 'buy', stop: 64000 });
    const before = r1.service.engine.stateHash();
    await r1.close();
    running.splice(running.indexOf(r1), 1);
    const r2 = await start({}, dir);
    expect(r2.service.engine.stateHash()).toBe(before);
    expect(r2.tokens).toEqual(r1.tokens);
  });

  it('a failed commit is never acknowledged: 503 STORAGE_ERROR, no change in memory, and no later command is taken', async () => {
    let fail = false;
    const wrapStore = (s: CommandStore): CommandStore => ({ ...s, path: s.path, append: (c, e) => { if (fail) throw new Error('SQLITE_FULL: database or disk is full'); s.append(c, e); }, replay: (after) => s.replay(after), close: () => s.close() });
    const r = await start({ wrapStore });
    const { api } = await seeded(r);
    const before = r.service.engine.stateHash();
    fail = true;
    expect(await api('POST', '/v1/accounts/acct-1/orders/check', { market: 'BTCUSDT', side: 'buy', stop: 63000 })).toMatchObject({ status: 503, body: { error: { code: 'STORAGE_ERROR' } } });
    expect(r.service.engine.stateHash()).toBe(before);
    fail = false;
    expect((await api('POST', '/v1/accounts/acct-1/fills', { market: 'BTCUSDT', side: 'buy', quantity: 0.01, price: 65000 })).status).toBe(503);
    expect((await client(r, null)('GET', '/v1/health')).body).toEqual({ status: 'storage-failed' });
  });

  it('group commit: concurrent commands share transactions, and each is answered only after its commit', async () => {
    const commits: number[] = [];
    const wrapStore = (s: CommandStore): CommandStore => ({ ...s, path: s.path, append: (c, e) => { s.append(c, e); commits.push(c.length); }, replay: (after) => s.replay(after), close: () => s.close() });
    const r = await start({ wrapStore });
    const { api } = await seeded(r);
    const before = commits.length;
    const answers = await Promise.all(Array.from({ length: 50 }, () => api('POST', '/v1/accounts/acct-1/orders/check', { market: 'BTCUSDT', side: 'buy', stop: 63000 })));
    expect(answers.every((a) => a.status === 200 && (a.body as { decision: string }).decision === 'allow')).toBe(true);
    const batches = commits.slice(before);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(50);
    expect(batches.length).toBeLessThan(50);
    expect(r.service.state().commands).toBe(3 + 50); // account, market, prices, then the checks
  });

  it('refuses a non-loopback address without TLS', async () => {
    await expect(start({ host: '0.0.0.0' })).rejects.toMatchObject({ code: 'INVALID_INPUT', path: ['--host'] });
  });

  it('the WebSocket stream sends each event as JSON with a type; a foreign Origin is refused at the handshake', async () => {
    const r = await start();
    const { api, now } = await seeded(r);
    const { WebSocket } = await import('ws');
    const wsUrl = `${r.url.replace('http', 'ws')}/v1/stream`;
    const ws = new WebSocket(wsUrl);
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    const got = new Promise<Record<string, unknown>>((resolve) => ws.once('message', (m) => resolve(JSON.parse(String(m)) as Record<string, unknown>)));
    await api('POST', '/v1/accounts/acct-1/fills', { market: 'BTCUSDT', side: 'buy', quantity: 0.01, price: 65000, time: now });
    expect(await got).toMatchObject({ type: 'fill', account: 'acct-1', market: 'BTCUSDT', quantity: 0.01 });
    ws.close();
    const evil = new WebSocket(wsUrl, { origin: 'http://evil.example' });
    const status = await new Promise<number>((resolve) => evil.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(403);
  });

  it('rate limit: more requests per second with one token than server.rateLimitPerSecond get 429 RATE_LIMITED', async () => {
    const r = await start({ config: { server: { advanceMs: 60_000, rateLimitPerSecond: 5 } } });
    const api = client(r);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await api('POST', '/v1/prices', { market: 'BTCUSDT', source: 'a', price: 65000, time: Date.now() })).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toContain(429);
    expect((await api('POST', '/v1/prices', { market: 'BTCUSDT', source: 'a', price: 65000, time: Date.now() })).body).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });

  it('with --tls-cert and --tls-key it serves HTTPS, and may then bind beyond loopback', async () => {
    const tls = { tlsCert: fileURLToPath(new URL('../fixtures/server/test-cert.pem', import.meta.url)), tlsKey: fileURLToPath(new URL('../fixtures/server/test-key.pem', import.meta.url)) };
    const r = await start(tls);
    expect(r.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpsRequest(`${r.url}/v1/health`, { ca: readFileSync(tls.tlsCert) }, (res) => {
        let b = '';
        res.on('data', (d: Buffer) => (b += String(d)));
        res.on('end', () => resolve(b));
      });
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(body)).toEqual({ status: 'ok' });
    const wide = await start({ ...tls, host: '0.0.0.0', config: { server: { advanceMs: 60_000, hosts: ['tradesize.internal:8787'] } } });
    expect(wide.url).toMatch(/^https:\/\/0\.0\.0\.0:\d+$/);
    const port = new URL(wide.url).port;
    const hostOk = async (host: string) => (await wide.app.inject({ method: 'GET', url: '/v1/health', headers: { host } })).statusCode;
    expect([await hostOk(`127.0.0.1:${port}`), await hostOk('tradesize.internal:8787'), await hostOk('evil.example:8787')]).toEqual([200, 200, 403]);
  });

  it('serves on a real loopback port', async () => {
    const r = await start();
    const res = await fetch(`${r.url}/v1/health`);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
