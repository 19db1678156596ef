import { describe, expect, it } from 'vitest';
import { cli } from './run.js';

const SIZE = ['size', '--equity', '10000', '--entry', '65000', '--stop', '63000', '--risk', '0.01'];
const LIQ = ['liquidation', '--venue', 'binance-usdm', '--symbol', 'BTCUSDT', '--side', 'long', '--entry', '65000', '--quantity', '1', '--margin-mode', 'isolated', '--collateral', '6500'];

/** The error of a run that must fail, from its --json stderr. */
async function refused(...args: string[]): Promise<{ code: string; message: string; path: string[] }> {
  const run = await cli(...args, '--json');
  expect(run.code, run.stdout).toBe(2);
  return (JSON.parse(run.stderr) as { error: { code: string; message: string; path: string[] } }).error;
}

describe('a flag that has no effect is refused with CONFLICTING_OPTIONS naming it', () => {
  it.each([
    ['--years with --p', ['kelly', '--p', '0.6', '--b', '1', '--years', '3'], '--years'],
    ['--trials with --mu', ['kelly', '--mu', '0.3', '--sigma', '0.6', '--trials', '100'], '--trials'],
    ['--shrink with --mu', ['kelly', '--mu', '0.3', '--sigma', '0.6', '--shrink'], '--shrink'],
    ['--a with --mu', ['kelly', '--mu', '0.3', '--sigma', '0.6', '--a', '0.5'], '--a'],
    ['--rf with --p', ['kelly', '--p', '0.6', '--b', '1', '--rf', '0.05'], '--rf'],
    ['--dist with --p', ['kelly', '--p', '0.6', '--b', '1', '--dist', 'normal'], '--dist'],
    ['--block without --bootstrap', ['kelly', '--returns', 'examples/gbm-1d.csv', '--block', '5'], '--block'],
    ['--seed without --bootstrap', ['kelly', '--returns', 'examples/gbm-1d.csv', '--seed', '5'], '--seed'],
    ['--scenarios with the empirical distribution', ['kelly', '--returns', 'examples/gbm-1d.csv', '--scenarios', '500'], '--scenarios'],
    ['--tiers with --mmr', [...LIQ, '--mmr', '0.004', '--tiers', 'tiers.json'], '--tiers'],
    ['--lambda with --vol-method garch', [...SIZE, '--vol-target', '0.5', '--vol-data', 'examples/gbm-1d.csv', '--vol-method', 'garch', '--lambda', '0.9'], '--lambda'],
    ['--vol-method without --vol-data', [...SIZE, '--vol-target', '0.5', '--vol', '0.6', '--vol-method', 'garch'], '--vol-method'],
    ['--vol-horizon with ewma', [...SIZE, '--vol-target', '0.5', '--vol-data', 'examples/gbm-1d.csv', '--vol-horizon', '30'], '--vol-horizon'],
    ['--column without a data file', [...SIZE, '--column', 'close'], '--column'],
    ['--periods-per-year without --vol-data', [...SIZE, '--periods-per-year', '365'], '--periods-per-year'],
    ['stress --block without bootstrap', ['stress', '--portfolio', 'examples/portfolio-btc.json', '--block', '3'], '--block'],
    ['stress --history with student-t', ['stress', '--portfolio', 'examples/portfolio-btc.json', '--mc-method', 'student-t', '--history', 'BTC=examples/gbm-1d.csv'], '--history'],
    ['stress --nu with bootstrap', ['stress', '--portfolio', 'examples/portfolio-btc.json', '--history', 'BTC=examples/gbm-1d.csv', '--nu', '3'], '--nu'],
    ['regime --window with hmm', ['regime', '--data', 'examples/gbm-1d.csv', '--window', '100'], '--window'],
    ['first-passage --column without --data', ['first-passage', '--price', '100', '--lower', '90', '--mu', '0', '--sigma', '0.5', '--horizon', '1', '--column', 'close'], '--column'],
  ])('%s', async (_name, args, flag) => {
    const e = await refused(...args);
    expect(e.code).toBe('CONFLICTING_OPTIONS');
    expect(e.path).toEqual([flag]);
    expect(e.message.startsWith(flag)).toBe(true);
  });

  it('the same flags in their own mode are accepted', async () => {
    for (const args of [
      ['kelly', '--mu', '0.3', '--sigma', '0.6', '--years', '3', '--rf', '0.05'],
      ['kelly', '--p', '0.6', '--b', '1', '--trials', '100', '--a', '0.5'],
      ['kelly', '--returns', 'examples/gbm-1d.csv', '--bootstrap', '20', '--block', '5', '--seed', '3'],
      ['kelly', '--returns', 'examples/gbm-1d.csv', '--dist', 'normal', '--scenarios', '500', '--shrink'],
      [...SIZE, '--vol-target', '0.5', '--vol-data', 'examples/gbm-1d.csv', '--vol-method', 'ewma', '--lambda', '0.9', '--column', 'close', '--periods-per-year', '365'],
      ['regime', '--data', 'examples/gbm-1d.csv', '--method', 'vol', '--window', '100'],
    ]) {
      const run = await cli(...args, '--json');
      expect(run.stderr, args.join(' ')).toBe('');
      expect(run.code).toBe(0);
    }
  }, 60_000);

  it('a default value is not "given": kelly --p with the default --a and --rf', async () => {
    expect((await cli('kelly', '--p', '0.6', '--b', '1', '--json')).code).toBe(0);
  });
});
