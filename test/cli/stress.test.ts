import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, json } from './run.js';
import { stressPortfolio } from '../../src/stress/stress.js';
import { describeWithSharedData, sharedDataPath } from '../helpers/shared-data.js';

const dir = mkdtempSync(join(tmpdir(), 'tradesize-stress-'));
const FAST = ['--mc-paths', '200', '--horizon', '3'];

describe('tradesize stress', () => {
  it('--json prints one object with the public keys; no NaN/Infinity', async () => {
    const run = await cli('stress', '--portfolio', 'examples/portfolio-multi.json', ...FAST, '--json');
    expect(run.code).toBe(0);
    const out = json(run);
    for (const key of ['worstLoss', 'worstScenario', 'scenarios', 'liquidated', 'maxAdverseMove', 'account', 'greeks', 'monteCarlo']) expect(out).toHaveProperty(key);
    expect(typeof out.liquidated).toBe('boolean');
    expect(out.scenarios).toHaveLength(4 * (27 + 8));
    expect((out.maxAdverseMove as { scope: string }[]).map((m) => m.scope)).toEqual(['joint', 'BTC', 'ETH', 'SOL']);
    expect(run.stdout).not.toMatch(/NaN|Infinity/);
  });

  it('--report writes a self-contained HTML page with an SVG heat map per scope', async () => {
    const file = join(dir, 'stress.html');
    const run = await cli('stress', '--portfolio', 'examples/portfolio-btc.json', ...FAST, '--report', file);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/worst scenario\s+BTC -16% vol down/);
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(1);
    expect(html).not.toMatch(/<script|<link|src=|href=/);
    // The unmoved scenario's zero loss prints as 0, not −0, and no number is NaN or Infinity.
    expect(html).not.toMatch(/>-0</);
    expect(html).not.toMatch(/NaN|Infinity/);
  });

  it('a standard-margin book that a −16 % BTC move liquidates says so', async () => {
    const out = json(await cli('stress', '--portfolio', 'examples/portfolio-standard.json', ...FAST, '--json'));
    expect(out.liquidated).toBe(true);
    expect((out.worstScenario as { id: string }).id).toBe('BTC -16% vol up');
  });

  it('standard margin from venue tiers (examples/portfolio-venue.json)', async () => {
    const out = json(await cli('stress', '--portfolio', 'examples/portfolio-venue.json', ...FAST, '--json'));
    expect(out.account).toMatchObject({ style: 'standard' });
    // The library on the same portfolio: the venue tiers' maintenance margin and the rest of the account.
    const expected = stressPortfolio(JSON.parse(readFileSync('examples/portfolio-venue.json', 'utf8')));
    expect(out.account).toEqual(expected.account);
  });

  it('bad input exits 2 naming the field or flag', async () => {
    const bad = join(dir, 'bad.json');
    const p = JSON.parse(readFileSync('examples/portfolio-btc.json', 'utf8')) as { positions: Record<string, unknown>[] };
    p.positions[2] = { ...p.positions[2], strike: 0 };
    writeFileSync(bad, JSON.stringify(p));
    const cases: [string[], string, (string | number)[]][] = [
      [['--portfolio', bad], 'INVALID_INPUT', ['positions', 2, 'strike']],
      [['--portfolio', join(dir, 'missing.json')], 'FILE_NOT_FOUND', ['--portfolio']],
      [['--portfolio', 'examples/portfolio-btc.json', '--mc-paths', '5'], 'INVALID_INPUT', ['--mc-paths']],
      [['--portfolio', 'examples/portfolio-btc.json', '--nu', '2'], 'INVALID_INPUT', ['--nu']],
      [['--portfolio', 'examples/portfolio-btc.json', '--history', 'BTC'], 'INVALID_INPUT', ['--history']],
      [['--portfolio', 'examples/portfolio-btc.json', '--mc-method', 'fitted-t'], 'MISSING_OPTION', ['--history']],
      [['--portfolio', 'examples/portfolio-btc.json', '--mc-method', 'garch'], 'INVALID_INPUT', ['--mc-method']],
      [['--portfolio', 'examples/portfolio-btc.json', '--mc-paths', '200', '--report', join(dir, 'no', 'such', 'dir.html')], 'FILE_NOT_FOUND', ['--report']],
    ];
    for (const [args, code, path] of cases) {
      const run = await cli('stress', ...args, '--json');
      expect(run.code).toBe(2);
      expect(JSON.parse(run.stderr).error).toMatchObject({ code, path });
    }
  });
});

describeWithSharedData('tradesize stress --history (bootstrap from ../shared/data)', ['ohlcv/btc-usdt-1d.csv', 'ohlcv/eth-usdt-1d.csv', 'ohlcv/sol-usdt-1d.csv'], () => {
  it('bootstraps whole dates from the daily files', async () => {
    const h = ['btc', 'eth', 'sol'].map((u) => `${u.toUpperCase()}=${sharedDataPath(`ohlcv/${u}-usdt-1d.csv`) as string}`).join(',');
    const out = json(await cli('stress', '--portfolio', 'examples/portfolio-multi.json', '--mc-paths', '300', '--history', h, '--json'));
    expect(out.monteCarlo).toMatchObject({ method: 'bootstrap', paths: 300, horizonDays: 10, nu: null });
    const fitted = json(await cli('stress', '--portfolio', 'examples/portfolio-multi.json', '--mc-paths', '300', '--history', h, '--mc-method', 'fitted-t', '--json'));
    expect(fitted.monteCarlo).toMatchObject({ method: 'fitted-t', paths: 300 });
  });
});
