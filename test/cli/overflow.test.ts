import { describe, expect, it } from 'vitest';
import { cli } from './run.js';
import { TradesizeError } from '../../src/core/errors.js';
import { blameInput } from '../../src/cli/flags/overflow.js';
import { GREEKS } from '../../src/cli/flags/options.js';

async function error(...args: string[]): Promise<{ code: string; message: string; path: string[]; details?: Record<string, unknown> }> {
  const run = await cli(...args, '--json');
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  return JSON.parse(run.stderr).error;
}

describe('results beyond the range of a double name the input flag', () => {
  it('--contract-size 1e308 is INVALID_INPUT at --contract-size, not NO_EDGE with "Infinity + fees NaN"', async () => {
    const e = await error('size', '--equity', '10000', '--entry', '65000', '--stop', '63000', '--risk', '0.01', '--contract-size', '1e308');
    expect(e).toMatchObject({ code: 'INVALID_INPUT', path: ['--contract-size'] });
    expect(e.message).toMatch(/^--contract-size: .*beyond the range of a double/);
    expect(e.message).not.toMatch(/NaN|Infinity/);
  });

  it('an inverse contract whose value overflows is INVALID_INPUT at --contract-size', async () => {
    const e = await error('size', '--inverse', '--contract-size', '1e300', '--equity', '1', '--entry', '1e-300', '--stop', '2e-300', '--side', 'short', '--risk', '0.01');
    expect(e).toMatchObject({ code: 'INVALID_INPUT', path: ['--contract-size'] });
  });

  it('a non-finite Greek is NON_FINITE_RESULT at the most extreme input flag, the output field in details', async () => {
    const e = await error('greeks', '--model', 'black-scholes', '--type', 'call', '--spot', '1e300', '--strike', '1e-299', '--expiry', '1', '--vol', '0.2');
    expect(e.code).toBe('NON_FINITE_RESULT');
    expect(e.path).toEqual(['--spot']);
    expect((e.details?.output as string[]).length).toBe(1);
    expect(e.message).toContain('--spot 1e300');
  });

  it('a Kelly multiplier or fraction of 1e308 overflows its cap: NON_FINITE_RESULT at that flag, never "at most Infinity" in an explanation', async () => {
    const base = ['size', '--equity', '10000', '--entry', '65000', '--stop', '60000', '--risk', '0.05'];
    const funding = await error(...base, '--kelly-mu', '0.5', '--vol', '0.6', '--funding-rate', '0.0001', '--funding-interval', '8', '--kelly-multiplier', '1e308');
    expect(funding).toMatchObject({ code: 'NON_FINITE_RESULT', path: ['--kelly-multiplier'], details: { output: ['constraints', 'funding-kelly'] } });
    const kelly = await error(...base, '--kelly-fraction', '1e308');
    expect(kelly).toMatchObject({ code: 'NON_FINITE_RESULT', path: ['--kelly-fraction'], details: { output: ['constraints', 'kelly'] } });
  });

  it('leaves other errors, and non-finite results without a numeric flag, as they are', () => {
    const other = new TradesizeError('INVALID_INPUT', 'x', ['spot']);
    expect(blameInput(other, GREEKS, { spot: '1e300' }, new Set(['spot']))).toBe(other);
    const nan = new TradesizeError('NON_FINITE_RESULT', 'x', ['gamma']);
    expect(blameInput(nan, GREEKS, { model: 'black76' }, new Set(['model']))).toBe(nan);
    expect(blameInput(nan, GREEKS, { spot: '1e300', strike: '1e-301' }, new Set(['spot', 'strike']))).toMatchObject({ path: ['--strike'], details: { output: ['gamma'] } });
  });
});

describe('a bad request reports every issue', () => {
  it('details.issues lists each {code, message, path} at its flag; the error path is the first one', async () => {
    const e = await error('size', '--equity', '-1', '--entry', '65000', '--stop', '63000', '--risk', '2', '--lot', '0');
    expect(e).toMatchObject({ code: 'INVALID_INPUT', path: ['--equity'] });
    const issues = e.details?.issues as { code: string; message: string; path: string[] }[];
    expect(issues.map((i) => [i.code, i.path])).toEqual([['too_small', ['--equity']], ['too_big', ['--risk']], ['too_small', ['--lot']]]);
    for (const i of issues) expect(i.message.length).toBeGreaterThan(0);
  });
});

describe('kelly leaves the sample-size checks to the library, reported at the flag', () => {
  it.each([
    [['kelly', '--mu', '0.3', '--sigma', '0.6', '--years', '-1'], '--years'],
    [['kelly', '--p', '0.6', '--b', '1', '--trials', '2.5'], '--trials'],
  ])('%j', async (args, flag) => {
    const e = await error(...args);
    expect(e).toMatchObject({ code: 'INVALID_INPUT', path: [flag] });
    expect((e.details?.issues as { path: string[] }[])[0]?.path).toEqual([flag]);
  });
});
