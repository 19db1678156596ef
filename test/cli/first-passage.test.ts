/**
 * `tradesize first-passage` through the registered command (in-process runner of ./run.ts).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { argsOf, cli, hasNonFinite, json, type CliRun } from './run.js';
import { barrierHitProbability, firstPassage } from '../../src/risk/first-passage/index.js';
import { meanExitTime } from '../../src/risk/exit-time/index.js';
import { simulateFirstPassageSync } from '../../src/simulation/index.js';
import { fitGarch } from '../../src/volatility/garch.js';
import { createRng } from '../../src/stats/random.js';

type Opts = Record<string, string | boolean | undefined>;
const fp = (opts: Opts): Promise<CliRun> => cli('first-passage', ...argsOf(opts));
const BASE: Opts = { price: '100', lower: '90', upper: '120', mu: '0.1', sigma: '0.6', horizon: '0.25', json: true };

function errorOf(run: CliRun): { code: string; message: string; path: (string | number)[] } {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  return (JSON.parse(run.stderr) as { error: { code: string; message: string; path: (string | number)[] } }).error;
}

/** A CSV of 400 closes of a seeded GARCH-like random walk (no shared data needed). */
function pricesCsv(): string {
  const rng = createRng(9);
  let p = 100;
  let h = 4e-4;
  const lines = ['close'];
  for (let i = 0; i < 400; i++) {
    const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    const e = Math.sqrt(h) * z;
    h = 2e-5 + 0.1 * e * e + 0.85 * h;
    p *= Math.exp(e);
    lines.push(String(p));
  }
  const file = join(mkdtempSync(join(tmpdir(), 'tradesize-fp-')), 'prices.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('tradesize first-passage: closed form (gbm without --paths)', () => {
  it('two barriers: the keys of the contract equal firstPassage, plus E[τ ∧ T]', async () => {
    const run = await fp(BASE);
    expect(run.code).toBe(0);
    const out = json(run);
    const cf = firstPassage({ price: 100, lower: 90, upper: 120, mu: 0.1, sigma: 0.6, horizon: 0.25 });
    expect(out).toMatchObject({ method: 'closed-form', model: 'gbm', ...cf });
    expect(out.stdError).toBeUndefined();
    expect(out.expectedExitTime).toBe(meanExitTime(Math.log(100 / 90), Math.log(1.2), 0.1, 0.6, 0.25));
  });

  it('one barrier: --upper omitted, and an infinite horizon', async () => {
    const out = json(await fp({ ...BASE, upper: undefined, horizon: 'infinite' }));
    const p = barrierHitProbability({ price: 100, barrier: 90, mu: 0.1, sigma: 0.6, horizon: 'infinite' }).probability;
    expect(out).toMatchObject({ pLowerFirst: p, pUpperFirst: 0, pNeither: 1 - p, horizon: 'infinite' });
    expect(out.expectedExitTime).toBeUndefined(); // infinite: the drift points away from the stop
    const target = json(await fp({ ...BASE, lower: undefined }));
    expect(target.pLowerFirst).toBe(0);
    expect(target.pUpperFirst).toBe(barrierHitProbability({ price: 100, barrier: 120, mu: 0.1, sigma: 0.6, horizon: 0.25 }).probability);
  });

  it('prints a table without --json and never NaN/Infinity/null', async () => {
    const run = await fp({ ...BASE, json: false });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/P\(lower first\)\s+0\.612/);
    expect(hasNonFinite(run.stdout)).toBe(false);
  });
});

describe('tradesize first-passage: Monte Carlo', () => {
  it('gbm with --paths: the library simulation, plus stdError; threads do not change the numbers', async () => {
    const one = json(await fp({ ...BASE, paths: '20000', seed: '5', threads: '1' }));
    const two = json(await fp({ ...BASE, paths: '20000', seed: '5', threads: '2' }));
    const lib = simulateFirstPassageSync({ price: 100, lower: 90, upper: 120, mu: 0.1, sigma: 0.6, horizon: 0.25, paths: 20_000, seed: 5 });
    expect(one).toMatchObject({ method: 'monte-carlo', model: 'gbm', monitoring: 'continuous', pLowerFirst: lib.pLowerFirst, pUpperFirst: lib.pUpperFirst, pNeither: lib.pNeither, stdError: lib.stdError, paths: 20000, seed: 5 });
    expect({ ...two, threads: 1 }).toEqual(one);
    const cf = firstPassage({ price: 100, lower: 90, upper: 120, mu: 0.1, sigma: 0.6, horizon: 0.25 });
    expect(Math.abs((one.pLowerFirst as number) - cf.pLowerFirst)).toBeLessThan(3 * (one.stdError as number));
  });

  it('student-t with --nu, and discrete gbm monitoring', async () => {
    const t = json(await fp({ ...BASE, model: 'student-t', nu: '3', paths: '5000', threads: '1' }));
    expect(t).toMatchObject({ model: 'student-t', monitoring: 'discrete', nu: 3, paths: 5000, steps: 92 });
    expect((t.pLowerFirst as number) + (t.pUpperFirst as number) + (t.pNeither as number)).toBeCloseTo(1, 12);
    const d = json(await fp({ ...BASE, paths: '5000', monitoring: 'discrete', steps: '10', threads: '1' }));
    expect(d).toMatchObject({ monitoring: 'discrete', steps: 10 });
  });

  it('garch-t fitted to --data, and with explicit parameters', async () => {
    const file = pricesCsv();
    const out = json(await fp({ ...BASE, sigma: undefined, model: 'garch-t', data: file, paths: '4000', threads: '1' }));
    const closes = (await import('node:fs')).readFileSync(file, 'utf8').trim().split('\n').slice(1).map(Number);
    const fit = fitGarch(closes.slice(1).map((c, i) => Math.log(c / (closes[i] as number))), { innovations: 'student-t' });
    expect(out).toMatchObject({ model: 'garch-t', omega: fit.omega, alpha: fit.alpha, beta: fit.beta, nu: fit.nu, initialVariance: fit.nextVariance, steps: 91 });
    const explicit = json(await fp({ ...BASE, model: 'garch-t', omega: '1e-5', alpha: '0.1', beta: '0.85', nu: '4', paths: '4000', threads: '1' }));
    expect(explicit).toMatchObject({ omega: 1e-5, alpha: 0.1, beta: 0.85, nu: 4, initialVariance: 0.36 / 365 });
  });
});

describe('tradesize first-passage: errors (exit 2, code and flag)', () => {
  const cases: [string, Opts, string, string][] = [
    ['lower ≥ price', { ...BASE, lower: '100' }, 'INVALID_INPUT', '--lower'],
    ['upper ≤ price', { ...BASE, upper: '95' }, 'INVALID_INPUT', '--upper'],
    ['no barrier', { ...BASE, lower: undefined, upper: undefined }, 'MISSING_OPTION', '--lower'],
    ['missing price', { ...BASE, price: undefined }, 'MISSING_OPTION', '--price'],
    ['missing horizon', { ...BASE, horizon: undefined }, 'MISSING_OPTION', '--horizon'],
    ['missing sigma', { ...BASE, sigma: undefined }, 'MISSING_OPTION', '--sigma'],
    ['bad number', { ...BASE, mu: 'abc' }, 'INVALID_INPUT', '--mu'],
    ['negative sigma', { ...BASE, sigma: '-0.2' }, 'INVALID_INPUT', '--sigma'],
    ['zero horizon', { ...BASE, horizon: '0' }, 'INVALID_INPUT', '--horizon'],
    ['fractional paths', { ...BASE, paths: '10.5' }, 'INVALID_INPUT', '--paths'],
    ['zero threads', { ...BASE, paths: '10', threads: '0' }, 'INVALID_INPUT', '--threads'],
    ['unknown model', { ...BASE, model: 'heston' }, 'INVALID_INPUT', '--model'],
    ['seed without a simulation', { ...BASE, seed: '3' }, 'CONFLICTING_OPTIONS', '--seed'],
    ['nu with gbm simulation', { ...BASE, paths: '10', nu: '4' }, 'CONFLICTING_OPTIONS', '--nu'],
    ['student-t nu ≤ 2', { ...BASE, model: 'student-t', nu: '2' }, 'INVALID_INPUT', '--nu'],
    ['garch-t without parameters', { ...BASE, model: 'garch-t' }, 'MISSING_OPTION', '--omega'],
    ['garch-t with --data and --alpha', { ...BASE, model: 'garch-t', data: 'x.csv', alpha: '0.1' }, 'CONFLICTING_OPTIONS', '--alpha'],
    ['garch-t steps', { ...BASE, model: 'garch-t', omega: '1e-5', alpha: '0.1', beta: '0.85', nu: '4', steps: '5' }, 'INVALID_INPUT', '--steps'],
    ['missing data file', { ...BASE, model: 'student-t', data: '/nonexistent/x.csv' }, 'FILE_NOT_FOUND', '--data'],
    ['infinite horizon simulated', { ...BASE, horizon: 'infinite', paths: '10' }, 'INVALID_INPUT', '--horizon'],
    ['continuous student-t', { ...BASE, model: 'student-t', monitoring: 'continuous' }, 'INVALID_INPUT', '--monitoring'],
  ];
  for (const [name, opts, code, flag] of cases) {
    it(`${name} → ${code} at ${flag}`, async () => {
      const e = errorOf(await fp(opts));
      expect(e.code).toBe(code);
      expect(e.path).toEqual([flag]);
    });
  }
});
