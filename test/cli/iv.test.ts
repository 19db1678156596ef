/**
 * `tradesize iv` through the registered command: the `impliedVol` key, every model, the price
 * range, and errors (exit 2) for prices outside the no-arbitrage bounds.
 */
import { describe, expect, it } from 'vitest';
import { cli, cliError, cliJson } from './run.js';
import { TradesizeError } from '../../src/core/errors.js';
import { optionPrice } from '../../src/options/kernel.js';

type Opts = Record<string, string | boolean | undefined>;
const runJson = (opts: Opts): Promise<Record<string, unknown>> => cliJson('iv', opts);
const runError = (opts: Opts): Promise<TradesizeError> => cliError('iv', opts);

describe('tradesize iv', () => {
  it.each([
    ['black-scholes', { spot: '100', div: '0.02' }, 100, 0.02],
    ['black76', { forward: '100' }, 100, 0],
    ['inverse', { forward: '60000' }, 60000, 0],
  ] as const)('%s: inverts its own price to 1e-12', async (model, under, u, q) => {
    const strike = model === 'inverse' ? 66000 : 110;
    const price = optionPrice(model, true, u, strike, 0.5, 0.75, 0.03, q);
    const r = await runJson({ model, type: 'call', price: String(price), ...under, strike: String(strike), expiry: '0.5', rate: '0.03' });
    expect(r.impliedVol as number).toBeCloseTo(0.75, 12);
    expect(r).toMatchObject({ model, type: 'call', price });
    // No-arbitrage range of a call (Hull, "Options, Futures, and Other Derivatives", ch. 11):
    // [D·max(F − K, 0), D·F) with D = e^{−rT}, F = S·e^{(r − q)T}; in coin (÷F) for inverse.
    const D = Math.exp(-0.03 * 0.5);
    const F = model === 'black-scholes' ? u * Math.exp((0.03 - q) * 0.5) : u;
    const unit = model === 'inverse' ? D / F : D;
    expect(r.lowerBound as number).toBeCloseTo(unit * Math.max(F - strike, 0), 14);
    expect(r.upperBound as number).toBeCloseTo(unit * F, 12);
  });

  it('prints a table without --json', async () => {
    const run = await cli('iv', '--model', 'black76', '--type', 'put', '--price', '7.965567455405804', '--forward', '100', '--strike', '100', '--expiry', '1');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^implied vol\s+0\.2$/m);
  });

  it('prices outside [intrinsic, upper bound) exit 2 at --price with the bounds', async () => {
    const below = await runError({ model: 'black76', type: 'call', price: '5', forward: '110', strike: '100', expiry: '1' });
    expect(below).toMatchObject({ code: 'INVALID_INPUT', path: ['--price'] });
    expect(below.message).toMatch(/below the no-arbitrage lower bound 10/);
    const run = await cli('iv', '--model', 'inverse', '--type', 'call', '--price', '1.2', '--forward', '60000', '--strike', '50000', '--expiry', '1', '--json');
    expect(run.code).toBe(2);
    const err = (JSON.parse(run.stderr) as { error: { code: string; path: string[]; details: { reason: string; upperBound: number } } }).error;
    expect(err).toMatchObject({ code: 'INVALID_INPUT', path: ['--price'], details: { reason: 'above-upper-bound', upperBound: 1 } });
  });

  it('flag rules and bad values', async () => {
    expect(await runError({ model: 'black-scholes', type: 'call', strike: '100', expiry: '1', spot: '100' })).toMatchObject({ code: 'MISSING_OPTION', path: ['--price'] });
    expect(await runError({ model: 'inverse', type: 'call', price: '0.1', spot: '100', strike: '100', expiry: '1' })).toMatchObject({ code: 'CONFLICTING_OPTIONS', path: ['--spot'] });
    expect(await runError({ model: 'black76', type: 'call', price: '1', forward: '100', strike: '100', expiry: '0' })).toMatchObject({ code: 'INVALID_INPUT', path: ['--expiry'] });
    expect(await runError({ model: 'black76', type: 'call', price: 'NaN', forward: '100', strike: '100', expiry: '1' })).toMatchObject({ code: 'INVALID_INPUT', path: ['--price'] });
  });
});
