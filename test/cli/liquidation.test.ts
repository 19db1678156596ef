/**
 * `tradesize liquidation` and `tradesize size --venue`, in-process. Expected prices are written
 * out from the Binance FAQ one-way formulas LP = (K + A − s·Q·E)/(Q·(r − s)) (linear) and the
 * Binance COIN-M calculator example (venues.md §1.4).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, json } from './run.js';
import { VENUE_IDS } from '../../src/venues/types.js';
import { getInstrument, getVenue } from '../../src/venues/registry.js';

const LONG_BTC = ['liquidation', '--venue', 'binance-usdm', '--symbol', 'BTCUSDT', '--side', 'long', '--entry', '65000', '--quantity', '1'];
const dir = mkdtempSync(join(tmpdir(), 'tradesize-liq-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: unknown): string => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(data));
  return p;
};
const error = (run: { stderr: string }) => (JSON.parse(run.stderr) as { error: { code: string; message: string; path: unknown[] } }).error;

describe('tradesize liquidation', () => {
  it('prints liquidationPrice, maintenanceMargin, initialMargin and tier as one JSON object', async () => {
    const run = await cli(...LONG_BTC, '--margin-mode', 'isolated', '--collateral', '6500', '--json');
    expect(run.code).toBe(0);
    const out = json(run);
    for (const key of ['liquidationPrice', 'maintenanceMargin', 'initialMargin', 'tier']) expect(out).toHaveProperty(key);
    // Bracket 2 (50k–600k): MMR 0.5 %, cum 50.
    expect(out.liquidationPrice as number).toBeCloseTo((6500 + 50 - 65_000) / (1 * (0.005 - 1)), 6);
    expect(out.maintenanceMargin as number).toBeCloseTo(65_000 * 0.005 - 50, 9);
    expect(out.initialMargin as number).toBeCloseTo(65_000 / 100, 9);
    expect(out.tier).toMatchObject({ tier: 2, maintenanceMarginRate: 0.005, maintenanceAmount: 50, maxLeverage: 100 });
  });

  it('prints a readable table by default', async () => {
    const run = await cli(...LONG_BTC, '--margin-mode', 'isolated', '--collateral', '6500');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/liquidation price\s+58743\.7/);
    expect(run.stdout).toMatch(/tier\s+2: maintenance rate 0\.005/);
  });

  it('--mmr and --maintenance-amount override the tiers, without --symbol', async () => {
    const args = ['liquidation', '--venue', 'binance-usdm', '--side', 'short', '--entry', '20000', '--quantity', '1', '--margin-mode', 'isolated', '--collateral', '400'];
    const out = json(await cli(...args, '--mmr', '0.005', '--maintenance-amount', '10', '--json'));
    expect(out.liquidationPrice as number).toBeCloseTo((400 + 10 + 20_000) / (0.005 + 1), 6);
    expect(out.maintenanceMargin as number).toBeCloseTo(20_000 * 0.005 - 10, 9);
    // No max leverage given: 1/(2 × 0.5 %) = 100×; a tier without a cap prints cap null.
    expect(out.tier).toMatchObject({ maintenanceMarginRate: 0.005, maintenanceAmount: 10, maxLeverage: 100, cap: null });
    expect(out.initialMargin as number).toBeCloseTo(200, 9);
  });

  it('--tiers FILE (ccxt fetchLeverageTiers JSON) replaces the bundled brackets', async () => {
    const tiers = file('tiers.json', [
      { tier: 1, minNotional: 0, maxNotional: 50_000, maintenanceMarginRate: 0.004, maxLeverage: 125, info: { cum: '0' } },
      { tier: 2, minNotional: 50_000, maxNotional: 250_000, maintenanceMarginRate: 0.01, maxLeverage: 50, info: { cum: '300' } },
    ]);
    const out = json(await cli(...LONG_BTC, '--margin-mode', 'isolated', '--collateral', '6500', '--tiers', tiers, '--json'));
    expect(out.liquidationPrice as number).toBeCloseTo((6500 + 300 - 65_000) / (0.01 - 1), 6);
    expect(out.tier).toMatchObject({ tier: 2, maintenanceMarginRate: 0.01, maintenanceAmount: 300, maxLeverage: 50 });
    const bad = await cli(...LONG_BTC, '--margin-mode', 'isolated', '--collateral', '6500', '--tiers', file('bad.json', { nope: 1 }), '--json');
    expect(bad.code).toBe(2);
    expect(error(bad).path).toEqual(['--tiers']);
  });

  it('--max-leverage on hyperliquid sets the maintenance rate to 1/(2 × max leverage)', async () => {
    const run = await cli('liquidation', '--venue', 'hyperliquid', '--side', 'long', '--entry', '3000', '--quantity', '10', '--margin-mode', 'isolated', '--collateral', '3000', '--max-leverage', '20', '--json');
    const out = json(run);
    expect(out.tier).toMatchObject({ maintenanceMarginRate: 0.025, maxLeverage: 20 });
    // Hyperliquid: liq = price − side × margin_available / size / (1 − l × side), l = 1/(2 × 20).
    expect(out.liquidationPrice as number).toBeCloseTo(3000 - (3000 - 750) / 10 / (1 - 0.025), 6);
  });

  it('an unknown venue exits 2 listing the supported venues', async () => {
    const run = await cli('liquidation', '--venue', 'ftx', '--side', 'long', '--entry', '1', '--quantity', '1', '--margin-mode', 'isolated', '--collateral', '1', '--json');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const err = error(run);
    expect(err).toMatchObject({ code: 'UNKNOWN_VENUE', path: ['--venue'] });
    for (const id of VENUE_IDS) expect(err.message).toContain(id);
  });

  it('an unknown symbol exits 2 listing the bundled symbols', async () => {
    const run = await cli('liquidation', '--venue', 'binance-usdm', '--symbol', 'DOGEUSDT', '--side', 'long', '--entry', '1', '--quantity', '1', '--margin-mode', 'isolated', '--collateral', '1', '--json');
    expect(run.code).toBe(2);
    expect(error(run)).toMatchObject({ code: 'UNKNOWN_SYMBOL', path: ['--symbol'] });
    expect(error(run).message).toMatch(/BTCUSDT, ETHUSDT/);
  });

  it('inverse: --quantity in contracts, --collateral in the coin (Binance COIN-M calculator: 33,599.40)', async () => {
    const run = await cli('liquidation', '--venue', 'binance-coinm', '--symbol', 'BTCUSD', '--side', 'long', '--entry', '45000', '--quantity', '100000', '--margin-mode', 'isolated', '--collateral', '101', '--json');
    const out = json(run);
    expect(out).toMatchObject({ kind: 'inverse', contractSize: 100, contracts: 100_000 });
    expect(out.liquidationPrice as number).toBeCloseTo(33_599.42, 1);
    expect(out.tier).toMatchObject({ tier: 7, maintenanceMarginRate: 0.125, maintenanceAmount: 11.605 });
  });

  it('linear --quantity is in base units: 0.5 BTC of 0.01-BTC contracts is 50 contracts', async () => {
    const out = json(await cli('liquidation', '--venue', 'okx-swap', '--side', 'long', '--entry', '60000', '--quantity', '0.5', '--margin-mode', 'isolated', '--collateral', '3000', '--mmr', '0.004', '--contract-size', '0.01', '--json'));
    expect(out.contracts).toBe(50);
    // OKX linear long: LP = (E − M/Q)/(1 − MMR − fee); without --symbol the template is the bundled
    // BTC-USDT-SWAP, whose taker fee 0.0005 OKX adds to the maintenance rate.
    expect(out.liquidationPrice as number).toBeCloseTo((60_000 - 3000 / 0.5) / (1 - 0.004 - 0.0005), 6);
  });

  it('--taker-fee replaces the fee OKX adds to the maintenance rate; other venues refuse it', async () => {
    const args = ['liquidation', '--venue', 'okx-swap', '--side', 'long', '--entry', '60000', '--quantity', '0.5', '--margin-mode', 'isolated', '--collateral', '3000', '--mmr', '0.004', '--contract-size', '0.01'];
    const out = json(await cli(...args, '--taker-fee', '0.0002', '--json'));
    expect(out.liquidationPrice as number).toBeCloseTo((60_000 - 3000 / 0.5) / (1 - 0.004 - 0.0002), 6);
    const other = await cli('liquidation', '--venue', 'binance-usdm', '--symbol', 'BTCUSDT', '--side', 'long', '--entry', '60000', '--quantity', '0.5', '--margin-mode', 'isolated', '--collateral', '3000', '--taker-fee', '0.0002', '--json');
    expect(other.code).toBe(2);
    expect(JSON.parse(other.stderr).error).toMatchObject({ code: 'CONFLICTING_OPTIONS', path: ['--taker-fee'] });
    const bad = await cli(...args, '--taker-fee', '-0.1', '--json');
    expect(JSON.parse(bad.stderr).error).toMatchObject({ code: 'INVALID_INPUT', path: ['--taker-fee'] });
  });

  it('cross: --positions adds the other positions (own schema and ccxt Position[] alike)', async () => {
    const model = getVenue('binance-usdm');
    const btc = getInstrument('binance-usdm', 'BTCUSDT');
    const eth = getInstrument('binance-usdm', 'ETHUSDT');
    const other = { symbol: 'ETHUSDT', side: 'short' as const, quantity: 2, entryPrice: 3000, markPrice: 3100 };
    const expected = model.liquidation({
      instrument: btc, marginMode: 'cross', collateral: 10_000,
      position: { symbol: 'BTCUSDT', side: 'long', quantity: 1, entryPrice: 65_000 },
      otherPositions: [{ instrument: eth, position: other }],
    }).liquidationPrice as number;
    const alone = json(await cli(...LONG_BTC, '--margin-mode', 'cross', '--collateral', '10000', '--json'));
    const own = json(await cli(...LONG_BTC, '--margin-mode', 'cross', '--collateral', '10000', '--positions', file('own.json', [other]), '--json'));
    const ccxtRows = [{ symbol: 'ETH/USDT:USDT', side: 'short', contracts: 2, entryPrice: 3000, markPrice: 3100, marginMode: 'cross', info: {} }];
    const ccxt = json(await cli(...LONG_BTC, '--margin-mode', 'cross', '--collateral', '10000', '--positions', file('ccxt.json', ccxtRows), '--json'));
    expect(own.liquidationPrice as number).toBeCloseTo(expected, 6);
    expect(ccxt.liquidationPrice as number).toBeCloseTo(expected, 6);
    // The short ETH lost 200 and holds maintenance margin: the BTC long liquidates higher.
    expect(own.liquidationPrice as number).toBeGreaterThan(alone.liquidationPrice as number);
  });

  it.each([
    [['--margin-mode', 'isolated', '--collateral', '1', '--positions', '/x.json'], 'CONFLICTING_OPTIONS', '--positions'],
    [['--margin-mode', 'isolated'], 'MISSING_OPTION', '--collateral'],
    [['--margin-mode', 'sideways', '--collateral', '1'], 'INVALID_INPUT', '--margin-mode'],
    [['--margin-mode', 'isolated', '--collateral', '-1'], 'INVALID_INPUT', '--collateral'],
    [['--margin-mode', 'cross', '--collateral', '1', '--positions', '/no/such.json'], 'FILE_NOT_FOUND', '--positions'],
    [['--margin-mode', 'isolated', '--collateral', '1', '--maintenance-amount', '5'], 'MISSING_OPTION', '--mmr'],
  ])('bad input %j → exit 2, %s at %s', async (extra, code, flag) => {
    const run = await cli(...LONG_BTC, ...extra, '--json');
    expect(run.code).toBe(2);
    expect(error(run)).toMatchObject({ code, path: [flag] });
  });

  it('without --symbol or an override there is no tier table: MISSING_OPTION', async () => {
    const run = await cli('liquidation', '--venue', 'binance-usdm', '--side', 'long', '--entry', '1', '--quantity', '1', '--margin-mode', 'isolated', '--collateral', '1', '--json');
    expect(error(run)).toMatchObject({ code: 'MISSING_OPTION', path: ['--symbol'] });
  });
});

describe('tradesize size --venue (the liquidation constraint)', () => {
  const SIZE = ['size', '--equity', '1000', '--entry', '65000', '--stop', '63000', '--venue', 'binance-usdm', '--symbol', 'BTCUSDT'];
  type Limit = { name: string; maxQuantity: number; explanation: string };
  const liquidation = (out: Record<string, unknown>) => (out.constraints as Limit[]).find((c) => c.name === 'liquidation');

  it('adds the liquidation constraint with the instrument lot step; --leverage is the default --max-leverage', async () => {
    const out = json(await cli(...SIZE, '--risk', '0.05', '--leverage', '20', '--json'));
    expect(out).toMatchObject({ status: 'sized', quantity: 0.025, binding: 'stop-risk' });
    expect(out.initialMargin as number).toBeCloseTo(0.025 * 65_000 / 20, 9);
    expect(liquidation(out)).toMatchObject({ maxQuantity: 0.307 });
    expect(liquidation(out)?.explanation).toMatch(/beyond 62000 = stop 63000 − 50% × 2000 .* one more lot breaks initial-margin/);
  });

  it('binds when the liquidation buffer is the tightest rule', async () => {
    const out = json(await cli(...SIZE, '--risk', '1', '--max-leverage', '100', '--liq-buffer', '1', '--json'));
    // Whole 1000 as isolated margin, limit 61,000: q ≤ 1000 / (65,000 − 61,000 × 0.996) = 0.2356…
    expect(out).toMatchObject({ status: 'sized', binding: 'liquidation', quantity: 0.235 });
  });

  it('inverse venue: quantity in contracts, equity in the coin, lot from the instrument', async () => {
    const out = json(await cli('size', '--equity', '1', '--entry', '50000', '--stop', '48000', '--risk', '0.05', '--max-leverage', '10', '--venue', 'binance-coinm', '--symbol', 'BTCUSD', '--inverse', '--json'));
    expect(out).toMatchObject({ status: 'sized', contract: { kind: 'inverse', size: 100 }, quantity: 600, binding: 'stop-risk' });
    // The venue model on the same position (leverage 10 = --max-leverage) brackets the limit: 7083 contracts (isolated on the 1 BTC
    // equity) liquidate below the buffer level 47000 = stop − 50 % × (entry − stop), 7084 do not.
    const model = getVenue('binance-coinm');
    const instrument = getInstrument('binance-coinm', 'BTCUSD');
    const liquidationAt = (quantity: number) =>
      model.liquidation({ instrument, marginMode: 'isolated', collateral: 1, leverage: 10, position: { symbol: 'BTCUSD', side: 'long', quantity, entryPrice: 50_000 } })
        .liquidationPrice as number;
    expect(liquidation(out)?.maxQuantity).toBe(7083);
    expect(liquidationAt(7083)).toBeLessThan(47_000);
    expect(liquidationAt(7084)).toBeGreaterThan(47_000);
  });

  it.each([
    [['--venue', 'ftx', '--symbol', 'BTCUSDT'], 'UNKNOWN_VENUE', '--venue'],
    [['--venue', 'binance-usdm', '--symbol', 'NOPE'], 'UNKNOWN_SYMBOL', '--symbol'],
    [['--venue', 'binance-usdm'], 'MISSING_OPTION', '--symbol'],
    [['--liq-buffer', '0.5'], 'MISSING_OPTION', '--venue'],
    [['--venue', 'binance-usdm', '--symbol', 'BTCUSDT', '--liq-buffer', '-1'], 'INVALID_INPUT', '--liq-buffer'],
    [['--venue', 'binance-usdm', '--symbol', 'BTCUSDT', '--inverse'], 'CONFLICTING_OPTIONS', '--inverse'],
  ])('bad venue input %j → exit 2, %s at %s', async (extra, code, flag) => {
    const run = await cli('size', '--equity', '1000', '--entry', '65000', '--stop', '63000', '--risk', '0.01', ...extra, '--json');
    expect(run.code).toBe(2);
    expect(error(run)).toMatchObject({ code, path: [flag] });
  });
});
