/**
 * `tradesize regime` through the registered command (in-process runner): the JSON contract
 * (states, transitionMatrix, current, probabilities, multiplier), the table, and typed errors
 * naming the flag.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliError, cliJson, cliWith } from './run.js';
import { TradesizeError } from '../../src/core/errors.js';
import { describeWithSharedData, sharedDataPath } from '../helpers/shared-data.js';
import { simulateHmm } from '../regime/arbitraries.js';
import { fixtureCase } from '../regime/fixture.js';
import { hmmRegimes } from '../../src/regime/report.js';
import { regimeMultiplier } from '../../src/regime/multiplier.js';

type Opts = Record<string, string | boolean | undefined>;
const run = (opts: Opts): Promise<string> => cliWith('regime', opts);

const runJson = (opts: Opts): Promise<Record<string, unknown>> => cliJson('regime', opts);
const runError = (opts: Opts): Promise<TradesizeError> => cliError('regime', opts);

const dir = mkdtempSync(join(tmpdir(), 'tradesize-regime-'));
const P = { means: [0.001, -0.002], variances: [1e-4, 1.6e-3], transition: [[0.97, 0.03], [0.06, 0.94]], initial: [1, 0] };
const logs = simulateHmm(8, 500, P);
const pricesFile = join(dir, 'prices.csv');
/** The closes and timestamps written to pricesFile, for the library call on the same input. */
const prices = { values: [30_000], timestamps: [new Date(Date.UTC(2023, 0, 1)).toISOString()] };
{
  let price = 30_000;
  const rows = ['timestamp,close', `${prices.timestamps[0]},${price}`];
  logs.forEach((r, i) => {
    price *= Math.exp(r);
    prices.values.push(price);
    prices.timestamps.push(new Date(Date.UTC(2023, 0, 2 + i)).toISOString());
    rows.push(`${prices.timestamps[i + 1]},${price}`);
  });
  writeFileSync(pricesFile, `${rows.join('\n')}\n`);
}
const shortFile = join(dir, 'short.csv');
const badFile = join(dir, 'bad.csv');
writeFileSync(badFile, 'timestamp,close\n2024-01-01,100\n2024-01-02,abc\n');
writeFileSync(shortFile, `date,ret\n${logs.slice(0, 15).map((r, i) => `2024-01-${String(i + 1).padStart(2, '0')},${Math.expm1(r)}`).join('\n')}\n`);

interface StateOut {
  state: number;
  label: string;
  mean: number;
  vol: number;
  annualizedVol: number;
}

describe('tradesize regime --method hmm', () => {
  it('prints states, transitionMatrix, current, probabilities and the multiplier', async () => {
    const r = await runJson({ data: pricesFile });
    expect(r.method).toBe('hmm');
    const states = r.states as StateOut[];
    expect(states.map((s) => s.label)).toEqual(['calm', 'turbulent']);
    expect(states[0]?.vol as number).toBeLessThan(states[1]?.vol as number);
    expect(states[0]?.annualizedVol as number).toBeCloseTo((states[0]?.vol as number) * Math.sqrt(365), 12);
    const a = r.transitionMatrix as number[][];
    a.forEach((row) => expect(row.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12));
    const p = r.probabilities as number[];
    expect(p.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
    expect(r.current).toBe(p.indexOf(Math.max(...p)));
    // The library on the same closes, with the CLI's defaults (2 states, default table, probability weighting).
    const expected = regimeMultiplier(hmmRegimes({ values: prices.values, input: 'prices', timestamps: prices.timestamps, states: 2 }), undefined, { weighting: 'probability' });
    expect(r).toMatchObject({ multiplier: expected.multiplier, regime: expected.regime });
    expect(r.regime).toBe(`hmm-state-${String(r.current)} of 2 (${String(r.currentLabel)})`);
    expect(typeof r.explanation).toBe('string');
    expect(r.converged).toBe(true);
    expect(r.observations).toBe(500);
    expect(r.periodsPerYear).toBe(365);
    expect(r.periodsPerYearSource).toBe('inferred');
  });

  it('--states 3, --multipliers, --weighting current', async () => {
    const r = await runJson({ data: pricesFile, states: '3', multipliers: '1,0.6,0.3', weighting: 'current' });
    expect((r.states as StateOut[]).length).toBe(3);
    expect(r.multiplier).toBe([1, 0.6, 0.3][r.current as number]);
  });

  it('a table for humans', async () => {
    const text = await run({ data: pricesFile });
    expect(text).toMatch(/^current\s+\d \((calm|turbulent)\)$/m);
    expect(text).toMatch(/^multiplier\s+/m);
    expect(text).toMatch(/^state\s+label\s+mean\s+vol/m);
    expect(text).toMatch(/^from \\ to\s+calm\s+turbulent$/m);
  });
});

describe('tradesize regime --method vol', () => {
  it('prints the percentile regime and its multiplier', async () => {
    const r = await runJson({ data: pricesFile, method: 'vol', window: '200' });
    expect(r.method).toBe('vol');
    expect(['low', 'normal', 'high']).toContain(r.current);
    expect(r.window).toBe(200);
    expect(r.multiplier).toBe({ low: 1, normal: 0.75, high: 0.5 }[r.current as 'low']);
    const custom = await runJson({ data: pricesFile, method: 'vol', multipliers: 'low=1,normal=0.9,high=0.2' });
    expect(custom.multiplier).toBe({ low: 1, normal: 0.9, high: 0.2 }[custom.current as 'low']);
    const text = await run({ data: pricesFile, method: 'vol' });
    expect(text).toMatch(/^percentile\s+/m);
  });
});

describe('tradesize regime errors', () => {
  it('name the flag', async () => {
    const cases: [Opts, string, (string | number)[]][] = [
      [{}, 'MISSING_OPTION', ['--data']],
      [{ data: pricesFile, states: '4' }, 'INVALID_INPUT', ['--states']],
      [{ data: pricesFile, states: '1' }, 'INVALID_INPUT', ['--states']],
      [{ data: pricesFile, method: 'garch' }, 'INVALID_INPUT', ['--method']],
      [{ data: pricesFile, input: 'bars' }, 'INVALID_INPUT', ['--input']],
      [{ data: pricesFile, lambda: '0.9' }, 'CONFLICTING_OPTIONS', ['--lambda']],
      [{ data: pricesFile, method: 'vol', states: '2' }, 'CONFLICTING_OPTIONS', ['--states']],
      [{ data: pricesFile, multipliers: '1,2' }, 'INVALID_INPUT', ['--multipliers', 1]],
      [{ data: pricesFile, multipliers: '1,x' }, 'INVALID_INPUT', ['--multipliers']],
      [{ data: pricesFile, method: 'vol', multipliers: 'low=1,huge=0.1' }, 'INVALID_INPUT', ['--multipliers']],
      [{ data: pricesFile, starts: '0' }, 'INVALID_INPUT', ['--starts']],
      [{ data: pricesFile, method: 'vol', window: '3' }, 'INVALID_INPUT', ['--window']],
      [{ data: shortFile, input: 'returns' }, 'INSUFFICIENT_DATA', ['--data']],
      [{ data: shortFile, input: 'returns', method: 'vol' }, 'INSUFFICIENT_DATA', ['--data']],
      [{ data: join(dir, 'missing.csv') }, 'FILE_NOT_FOUND', ['--data']],
      [{ data: badFile }, 'PARSE_ERROR', ['data', 3, 'close']],
    ];
    for (const [opts, code, path] of cases) {
      const e = await runError({ ...opts, json: true });
      expect([e.code, e.path]).toEqual([code, path]);
    }
  });
});

const btc = fixtureCase('btc-usdt-1d-2');
describeWithSharedData('tradesize regime on BTC/USDT daily closes', [btc.shared?.file ?? ''], () => {
  it('reaches the numpy Baum–Welch optimum (≥ statsmodels’ likelihood)', async () => {
    const r = await runJson({ data: sharedDataPath(btc.shared?.file ?? '') as string });
    expect(r.observations).toBe(btc.observations);
    expect(r.logLikelihood as number).toBeGreaterThanOrEqual(btc.baumWelch.logLikelihood - 1e-9 * Math.abs(btc.baumWelch.logLikelihood));
    expect(r.logLikelihood as number).toBeGreaterThan(btc.statsmodels.logLikelihood);
  });
});
