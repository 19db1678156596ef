/**
 * Inverse (coin-margined) contracts in the bar loop: hand-worked bars (liquidation against the
 * venue's inverse liquidation price, funding and fees in coin) and the closed form of a
 * constant-leverage coin equity without costs.
 */
import { describe, expect, it } from 'vitest';
import { backtest, policyResult, prepareBacktest, runPolicy } from '../../src/backtest/backtest.js';
import { parsePolicy } from '../../src/backtest/policies/spec.js';
import { reportData } from '../../src/backtest/report-data.js';
import { newTrace, type KernelParams } from '../../src/backtest/kernel.js';
import { runBars } from '../helpers/backtest.js';
import { venueRule } from '../../src/backtest/venue-rule.js';

const COINM = venueRule('binance-coinm', 'BTCUSD_PERP');
const params = (over: Partial<KernelParams> = {}): KernelParams => ({
  initial: 1, feeRate: 0, slippage: 0, band: 0, isolated: false, isolatedLeverage: 20, rule: COINM, ...over,
});

const run = runBars;

describe('inverse contracts: hand-worked bars (Binance COIN-M BTCUSD_PERP, equity in BTC)', () => {
  it('a 10× long through a bar whose low is far below liquidation: liquidated at the tiered inverse LP', () => {
    // equity 1 BTC at 50,000, 10×: coin notional 10 BTC, Q = 500,000 USD (5,000 contracts of 100 USD).
    // Isolated, leverage 20: K = min(1, 10/20) = 0.5 BTC. At the LP the coin value Q/P exceeds 10 BTC:
    //   level 3 (10–20 BTC: MMR 1 %, amount 0.055 BTC), LP = |Q|·(r + 1)/(K + A + Q/P0)
    //   = 500,000·1.01/(0.5 + 0.055 + 10) = 505,000/10.555 = 47,844.62…; value there 10.4505 BTC ∈ (10, 20] ✓.
    // The low 40,000 < LP: closed at LP, PnL 500,000·(1/50,000 − 1/LP) = 10 − 10.4505 = −0.4505 BTC,
    // the balance left, 0.5 − 0.4505 = 0.0495 BTC (= MM at LP: 0.01·10.4505 − 0.055), goes to the venue:
    // the equity outside the margin is left, 1 − 0.5 = 0.5 BTC.
    const lp = 505_000 / 10.555;
    const { k, curve, trace } = run({ close: [50_000, 45_000], open: [50_000, 49_000], high: [50_000, 49_500], low: [50_000, 40_000], target: [10, 0] }, params({ isolated: true }));
    expect(k.liquidations).toBe(1);
    expect(trace.events[1]).toBe(2);
    expect(curve[1]).toBeCloseTo(0.5, 12);
    expect(k.liquidationLoss).toBeCloseTo(0.01 * (500_000 / lp) - 0.055, 12);
    expect(trace.realised[1]).toBeCloseTo(500_000 * (1 / 50_000 - 1 / lp), 12);
    expect(trace.position[0]).toBeCloseTo(500_000, 6);
    // cross margin: the whole equity is the balance, K = 1: LP = 505,000/11.055 = 45,680.68… (value 10.946 BTC, level 3); ends at 0
    const cross = run({ close: [50_000, 45_000], open: [50_000, 49_000], high: [50_000, 49_500], low: [50_000, 40_000], target: [10, 0] }, params());
    expect(cross.curve[1]).toBe(0);
    expect(cross.k.liquidationLoss).toBeCloseTo(0.01 * (500_000 / (505_000 / 11.055)) - 0.055, 12);
  });

  it('a 10× short through a high above its LP; a bar opening beyond LP liquidates at the open', () => {
    // short Q = −500,000 USD, K = 1 BTC; level 2 (5–10 BTC: 0.5 %, 0.005 BTC) at LP (the value falls as P rises):
    //   LP = |Q|·(r − 1)/(K + A + Q/P0) = 500,000·(−0.995)/(1 + 0.005 − 10) = 55,308.50…; value 9.04 BTC ∈ (5, 10] ✓
    const lp = (500_000 * -0.995) / (1.005 - 10);
    const inside = run({ close: [50_000, 52_000], open: [50_000, 51_000], high: [50_000, 60_000], low: [50_000, 50_500], target: [-10, 0] }, params());
    expect(inside.k.liquidations).toBe(1);
    expect(inside.trace.realised[1]).toBeCloseTo(-500_000 * (1 / 50_000 - 1 / lp), 12);
    const gap = run({ close: [50_000, 57_000], open: [50_000, 56_000], high: [50_000, 58_000], low: [50_000, 55_900], target: [-10, 0] }, params());
    expect(gap.k.liquidations).toBe(1);
    expect(gap.trace.realised[1]).toBeCloseTo(-500_000 * (1 / 50_000 - 1 / 56_000), 12);
  });

  it('funding is rate × coin notional at the last close; fees are on the traded notional in coin, fills at P·(1 ± slippage)', () => {
    // 2× long of 1 BTC at 50,000: Q = 100,000 USD bought at 50,050 (10 bps): fee 0.001·100,000/50,050,
    //   slippage 100,000·(1/50,000 − 1/50,050) coin; bar 1 pays 1e-4 × 100,000/50,000 = 2e-4 BTC of funding.
    const { k, curve, trace } = run({ close: [50_000, 50_000], funding: [0, 1e-4], target: [2, 2] }, params({ feeRate: 0.001, slippage: 0.001 }));
    const e0 = 1 - 0.001 * (100_000 / 50_050) - 100_000 * (1 / 50_000 - 1 / 50_050);
    expect(curve[0]).toBeCloseTo(e0, 14);
    expect(trace.position[0]).toBeCloseTo(100_000, 8);
    expect(trace.funding[1]).toBeCloseTo(2e-4, 15);
    expect(k.funding).toBeCloseTo(2e-4, 15);
    // bar 1: equity e0 − 2e-4, then the position rebalances to 2 × that (sells at 49,950)
    const e1 = e0 - 2e-4;
    const sell = 100_000 - 2 * e1 * 50_000;
    expect(curve[1]).toBeCloseTo(e1 - 0.001 * (sell / 49_950) - sell * (1 / 49_950 - 1 / 50_000), 14);
    // a short receives a positive rate
    expect(run({ close: [50_000, 50_000], funding: [0, 1e-4], target: [-2, -2] }, params()).k.funding).toBeCloseTo(-2e-4, 15);
  });

  it('a stop d away on the price: long at P·(1 − d), short at P·(1 + d), filled in coin', () => {
    // 2× long at 50,000, stop 5 %: 47,500; the bar's low 47,000 (above LP): stopped at 47,500,
    //   PnL 100,000·(1/50,000 − 1/47,500) = −0.105263… BTC
    const long = run({ close: [50_000, 48_000], low: [50_000, 47_000], target: [2, 0], stop: [0.05, 0] }, params());
    expect(long.k.stopOuts).toBe(1);
    expect(long.curve[1]).toBeCloseTo(1 + 100_000 * (1 / 50_000 - 1 / 47_500), 12);
    const short = run({ close: [50_000, 51_000], high: [50_000, 53_000], target: [-2, 0], stop: [0.05, 0] }, params());
    expect(short.k.stopOuts).toBe(1);
    expect(short.curve[1]).toBeCloseTo(1 - 100_000 * (1 / 50_000 - 1 / 52_500), 12);
  });
});

describe('inverse contracts: constant leverage without costs', () => {
  // Over bar i a position of coin notional L·E at c_{i−1} (Q = L·E·c_{i−1} USD) earns
  // Q·(1/c_{i−1} − 1/c_i) = L·E·(1 − c_{i−1}/c_i) coin, and is rebalanced to L × the new equity:
  //   E_n = E_0 · Π (1 + L·(1 − c_{i−1}/c_i)).
  // L = 1 long: E_n = E_0·Π (2 − c_{i−1}/c_i). L = −1 (1× short): each factor is c_{i−1}/c_i, so
  // E_n = E_0·c_0/c_n — the USD-stable position (E·c constant; Q = −E·c never needs a trade).
  it('fixed-leverage:1 long: E_n = E_0·Π(2 − c_{i−1}/c_i), exactly on powers of two', () => {
    const close = [64, 128, 256, 512, 1024];
    // each factor 2 − 1/2 = 1.5
    const r = run({ close, target: [1, 1, 1, 1, 1] }, params());
    expect(Array.from(r.curve)).toEqual([1, 1.5, 2.25, 3.375, 5.0625]);
  });

  it('fixed-leverage:1 short: E_n = E_0·c_0/c_n, exactly on powers of two', () => {
    const close = [64, 32, 128, 256, 16];
    const r = run({ close, target: [-1, -1, -1, -1, -1] }, params());
    expect(Array.from(r.curve)).toEqual(close.map((c) => 64 / c));
    // no trade after the first: Q stays −64 USD
    for (let i = 0; i < close.length; i++) expect(r.trace.position[i]).toBe(-64);
  });

  it('backtest() with fixed-leverage:L on random closes: the closed form to 1e-12, for L = 1, 0.5, 2, −1, −3', () => {
    const n = 200;
    let c = 30_000;
    let seed = 7;
    const close = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      seed = (seed * 16807) % 2147483647;
      c *= Math.exp(0.03 * (seed / 2147483647 - 0.5));
      close[i] = c;
    }
    const bars = { time: Float64Array.from(close, (_, i) => Date.UTC(2024, 0, 1) + i * 86_400_000), open: close, high: close, low: close, close, signal: null };
    for (const l of [1, 0.5, 2, -1, -3]) {
      const curves: Float64Array[] = [];
      // a short is the long policy on a signal of −1
      const signal = new Float64Array(n).fill(Math.sign(l));
      backtest({ bars: { ...bars, signal } }, { policies: [`fixed-leverage:${Math.abs(l)}`], venue: 'binance-coinm', symbol: 'BTCUSD_PERP', equity: 2 }, curves);
      const curve = curves[0] as Float64Array;
      let e = 2;
      for (let i = 1; i < n; i++) {
        e *= 1 + l * (1 - (close[i - 1] as number) / (close[i] as number));
        expect(Math.abs((curve[i] as number) - e), `L ${l} bar ${i}`).toBeLessThanOrEqual(1e-12 * e);
      }
    }
  });

  it('the hindsight leverage of an inverse contract is the linear one less 1 (coin log wealth = USD log wealth − ln P)', () => {
    const close = Float64Array.of(100, 110, 99, 120, 90, 130, 125);
    const bars = { time: Float64Array.from(close, (_, i) => Date.UTC(2024, 0, 1) + i * 86_400_000), open: close, high: close, low: close, close, signal: null };
    const inverse = backtest({ bars }, { policies: ['fixed-leverage:1'], venue: 'binance-coinm', symbol: 'BTCUSD_PERP' }).hindsight;
    const linear = backtest({ bars }, { policies: ['fixed-leverage:1'], mmr: 0 }).hindsight;
    expect(inverse.leverage as number).toBeCloseTo((linear.leverage as number) - 1, 9);
    expect(inverse.logGrowth as number).toBeCloseTo((linear.logGrowth as number) - 365 * Math.log(125 / 100) / 6, 9);
  });

  it('the report draws the coin leverage (USD face value / close / coin equity) and the growth curve of coin returns', () => {
    const close = Float64Array.of(100, 104, 99, 106, 101, 108, 105);
    const bars = { time: Float64Array.from(close, (_, i) => Date.UTC(2024, 0, 1) + i * 86_400_000), open: close, high: close, low: close, close, signal: null };
    const p = prepareBacktest({ bars }, { policies: ['fixed-leverage:3'], venue: 'binance-coinm', symbol: 'BTCUSD_PERP' });
    const spec = parsePolicy('fixed-leverage:3');
    const curve = new Float64Array(close.length);
    const trace = newTrace(close.length);
    const k = runPolicy(p, spec, curve, trace);
    const model = reportData(p, [policyResult(p, spec, curve, k)], [curve], [trace]);
    const row = model.policies[0];
    for (const l of row?.leverage ?? []) expect(l).toBeCloseTo(3, 6);
    // the size is the USD face value: 3 × 1 BTC × 100 at the first close
    expect(row?.size[0]).toBeCloseTo(300, 6);
    // the growth curve peaks at the hindsight leverage (to its grid step)
    const g = model.growth;
    const best = g.f[g.g.indexOf(Math.max(...g.g))] as number;
    expect(Math.abs(best - (p.hindsight.leverage as number))).toBeLessThanOrEqual((g.f[1] as number) - (g.f[0] as number));
  });
});
