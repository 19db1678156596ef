import { describe, expect, it } from 'vitest';
import { cli, hasNonFinite, json } from './run.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithSharedData, sharedDataPath } from '../helpers/shared-data.js';
import { createRng } from '../../src/stats/random.js';
import { expectRel } from '../helpers/assert.js';
import { hmmRegimes } from '../../src/regime/report.js';
import { regimeMultiplier } from '../../src/regime/multiplier.js';
import { fixture as volFixture, REL as VOL_REL } from '../volatility/fixture.js';

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

  it('--max-hit-prob on the stop: a gate with the probability in its explanation; unbounded in JSON when it passes', async () => {
    const pass = json(await cli(...BASE, '--max-hit-prob', '0.5', '--vol', '0.6', '--target', '66000', '--json'));
    const gate = (pass.constraints as { name: string; unbounded?: boolean; maxQuantity?: number; explanation: string }[]).find((c) => c.name === 'hit-probability');
    expect(gate).toMatchObject({ unbounded: true });
    expect(gate?.maxQuantity).toBeUndefined();
    expect(gate?.explanation).toMatch(/^P\(stop 63000 first before target 66000 \(GBM μ 0, σ 60%\)\) = [\d.]+% ≤ 50%/);
    const table = await cli(...BASE, '--max-hit-prob', '0.5', '--vol', '0.6', '--target', '66000');
    expect(table.stdout).toMatch(/^hit-probability\s+unbounded\s+P\(stop/m);
    const fail = await cli(...BASE, '--max-hit-prob', '0.1', '--vol', '0.6', '--target', '66000', '--json');
    expect(fail.code).toBe(2);
    expect(JSON.parse(fail.stdout)).toMatchObject({ status: 'refused', code: 'NO_EDGE', binding: 'hit-probability' });
  });

  it('--max-hit-prob on the liquidation price of a venue position binds below the liquidation constraint', async () => {
    const out = json(await cli('size', '--equity', '1000', '--entry', '65000', '--stop', '62000', '--risk', '0.5', '--venue', 'binance-usdm', '--symbol', 'BTCUSDT',
      '--max-leverage', '20', '--margin-mode', 'cross', '--max-hit-prob', '0.1', '--vol', '0.6', '--target', '72000', '--horizon', '0.25', '--json'));
    const byName = Object.fromEntries((out.constraints as { name: string; maxQuantity: number }[]).map((c) => [c.name, c.maxQuantity]));
    expect(out.binding).toBe('hit-probability');
    expect(byName['hit-probability']).toBeLessThan(byName.liquidation as number);
    expect(out.quantity).toBe(byName['hit-probability']);
  });

  it('--regime-multiplier scales the risk budget and shows the regime; misuse of the new flags is a typed error', async () => {
    const out = json(await cli(...BASE, '--regime-multiplier', '0.5', '--regime-name', 'high-vol', '--json'));
    expect(out).toMatchObject({ riskBudget: 50, regime: { name: 'high-vol', multiplier: 0.5 } });
    const table = await cli(...BASE, '--regime-multiplier', '0.5');
    expect(table.stdout).toMatch(/^regime\s+given: risk budget, Kelly and vol-target caps × 0\.5$/m);
    const err = async (...args: string[]) => JSON.parse((await cli(...BASE, ...args, '--json')).stderr).error as { code: string; path: string[] };
    expect(await err('--regime-multiplier', '2')).toMatchObject({ code: 'INVALID_INPUT', path: ['--regime-multiplier'] });
    expect(await err('--regime-name', 'x')).toMatchObject({ code: 'MISSING_OPTION', path: ['--regime-multiplier'] });
    expect(await err('--target', '70000')).toMatchObject({ code: 'MISSING_OPTION', path: ['--max-hit-prob'] });
    expect(await err('--max-hit-prob', '0.2')).toMatchObject({ code: 'MISSING_OPTION', path: ['--vol'] });
    expect(await err('--max-hit-prob', '1.2', '--vol', '0.5')).toMatchObject({ code: 'INVALID_INPUT', path: ['--max-hit-prob'] });
    expect(await err('--max-hit-prob', '0.2', '--vol', '0.5', '--target', '60000')).toMatchObject({ code: 'INVALID_INPUT', path: ['--target'] });
    expect(await err('--max-hit-prob', '0.2', '--vol', '0.5', '--hit-barrier', 'liquidation')).toMatchObject({ code: 'MISSING_OPTION', path: ['--venue'] });
    expect(await err('--vol', '0.5')).toMatchObject({ code: 'MISSING_OPTION', path: ['--vol-target'] });
  });

  it('--regime-data: the HMM (or EWMA-percentile) multiplier of a price file scales the decision, with its reason', async () => {
    // 400 calm days then 100 turbulent ones (seeded normal returns, vol 1 % then 5 %).
    const rng = createRng(7);
    let price = 100;
    const rows = ['timestamp,close'];
    const [values, timestamps]: [number[], string[]] = [[], []];
    for (let i = 0; i < 500; i++) {
      const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
      price *= Math.exp((i < 400 ? 0.01 : 0.05) * z);
      values.push(price);
      timestamps.push(new Date(Date.UTC(2024, 0, 1 + i)).toISOString());
      rows.push(`${timestamps[i]},${price}`);
    }
    const file = join(mkdtempSync(join(tmpdir(), 'tradesize-size-')), 'closes.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const hmm = json(await cli(...BASE, '--regime-data', file, '--json'));
    const regime = hmm.regime as { name: string; multiplier: number; explanation: string };
    expect(regime.name).toMatch(/turbulent/);
    // The library on the same closes: a 2-state HMM and the default multiplier table.
    const expected = regimeMultiplier(hmmRegimes({ values, input: 'prices', timestamps, states: 2 }));
    expect(regime).toMatchObject({ name: expected.regime, multiplier: expected.multiplier });
    expect(regime.explanation).toContain(file);
    expect(hmm.riskBudget as number).toBeCloseTo(100 * regime.multiplier, 9);
    const vol = json(await cli(...BASE, '--regime-data', file, '--regime-method', 'vol', '--json'));
    expect(vol.regime).toMatchObject({ name: 'vol-high', multiplier: 0.5 });
    const err = async (...args: string[]) => JSON.parse((await cli(...BASE, ...args, '--json')).stderr).error as { code: string; path: string[] };
    expect(await err('--regime-data', file, '--regime-multiplier', '0.5')).toMatchObject({ code: 'CONFLICTING_OPTIONS' });
    expect(await err('--regime-states', '3')).toMatchObject({ code: 'MISSING_OPTION', path: ['--regime-data'] });
    expect(await err('--regime-data', file, '--regime-method', 'vol', '--regime-states', '3')).toMatchObject({ code: 'CONFLICTING_OPTIONS', path: ['--regime-states'] });
    expect(await err('--regime-data', file, '--regime-states', '4')).toMatchObject({ code: 'INVALID_INPUT', path: ['--regime-states'] });
    expect(await err('--regime-data', '/no/such.csv')).toMatchObject({ code: 'FILE_NOT_FOUND', path: ['--regime-data'] });
  });

  it('--portfolio with --stress-underlying or --stress-legs adds the stress constraint; the sized book survives the grid', async () => {
    const args = ['size', '--equity', '50000', '--entry', '65000', '--stop', '60000', '--risk', '0.5', '--max-leverage', '10', '--lot', '0.001', '--portfolio', 'examples/portfolio-btc.json'];
    const perp = json(await cli(...args, '--stress-underlying', 'BTC', '--json'));
    const limit = (perp.constraints as { name: string; maxQuantity: number; explanation: string }[]).find((c) => c.name === 'stress');
    expect(perp.binding).toBe('stress');
    expect(perp.quantity).toBe(Math.floor((limit?.maxQuantity as number) * 1000) / 1000);
    expect(limit?.explanation).toMatch(/stays above maintenance in all 27 grid scenarios/);
    // The same leg written out as a legs file gives the same limit.
    const legs = join(mkdtempSync(join(tmpdir(), 'tradesize-size-')), 'legs.json');
    writeFileSync(legs, JSON.stringify([{ kind: 'perpetual', underlying: 'BTC', quantity: 1 }]));
    const same = json(await cli(...args, '--stress-legs', legs, '--json'));
    expect((same.constraints as { name: string; maxQuantity: number }[]).find((c) => c.name === 'stress')?.maxQuantity).toBeCloseTo(limit?.maxQuantity as number, 9);
    const err = async (...more: string[]) => JSON.parse((await cli(...more, '--json')).stderr).error as { code: string; path: (string | number)[] };
    expect(await err(...args, '--stress-underlying', 'ETH')).toMatchObject({ code: 'INVALID_INPUT', path: ['--stress-underlying'] });
    expect(await err(...args)).toMatchObject({ code: 'MISSING_OPTION', path: ['--stress-underlying'] });
    expect(await err(...BASE, '--stress-underlying', 'BTC')).toMatchObject({ code: 'MISSING_OPTION', path: ['--portfolio'] });
    expect(await err(...args, '--stress-underlying', 'BTC', '--stress-legs', legs)).toMatchObject({ code: 'CONFLICTING_OPTIONS' });
    writeFileSync(legs, JSON.stringify([{ kind: 'option', underlying: 'BTC', type: 'call', quantity: 1, expiry: '2026-12-25T08:00:00Z', model: 'black76' }]));
    expect(await err(...args, '--stress-legs', legs)).toMatchObject({ code: 'INVALID_INPUT', path: ['--stress-legs', 0, 'strike'] });
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
      // numpy std / pandas ewm on the same file (scripts/fixtures/volatility.py).
      const ref = volFixture.real.find((c) => c.file === 'ohlcv/btc-usdt-1d.csv');
      expectRel(vol.sigma, method === 'close' ? (ref?.close.annualizedVol as number) : (ref?.ewma.annualizedVol as number), VOL_REL);
      expect(out.binding).toBe('vol-target');
      expect(out.positionValue as number).toBeCloseTo((0.1 / vol.sigma) * 10000, 6);
    }
  });

  it('--vol-method garch-t --vol-horizon 30: the GARCH forecast as σ, named in the vol-target explanation', async () => {
    const file = sharedDataPath('ohlcv/btc-usdt-1d.csv') as string;
    const out = json(await cli(...BASE, '--max-leverage', '10', '--vol-target', '0.1', '--vol-data', file, '--vol-method', 'garch-t', '--vol-horizon', '30', '--json'));
    const vol = out.volatility as { sigma: number; method: string; horizon: number };
    expect(vol).toMatchObject({ method: 'garch-t', horizon: 30 });
    const explanation = (out.constraints as { name: string; explanation: string }[]).find((c) => c.name === 'vol-target')?.explanation;
    expect(explanation).toContain('(garch-t forecast over 30 periods, ');
    expect(out.positionValue as number).toBeCloseTo((0.1 / vol.sigma) * 10000, 6);
  });
});

describeWithSharedData('tradesize size with an implied-vol index (Deribit BTC DVOL)', ['iv/deribit-dvol-btc-1d.csv'], () => {
  it('--vol-method implied: σ is the latest DVOL close', async () => {
    const file = sharedDataPath('iv/deribit-dvol-btc-1d.csv') as string;
    const out = json(await cli(...BASE, '--max-leverage', '10', '--vol-target', '0.1', '--vol-data', file, '--vol-method', 'implied', '--json'));
    const vol = out.volatility as { sigma: number; method: string; implied: { level: number; asOf: string } };
    expect(vol.method).toBe('implied');
    expect(vol.sigma).toBe(vol.implied.level / 100);
    expect(vol.implied.asOf).toBe('2025-11-12T00:00:00Z');
    expect((out.constraints as { name: string; explanation: string }[]).find((c) => c.name === 'vol-target')?.explanation).toContain('implied-vol index 2025-11-12T00:00:00Z');
    const bad = await cli(...BASE, '--vol-target', '0.1', '--vol-data', sharedDataPath('iv/deribit-dvol-btc-1d.csv') as string, '--vol-method', 'garch', '--vol-horizon', '0', '--json');
    expect(JSON.parse(bad.stderr).error).toMatchObject({ code: 'INVALID_INPUT', path: ['--vol-horizon'] });
  });
});
