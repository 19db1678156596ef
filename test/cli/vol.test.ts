/**
 * `tradesize vol` through the registered command (the in-process runner of ./run.ts).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { argsOf, cli, hasNonFinite, json, type CliRun } from './run.js';
import { describeWithSharedData, readFixture, sharedDataPath } from '../helpers/shared-data.js';
import { ohlcFixture, OHLC_REL } from '../volatility/ohlc-fixture.js';
import { expectRel } from '../helpers/assert.js';
import { fitGarch } from '../../src/volatility/garch.js';

type Opts = Record<string, string | boolean | undefined>;

const vol = (opts: Opts): Promise<CliRun> => cli('vol', ...argsOf(opts));

function errorOf(run: CliRun): { code: string; message: string; path: (string | number)[] } {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  return (JSON.parse(run.stderr) as { error: { code: string; message: string; path: (string | number)[] } }).error;
}

function tempCsv(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tradesize-vol-')), 'bars.csv');
  writeFileSync(file, text);
  return file;
}

const case0 = ohlcFixture.synthetic[0];
if (case0 === undefined) throw new Error('empty OHLC fixture');
/** The fixture's first synthetic series as an OHLCV file without timestamps. */
const SYNTHETIC = tempCsv(
  `open,high,low,close,volume\n${case0.open.map((o, i) => `${o},${case0.high[i]},${case0.low[i]},${case0.close[i]},1`).join('\n')}\n`,
);

describe('tradesize vol', () => {
  for (const model of ['parkinson', 'garman-klass', 'rogers-satchell', 'yang-zhang'] as const) {
    it(`--model ${model} matches TTR::volatility`, async () => {
      const run = await vol({ data: SYNTHETIC, model, periodsPerYear: String(case0.periodsPerYear), json: true });
      expect(run.code).toBe(0);
      expect(hasNonFinite(run.stdout)).toBe(false);
      const out = json(run);
      expect(out.method).toBe(model);
      expect(out.periodsPerYear).toBe(case0.periodsPerYear);
      expect(out.observations).toBe(case0.expected[model].observations);
      expectRel(out.annualizedVol as number, case0.expected[model].annualizedVol, OHLC_REL);
      expectRel(out.periodVol as number, case0.expected[model].periodVol, OHLC_REL);
    });
  }

  it('--model close and ewma read one column; periods per year default to 365 without timestamps', async () => {
    const close = json(await vol({ data: SYNTHETIC, model: 'close', json: true }));
    const r = case0.close.slice(1).map((c, i) => Math.log(c / (case0.close[i] as number)));
    const mean = r.reduce((s, x) => s + x, 0) / r.length;
    const sd = Math.sqrt(r.reduce((s, x) => s + (x - mean) ** 2, 0) / (r.length - 1));
    expect(close).toMatchObject({ method: 'close', periodsPerYear: 365, periodsPerYearSource: 'default', observations: r.length, column: 'close' });
    expectRel(close.annualizedVol as number, sd * Math.sqrt(365), 1e-12);
    const ewma = json(await vol({ data: SYNTHETIC, model: 'ewma', lambda: '0.97', column: 'open', json: true }));
    expect(ewma).toMatchObject({ method: 'ewma', lambda: 0.97, column: 'open' });
  });

  it('--input returns reads a column of simple returns', async () => {
    const file = tempCsv('date,ret\n2024-01-01,0.01\n2024-01-02,-0.02\n2024-01-03,0.015\n');
    const out = json(await vol({ data: file, input: 'returns', model: 'close', json: true }));
    expect(out.observations).toBe(3);
    expect(out.periodsPerYearSource).toBe('inferred');
  });

  it('prints a table without --json', async () => {
    const run = await vol({ data: SYNTHETIC, model: 'yang-zhang' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^model\s+yang-zhang$/m);
    expect(run.stdout).toMatch(/annualised vol/);
  });

  it('--model garch and garch-t fit GARCH(1,1) to the log returns and print the contract keys', async () => {
    const r = case0.close.slice(1).map((c, i) => Math.log(c / (case0.close[i] as number)));
    for (const [model, innovations] of [['garch', 'normal'], ['garch-t', 'student-t']] as const) {
      const run = await vol({ data: SYNTHETIC, model, json: true });
      expect(run.code).toBe(0);
      expect(hasNonFinite(run.stdout)).toBe(false);
      const out = json(run);
      const fit = fitGarch(r, { innovations, periodsPerYear: 365 });
      expect(out).toMatchObject({ method: model, observations: r.length, periodsPerYear: 365, column: 'close', input: 'prices' });
      for (const k of ['annualizedVol', 'mu', 'omega', 'alpha', 'beta', 'logLikelihood'] as const) expectRel(out[k] as number, fit[k], 1e-9);
      if (model === 'garch-t') expectRel(out.nu as number, fit.nu as number, 1e-9);
      else expect(out.nu).toBeUndefined();
    }
    const table = await vol({ data: SYNTHETIC, model: 'garch-t' });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^nu\s+\S+$/m);
    expect(table.stdout).toMatch(/^log-likelihood\s+\S+$/m);
  });

  it('--model garch refuses too short a series and --lambda', async () => {
    const file = tempCsv(`close\n${Array.from({ length: 60 }, (_, i) => 100 + Math.sin(i)).join('\n')}\n`);
    expect(errorOf(await vol({ data: file, model: 'garch', json: true }))).toMatchObject({ code: 'INSUFFICIENT_DATA', path: ['--data'] });
    expect(errorOf(await vol({ data: SYNTHETIC, model: 'garch-t', lambda: '0.9', json: true }))).toMatchObject({ code: 'CONFLICTING_OPTIONS', path: ['--lambda'] });
  });

  it('typed errors: missing or unknown --model, missing --data, conflicting flags, bad numbers', async () => {
    expect(errorOf(await vol({ data: SYNTHETIC, json: true }))).toMatchObject({ code: 'MISSING_OPTION', path: ['--model'] });
    expect(errorOf(await vol({ data: SYNTHETIC, model: 'hv', json: true }))).toMatchObject({ code: 'INVALID_INPUT', path: ['--model'] });
    expect(errorOf(await vol({ model: 'close', json: true }))).toMatchObject({ code: 'MISSING_OPTION', path: ['--data'] });
    expect(errorOf(await vol({ data: SYNTHETIC, model: 'parkinson', lambda: '0.9', json: true }))).toMatchObject({ code: 'CONFLICTING_OPTIONS', path: ['--lambda'] });
    expect(errorOf(await vol({ data: SYNTHETIC, model: 'parkinson', column: 'open', json: true }))).toMatchObject({ code: 'CONFLICTING_OPTIONS', path: ['--column'] });
    expect(errorOf(await vol({ data: SYNTHETIC, model: 'yang-zhang', input: 'returns', json: true }))).toMatchObject({ code: 'CONFLICTING_OPTIONS', path: ['--input'] });
    expect(errorOf(await vol({ data: SYNTHETIC, model: 'ewma', lambda: '1.5', json: true }))).toMatchObject({ code: 'INVALID_INPUT', path: ['--lambda'] });
    expect(errorOf(await vol({ data: SYNTHETIC, model: 'close', periodsPerYear: '0', json: true }))).toMatchObject({ code: 'INVALID_INPUT', path: ['--periods-per-year'] });
    expect(errorOf(await vol({ data: SYNTHETIC, model: 'close', periodsPerYear: 'abc', json: true }))).toMatchObject({ code: 'INVALID_INPUT', path: ['--periods-per-year'] });
    expect(errorOf(await vol({ data: '/nonexistent/bars.csv', model: 'parkinson', json: true }))).toMatchObject({ code: 'FILE_NOT_FOUND', path: ['--data'] });
  });

  it('--model implied reads the latest implied-vol index level; --iv-unit decimal; misuse is refused', async () => {
    const dvol = tempCsv('timestamp,dvol_close\n2024-01-01T00:00:00Z,52.1\n2024-01-02T00:00:00Z,55.4\n');
    const out = json(await vol({ data: dvol, model: 'implied', json: true }));
    expect(out.annualizedVol).toBeCloseTo(0.554, 15);
    expect(out).toMatchObject({ method: 'implied', level: 55.4, ivUnit: 'percent', asOf: '2024-01-02T00:00:00Z', column: 'dvol_close', observations: 2 });
    const dec = tempCsv('iv\n0.61\n');
    expect(json(await vol({ data: dec, model: 'implied', ivUnit: 'decimal', json: true })).annualizedVol).toBe(0.61);
    const table = await vol({ data: dvol, model: 'implied' });
    expect(table.stdout).toMatch(/^as of\s+2024-01-02T00:00:00Z$/m);
    expect(errorOf(await vol({ data: SYNTHETIC, model: 'implied', json: true }))).toMatchObject({ code: 'INVALID_INPUT', path: ['--data', case0.close.length - 1] });
    expect(errorOf(await vol({ data: dvol, model: 'implied', input: 'prices', json: true }))).toMatchObject({ code: 'CONFLICTING_OPTIONS', path: ['--input'] });
    expect(errorOf(await vol({ data: SYNTHETIC, model: 'close', ivUnit: 'percent', json: true }))).toMatchObject({ code: 'CONFLICTING_OPTIONS', path: ['--iv-unit'] });
    expect(errorOf(await vol({ data: dvol, model: 'implied', ivUnit: 'basis', json: true }))).toMatchObject({ code: 'INVALID_INPUT', path: ['--iv-unit'] });
  });

  it('--horizon: the GARCH forecast averaged over the next n periods; other models refuse it', async () => {
    const r = case0.close.slice(1).map((c, i) => Math.log(c / (case0.close[i] as number)));
    const out = json(await vol({ data: SYNTHETIC, model: 'garch', horizon: '10', json: true }));
    const fit = fitGarch(r, { periodsPerYear: 365, horizon: 10 });
    const mean = fit.forecasts.reduce((a, h) => a + h, 0) / 10;
    expect(out.horizon).toBe(10);
    expectRel(out.annualizedVol as number, Math.sqrt(mean * 365), 1e-9);
    expect(errorOf(await vol({ data: SYNTHETIC, model: 'ewma', horizon: '10', json: true }))).toMatchObject({ code: 'CONFLICTING_OPTIONS', path: ['--horizon'] });
    expect(errorOf(await vol({ data: SYNTHETIC, model: 'garch', horizon: '0', json: true }))).toMatchObject({ code: 'INVALID_INPUT', path: ['--horizon'] });
    expect(errorOf(await vol({ data: SYNTHETIC, model: 'parkinson', horizon: '10', json: true }))).toMatchObject({ code: 'CONFLICTING_OPTIONS', path: ['--horizon'] });
    expect(errorOf(await vol({ data: SYNTHETIC, model: 'parkinson', ivUnit: 'percent', json: true }))).toMatchObject({ code: 'CONFLICTING_OPTIONS', path: ['--iv-unit'] });
  });

  it('bad bars: high below low, a missing column, a bad cell', async () => {
    const inverted = tempCsv('timestamp,open,high,low,close\n2024-01-01,100,101,99,100\n2024-01-02,100,98,99,99\n2024-01-03,99,100,98,99\n');
    expect(errorOf(await vol({ data: inverted, model: 'garman-klass', json: true }))).toMatchObject({ code: 'INVALID_INPUT', path: ['ohlc', 'high', 1] });
    const noLow = tempCsv('timestamp,open,high,close\n2024-01-01,100,101,100\n2024-01-02,100,102,99\n');
    expect(errorOf(await vol({ data: noLow, model: 'parkinson', json: true }))).toMatchObject({ code: 'INVALID_INPUT', path: ['low'] });
    const badCell = tempCsv('timestamp,open,high,low,close\n2024-01-01,100,101,99,100\n2024-01-02,100,x,99,99\n');
    const e = errorOf(await vol({ data: badCell, model: 'rogers-satchell', json: true }));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.message).toMatch(/line 3/);
    const flat = tempCsv('open,high,low,close\n1,1,1,1\n1,1,1,1\n1,1,1,1\n');
    expect(errorOf(await vol({ data: flat, model: 'yang-zhang', json: true })).code).toBe('INSUFFICIENT_DATA');
  });
});

describeWithSharedData('tradesize vol on real BTC daily bars', ['ohlcv/btc-usdt-1d.csv'], () => {
  const real = ohlcFixture.real.find((r) => r.file === 'ohlcv/btc-usdt-1d.csv');

  it('infers 365 periods a year from the timestamps and matches TTR for every range model', async () => {
    if (real === undefined) throw new Error('fixture has no btc-usdt-1d entry');
    const file = sharedDataPath(real.file) as string;
    for (const model of ['parkinson', 'garman-klass', 'rogers-satchell', 'yang-zhang'] as const) {
      const out = json(await vol({ data: file, model, json: true }));
      expect(out).toMatchObject({ periodsPerYear: 365, periodsPerYearSource: 'inferred', observations: real.expected[model].observations });
      expectRel(out.annualizedVol as number, real.expected[model].annualizedVol, OHLC_REL);
    }
  });

  it('--model garch-t matches fGarch::garchFit (scripts/fixtures/garch_fgarch.R)', async () => {
    const ref = readFixture<{ real: { file: string; std: Record<string, number> }[] }>('volatility/garch.json').real.find((r) => r.file === 'ohlcv/btc-usdt-1d.csv');
    if (ref === undefined) throw new Error('garch fixture has no btc-usdt-1d entry');
    const out = json(await vol({ data: sharedDataPath(ref.file) as string, model: 'garch-t', json: true }));
    expect(out).toMatchObject({ method: 'garch-t', periodsPerYear: 365, periodsPerYearSource: 'inferred' });
    expectRel(out.logLikelihood as number, ref.std.logLikelihood as number, 1e-8);
    for (const k of ['omega', 'alpha', 'beta', 'nu'] as const) expectRel(out[k] as number, ref.std[k] as number, 1e-3);
    expectRel(out.annualizedVol as number, Math.sqrt((ref.std.hNext as number) * 365), 1e-3);
  });
});
