/**
 * `tradesize greeks` through the registered command (in-process runner): the JSON contract keys,
 * units, the --spot/--forward rule per model, and errors (exit 2, code and flag path).
 */
import { describe, expect, it } from 'vitest';
import { cli, cliError, cliJson } from './run.js';
import { TradesizeError } from '../../src/core/errors.js';
import { optionGreeks } from '../../src/options/kernel.js';

type Opts = Record<string, string | boolean | undefined>;
const runJson = (opts: Opts): Promise<Record<string, unknown>> => cliJson('greeks', opts);
const runError = (opts: Opts): Promise<TradesizeError> => cliError('greeks', opts);

const BS = { model: 'black-scholes', type: 'call', spot: '100', strike: '100', expiry: '1', vol: '0.2', rate: '0.05' };

describe('tradesize greeks', () => {
  it('prints price, delta, gamma, vega, theta, rho (per 1.00 vol, per year, per 1.00 rate) and the extras', async () => {
    const r = await runJson(BS);
    const g = optionGreeks('black-scholes', true, 100, 100, 1, 0.2, 0.05, 0);
    for (const k of ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const) expect(r[k]).toBe(g[k]);
    expect(r.price as number).toBeCloseTo(10.450583572185565, 13);
    expect(r).toMatchObject({ model: 'black-scholes', type: 'call', priceUnit: 'quote' });
    expect(r.thetaPerDay as number).toBeCloseTo(g.theta / 365, 15);
    expect(r.vegaPerPoint as number).toBeCloseTo(g.vega / 100, 15);
    expect(r.cashDelta as number).toBeCloseTo(g.delta * 100, 13);
    expect(r.d1 as number).toBeCloseTo(0.35, 14);
    expect(r.d2 as number).toBeCloseTo(0.15, 14);
    for (const k of ['cashGamma', 'elasticity', 'rhoPerPoint', 'forward']) expect(typeof r[k]).toBe('number');
  });

  it('black76 discounts at --rate; inverse is in coin', async () => {
    const b = await runJson({ model: 'black76', type: 'call', forward: '100', strike: '100', expiry: '1', vol: '0.2', rate: '0.05' });
    expect(b.price as number).toBeCloseTo(Math.exp(-0.05) * 7.965567455405804, 13);
    const i = await runJson({ model: 'inverse', type: 'put', forward: '60000', strike: '55000', expiry: '0.1', vol: '0.55' });
    expect(i.priceUnit).toBe('coin');
    expect(i.price as number).toBe(optionGreeks('inverse', false, 60000, 55000, 0.1, 0.55, 0, 0).price);
  });

  it('prints a table without --json', async () => {
    const run = await cli('greeks', '--model', 'black-scholes', '--type', 'put', '--spot', '100', '--strike', '90', '--expiry', '0.5', '--vol', '0.3');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^model\s+black-scholes$/m);
    expect(run.stdout).toMatch(/^theta \(per year\)\s+-/m);
  });

  it('--spot belongs to black-scholes, --forward to black76 and inverse, --div to black-scholes only', async () => {
    expect(await runError({ ...BS, spot: undefined, forward: '100' })).toMatchObject({ code: 'CONFLICTING_OPTIONS', path: ['--forward'] });
    expect(await runError({ ...BS, model: 'black76' })).toMatchObject({ code: 'CONFLICTING_OPTIONS', path: ['--spot'] });
    expect(await runError({ ...BS, model: 'inverse', spot: undefined })).toMatchObject({ code: 'MISSING_OPTION', path: ['--forward'] });
    expect(await runError({ ...BS, spot: undefined })).toMatchObject({ code: 'MISSING_OPTION', path: ['--spot'] });
    expect(await runError({ ...BS, model: 'black76', spot: undefined, forward: '100', div: '0.01' })).toMatchObject({ code: 'CONFLICTING_OPTIONS', path: ['--div'] });
  });

  it('bad values exit 2 with the flag as the path', async () => {
    expect(await runError({ ...BS, vol: '-0.1' })).toMatchObject({ code: 'INVALID_INPUT', path: ['--vol'] });
    expect(await runError({ ...BS, strike: 'abc' })).toMatchObject({ code: 'INVALID_INPUT', path: ['--strike'] });
    expect(await runError({ ...BS, model: 'heston' })).toMatchObject({ code: 'INVALID_INPUT', path: ['--model'] });
    expect(await runError({ ...BS, type: undefined })).toMatchObject({ code: 'MISSING_OPTION', path: ['--type'] });
    expect(await runError({ ...BS, expiry: '-1' })).toMatchObject({ code: 'INVALID_INPUT', path: ['--expiry'] });
    const run = await cli('greeks', '--model', 'black-scholes', '--type', 'call', '--spot', '100', '--strike', '100', '--expiry', '1', '--json');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stderr)).toEqual({ error: { code: 'MISSING_OPTION', message: '--vol is required', path: ['--vol'] } });
  });

  it('omits d1/d2 and elasticity rather than printing non-finite numbers at expiry', async () => {
    const r = await runJson({ model: 'black76', type: 'call', forward: '90', strike: '100', expiry: '0', vol: '0.5' });
    expect(r.price).toBe(0);
    expect(r).not.toHaveProperty('d1');
    expect(r).not.toHaveProperty('elasticity');
  });
});
