import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './run.js';

const F = (v: string) => `examples/data/${v}-btcusdt-funding.csv`;

describe('tradesize funding-plan', () => {
  it('prints the contract keys; the long is on the lowest rate, the short on the highest', async () => {
    const r = await cli('funding-plan', '--funding', F('binance'), '--funding', F('gate'), '--funding', F('dydx'), '--price', '42000', '--vol', '0.5', '--json');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout) as { legs: { venue: string; side: string; quantity: number; liquidationPrice: number; liquidationDistance: number; fundingRate: number }[]; expectedCarry: { amount: number; stdError: number }; costs: { entry: number; exit: number; total: number }; venues: { venue: string }[] };
    for (const l of p.legs) for (const k of ['venue', 'side', 'quantity', 'liquidationPrice', 'liquidationDistance']) expect(l).toHaveProperty(k);
    const rates = p.legs.map((l) => l.fundingRate);
    expect(p.legs[0]?.side).toBe('long');
    expect(rates[0]).toBeLessThanOrEqual(rates[1] as number);
    expect(p.expectedCarry.amount).toBeGreaterThanOrEqual(0);
    expect(p.expectedCarry.stdError).toBeGreaterThan(0);
    expect(p.costs.total).toBeCloseTo(p.costs.entry + p.costs.exit, 12);
    expect(p.venues.map((v) => v.venue)).toEqual(['binance', 'gate', 'dydx']);
    expect(p).toHaveProperty('carryHistory');
  });

  it('venue=FILE names the venue; --taker-fee venue=R sets its fee', async () => {
    const r = await cli('funding-plan', '--funding', `okx=${F('binance')}`, '--funding', F('gate'), '--price', '42000', '--vol', '0.5', '--taker-fee', 'gate=0.001', '--json');
    const p = JSON.parse(r.stdout) as { legs: { venue: string; takerFee: number }[] };
    expect(p.legs.map((l) => l.venue).sort()).toEqual(['gate', 'okx']);
    expect(p.legs.find((l) => l.venue === 'gate')?.takerFee).toBe(0.001);
  });

  it('refuses one file, a missing price, and the same venue twice (exit 2)', async () => {
    expect((await cli('funding-plan', '--funding', F('gate'), '--price', '1', '--vol', '0.5', '--json')).code).toBe(2);
    const noPrice = await cli('funding-plan', '--funding', F('gate'), '--funding', F('bybit'), '--vol', '0.5', '--json');
    expect(noPrice.code).toBe(2);
    expect(noPrice.stderr).toContain('MISSING_OPTION');
    expect((await cli('funding-plan', '--funding', F('gate'), '--funding', F('gate'), '--price', '1', '--vol', '0.5')).code).toBe(2);
  });

  it('refuses files of two coins, a window with one settlement, and --half-life without --method ewma', async () => {
    const eth = join(mkdtempSync(join(tmpdir(), 'tradesize-')), 'bybit-ethusdt-funding.csv');
    writeFileSync(eth, 'timestamp,rate\n2023-01-01T00:00:00Z,0.0001\n2023-01-01T08:00:00Z,0.0001\n');
    const coins = await cli('funding-plan', '--funding', F('gate'), '--funding', eth, '--price', '1', '--vol', '0.5', '--json');
    expect(JSON.parse(coins.stderr)).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.stringContaining('different coins') } });
    const win = await cli('funding-plan', '--funding', F('gate'), '--funding', F('bybit'), '--price', '42000', '--vol', '0.5', '--window', '0.1', '--json');
    expect(JSON.parse(win.stderr)).toMatchObject({ error: { code: 'INSUFFICIENT_DATA', path: ['--window'] } });
    const hl = await cli('funding-plan', '--funding', F('gate'), '--funding', F('bybit'), '--price', '42000', '--vol', '0.5', '--half-life', '3', '--json');
    expect(JSON.parse(hl.stderr)).toMatchObject({ error: { code: 'CONFLICTING_OPTIONS' } });
  });

  it('--backtest reports carry earned, costs, funding, liquidations and the worst liquidation distance of every step', async () => {
    const r = await cli('funding-plan', '--funding', F('bybit'), '--funding', F('gate'), '--data', 'examples/data/btc-usdt-1d.csv', '--backtest', '--horizon', '14', '--k', '5', '--json');
    expect(r.code).toBe(0);
    type Funding = { long: number; short: number };
    const b = JSON.parse(r.stdout) as {
      steps: { carry: number; costs: number; funding: Funding; liquidations: number; worstLiquidationDistance: number }[];
      summary: { steps: number; carry: number; costs: number; net: number; pnl: number; funding: Funding; liquidations: number; worstLiquidationDistance: number };
    };
    expect(b.summary.steps).toBe(b.steps.length);
    expect(b.summary.carry).toBeCloseTo(b.steps.reduce((a, s) => a + s.carry, 0), 9);
    expect(b.summary.net).toBeCloseTo(b.summary.carry - b.summary.costs, 9);
    expect(b.summary.worstLiquidationDistance).toBe(Math.min(...b.steps.map((s) => s.worstLiquidationDistance)));
    for (const s of b.steps) expect(s.carry).toBeCloseTo(-(s.funding.long + s.funding.short), 9);
    expect(b.summary.funding.long).toBeCloseTo(b.steps.reduce((a, s) => a + s.funding.long, 0), 9);
    expect(b.summary.liquidations).toBe(b.steps.reduce((a, s) => a + s.liquidations, 0));
    expect(typeof b.summary.pnl).toBe('number');
  });
});

describe('tradesize size with funding', () => {
  it('without --kelly-mu the decision is unchanged; with it funding-kelly binds as hand-worked (0.5 × 1.08472 × 10,000 / 65,000)', async () => {
    const base = ['size', '--equity', '10000', '--entry', '65000', '--stop', '60000', '--risk', '0.05', '--json'];
    const plain = JSON.parse((await cli(...base)).stdout) as { quantity: number; constraints: { name: string }[] };
    expect(plain.constraints.map((c) => c.name)).toEqual(['stop-risk', 'leverage']);
    const r = JSON.parse((await cli(...base, '--kelly-mu', '0.5', '--vol', '0.6', '--funding-rate', '0.0001', '--funding-interval', '8', '--kelly-multiplier', '0.5')).stdout) as { binding: string; unroundedQuantity: number };
    expect(r.binding).toBe('funding-kelly');
    expect(r.unroundedQuantity).toBeCloseTo((0.5 * (0.3905 / 0.36) * 10_000) / 65_000, 10);
  });

  it('a higher funding rate sizes a long smaller (carry sign)', async () => {
    const q = async (rate: string) => (JSON.parse((await cli('size', '--equity', '10000', '--entry', '65000', '--stop', '40000', '--risk', '0.5', '--max-leverage', '5', '--kelly-mu', '0.5', '--vol', '0.6', '--funding-rate', rate, '--json')).stdout) as { quantity: number }).quantity;
    expect(await q('0.3')).toBeLessThan(await q('0.05'));
  });

  it('--venue isolated with a funding rate: the liquidation price after --holding-days and the days to the stop (Binance formula by hand)', async () => {
    const r = await cli('size', '--equity', '1000', '--entry', '65000', '--stop', '60000', '--risk', '0.02', '--venue', 'binance-usdm', '--symbol', 'BTCUSDT', '--leverage', '5',
      '--funding-rate', '0.0003', '--funding-interval', '8', '--holding-days', '60', '--json');
    const d = JSON.parse(r.stdout) as { quantity: number; funding: { margin: number; fundingPaid: number; liquidationPrice: number; liquidationAtHorizon: number; daysToStop: number } };
    // 0.004 BTC at 5×: margin 52; LP = (52 − 260)/(0.004 × (0.004 − 1)) = 52,208.84; 180 settlements of 0.078 → WB 37.96.
    expect(d.quantity).toBe(0.004);
    expect(d.funding.margin).toBeCloseTo(52, 9);
    expect(d.funding.liquidationPrice).toBeCloseTo((52 - 260) / (0.004 * (0.004 - 1)), 6);
    expect(d.funding.fundingPaid).toBeCloseTo(180 * 0.078, 9);
    expect(d.funding.liquidationAtHorizon).toBeCloseTo((52 - 14.04 - 260) / (0.004 * (0.004 - 1)), 6);
    // Stop 60,000: WB at the stop 260 − 0.004 × 0.996 × 60,000 = 20.96 → ⌈31.04/0.078⌉ = 398 settlements = 132.67 days.
    expect(d.funding.daysToStop).toBeCloseTo((398 * 8) / 24, 9);
  });
});
