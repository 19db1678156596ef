/**
 * Monte Carlo budgets and nonsense dynamics (issue "Foundation before the engine" §6): threads are
 * capped at the cores, paths × steps is bounded with an error naming the budget, and GARCH(1,1)
 * parameters outside stationarity or double range are refused — checked before any path runs, so
 * the refusals come back at once (the test timeout bounds them; no wall-clock assertion).
 */
import { describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { simulateFirstPassage, simulateFirstPassageSync, threadsFor, type MonteCarloFirstPassageInput } from '../../src/simulation/index.js';
import { MAX_PATH_STEPS } from '../../src/simulation/model-input.js';
import { cli } from '../cli/run.js';
import { thrown } from '../helpers/assert.js';


const ok = { price: 100, lower: 90, upper: 120, mu: 0.1, sigma: 0.6, horizon: 0.25, paths: 10 };
const garch = (g: Record<string, number>, over: Record<string, unknown> = {}) => ({ ...ok, sigma: undefined, model: 'garch-t', garch: { omega: 1e-5, alpha: 0.1, beta: 0.85, nu: 5, ...g }, ...over });

describe('Monte Carlo budgets', () => {
  it('threads are capped at os.availableParallelism()', () => {
    const cores = availableParallelism();
    expect(threadsFor(1e9, 1000)).toBe(cores);
    expect(threadsFor(1e9, 1)).toBe(1);
    expect(threadsFor(1e9)).toBe(cores);
  });

  it('a run asking for 1000 threads gives the same answer as one thread', async () => {
    const input = { ...ok, paths: 20_000 };
    expect(await simulateFirstPassage(input, { threads: 1000 })).toEqual(simulateFirstPassageSync(input));
  });

  it.each([
    ['paths 1e9 (with the default 92 daily steps)', { paths: 1e9 }],
    ['paths 1e6 × steps 1e6', { paths: 1e6, steps: 1e6 }],
  ])('%s is refused at paths, naming the budget', (_name, over) => {
    const e = thrown(() => simulateFirstPassageSync({ ...ok, ...over } as MonteCarloFirstPassageInput));
    expect([e.code, e.path]).toEqual(['INVALID_INPUT', ['paths']]);
    expect(e.message).toContain(`paths × steps ≤ ${MAX_PATH_STEPS.toLocaleString('en-US')}`);
  });

  it('a run at the budget is accepted by validation (paths × steps = the budget)', () => {
    const e = thrown(() => simulateFirstPassageSync({ ...ok, paths: MAX_PATH_STEPS / 1000, steps: 1000, seed: 2 ** 60 } as MonteCarloFirstPassageInput));
    expect(e.path).toEqual(['seed']); // the only issue: the budget itself is not exceeded
  });
});

describe('GARCH(1,1)-t dynamics', () => {
  it.each([
    ['α + β = 1 with sigma as the first variance', garch({ alpha: 0.2, beta: 0.8 }, { sigma: 0.6 }), ['garch']],
    ['α + β > 1 with sigma', garch({ alpha: 0.5, beta: 0.8 }, { sigma: 0.6 }), ['garch']],
    ['omega 1e308', garch({ omega: 1e308 }), ['garch', 'omega']],
    ['alpha 1e308', garch({ alpha: 1e308, variance: 1e-4 }), ['garch', 'alpha']],
    ['beta 1', garch({ beta: 1, alpha: 0, variance: 1e-4 }), ['garch', 'beta']],
    ['nu 1e308', garch({ nu: 1e308 }), ['garch', 'nu']],
    ['variance 1e308', garch({ variance: 1e308 }), ['garch', 'variance']],
    ['sigma 1e308 as the first variance', garch({}, { sigma: 1e308 }), ['sigma']],
    ['student-t nu 1e308', { ...ok, model: 'student-t', nu: 1e308 }, ['nu']],
  ])('%s → INVALID_INPUT at %j', (_name, input, path) => {
    const e = thrown(() => simulateFirstPassageSync(input as MonteCarloFirstPassageInput));
    expect([e.code, e.path]).toEqual(['INVALID_INPUT', path]);
  });

  it('a stationary GARCH runs, and a fitted non-stationary one runs from the fit\'s own variance', () => {
    for (const g of [garch({}), garch({ alpha: 0.0908, beta: 0.9271, variance: 0.00126 })]) {
      const r = simulateFirstPassageSync(g as MonteCarloFirstPassageInput);
      expect(r.pLowerFirst + r.pUpperFirst + r.pNeither).toBeCloseTo(1, 12);
    }
  });
});

describe('tradesize first-passage budgets', () => {
  const BASE = ['first-passage', '--price', '100', '--lower', '90', '--upper', '120', '--mu', '0', '--sigma', '0.6', '--horizon', '0.25', '--json'];
  const err = async (...args: string[]) => {
    const run = await cli(...BASE, ...args);
    expect(run.code).toBe(2);
    return JSON.parse(run.stderr).error as { code: string; path: string[]; message: string };
  };

  it('--paths 1e9 and --paths 1e6 --steps 1e6 exit 2 at --paths naming the budget', async () => {
    for (const args of [['--paths', '1000000000'], ['--paths', '1000000', '--steps', '1000000']]) {
      const e = await err(...args);
      expect([e.code, e.path]).toEqual(['INVALID_INPUT', ['--paths']]);
      expect(e.message).toContain('paths × steps ≤');
    }
  });

  it('--threads 1000 runs on at most the cores and says so', async () => {
    const run = await cli(...BASE, '--paths', '4096', '--threads', '1000');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).threads).toBe(availableParallelism());
  });

  it('--model garch-t with alpha + beta ≥ 1 or 1e308 parameters exits 2', async () => {
    const g = ['--model', 'garch-t', '--paths', '1000'];
    expect((await err(...g, '--omega', '1e-5', '--alpha', '0.3', '--beta', '0.8', '--nu', '5')).code).toBe('INVALID_INPUT');
    expect((await err(...g, '--omega', '1e308', '--alpha', '0.1', '--beta', '0.8', '--nu', '5')).path).toEqual(['--omega']);
    expect((await err(...g, '--omega', '1e-5', '--alpha', '0.1', '--beta', '0.8', '--nu', '1e308')).path).toEqual(['--nu']);
  });
});
