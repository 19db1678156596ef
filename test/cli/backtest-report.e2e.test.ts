/**
 * End to end: `tradesize backtest --report` renders in headless Chromium, every chart is drawn
 * with data (points counted by the page, non-blank canvas pixels) and exports a PNG; the page
 * loads nothing from the network.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from './run.js';
import { launchChromium } from '../helpers/chromium.js';

const CHARTS = ['equity', 'drawdown', 'leverage', 'size', 'growth', 'returns', 'heatmap'];

describe('backtest report in Chromium', () => {
  it('draws every chart with data and exports each as PNG', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tradesize-report-')), 'report.html');
    const run = await cli('backtest', '--data', 'examples/data/btc-usdt-1d.csv', '--policy', 'fixed-leverage:1', '--policy', 'fixed-risk:0.02', '--policy', 'fixed-leverage:8', '--window', '90', '--sweep', 'kelly:0.25..1/0.25', '--threads', '1', '--report', file, '--json');
    expect(run.code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    const browser = await launchChromium();
    if (browser === null) return;
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const requests: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
      });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
      expect(errors).toEqual([]);
      // runs in the page (a string: this test is type-checked without the DOM library)
      const charts = (await page.evaluate(`${JSON.stringify(CHARTS)}.map((id) => {
        const c = window.__charts[id];
        if (c === undefined) return { id, points: 0, inked: 0, png: '' };
        const px = c.canvas.getContext('2d').getImageData(0, 0, c.canvas.width, c.canvas.height).data;
        let inked = 0;
        for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 0 && !(px[i] === 255 && px[i + 1] === 255 && px[i + 2] === 255)) inked++;
        return { id, points: c.points, inked, png: c.canvas.toDataURL('image/png').slice(0, 22) };
      })`)) as { id: string; points: number; inked: number; png: string }[];
      for (const c of charts) {
        expect(c.points, c.id).toBeGreaterThan(0);
        expect(c.inked, c.id).toBeGreaterThan(100);
        expect(c.png, c.id).toBe('data:image/png;base64,');
      }
      // the PNG buttons download a file
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#equity button.png')]);
      expect(download.suggestedFilename()).toBe('equity.png');
      // liquidations of the 8× policy are marked on the equity chart
      const liq = (await page.evaluate("JSON.parse(document.getElementById('report-data').textContent).policies[2].liquidations.length")) as number;
      expect(liq).toBeGreaterThan(0);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
