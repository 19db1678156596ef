/**
 * The snapshots typed in from captured venue responses — Bybit ETHUSDT (ccxt/ccxt#17061,
 * 2023-03-05), Bybit inverse BTCUSD (ccxt/ccxt#13172, 2022-05-09), OKX BTC-USDT-SWAP
 * (ccxt/ccxt#11938, 2022-02-11; ccxt static market fixture) — checked against:
 * - the committed capture fixtures (test/fixtures/venues/*.ccxt.json, read by `parseTiersJson`)
 *   and their raw `info` fields;
 * - the deduction recurrence amount_n = amount_(n−1) + floor_n·(mmr_n − mmr_(n−1)), written out
 *   here independently of `withDeductions`;
 * - on 1,000 random isolated positions per instrument: margin balance = maintenance margin at the
 *   liquidation price (1e-9 relative, PnL written out by `pnlAt`);
 * - a quantity past the top tier's cap: ABOVE_MAX_TIER naming the cap, in the library and the CLI.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bybitInverse } from '../../src/venues/bybit-inverse.js';
import { bybitLinear } from '../../src/venues/bybit-linear.js';
import { okxSwap } from '../../src/venues/okx-swap.js';
import { getInstrument } from '../../src/venues/registry.js';
import { INSTRUMENTS as BYBIT_INVERSE } from '../../src/venues/snapshots/bybit-inverse.js';
import { INSTRUMENTS as BYBIT_LINEAR } from '../../src/venues/snapshots/bybit-linear.js';
import { INSTRUMENTS as OKX_SWAP } from '../../src/venues/snapshots/okx-swap.js';
import { parseTiersJson } from '../../src/venues/tiers-file.js';
import { tierAt, validateTiers } from '../../src/venues/tiers.js';
import type { Instrument, LiquidationInput, Position, VenueModel } from '../../src/venues/types.js';
import { cli, json } from '../cli/run.js';
import { expectRelClose, pnlAt, thrown } from './helpers.js';

const fixture = (name: string): string =>
  readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'venues', name), 'utf8');

const ETHUSDT = BYBIT_LINEAR.ETHUSDT!;
const BTCUSD = BYBIT_INVERSE.BTCUSD!;
const OKX_BTC = OKX_SWAP['BTC-USDT-SWAP']!;

interface Case {
  readonly venue: VenueModel;
  readonly inst: Instrument;
  readonly fixture: string;
  readonly ccxtSymbol: string;
}
const CASES: readonly Case[] = [
  { venue: bybitLinear, inst: ETHUSDT, fixture: 'bybit-linear-ethusdt-risk-limit.ccxt.json', ccxtSymbol: 'ETH/USDT:USDT' },
  { venue: bybitInverse, inst: BTCUSD, fixture: 'bybit-inverse-btcusd-risk-limit.ccxt.json', ccxtSymbol: 'BTC/USD:BTC' },
  { venue: okxSwap, inst: OKX_BTC, fixture: 'okx-swap-btc-usdt-position-tiers.ccxt.json', ccxtSymbol: 'BTC/USDT:USDT' },
];

/** The recurrence, written out: amount_1 = 0, amount_n = amount_(n−1) + floor_n·(mmr_n − mmr_(n−1)). */
function recurrence(inst: Instrument): number[] {
  const out: number[] = [];
  inst.tiers.forEach((t, i) => {
    const prev = inst.tiers[i - 1];
    out.push(prev === undefined ? 0 : (out[i - 1] as number) + t.floor * (t.maintenanceMarginRate - prev.maintenanceMarginRate));
  });
  return out;
}

/** Contracts whose value in the tier basis at `price` is `value`. */
function quantityFor(inst: Instrument, value: number, price: number): number {
  if (inst.tierBasis === 'contracts') return value;
  return inst.kind === 'linear' ? value / (inst.contractSize * price) : (value * price) / inst.contractSize;
}
/** Margin (settlement) value of a position at `price`. */
const marginValue = (inst: Instrument, q: number, price: number): number =>
  inst.kind === 'linear' ? inst.contractSize * q * price : (inst.contractSize * q) / price;
const topCap = (inst: Instrument): number => inst.tiers[inst.tiers.length - 1]!.cap;

describe('typed-in tables against the captures', () => {
  it.each(CASES.map((c) => [c.inst.venue, c.inst.symbol, c] as const))('%s %s: valid, and equal to the capture fixture read by parseTiersJson', (_v, _s, c) => {
    validateTiers(c.inst.tiers);
    expect(parseTiersJson(fixture(c.fixture), { venue: c.inst.venue, symbol: c.ccxtSymbol })).toEqual(c.inst.tiers);
  });

  it.each(CASES.map((c) => [c.inst.venue, c.inst.symbol, c] as const))('%s %s: maintenance amounts follow the deduction recurrence', (_v, _s, c) => {
    const expected = c.inst.venue === 'okx-swap' ? c.inst.tiers.map(() => 0) : recurrence(c.inst);
    c.inst.tiers.forEach((t, i) => expect(Math.abs(t.maintenanceAmount - (expected[i] as number)), `tier ${t.tier}`).toBeLessThanOrEqual(1e-9 * Math.max(1, t.maintenanceAmount)));
  });

  it('Bybit ETHUSDT: 13 tiers to 24,000,000 USDT, MMR 0.5 % rising by 0.5 % a tier; derived deductions 4,500 … 594,500', () => {
    expect(ETHUSDT.tiers.map((t) => t.cap)).toEqual([900_000, 1_500_000, 3_000_000, 4_500_000, 6_000_000, 7_500_000, 9_000_000, 10_500_000, 16_000_000, 18_000_000, 20_000_000, 22_000_000, 24_000_000]);
    ETHUSDT.tiers.forEach((t, i) => expect(t.maintenanceMarginRate).toBeCloseTo(0.005 * (i + 1), 15));
    expect(ETHUSDT.tiers.map((t) => t.maxLeverage)).toEqual([100, 50, 36.37, 28.58, 23.53, 20, 17.4, 15.39, 13.8, 12.5, 11.43, 10.53, 9.76]);
    expect(ETHUSDT.tiers[1]!.maintenanceAmount).toBe(4_500);
    expect(ETHUSDT.tiers[12]!.maintenanceAmount).toBe(594_500);
  });

  it('Bybit BTCUSD: the raw v2 rows (limit in BTC, maintain_margin in percent) are the typed-in rows', () => {
    const rows = (JSON.parse(fixture('bybit-inverse-btcusd-risk-limit.ccxt.json')) as Record<string, { info: Record<string, unknown> }[]>)['BTC/USD:BTC']!;
    expect(rows.map((r) => r.info.limit)).toEqual(BTCUSD.tiers.map((t) => t.cap));
    expect(rows.map((r) => Number(r.info.maintain_margin) / 100)).toEqual(BTCUSD.tiers.map((t) => t.maintenanceMarginRate));
    expect(rows.map((r) => Number(r.info.max_leverage))).toEqual(BTCUSD.tiers.map((t) => t.maxLeverage));
    expect(BTCUSD.tiers.map((t) => t.maintenanceAmount)).toEqual([0, 0.75, 2.25]);
  });

  it('OKX BTC-USDT-SWAP: tier 1 of the raw position-tiers row (contracts), ctVal 0.01 BTC, taker fee 0.0005', () => {
    const [row] = (JSON.parse(fixture('okx-swap-btc-usdt-position-tiers.ccxt.json')) as Record<string, { info: Record<string, string> }[]>)['BTC/USDT:USDT']!;
    expect(row!.info).toMatchObject({ minSz: '0', maxSz: '500', mmr: '0.004', maxLever: '125', uly: 'BTC-USDT' });
    expect(OKX_BTC.tiers).toEqual([{ tier: 1, floor: 0, cap: 500, maintenanceMarginRate: 0.004, maintenanceAmount: 0, maxLeverage: 125 }]);
    expect(OKX_BTC).toMatchObject({ tierBasis: 'contracts', contractSize: 0.01, tickSize: 0.1, lotStep: 0.1, minQty: 0.1, takerFee: 0.0005 });
  });

  it('the registry finds the new symbols by their common spellings', () => {
    expect(getInstrument('bybit-linear', 'ETH/USDT:USDT')).toBe(ETHUSDT);
    expect(getInstrument('bybit-inverse', 'BTC/USD:BTC')).toBe(BTCUSD);
    for (const alias of ['BTC-USDT-SWAP', 'BTC/USDT:USDT', 'btc-usdt']) expect(getInstrument('okx-swap', alias), alias).toBe(OKX_BTC);
  });
});

/** Uniform in [min, max] by value. */
const uniform = (min: number, max: number) => fc.noBias(fc.integer({ min: 0, max: 1 << 30 })).map((k) => min + ((max - min) * k) / (1 << 30));

describe('liquidation on the new tables', () => {
  // Position values up to half the top cap, so that the value at the liquidation price (at most
  // twice the value at entry for a short at leverage ≥ 1) stays inside the table.
  const scenario = fc.record({
    c: fc.integer({ min: 0, max: CASES.length - 1 }),
    side: fc.constantFrom('long' as const, 'short' as const),
    entry: uniform(3, 5).map((x) => 10 ** x),
    logFraction: uniform(-4, Math.log10(0.5)),
    u: uniform(0, 1),
  });

  it('isolated: margin balance = maintenance margin at the liquidation price, 1e-9 relative (1,000 runs)', () => {
    fc.assert(
      fc.property(scenario, (g) => {
        const { venue, inst } = CASES[g.c]!;
        const value = topCap(inst) * 10 ** g.logFraction;
        const quantity = quantityFor(inst, value, g.entry);
        const position: Position = { symbol: inst.symbol, side: g.side, quantity, entryPrice: g.entry };
        const leverage = 1 + g.u * (Math.min(100, tierAt(inst.tiers, value).maxLeverage) - 1);
        const collateral = marginValue(inst, quantity, g.entry) / leverage;
        const r = venue.liquidation({ instrument: inst, position, marginMode: 'isolated', collateral, leverage });
        fc.pre(r.liquidationPrice !== null);
        const lp = r.liquidationPrice!;
        const mm = venue.positionMargin(inst, position, lp, 1).maintenanceMargin;
        expectRelClose(collateral + pnlAt(inst, position, lp), mm, 1e-9, `${inst.venue} ${inst.symbol} MB vs MM`);
        expect(r.maintenanceMargin).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('a worked case each: OKX long LP = (E − M/Q)/(1 − MMR − fee), tier 1', () => {
    const r = okxSwap.liquidation({
      instrument: OKX_BTC, marginMode: 'isolated', collateral: 600, leverage: 10,
      position: { symbol: 'BTC-USDT-SWAP', side: 'long', quantity: 100, entryPrice: 60_000 },
    });
    expect(r.liquidationPrice!).toBeCloseTo((60_000 - 600 / 1) / (1 - 0.004 - 0.0005), 8);
    expect(r.tier.tier).toBe(1);
  });

  const above: readonly (readonly [Case, Position])[] = [
    [CASES[0]!, { symbol: 'ETHUSDT', side: 'long', quantity: (24_000_000 / 2_000) * 1.001, entryPrice: 2_000 }],
    [CASES[1]!, { symbol: 'BTCUSD', side: 'short', quantity: 450 * 50_000 * 1.001, entryPrice: 50_000 }],
    [CASES[2]!, { symbol: 'BTC-USDT-SWAP', side: 'long', quantity: 500.1, entryPrice: 60_000 }],
  ];

  it.each(above.map(([c, p]) => [c.inst.symbol, c, p] as const))('%s: a position past the top tier raises ABOVE_MAX_TIER naming the cap', (_s, c, position) => {
    const input: LiquidationInput = { instrument: c.inst, position, marginMode: 'isolated', collateral: marginValue(c.inst, position.quantity, position.entryPrice), leverage: 1 };
    const e = thrown(() => c.venue.liquidation(input));
    expect(e.code).toBe('ABOVE_MAX_TIER');
    expect(e.details?.cap).toBe(topCap(c.inst));
    expect(e.message).toContain(`cap ${topCap(c.inst)}`);
  });
});

describe('tradesize liquidation --venue V --symbol S on the new symbols', () => {
  const base = ['liquidation', '--margin-mode', 'isolated', '--json'];
  const runs: readonly (readonly [string, string, string[], Case, Position, number])[] = [
    // Linear --quantity is in base units (ETH, BTC); inverse in contracts (USD).
    ['bybit-linear', 'ETHUSDT', ['--side', 'long', '--entry', '2000', '--quantity', '1000', '--collateral', '100000'], CASES[0]!, { symbol: 'ETHUSDT', side: 'long', quantity: 1000, entryPrice: 2000 }, 100_000],
    ['bybit-inverse', 'BTCUSD', ['--side', 'short', '--entry', '50000', '--quantity', '8000000', '--collateral', '16'], CASES[1]!, { symbol: 'BTCUSD', side: 'short', quantity: 8_000_000, entryPrice: 50_000 }, 16],
    ['okx-swap', 'BTC-USDT-SWAP', ['--side', 'long', '--entry', '60000', '--quantity', '2', '--collateral', '12000'], CASES[2]!, { symbol: 'BTC-USDT-SWAP', side: 'long', quantity: 200, entryPrice: 60_000 }, 12_000],
  ];

  it.each(runs)('%s %s prints the library liquidation price', async (venue, symbol, args, c, position, collateral) => {
    const run = await cli(...base, '--venue', venue, '--symbol', symbol, ...args);
    expect(run.code).toBe(0);
    const expected = c.venue.liquidation({ instrument: c.inst, position, marginMode: 'isolated', collateral });
    expect(json(run).liquidationPrice as number).toBeCloseTo(expected.liquidationPrice!, 6);
  });

  it('a quantity past the top tier exits 2 with ABOVE_MAX_TIER', async () => {
    const run = await cli(...base, '--venue', 'okx-swap', '--symbol', 'BTC-USDT-SWAP', '--side', 'long', '--entry', '60000', '--quantity', '6', '--collateral', '360000');
    expect(run.code).toBe(2);
    const { error } = JSON.parse(run.stderr) as { error: { code: string; message: string } };
    expect(error.code).toBe('ABOVE_MAX_TIER');
    expect(error.message).toContain('cap 500');
  });
});
