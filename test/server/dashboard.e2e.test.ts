/**
 * The dashboard end to end in a real headless Chromium (test/helpers/chromium.ts): the real
 * service on a loopback port with the demo's account and feed, the page as built into
 * dist/dashboard/ (`npm run build`). It must update as ticks arrive, draw both charts, obey its
 * own Content-Security-Policy (no violation, no page error), and follow the accounts' state: HALTED
 * with STALE_PRICE once the feed stops, REDUCING while one source alone sends prices, ACTIVE again
 * once all three do (a 1 s grace period). Screenshots go to test-output/ (gitignored).
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { serve } from '../../src/server/serve.js';
import { startDemo } from '../../src/server/demo.js';
import { dashboardDir } from '../../src/server/dashboard-files.js';
import { launchChromium } from '../helpers/chromium.js';

const OUT = fileURLToPath(new URL('../../test-output/', import.meta.url));
const browser = await launchChromium();
const dirs: string[] = [];

afterAll(async () => {
  await browser?.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const text = (page: Page, selector: string): Promise<string> => page.locator(selector).first().innerText();

/** The part of a browser canvas the pixel count uses (this file is type-checked without the DOM library). */
interface Canvas2d {
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

/** Non-transparent pixels of the chart's canvas (uPlot draws on a transparent background). */
const inkedPixels = (page: Page, chart: string): Promise<number> =>
  page.locator(`#${chart} canvas`).first().evaluate((element) => {
    const canvas = element as unknown as Canvas2d;
    const px = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
    let n = 0;
    for (let i = 3; i < px.length; i += 4) if ((px[i] as number) > 0) n++;
    return n;
  });

describe.skipIf(browser === null)('dashboard in headless Chromium', () => {
  it('updates live from the stream, draws both charts, and follows the accounts from HALTED (feed stopped) to REDUCING (one source) to ACTIVE', async () => {
    expect(dashboardDir(), 'dist/dashboard/ is missing: run `npm run build`').not.toBeNull();
    const dataDir = mkdtempSync(join(tmpdir(), 'tradesize-dashboard-'));
    dirs.push(dataDir);
    const running = await serve({ dataDir, host: '127.0.0.1', port: 0, config: { prices: { staleAfterMs: 1500, graceMs: 1000 }, server: { advanceMs: 200 } } });
    const feed = startDemo(running.service);
    const page = await (browser as NonNullable<typeof browser>).newPage({ viewport: { width: 1440, height: 1200 } });
    const problems: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
    page.on('pageerror', (e) => problems.push(e.message));
    try {
      const res = await page.goto(`${running.url}/`);
      expect(res?.headers()['content-security-policy']).toMatch(/default-src 'self'/);

      // Both demo accounts, their five positions and three markets, once the first snapshot is in.
      await page.locator('[data-account="demo-perps"][data-state]').waitFor();
      await expect.poll(() => page.locator('#positions-body tr[data-market]').count()).toBe(5);
      expect(await page.locator('#markets [data-market]').count()).toBe(3);
      expect(await text(page, '#connection')).toBe('live');

      // Live: the BTCUSDT mark and the account's equity change as ticks arrive.
      const mark = 'tr[data-account="demo"][data-market="BTCUSDT"] td:nth-child(5)';
      const firstMark = await text(page, mark);
      const firstEquity = await text(page, '[data-account="demo"] .stat-value');
      await expect.poll(() => text(page, mark), { timeout: 10_000 }).not.toBe(firstMark);
      await expect.poll(() => text(page, '[data-account="demo"] .stat-value'), { timeout: 10_000 }).not.toBe(firstEquity);
      // Venue markets give demo-perps a liquidation price, a distance in σ and a probability.
      expect(await text(page, 'tr[data-account="demo-perps"][data-market="BTCUSDT"] td:nth-child(7)')).toMatch(/^\d[\d,]*\.\d+$/);
      expect(await text(page, 'tr[data-account="demo-perps"][data-market="BTCUSDT"] td:nth-child(9)')).toMatch(/σ$/);

      // Charts: one series per account and per market, with points, and ink on the canvas.
      await expect.poll(async () => Number(await page.getAttribute('#price-chart', 'data-points')), { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
      expect(await page.getAttribute('#equity-chart', 'data-series')).toBe('2');
      expect(await page.getAttribute('#price-chart', 'data-series')).toBe('3');
      expect(Number(await page.getAttribute('#equity-chart', 'data-points'))).toBeGreaterThanOrEqual(5);
      expect(await inkedPixels(page, 'equity-chart')).toBeGreaterThan(500);
      expect(await inkedPixels(page, 'price-chart')).toBeGreaterThan(500);

      mkdirSync(OUT, { recursive: true });
      await page.screenshot({ path: join(OUT, 'dashboard.png'), fullPage: true });
      expect(statSync(join(OUT, 'dashboard.png')).size).toBeGreaterThan(20_000);

      // The feed stops: every source goes stale, the markets are down, the accounts HALTED.
      feed.stop();
      const demo = page.locator('[data-account="demo"][data-state]');
      await expect.poll(() => demo.getAttribute('data-state'), { timeout: 15_000 }).toBe('HALTED');
      expect(await demo.locator('[data-role="cause"]').innerText()).toBe('STALE_PRICE');
      expect(await demo.locator('[data-role="state"]').innerText()).toBe('HALTED');
      await expect.poll(() => page.getAttribute('#markets [data-market="BTCUSDT"]', 'data-status')).toBe('down');
      expect(await page.locator('#markets [data-market="BTCUSDT"] tr[data-valid="false"]').count()).toBe(3);
      await expect.poll(() => text(page, '#event-log')).toMatch(/demo: \w+ → HALTED \(STALE_PRICE\)/);
      await page.screenshot({ path: join(OUT, 'dashboard-halted.png'), fullPage: true });

      // One source comes back: too few valid sources, the accounts may only reduce; then all three.
      const { markets } = (await (await fetch(`${running.url}/v1/markets`)).json()) as { markets: { market: string; sources: { price: number }[] }[] };
      let sources = ['feed-a'];
      const post = (): Promise<Response> =>
        fetch(`${running.url}/v1/prices`, {
          method: 'POST',
          headers: { authorization: `Bearer ${running.tokens.api}`, 'content-type': 'application/json' },
          body: JSON.stringify(markets.flatMap((m) => sources.map((source) => ({ market: m.market, source, price: m.sources[0]?.price, time: Date.now() })))),
        });
      const ticking = setInterval(() => void post(), 200);
      try {
        await expect.poll(() => demo.getAttribute('data-state'), { timeout: 15_000 }).toBe('REDUCING');
        expect(await page.getAttribute('#markets [data-market="BTCUSDT"]', 'data-status')).toBe('suspect');
        expect(await page.locator('[data-account="demo"].state-warn').count()).toBe(1);
        sources = ['feed-a', 'feed-b', 'feed-c'];
        await expect.poll(() => demo.getAttribute('data-state'), { timeout: 15_000 }).toBe('ACTIVE');
        expect(await demo.locator('[data-role="cause"]').innerText()).toBe('no restriction');
        await expect.poll(() => text(page, '#event-log')).toMatch(/demo: REDUCING → ACTIVE/);
      } finally {
        clearInterval(ticking);
      }

      expect(problems).toEqual([]);
    } finally {
      feed.stop();
      await page.close();
      await running.close();
    }
  }, 60_000);
});
