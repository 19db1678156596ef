import { describe, expect, it } from 'vitest';
import { cli, hasNonFinite, json } from './run.js';
import { describeWithSharedData, sharedDataPath } from '../helpers/shared-data.js';

const BASE = ['size', '--equity', '10000', '--entry', '65000', '--stop', '63000', '--risk', '0.01'];

describe('tradesize size', () => {
  it('prints the decision as one JSON object with the contract keys', async () => {
    const run = await cli(...BASE, '--fee-rate', '0.0005', '--max-leverage', '20', '--lot', '0.001', '--min-notional', '5', '--json');
    expect(run.code).toBe(0);
    const out = json(run);
    for (const key of ['quantity', 'notional', 'leverage', 'initialMargin', 'riskAtStop', 'binding', 'constraints']) expect(out).toHaveProperty(key);
    expect(out.quantity).toBe(0.048);
    expect(out.binding).toBe('stop-risk');
    expect(out.initialMargin).toBeCloseTo(3120 / 20, 9);
    const constraints = out.constraints as { name: string; maxQuantity: number }[];
    expect(constraints.map((c) => c.name)).toEqual(['stop-risk', 'leverage']);
    expect(constraints[0]?.maxQuantity).toBeCloseTo(100 / 2064, 12);
    expect(hasNonFinite(run.stdout)).toBe(false);
  });

  it('prints a readable table by default', async () => {
    const run = await cli(...BASE);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/quantity\s+0\.05/);
    expect(run.stdout).toMatch(/binding\s+stop-risk/);
    expect(run.stdout).toMatch(/constraint\s+max quantity\s+explanation/);
  });

  it('sizes inverse contracts in contracts of --contract-size quote units, equity in the coin', async () => {
    const run = await cli('size', '--inverse', '--contract-size', '100', '--equity', '1', '--entry', '50000', '--stop', '48000', '--risk', '0.01', '--lot', '1', '--json');
    const out = json(run);
    expect(out.quantity).toBe(120);
    expect(out.notional).toBe(12000);
  });

  it('applies a volatility target with a given volatility', async () => {
    const out = json(await cli(...BASE, '--max-leverage', '20', '--vol-target', '0.2', '--vol', '0.8', '--json'));
    expect(out.binding).toBe('vol-target');
    expect(out.positionValue as number).toBeCloseTo((0.2 / 0.8) * 10000, 6);
  });

  it('a refusal exits 2 with its reason code (JSON on stderr)', async () => {
    const run = await cli('size', '--equity', '1000', '--entry', '65000', '--stop', '63000', '--risk', '0.01', '--lot', '0.001', '--min-notional', '500', '--json');
    expect(run.code).toBe(2);
    expect(json(run).code).toBe('BELOW_MIN_NOTIONAL');
    expect(JSON.parse(run.stderr).error.code).toBe('BELOW_MIN_NOTIONAL');
  });

  it('a stop on the wrong side is refused', async () => {
    const run = await cli('size', '--equity', '1000', '--entry', '65000', '--stop', '66000', '--risk', '0.01');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/STOP_ON_WRONG_SIDE/);
  });

  it.each([
    [['--equity', 'abc'], 'INVALID_INPUT', '--equity'],
    [['--equity', '-5'], 'INVALID_INPUT', '--equity'],
    [['--equity', 'NaN'], 'INVALID_INPUT', '--equity'],
    [['--equity', 'Infinity'], 'INVALID_INPUT', '--equity'],
    [['--lot', '0'], 'INVALID_INPUT', '--lot'],
    [['--fee-rate', '0.5'], 'INVALID_INPUT', '--fee-rate'],
    [['--risk-amount', '50'], 'CONFLICTING_OPTIONS', '--risk-amount'],
    [['--vol', '0.5'], 'MISSING_OPTION', '--vol-target'],
    [['--vol-target', '0.5'], 'MISSING_OPTION', '--vol'],
    [['--side', 'up'], 'INVALID_INPUT', '--side'],
    [['--bogus', '1'], 'INVALID_INPUT', '--bogus'],
  ])('bad input %j → exit 2, {"error": {code: %s, path: [%s]}}', async (extra, code, flag) => {
    const args = [...BASE];
    const i = args.indexOf(extra[0] as string);
    if (i >= 0) args.splice(i, 2);
    const run = await cli(...args, ...extra, '--json');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const err = JSON.parse(run.stderr).error;
    expect(err.code).toBe(code);
    expect(err.path).toEqual([flag]);
    expect(typeof err.message).toBe('string');
  });

  it('a missing required option is MISSING_OPTION', async () => {
    const run = await cli('size', '--entry', '1', '--stop', '0.9', '--risk', '0.01', '--json');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stderr).error).toMatchObject({ code: 'MISSING_OPTION', path: ['--equity'] });
  });

  it('a missing --vol-data file is FILE_NOT_FOUND', async () => {
    const run = await cli(...BASE, '--vol-target', '0.5', '--vol-data', '/no/such/file.csv', '--json');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stderr).error).toMatchObject({ code: 'FILE_NOT_FOUND', path: ['--vol-data'] });
  });
});

describeWithSharedData('tradesize size --vol-data (real BTC daily closes)', ['ohlcv/btc-usdt-1d.csv'], () => {
  it('estimates the volatility from the file and reports how', async () => {
    const file = sharedDataPath('ohlcv/btc-usdt-1d.csv') as string;
    for (const method of ['ewma', 'close']) {
      const out = json(await cli(...BASE, '--max-leverage', '10', '--vol-target', '0.1', '--vol-data', file, '--vol-method', method, '--json'));
      const vol = out.volatility as { sigma: number; method: string; periodsPerYear: number; observations: number };
      expect(vol.method).toBe(method);
      expect(vol.periodsPerYear).toBeCloseTo(365, 9);
      expect(vol.observations).toBe(3130);
      expect(vol.sigma).toBeGreaterThan(0.1);
      expect(vol.sigma).toBeLessThan(2);
      expect(out.binding).toBe('vol-target');
      expect(out.positionValue as number).toBeCloseTo((0.1 / vol.sigma) * 10000, 6);
    }
  });
});
