/**
 * Venue flags of `liquidation` and `size --venue`: an unbundled symbol with a full table is a
 * label; the instrument decides linear or inverse; the old Hyperliquid snapshot says so; an
 * overflowing override is refused at its flag, never printed as Infinity or a negative margin.
 */
import { describe, expect, it } from 'vitest';
import { cli, json } from './run.js';

const error = (run: { stderr: string }) => (JSON.parse(run.stderr) as { error: { code: string; message: string; path: unknown[] } }).error;
const HL = ['liquidation', '--venue', 'hyperliquid', '--side', 'short', '--entry', '3000', '--quantity', '10', '--margin-mode', 'isolated', '--collateral', '3000'];
const SIZE = ['size', '--equity', '1000', '--entry', '65000', '--stop', '63000', '--risk', '0.01'];

describe('an unbundled --symbol with full overrides is a label', () => {
  it('answers as the same call without --symbol, labelled with the symbol', async () => {
    const labelled = json(await cli(...HL, '--symbol', 'NOTBUNDLED', '--max-leverage', '20', '--json'));
    const plain = json(await cli(...HL, '--max-leverage', '20', '--json'));
    expect(labelled.symbol).toBe('NOTBUNDLED');
    expect({ ...labelled, symbol: 'custom' }).toEqual(plain);
  });

  it('--mmr gives the table on any venue', async () => {
    const run = await cli('liquidation', '--venue', 'binance-usdm', '--symbol', 'DOGEUSDT', '--side', 'long', '--entry', '0.1', '--quantity', '1000', '--margin-mode', 'isolated', '--collateral', '10', '--mmr', '0.01', '--json');
    expect(run.code).toBe(0);
    expect(json(run)).toMatchObject({ symbol: 'DOGEUSDT', tier: { maintenanceMarginRate: 0.01 } });
  });

  it('without a full table it is still UNKNOWN_SYMBOL', async () => {
    const run = await cli('liquidation', '--venue', 'binance-usdm', '--symbol', 'DOGEUSDT', '--side', 'long', '--entry', '0.1', '--quantity', '1000', '--margin-mode', 'isolated', '--collateral', '10', '--max-leverage', '20', '--json');
    expect(run.code).toBe(2);
    expect(error(run)).toMatchObject({ code: 'UNKNOWN_SYMBOL', path: ['--symbol'] });
  });
});

describe('the Hyperliquid universe snapshot of 2023-07-17', () => {
  it('SOL is bundled, and the output says the data is old and dated', async () => {
    const out = json(await cli(...HL, '--symbol', 'SOL', '--json'));
    expect(out).toMatchObject({ symbol: 'SOL', tier: { maxLeverage: 50, maintenanceMarginRate: 0.01 } });
    expect(out.dataNote).toMatch(/^old: Hyperliquid meta of 2023-07-17/);
    const text = await cli(...HL, '--symbol', 'SOL');
    expect(text.stdout).toMatch(/^data +old: Hyperliquid meta of 2023-07-17/m);
  });

  it('instruments without a caveat print no data line', async () => {
    const out = json(await cli(...HL, '--symbol', 'BTC', '--json'));
    expect(out).not.toHaveProperty('dataNote');
  });
});

describe('size --venue: the instrument decides linear or inverse', () => {
  it('an inverse instrument without --inverse is refused (no equity silently read as coin)', async () => {
    const run = await cli('size', '--equity', '10000', '--entry', '60000', '--stop', '58000', '--risk', '0.01', '--venue', 'binance-coinm', '--symbol', 'BTCUSD', '--json');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(error(run)).toMatchObject({ code: 'CONFLICTING_OPTIONS', path: ['--inverse'] });
    expect(error(run).message).toMatch(/inverse/);
  });

  it('with --inverse it sizes in the coin', async () => {
    const out = json(await cli('size', '--equity', '1', '--entry', '60000', '--stop', '58000', '--risk', '0.01', '--venue', 'binance-coinm', '--symbol', 'BTCUSD', '--inverse', '--json'));
    expect(out).toMatchObject({ status: 'sized', contract: { kind: 'inverse', size: 100 } });
    // Loss at the stop per 100-USD contract: 100·(1/58000 − 1/60000) BTC; budget 0.01 BTC.
    expect(out.quantity).toBe(Math.floor(0.01 / (100 * (1 / 58_000 - 1 / 60_000))));
  });
});

describe('overflowing inputs are refused at their flag', () => {
  it.each([
    [[...SIZE, '--max-leverage', '1e308'], '--max-leverage'],
    [[...SIZE, '--venue', 'binance-usdm', '--symbol', 'BTCUSDT', '--liq-buffer', '1e308'], '--liq-buffer'],
    [[...HL, '--mmr', '0.01', '--maintenance-amount', '1e308'], '--maintenance-amount'],
    [[...HL, '--max-leverage', '1e-308'], '--max-leverage'],
  ])('%j → INVALID_INPUT at %s', async (args, flag) => {
    const run = await cli(...args, '--json');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const e = error(run);
    expect(e).toMatchObject({ code: 'INVALID_INPUT', path: [flag] });
    expect(e.message).not.toMatch(/Infinity|(^|[^e\d])-\d/); // no overflow, no negative number (1e-308 is the input)
  });
});
