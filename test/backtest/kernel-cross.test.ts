import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crossEligible } from '../../src/backtest/kernel-cross.js';
import { newTrace, simulateBars, type KernelInput, type KernelParams, type KernelResult } from '../../src/backtest/kernel.js';
import { flatRule } from '../../src/backtest/margin.js';
import { venueRule } from '../../src/backtest/venue-rule.js';

const params = (over: Partial<KernelParams> = {}): KernelParams => ({
  initial: 10_000, feeRate: 0, slippage: 0, band: 0, isolated: false, isolatedLeverage: 10, rule: flatRule(0.005), ...over,
});

/** The specialised loop (no trace) and the general loop (with a trace) on the same run. */
function both(input: KernelInput, p: KernelParams): { fast: KernelResult; general: KernelResult; fastCurve: Float64Array; generalCurve: Float64Array } {
  const n = input.close.length;
  expect(crossEligible(input, p, null)).toBe(true);
  const fastCurve = new Float64Array(n);
  const generalCurve = new Float64Array(n);
  const fast = simulateBars(input, p, fastCurve);
  const general = simulateBars(input, p, generalCurve, newTrace(n));
  return { fast, general, fastCurve, generalCurve };
}

const near = (a: number, b: number, scale: number): boolean => Math.abs(a - b) <= 1e-9 * (scale + Math.abs(b));

function expectSame(input: KernelInput, p: KernelParams): KernelResult {
  const { fast, general, fastCurve, generalCurve } = both(input, p);
  expect(fast.ruinedAt).toBe(general.ruinedAt);
  expect(fast.liquidations).toBe(general.liquidations);
  expect(fast.stopOuts).toBe(0);
  for (const key of ['finalEquity', 'fees', 'funding', 'traded', 'liquidationLoss'] as const) {
    expect(near(fast[key], general[key], p.initial), `${key}: ${fast[key]} vs ${general[key]}`).toBe(true);
  }
  for (let i = 0; i < fastCurve.length; i++) expect(near(fastCurve[i] as number, generalCurve[i] as number, p.initial), `curve[${i}]`).toBe(true);
  return fast;
}

const f64 = (v: number[]): Float64Array => Float64Array.from(v);

describe('simulateBars: the specialised cross-margin loop', () => {
  it('is taken only for cross margin, a flat rate, no stop, no sizer, no trace and Float64Array inputs', () => {
    const c = f64([100, 101]);
    const input: KernelInput = { open: c, high: c, low: c, close: c, target: f64([1, 1]) };
    expect(crossEligible(input, params(), null)).toBe(true);
    expect(crossEligible({ ...input, funding: f64([0, 1e-4]) }, params(), null)).toBe(true);
    expect(crossEligible(input, params(), newTrace(2))).toBe(false);
    expect(crossEligible(input, params({ isolated: true }), null)).toBe(false);
    expect(crossEligible(input, params({ rule: venueRule('binance-usdm', 'BTCUSDT') }), null)).toBe(false);
    expect(crossEligible({ ...input, stop: f64([0.05, 0.05]) }, params(), null)).toBe(false);
    expect(crossEligible({ ...input, sizeAt: () => 1 }, params(), null)).toBe(false);
    expect(crossEligible({ ...input, close: [100, 101] }, params(), null)).toBe(false);
  });

  it("takes dYdX's flat maintenance fraction (MMF 3 %) and agrees; never an inverse contract", () => {
    const c = f64([100, 101]);
    const input: KernelInput = { open: c, high: c, low: c, close: c, target: f64([1, 1]) };
    for (const [venue, symbol] of [['binance-coinm', 'BTCUSD_PERP'], ['bybit-inverse', 'BTCUSD'], ['deribit', 'BTC-PERPETUAL'], ['deribit', 'BTC_USDC-PERPETUAL']] as const) {
      expect(crossEligible(input, params({ rule: venueRule(venue, symbol) }), null), venue).toBe(false);
    }
    // 20× long at 100: q = 2,000, LP = (10,000 − 200,000)/(2,000·0.03 − 2,000) = 97.938… > 97.5 = the low
    const k = expectSame({ open: f64([100, 99]), high: f64([100, 99]), low: f64([100, 97.5]), close: f64([100, 98]), target: f64([20, 20]) }, params({ rule: venueRule('dydx', 'BTC-USD') }));
    expect(k.liquidations).toBe(1);
    expect(k.liquidationLoss).toBeCloseTo(0.03 * 2_000 * (190_000 / 1_940), 9);
  });

  it('a 10× long through a bar whose low is under the liquidation price: liquidated at LP, the maintenance margin lost, ends at 0', () => {
    // q = 1,000; LP = (10,000 − 100,000)/(1,000·0.005 − 1,000) = 90.452… > 90 = the low
    const k = expectSame({ open: f64([100, 100, 97]), high: f64([100, 100, 97]), low: f64([100, 90, 97]), close: f64([100, 95, 97]), target: f64([10, 10, 10]) }, params());
    const lp = (10_000 - 100_000) / (5 - 1_000);
    expect(k.liquidations).toBe(1);
    expect(k.ruinedAt).toBe(1);
    expect(k.liquidationLoss).toBeCloseTo(0.005 * 1_000 * lp, 9);
    expect(k.traded).toBeCloseTo(1_000 * 100 + 1_000 * lp, 6);
  });

  it('a bar opening beyond the liquidation price liquidates at the open; a short with the high', () => {
    // 5× long: LP = 80.40…, the bar opens at 80.2: the balance left at the open, 100, is lost
    const long = expectSame({ open: f64([100, 80.2]), high: f64([100, 96]), low: f64([100, 79]), close: f64([100, 95]), target: f64([5, 5]) }, params());
    expect(long.liquidationLoss).toBeCloseTo(100, 9);
    const short = expectSame({ open: f64([100, 104]), high: f64([100, 111]), low: f64([100, 103]), close: f64([100, 105]), target: f64([-10, -10]) }, params());
    expect(short.liquidations).toBe(1);
  });

  it('funding, fees, slippage and the band as the general loop (hand-checked first bar)', () => {
    // close 0 = 100, 2×: q = 200 bought at 100.1 with a fee of 0.001·200·100.1 = 20.02: equity 9,959.98
    const { fastCurve } = both({ open: f64([100, 110]), high: f64([100, 112]), low: f64([100, 99]), close: f64([100, 110]), target: f64([2, 2]), funding: f64([0, 1e-4]) }, params({ feeRate: 0.001, slippage: 0.001 }));
    expect(fastCurve[0]).toBeCloseTo(9_959.98, 9);
    // bar 1 pays 1e-4·200·100 = 2 of funding, marks at 110: 9,959.98 + 2,000 − 2, then rebalances
    const k = expectSame({ open: f64([100, 110]), high: f64([100, 112]), low: f64([100, 99]), close: f64([100, 110]), target: f64([2, 2]), funding: f64([0, 1e-4]) }, params({ feeRate: 0.001, slippage: 0.001 }));
    expect(k.funding).toBeCloseTo(2, 12);
  });

  it('agrees with the general loop on random runs: curve and totals to 1e-9, the same liquidations and ruin', () => {
    const bar = fc.record({ r: fc.double({ min: -0.2, max: 0.2, noNaN: true }), gap: fc.double({ min: -0.08, max: 0.08, noNaN: true }), up: fc.double({ min: 0, max: 0.1, noNaN: true }), down: fc.double({ min: 0, max: 0.1, noNaN: true }), t: fc.oneof(fc.constant(0), fc.double({ min: -15, max: 15, noNaN: true }), fc.constantFrom(-25, -12, 12, 25)), f: fc.double({ min: -1e-3, max: 1e-3, noNaN: true }) });
    let liquidated = 0;
    let shortLiquidated = 0;
    fc.assert(
      fc.property(fc.array(bar, { minLength: 1, maxLength: 300 }), fc.double({ min: 0, max: 0.002, noNaN: true }), fc.double({ min: 0, max: 0.002, noNaN: true }), fc.double({ min: 0, max: 0.2, noNaN: true }), fc.double({ min: 0, max: 0.05, noNaN: true }), fc.boolean(), (rows, feeRate, slippage, band, mmr, withFunding) => {
        const n = rows.length;
        const open = new Float64Array(n), high = new Float64Array(n), low = new Float64Array(n), close = new Float64Array(n), target = new Float64Array(n), funding = new Float64Array(n);
        let c = 100;
        rows.forEach((row, i) => {
          const o = c * Math.exp(row.gap);
          c = o * Math.exp(row.r);
          open[i] = o;
          close[i] = c;
          high[i] = Math.max(o, c) * (1 + row.up);
          low[i] = Math.min(o, c) * (1 - row.down);
          target[i] = row.t;
          funding[i] = row.f;
        });
        const k = expectSame({ open, high, low, close, target, funding: withFunding ? funding : null }, params({ feeRate, slippage, band, rule: flatRule(mmr) }));
        if (k.liquidations > 0) liquidated++;
        if (k.liquidations > 0 && (target[k.ruinedAt - 1] as number) < 0) shortLiquidated++;
      }),
      { numRuns: 1000 },
    );
    // the runs reach the liquidation paths, long and short
    expect(liquidated).toBeGreaterThan(50);
    expect(shortLiquidated).toBeGreaterThan(20);
  });
});
