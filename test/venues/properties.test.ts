/**
 * Invariants of the tiered venue models, each on 1,000 random positions (fast-check) across all
 * six venues, both sides, linear and inverse, isolated and cross:
 * - at the liquidation price the margin balance equals the maintenance margin (1e-9 relative),
 *   and at the bankruptcy price the margin balance is zero;
 * - the liquidation price moves toward the entry as leverage rises (less collateral);
 * - over-collateralised at entry: long LP < entry < short LP;
 * - the tier the result reports is the tier of the maintenance margin at the LP;
 * - the allocation-free kernels return the full solver's price.
 * The Bybit inverse and OKX tables here are illustrative (deeper than the partial bundled snapshots).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binanceCoinm } from '../../src/venues/binance-coinm.js';
import { binanceUsdm } from '../../src/venues/binance-usdm.js';
import { bybitInverse } from '../../src/venues/bybit-inverse.js';
import { bybitLinear } from '../../src/venues/bybit-linear.js';
import { hyperliquid } from '../../src/venues/hyperliquid.js';
import { okxSwap } from '../../src/venues/okx-swap.js';
import { INSTRUMENTS as BINANCE_COINM } from '../../src/venues/snapshots/binance-coinm.js';
import { INSTRUMENTS as BINANCE_USDM } from '../../src/venues/snapshots/binance-usdm.js';
import { INSTRUMENTS as BYBIT_INVERSE } from '../../src/venues/snapshots/bybit-inverse.js';
import { INSTRUMENTS as BYBIT_LINEAR } from '../../src/venues/snapshots/bybit-linear.js';
import { INSTRUMENTS as HYPERLIQUID } from '../../src/venues/snapshots/hyperliquid.js';
import { inverseLiquidationPrice, linearLiquidationPrice, packTiers } from '../../src/venues/tiered-liquidation.js';
import { tierAt, withDeductions } from '../../src/venues/tiers.js';
import type { Instrument, LiquidationInput, LiquidationResult, Position, VenueModel } from '../../src/venues/types.js';
import { pnlAt } from './helpers.js';

const RUNS = { numRuns: 1000 };

const OKX_TIERS = withDeductions([
  { tier: 1, floor: 0, cap: 5_000, maintenanceMarginRate: 0.004, maxLeverage: 100 },
  { tier: 2, floor: 5_000, cap: 20_000, maintenanceMarginRate: 0.008, maxLeverage: 50 },
  { tier: 3, floor: 20_000, cap: 100_000, maintenanceMarginRate: 0.02, maxLeverage: 20 },
]).map((t) => ({ ...t, maintenanceAmount: 0 }));
const OKX_LINEAR: Instrument = {
  venue: 'okx-swap', symbol: 'BTC-USDT-SWAP', kind: 'linear', contractSize: 0.01, tickSize: 0.1, lotStep: 1,
  tierBasis: 'contracts', takerFee: 0.0005, tiers: OKX_TIERS,
};
const BYBIT_INVERSE_TIERED: Instrument = {
  ...BYBIT_INVERSE.BTCUSD!,
  tiers: withDeductions([
    { tier: 1, floor: 0, cap: 150, maintenanceMarginRate: 0.005, maxLeverage: 100 },
    { tier: 2, floor: 150, cap: 300, maintenanceMarginRate: 0.01, maxLeverage: 50 },
    { tier: 3, floor: 300, cap: 1_000, maintenanceMarginRate: 0.02, maxLeverage: 25 },
  ]),
};

interface Case {
  readonly venue: VenueModel;
  readonly inst: Instrument;
  /** Scale of the generated position values, in the tier basis (the top cap when finite). */
  readonly scale: number;
  readonly kernel?: 'linear' | 'inverse';
}
const CASES: readonly Case[] = [
  { venue: binanceUsdm, inst: BINANCE_USDM.BTCUSDT!, scale: 1.8e9, kernel: 'linear' },
  { venue: binanceUsdm, inst: BINANCE_USDM.ETHUSDT!, scale: 1.2e9, kernel: 'linear' },
  { venue: binanceCoinm, inst: BINANCE_COINM.BTCUSD!, scale: 4_000, kernel: 'inverse' },
  { venue: bybitLinear, inst: BYBIT_LINEAR.BTCUSDT!, scale: 8e7 },
  { venue: bybitInverse, inst: BYBIT_INVERSE_TIERED, scale: 1_000 },
  { venue: okxSwap, inst: OKX_LINEAR, scale: 100_000 },
  { venue: okxSwap, inst: { ...OKX_LINEAR, symbol: 'BTC-USD-SWAP', kind: 'inverse', contractSize: 100 }, scale: 100_000 },
  { venue: hyperliquid, inst: HYPERLIQUID.BTC!, scale: 1e9, kernel: 'linear' },
  { venue: hyperliquid, inst: HYPERLIQUID.ETH!, scale: 1e9, kernel: 'linear' },
];

/** Contracts whose value in the tier basis at `price` is `value`. */
function quantityFor(inst: Instrument, value: number, price: number): number {
  if (inst.tierBasis === 'contracts') return value;
  return inst.kind === 'linear' ? value / (inst.contractSize * price) : (value * price) / inst.contractSize;
}
/** Margin (settlement) value of a position at `price`. */
const marginValue = (inst: Instrument, q: number, price: number): number =>
  inst.kind === 'linear' ? inst.contractSize * q * price : (inst.contractSize * q) / price;

/** Uniform in [min, max] by value (fc.double is uniform over float representations, crowding 0). */
const uniform = (min: number, max: number) => fc.noBias(fc.integer({ min: 0, max: 1 << 30 })).map((k) => min + ((max - min) * k) / (1 << 30));

const scenario = fc
  .record({
    c: fc.integer({ min: 0, max: CASES.length - 1 }),
    side: fc.constantFrom('long' as const, 'short' as const),
    entry: uniform(2, 5).map((x) => 10 ** x),
    logFraction: uniform(-6, Math.log10(0.25)),
    levA: uniform(0, 1),
    levB: uniform(0, 1),
    cross: fc.boolean(),
    other: fc.record({
      fraction: uniform(0, 0.1),
      side: fc.constantFrom('long' as const, 'short' as const),
      drift: uniform(-0.05, 0.05),
    }),
  })
  .map((g) => {
    const kase = CASES[g.c]!;
    const { inst } = kase;
    const quantity = quantityFor(inst, kase.scale * 10 ** g.logFraction, g.entry);
    const position: Position = { symbol: inst.symbol, side: g.side, quantity, entryPrice: g.entry };
    const maxLev = Math.min(100, tierAt(inst.tiers, kase.scale * 10 ** g.logFraction).maxLeverage);
    const lev = (u: number) => 0.5 + u * (maxLev - 0.5);
    const [low, high] = [lev(Math.min(g.levA, g.levB)), lev(Math.max(g.levA, g.levB))];
    const value = marginValue(inst, quantity, g.entry);
    const otherInst: Instrument = { ...inst, symbol: `${inst.symbol}-OTHER` };
    const otherEntry = g.entry * 0.9;
    const otherPos: Position = {
      symbol: otherInst.symbol, side: g.other.side, entryPrice: otherEntry, markPrice: otherEntry * (1 + g.other.drift),
      quantity: quantityFor(inst, kase.scale * 10 ** g.logFraction * g.other.fraction, otherEntry) || quantity * 1e-3,
    };
    const input = (leverage: number): LiquidationInput => ({
      instrument: inst, position, leverage, collateral: value / leverage,
      marginMode: g.cross ? 'cross' : 'isolated',
      ...(g.cross ? { otherPositions: [{ instrument: otherInst, position: otherPos }] } : {}),
    });
    return { kase, inst, position, low, high, input, otherInst, otherPos, cross: g.cross };
  });

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** The wallet plus the held positions' uPnL − MM: the K of the account around this position. */
function heldBalance(s: Scenario, inp: LiquidationInput, withMaintenance: boolean): number {
  if (!s.cross) return inp.collateral;
  const mark = s.otherPos.markPrice!;
  const mm = withMaintenance ? s.kase.venue.positionMargin(s.otherInst, s.otherPos, mark, 1).maintenanceMargin : 0;
  return inp.collateral + pnlAt(s.otherInst, s.otherPos, mark) - mm;
}

const solve = (s: Scenario, leverage: number): LiquidationResult => s.kase.venue.liquidation(s.input(leverage));
const relGap = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), Number.MIN_VALUE);

describe('tiered venue properties', () => {
  it('MB(LP) = MM(LP) within 1e-9 relative; MB(bankruptcy) = 0 (1,000 runs)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const inp = s.input(s.high);
        const r = solve(s, s.high);
        if (r.liquidationPrice !== null) {
          const mb = heldBalance(s, inp, true) + pnlAt(s.inst, s.position, r.liquidationPrice);
          const mm = s.kase.venue.positionMargin(s.inst, s.position, r.liquidationPrice, 1).maintenanceMargin;
          expect(relGap(mb, mm), `${s.kase.venue.id} ${s.inst.symbol}: MB ${mb} vs MM ${mm}`).toBeLessThanOrEqual(1e-9);
        }
        if (r.bankruptcyPrice !== null) {
          const mb = heldBalance(s, inp, false) + pnlAt(s.inst, s.position, r.bankruptcyPrice);
          expect(Math.abs(mb)).toBeLessThanOrEqual(1e-9 * marginValue(s.inst, s.position.quantity, s.position.entryPrice));
        }
      }),
      RUNS,
    );
  });

  it('the LP moves toward the entry as leverage rises (less collateral): a long LP rises, a short LP falls (1,000 runs)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        // Signed, so that it also holds past the entry (collateral below MM); null = no LP on that side.
        const dir = s.position.side === 'long' ? 1 : -1;
        const signed = (r: LiquidationResult) => (r.liquidationPrice === null ? -Infinity : dir * r.liquidationPrice);
        const near = signed(solve(s, s.high));
        const far = signed(solve(s, s.low));
        expect(near).toBeGreaterThanOrEqual(far - 1e-9 * Math.abs(far));
      }),
      RUNS,
    );
  });

  it('over-collateralised at entry: long LP < entry < short LP (1,000 runs)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = solve(s, s.high);
        fc.pre(r.marginRatio > 1 + 1e-9);
        if (r.liquidationPrice === null) return;
        if (s.position.side === 'long') expect(r.liquidationPrice).toBeLessThan(s.position.entryPrice);
        else expect(r.liquidationPrice).toBeGreaterThan(s.position.entryPrice);
      }),
      RUNS,
    );
  });

  it('the reported tier is the tier of the maintenance margin at the LP (1,000 runs)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = solve(s, s.high);
        fc.pre(r.liquidationPrice !== null);
        expect(r.tier).toEqual(s.kase.venue.positionMargin(s.inst, s.position, r.liquidationPrice!, 1).tier);
      }),
      RUNS,
    );
  });

  it('the allocation-free kernels return the full solver’s price (1,000 runs)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        fc.pre(s.kase.kernel !== undefined);
        const inp = s.input(s.high);
        const r = solve(s, s.high);
        const kernel = s.kase.kernel === 'linear' ? linearLiquidationPrice : inverseLiquidationPrice;
        const out = new Float64Array(2);
        const side = s.position.side === 'long' ? 1 : -1;
        const k = heldBalance(s, inp, true);
        const p = kernel(side, s.position.quantity, s.inst.contractSize, s.position.entryPrice, k, packTiers(s.inst.tiers), 0, out);
        if (r.liquidationPrice === null) expect(p).toBeNaN();
        else {
          expect(relGap(p, r.liquidationPrice)).toBeLessThanOrEqual(1e-12);
          expect(out[0]! + 1).toBe(r.tier.tier);
          expect(out[1]).toBe(r.iterations);
        }
      }),
      RUNS,
    );
  });
});
