import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, json } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'tradesize-backtest-'));
const DAILY = 'examples/data/btc-usdt-1d.csv';

describe('tradesize backtest', () => {
  it('--json prints the public keys, one policy entry per SPEC, no NaN/Infinity', async () => {
    const run = await cli('backtest', '--data', DAILY, '--policy', 'fixed-leverage:1', '--policy', 'kelly:0.5', '--policy', 'fixed-leverage:30', '--fee-rate', '0.0005', '--window', '90', '--json');
    expect(run.code).toBe(0);
    const out = json(run);
    for (const key of ['policies', 'hindsight', 'bars', 'barsPerYear']) expect(out).toHaveProperty(key);
    expect(out.bars).toBe(1000);
    expect(out.barsPerYear).toBe(365);
    expect(Object.keys(out.hindsight as object).sort()).toEqual(['leverage', 'logGrowth']);
    const policies = out.policies as Record<string, unknown>[];
    expect(policies.map((p) => p.policy)).toEqual(['fixed-leverage:1', 'kelly:0.5', 'fixed-leverage:30']);
    for (const p of policies) {
      for (const key of ['policy', 'cagr', 'logGrowth', 'maxDrawdown', 'sharpe', 'sortino', 'calmar', 'liquidations', 'stopOuts', 'fees', 'funding', 'turnover', 'finalEquity', 'hindsightShare']) expect(p).toHaveProperty(key);
    }
    // 30× through BTC's daily swings is liquidated; its log growth and share are null, not -Infinity
    expect(policies[2]).toMatchObject({ finalEquity: 0, logGrowth: null, hindsightShare: null, cagr: -1 });
    expect((policies[2] as { liquidations: number }).liquidations).toBeGreaterThan(0);
    expect(run.stdout).not.toMatch(/NaN|Infinity/);
  });

  it('--from/--to cut the bars; --equity-curve writes every policy per bar', async () => {
    const file = join(dir, 'curve.csv');
    const run = await cli('backtest', '--data', DAILY, '--policy', 'fixed-leverage:1', '--policy', 'universal:2', '--from', '2024-01-01', '--to', '2024-01-31', '--equity-curve', file, '--json');
    expect(run.code).toBe(0);
    expect(json(run)).toMatchObject({ bars: 31, from: '2024-01-01T00:00:00.000Z', to: '2024-01-31T00:00:00.000Z' });
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('timestamp,"fixed-leverage:1","universal:2"');
    expect(lines).toHaveLength(32);
  });

  it('funding, a venue and a trend signal', async () => {
    const run = await cli('backtest', '--data', 'examples/data/btc-usdt-2h.csv', '--funding', 'examples/data/binance-btcusdt-funding.csv', '--venue', 'binance-usdm', '--symbol', 'BTCUSDT', '--policy', 'fixed-leverage:2', '--signal', 'trend:12,48', '--json');
    expect(run.code).toBe(0);
    const p = (json(run).policies as { funding: number }[])[0] as { funding: number };
    expect(p.funding).not.toBe(0);
  });

  it('an inverse contract (Binance COIN-M BTCUSD_PERP): equity in BTC, default 1 BTC, finite numbers', async () => {
    const run = await cli('backtest', '--data', 'examples/data/btc-usdt-2h.csv', '--venue', 'binance-coinm', '--symbol', 'BTCUSD_PERP', '--policy', 'fixed-leverage:3', '--json');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/NaN|Infinity|null/);
    const out = json(run);
    expect(out.settlement).toBe('coin');
    const p = (out.policies as Record<string, number>[])[0] as Record<string, number>;
    for (const key of ['cagr', 'logGrowth', 'maxDrawdown', 'sharpe', 'sortino', 'calmar', 'fees', 'funding', 'turnover', 'finalEquity', 'hindsightShare']) expect(Number.isFinite(p[key]), key).toBe(true);
    // 1 BTC at 3× over the sample: not liquidated, about 1 BTC at the end
    expect(p.liquidations).toBe(0);
    expect(p.finalEquity).toBeGreaterThan(0.5);
    expect(p.finalEquity).toBeLessThan(2);
    // the coin's best constant leverage is the quote's less 1
    const linear = json(await cli('backtest', '--data', 'examples/data/btc-usdt-2h.csv', '--venue', 'binance-usdm', '--symbol', 'BTCUSDT', '--policy', 'fixed-leverage:3', '--json'));
    expect(linear.settlement).toBe('quote');
    expect((out.hindsight as { leverage: number }).leverage).toBeCloseTo((linear.hindsight as { leverage: number }).leverage - 1, 9);
    // the table prints coin amounts with 8 decimals
    const text = await cli('backtest', '--data', 'examples/data/btc-usdt-2h.csv', '--venue', 'binance-coinm', '--symbol', 'BTCUSD_PERP', '--policy', 'fixed-leverage:3');
    expect(text.stdout).toContain((p.finalEquity as number).toFixed(8));
  });

  it('every bundled venue and instrument runs, with funding, fees and a stop policy', async () => {
    for (const [venue, symbol] of [['binance-usdm', 'BTCUSDT'], ['binance-coinm', 'BTCUSD_PERP'], ['bybit-linear', 'ETHUSDT'], ['bybit-inverse', 'BTCUSD'], ['okx-swap', 'BTC-USDT-SWAP'], ['hyperliquid', 'BTC'], ['dydx', 'BTC-USD'], ['deribit', 'BTC-PERPETUAL'], ['deribit', 'BTC_USDC-PERPETUAL']]) {
      const run = await cli('backtest', '--data', 'examples/data/btc-usdt-2h.csv', '--funding', 'examples/data/binance-btcusdt-funding.csv', '--venue', venue as string, '--symbol', symbol as string, '--policy', 'fixed-leverage:3', '--policy', 'fixed-risk:0.02', '--fee-rate', '0.0005', '--json');
      expect(run.code, `${venue} ${symbol}: ${run.stderr}`).toBe(0);
      const rows = json(run).policies as { finalEquity: number; funding: number }[];
      for (const r of rows) expect(Number.isFinite(r.finalEquity) && r.finalEquity > 0 && r.funding !== 0, `${venue} ${symbol}`).toBe(true);
    }
  });

  it('--signal-column reads a signal from the data', async () => {
    const file = join(dir, 'signal.csv');
    writeFileSync(file, 'timestamp,open,high,low,close,sig\n2024-01-01,100,100,100,100,-1\n2024-01-02,100,100,90,90,-1\n2024-01-03,90,90,90,90,0\n');
    const out = json(await cli('backtest', '--data', file, '--signal-column', 'sig', '--policy', 'fixed-leverage:1', '--mmr', '0', '--json'));
    // short 1× from 100 to 90: +10 %
    expect((out.policies as { finalEquity: number }[])[0]?.finalEquity).toBeCloseTo(11_000, 9);
  });

  it('a sweep gives the same rows on one and on two threads, and writes CSV', async () => {
    const csv = join(dir, 'sweep.csv');
    const args = ['backtest', '--data', DAILY, '--sweep', 'kelly:0.2..1/0.2', '--sweep', 'fixed-leverage:1..3/1', '--window', '60', '--json'];
    const one = json(await cli(...args, '--threads', '1'));
    const two = json(await cli(...args, '--threads', '2', '--sweep-csv', csv));
    expect((one.sweep as { policy: string }[]).map((r) => r.policy)).toEqual(['kelly:0.2', 'kelly:0.4', 'kelly:0.6', 'kelly:0.8', 'kelly:1', 'fixed-leverage:1', 'fixed-leverage:2', 'fixed-leverage:3']);
    expect(two.sweep).toEqual(one.sweep);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]?.startsWith('policy,cagr,logGrowth')).toBe(true);
    expect(lines).toHaveLength(9);
  }, 60_000);

  it('walk-forward reports each window and the in-sample and out-of-sample means', async () => {
    const out = json(await cli('backtest', '--data', DAILY, '--sweep', 'fixed-leverage:0..2/1', '--walk-forward', '400,200', '--threads', '1', '--json'));
    const wf = out.walkForward as { windows: { policy: string }[]; inSample: number; outOfSample: number };
    expect(wf.windows).toHaveLength(3);
    expect(typeof wf.inSample).toBe('number');
    expect(typeof wf.outOfSample).toBe('number');
  });

  it('errors: no policy, venue with mmr, a bad SPEC, a margin mode or symbol the venue does not have', async () => {
    const code = async (...a: string[]) => (JSON.parse((await cli('backtest', '--data', DAILY, ...a, '--json')).stderr) as { error: { code: string; path: unknown[] } }).error;
    expect(await code()).toMatchObject({ code: 'MISSING_OPTION', path: ['--policy'] });
    expect(await code('--policy', 'kelly:1', '--venue', 'binance-usdm', '--symbol', 'BTCUSDT', '--mmr', '0.01')).toMatchObject({ code: 'CONFLICTING_OPTIONS' });
    expect(await code('--policy', 'kelly:-1')).toMatchObject({ code: 'INVALID_INPUT', path: ['--policy', 0] });
    expect(await code('--policy', 'martingale:2')).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await code('--policy', 'kelly:1', '--venue', 'deribit', '--symbol', 'BTC-PERPETUAL', '--margin-mode', 'isolated')).toMatchObject({ code: 'INVALID_INPUT', path: ['--margin-mode'] });
    expect(await code('--policy', 'kelly:1', '--venue', 'deribit', '--symbol', 'BTC')).toMatchObject({ code: 'UNKNOWN_SYMBOL', path: ['--symbol'] });
    expect(await code('--policy', 'kelly:1', '--venue', 'binance-coinm', '--symbol', 'ETHUSD_PERP')).toMatchObject({ code: 'UNKNOWN_SYMBOL', path: ['--symbol'] });
    expect(await code('--policy', 'kelly:1', '--venue', 'ftx', '--symbol', 'BTCUSD')).toMatchObject({ code: 'UNKNOWN_VENUE', path: ['--venue'] });
    expect((await cli('backtest', '--data', DAILY, '--policy', 'kelly:1', '--venue', 'deribit', '--symbol', 'BTC', '--json')).code).toBe(2);
    expect(await code('--policy', 'kelly:1', '--sweep', 'kelly:1..0/0.1')).toMatchObject({ code: 'INVALID_INPUT', path: ['--sweep'] });
    expect(await code('--policy', 'kelly:1', '--from', '2030-01-01')).toMatchObject({ code: 'INSUFFICIENT_DATA' });
  });
});
