/**
 * `tradesize tiers` as a user runs it (the built bin/tradesize.cjs), with ccxt's HTTP answered
 * from the recorded venue responses by the preload test/helpers/ccxt-stub.cjs (NODE_OPTIONS):
 * the file it writes reads back through `--tiers` to the bundled snapshot's tiers and the same
 * liquidation; without the preload (no network here) it fails with NETWORK_ERROR, exit 2.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TIERS } from '../../src/cli/flags/tiers.js';
import { parseTiersJson } from '../../src/venues/tiers-file.js';
import { findInstrument } from '../../src/venues/registry.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'tradesize.cjs');
const STUB = join(ROOT, 'test', 'helpers', 'ccxt-stub.cjs');
const KEYS = { TRADESIZE_BINANCEUSDM_API_KEY: 'fixture-key-0123456789', TRADESIZE_BINANCEUSDM_SECRET: 'fixture-secret-0123456789' };

function tradesize(args: readonly string[], o: { stub?: boolean; cwd?: string } = {}) {
  const env = { ...process.env, ...KEYS, NODE_OPTIONS: o.stub === false ? '' : `--require ${STUB}` };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: o.cwd ?? ROOT, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'tradesize-tiers-'));

describe('tradesize tiers (recorded responses)', () => {
  it('binance-usdm: writes BTC and ETH, which read back as the bundled 2024-10-24 brackets and give the same liquidation', () => {
    const out = join(tmp(), 'binance.json');
    const run = tradesize(['tiers', '--venue', 'binance-usdm', '--out', out, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ venue: 'binance-usdm', exchange: 'binanceusdm', out, symbols: ['BTC/USDT:USDT', 'ETH/USDT:USDT'], skipped: [] });
    const text = readFileSync(out, 'utf8');
    for (const s of ['BTCUSDT', 'ETHUSDT']) expect(parseTiersJson(text, { venue: 'binance-usdm', symbol: s })).toEqual(findInstrument('binance-usdm', s)?.tiers);
    const rules = (JSON.parse(text) as { _markets: Record<string, unknown> })._markets['BTC/USDT:USDT'];
    expect(rules).toMatchObject({ kind: 'linear', contractSize: 1, tickSize: 0.1, lotStep: 0.001, minQty: 0.001 });
    expect(text).not.toContain(KEYS.TRADESIZE_BINANCEUSDM_SECRET);
    const args = ['liquidation', '--venue', 'binance-usdm', '--symbol', 'BTCUSDT', '--side', 'long', '--entry', '65000', '--quantity', '30', '--margin-mode', 'isolated', '--collateral', '200000', '--json'];
    const bundled = JSON.parse(tradesize(args, { stub: false }).stdout) as Record<string, unknown>;
    const fromFile = JSON.parse(tradesize([...args, '--tiers', out], { stub: false }).stdout) as Record<string, unknown>;
    expect(fromFile.liquidationPrice).toBe(bundled.liquidationPrice);
    expect(fromFile.maintenanceMargin).toBe(bundled.maintenanceMargin);
  }, 60_000);

  it('bybit-linear --symbol BTCUSDT: the risk-limit rows read back as the bundled tiers 1-20', () => {
    const out = join(tmp(), 'bybit.json');
    const run = tradesize(['tiers', '--venue', 'bybit-linear', '--symbol', 'BTCUSDT', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 markets to');
    const tiers = parseTiersJson(readFileSync(out, 'utf8'), { venue: 'bybit-linear', symbol: 'BTCUSDT' });
    const bundled = findInstrument('bybit-linear', 'BTCUSDT')?.tiers ?? [];
    expect(tiers.length).toBe(20);
    expect(tiers.map((t) => [t.floor, t.cap, t.maintenanceMarginRate, t.maxLeverage, t.maintenanceAmount])).toEqual(bundled.slice(0, 20).map((t) => [t.floor, t.cap, t.maintenanceMarginRate, t.maxLeverage, t.maintenanceAmount]));
  }, 60_000);

  it('the help examples run (in a scratch directory)', () => {
    const cwd = tmp();
    for (const e of TIERS.examples) {
      const run = tradesize(e.split(' ').slice(1), { cwd });
      expect(run.stderr, e).toBe('');
      expect(run.code, e).toBe(0);
    }
  }, 60_000);

  it('an unknown symbol is UNKNOWN_SYMBOL; dydx has no tiers (INVALID_INPUT)', () => {
    const out = join(tmp(), 'x.json');
    expect(JSON.parse(tradesize(['tiers', '--venue', 'binance-usdm', '--symbol', 'DOGEUSDT', '--out', out, '--json']).stderr).error.code).toBe('UNKNOWN_SYMBOL');
    expect(JSON.parse(tradesize(['tiers', '--venue', 'dydx', '--out', out, '--json']).stderr).error.code).toBe('INVALID_INPUT');
  }, 60_000);
});

describe('tradesize tiers without network', () => {
  it('fails with NETWORK_ERROR, exit 2, one JSON error and no stack trace', () => {
    const run = tradesize(['tiers', '--venue', 'binance-usdm', '--out', join(tmp(), 'x.json'), '--json'], { stub: false });
    expect(run.code).toBe(2);
    const { error } = JSON.parse(run.stderr) as { error: { code: string; message: string } };
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toContain('binanceusdm loadMarkets');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toContain(KEYS.TRADESIZE_BINANCEUSDM_SECRET);
  }, 60_000);
});
