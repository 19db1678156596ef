/**
 * What the dashboard needs from the service, without a browser: the page and its assets with
 * the security headers and only the files of the built directory, a page with no inline script
 * or style (so the strict Content-Security-Policy holds), the list routes, and the stream's
 * snapshots after each change. The browser test is dashboard.e2e.test.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { serve, type Running } from '../../src/server/serve.js';
import { readDashboard, registerDashboard } from '../../src/server/dashboard-files.js';
import type { Snapshot } from '../../src/server/views.js';

const running: Running[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'tradesize-dash-'));
  dirs.push(d);
  return d;
};

/** A built dashboard directory of our own: index.html, one script, one style, one stray file. */
function fakeBuild(): string {
  const dir = tmp();
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'assets', 'dashboard.js'), 'export {};');
  writeFileSync(join(dir, 'assets', 'dashboard.css'), 'body{}');
  writeFileSync(join(dir, 'assets', 'notes.txt'), 'not served');
  return dir;
}

async function start(dashboardDir?: string | null): Promise<Running> {
  const r = await serve({ dataDir: tmp(), host: '127.0.0.1', port: 0, config: { server: { advanceMs: 60_000 } }, ...(dashboardDir === undefined ? {} : { dashboardDir }) });
  running.push(r);
  return r;
}

describe('the dashboard files', () => {
  it('serves / and /assets/* of a known type from the built directory, nothing else', async () => {
    expect([...readDashboard(fakeBuild()).keys()].sort()).toEqual(['/', '/assets/dashboard.css', '/assets/dashboard.js']);
    const app = Fastify();
    registerDashboard(app, fakeBuild());
    expect((await app.inject('/')).headers['content-type']).toBe('text/html; charset=utf-8');
    expect((await app.inject('/assets/dashboard.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await app.inject('/assets/dashboard.css')).body).toBe('body{}');
    for (const url of ['/assets/notes.txt', '/assets/..%2Findex.html', '/assets/%2E%2E%2F%2E%2E%2Fpackage.json']) expect((await app.inject(url)).statusCode, url).toBe(404);
  });

  it('index.html loads only same-origin files: no inline script or style, no CDN', () => {
    const html = readFileSync(fileURLToPath(new URL('../../src/server/dashboard/index.html', import.meta.url)), 'utf8');
    expect(html).toMatch(/<script type="module" src="\/assets\/dashboard\.js"><\/script>/);
    expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/dashboard\.css">/);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=|https?:\/\//);
  });
});

describe('the service with the dashboard', () => {
  it('answers / and its assets with the security headers, behind the Host check; without a build, 404 saying how to build', async () => {
    const r = await start(fakeBuild());
    const host = new URL(r.url).host;
    for (const url of ['/', '/assets/dashboard.js']) {
      const res = await r.app.inject({ url, headers: { host } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'self';.*script-src 'self';.*frame-ancestors 'none'/);
      expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
    }
    expect((await r.app.inject({ url: '/', headers: { host: 'evil.example:80' } })).statusCode).toBe(403);
    const unbuilt = await start(null);
    const res = await unbuilt.app.inject({ url: '/', headers: { host: new URL(unbuilt.url).host } });
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringContaining('npm run build') } });
  });

  it('GET /v1/accounts and /v1/markets list what the single routes show', async () => {
    const r = await start();
    const host = new URL(r.url).host;
    const auth = { host, authorization: `Bearer ${r.tokens.api}` };
    await r.app.inject({ method: 'PUT', url: '/v1/accounts/a1', headers: auth, payload: { equity: 1000, currency: 'USDT' } });
    await r.app.inject({ method: 'POST', url: '/v1/prices', headers: auth, payload: ['x', 'y'].map((source) => ({ market: 'BTCUSDT', source, price: 100, time: Date.now() })) });
    const get = async (url: string): Promise<unknown> => JSON.parse((await r.app.inject({ url, headers: { host } })).body);
    expect(await get('/v1/accounts')).toEqual({ accounts: [await get('/v1/accounts/a1')], total: 1, offset: 0 });
    expect(await get('/v1/accounts?offset=1')).toEqual({ accounts: [], total: 1, offset: 1 });
    const markets = (await get('/v1/markets')) as { markets: { market: string; price: number; sources: unknown[] }[] };
    expect(markets.markets).toMatchObject([{ market: 'BTCUSDT', price: 100 }]);
    expect(markets.markets[0]?.sources).toEqual(((await get('/v1/markets/BTCUSDT')) as { sources: unknown[] }).sources);
  });

  it('/v1/stream?snapshots=1 sends a snapshot on connecting and after each change; /v1/stream alone sends none', async () => {
    const r = await start();
    const { WebSocket } = await import('ws');
    const api = { host: new URL(r.url).host, authorization: `Bearer ${r.tokens.api}` };
    const views = new WebSocket(`${r.url.replace('http', 'ws')}/v1/stream?snapshots=1`);
    const plain = new WebSocket(`${r.url.replace('http', 'ws')}/v1/stream`);
    const seen: { views: Record<string, unknown>[]; plain: Record<string, unknown>[] } = { views: [], plain: [] };
    views.on('message', (m) => seen.views.push(JSON.parse(String(m)) as Record<string, unknown>));
    plain.on('message', (m) => seen.plain.push(JSON.parse(String(m)) as Record<string, unknown>));
    await Promise.all([views, plain].map((ws) => new Promise((resolve) => ws.once('open', resolve))));
    await expect.poll(() => seen.views.length).toBe(1);
    expect(seen.views[0]).toMatchObject({ type: 'snapshot', accounts: [], markets: [], thresholds: { marginRatio: 0.5, liquidationProbability: 0.05 } });
    await r.app.inject({ method: 'PUT', url: '/v1/accounts/a1', headers: api, payload: { equity: 1000, currency: 'USDT' } });
    await r.app.inject({ method: 'POST', url: '/v1/prices', headers: api, payload: { market: 'ETHUSDT', source: 'x', price: 3000, time: Date.now() } });
    const snapshots = (): Snapshot[] => seen.views.filter((m) => m.type === 'snapshot') as unknown as Snapshot[];
    await expect.poll(() => snapshots().at(-1)).toMatchObject({ accounts: [{ id: 'a1', equity: 1000 }], markets: [{ market: 'ETHUSDT', price: 3000 }] });
    expect(snapshots().at(-1)?.time).toBeGreaterThan(snapshots()[0]?.time ?? Infinity);
    expect(seen.views.some((m) => m.type === 'account')).toBe(true);
    await expect.poll(() => seen.plain.map((m) => m.type)).toContain('account');
    expect(seen.plain.filter((m) => m.type === 'snapshot')).toEqual([]);
    views.close();
    plain.close();
  });
});
