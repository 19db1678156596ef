import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, hasNonFinite, json } from './run.js';
import { describeWithSharedData, readFixture, sharedDataPath } from '../helpers/shared-data.js';
import { expectRel } from '../helpers/assert.js';

/** scipy's exact Kelly on BTC daily simple returns (scripts/fixtures/kelly_exact.py). */
const kellyFixture = readFixture<{ btc: Record<'empirical' | 'normal' | 'student-t', { fraction: number; growthRate: number }> }>('kelly/exact.json');

describe('tradesize kelly', () => {
  it('discrete: --p 0.6 --b 1 → fraction 0.2', async () => {
    const out = json(await cli('kelly', '--p', '0.6', '--b', '1', '--json'));
    expect(out.fraction).toBeCloseTo(0.2, 15);
    expect(out.growthRate).toBeCloseTo(0.6 * Math.log(1.2) + 0.4 * Math.log(0.8), 15);
  });

  it("continuous: Thorp's example --mu 0.11 --sigma 0.15 --rf 0.06 → 2.2222, 0.11556", async () => {
    const run = await cli('kelly', '--mu', '0.11', '--sigma', '0.15', '--rf', '0.06', '--json');
    const out = json(run);
    expect(out.fraction).toBeCloseTo(2.2222, 4);
    expect(out.growthRate).toBeCloseTo(0.1156, 4);
    expect(hasNonFinite(run.stdout)).toBe(false);
  });

  it('fractional: the smallest of --multiplier and the drawdown limit is applied', async () => {
    const out = json(await cli('kelly', '--mu', '0.11', '--sigma', '0.15', '--rf', '0.06', '--multiplier', '0.8', '--drawdown-level', '0.5', '--drawdown-prob', '0.1', '--json'));
    const c = 2 / (1 + Math.log(0.1) / Math.log(0.5));
    expect(out.multiplier).toBeCloseTo(c, 12);
    expect(out.fraction).toBeCloseTo(c * (0.05 / 0.0225), 12);
    expect(out.growthRate).toBeCloseTo(0.06 + (c - c * c / 2) * (0.05 ** 2 / 0.0225), 12);
  });

  it('estimation-error shrinkage with --trials (Baker & McHale 2013)', async () => {
    const out = json(await cli('kelly', '--p', '0.55', '--b', '1', '--trials', '100', '--json'));
    expect(out.multiplier).toBeCloseTo(0.01 / 0.0199, 12);
  });

  it('exact from a returns file (--input returns)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradesize-'));
    const file = join(dir, 'r.csv');
    writeFileSync(file, 'date,ret\n2024-01-01,0.1\n2024-01-02,-0.05\n2024-01-03,0.02\n2024-01-04,-0.01\n');
    const run = await cli('kelly', '--returns', file, '--input', 'returns', '--json');
    expect(run.code).toBe(0);
    const out = json(run);
    // Independent check: mean R/(1+fR) = 0 at the optimum.
    const r = [0.1, -0.05, 0.02, -0.01];
    const f = out.fraction as number;
    expect(r.reduce((s, x) => s + x / (1 + f * x), 0)).toBeCloseTo(0, 10);
  });

  it('a bad cell is a PARSE_ERROR naming the line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradesize-'));
    const file = join(dir, 'p.csv');
    writeFileSync(file, 'timestamp,close\n2024-01-01,100\n2024-01-02,abc\n2024-01-03,101\n');
    const run = await cli('kelly', '--returns', file, '--json');
    expect(run.code).toBe(2);
    const err = JSON.parse(run.stderr).error;
    expect(err.code).toBe('PARSE_ERROR');
    expect(err.message).toMatch(/line 3/);
  });

  it.each([
    [['--p', '0.6'], 'MISSING_OPTION'],
    [['--p', '1.5', '--b', '1'], 'INVALID_INPUT'],
    [['--p', '0.6', '--b', '1', '--mu', '0.1'], 'CONFLICTING_OPTIONS'],
    [[], 'MISSING_OPTION'],
    [['--mu', '0.1', '--sigma', '0'], 'INVALID_INPUT'],
    [['--returns', '/no/file.csv'], 'FILE_NOT_FOUND'],
    [['--p', '0.6', '--b', '1', '--multiplier', '2'], 'INVALID_INPUT'],
  ])('%j → exit 2 with %s', async (args, code) => {
    const run = await cli('kelly', ...args, '--json');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(JSON.parse(run.stderr).error.code).toBe(code);
  });
});

describeWithSharedData('tradesize kelly --returns (real BTC daily closes)', ['ohlcv/btc-usdt-1d.csv'], () => {
  it("gives scipy's per-day fraction and growth under every distribution (test/fixtures/kelly/exact.json)", async () => {
    const file = sharedDataPath('ohlcv/btc-usdt-1d.csv') as string;
    // empirical / normal: the same scenarios as scipy (1e-9); student-t: our fit vs scipy's (1e-5).
    for (const [dist, tolerance] of [['empirical', 1e-9], ['normal', 1e-9], ['student-t', 1e-5]] as const) {
      const run = await cli('kelly', '--returns', file, '--dist', dist, '--json');
      expect(run.code).toBe(0);
      const out = json(run);
      const ref = kellyFixture.btc[dist];
      expectRel(out.fraction as number, ref.fraction, tolerance);
      expectRel(out.growthRate as number, ref.growthRate, tolerance);
      expect(hasNonFinite(run.stdout.replace(/"model":null/, ''))).toBe(false);
    }
  });
});
