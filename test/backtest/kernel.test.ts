import { describe, expect, it } from 'vitest';
import type { TradesizeError } from '../../src/core/errors.js';
import type { KernelParams } from '../../src/backtest/kernel.js';
import { runBars } from '../helpers/backtest.js';
import { flatRule } from '../../src/backtest/margin.js';
import { venueRule } from '../../src/backtest/venue-rule.js';

const params = (over: Partial<KernelParams> = {}): KernelParams => ({
  initial: 10_000, feeRate: 0, slippage: 0, band: 0, isolated: false, isolatedLeverage: 10, rule: flatRule(0.005), ...over,
});

const run = runBars;

describe('simulateBars: hand-checked bars', () => {
  it('2× long with a 0.1 % fee and 10 bps slippage over three bars', () => {
    // close 0 = 100, equity 10,000, target 2× → q* = 200; fill 100.1, fee 0.001·200·100.1 = 20.02;
    //   cash = 10,000 − 200·100.1 − 20.02 = −10,040.02; equity at close 0 = −10,040.02 + 200·100 = 9,959.98.
    // bar 1 closes at 110: E = −10,040.02 + 200·110 = 11,959.98 → q* = 2·11,959.98/110 = 217.4541818…,
    //   buy 17.4541818… at 110.11, fee 0.001·17.4541818·110.11 = 1.92188…;
    //   equity = 11,959.98 − 17.4541818·(110.11 − 110) − 1.92188 = 11,956.138…
    // bar 2 closes at 99: E = cash + q·99 with q = 217.4541818…
    const { curve, trace } = run({ close: [100, 110, 99], target: [2, 2, 2] }, params({ feeRate: 0.001, slippage: 0.001 }));
    expect(curve[0]).toBeCloseTo(9_959.98, 9);
    const q1 = (2 * 11_959.98) / 110;
    const dq = q1 - 200;
    const e1 = 11_959.98 - dq * 0.11 - 0.001 * dq * 110.11;
    expect(curve[1]).toBeCloseTo(e1, 8);
    expect(trace.position[1]).toBeCloseTo(q1, 10);
    const cash1 = e1 - q1 * 110;
    const e2pre = cash1 + q1 * 99;
    const q2 = (2 * e2pre) / 99;
    const sell = q1 - q2;
    expect(curve[2]).toBeCloseTo(e2pre - sell * 0.099 - 0.001 * sell * 98.901, 8);
  });

  it('a 10× long through a bar whose low is 10 % under the previous close is liquidated and ends at 0', () => {
    // q = 10·10,000/100 = 1,000; LP = (10,000 − 1,000·100)/(1,000·0.005 − 1,000) = 90.452… > 90 = the low
    const { k, curve, trace } = run({ close: [100, 95, 97], low: [100, 90, 97], target: [10, 10, 10] }, params());
    expect(k.liquidations).toBe(1);
    expect(Array.from(curve)).toEqual([10_000, 0, 0]);
    expect(k.ruinedAt).toBe(1);
    // the loss to the venue is the maintenance margin at LP: 0.005·1,000·90.452…
    const lp = (10_000 - 100_000) / (5 - 1_000);
    expect(k.liquidationLoss).toBeCloseTo(0.005 * 1_000 * lp, 9);
    expect(trace.realised[1]).toBeCloseTo(1_000 * (lp - 100), 9);
  });

  it('a bar that opens beyond the liquidation price liquidates at the open (cross: equity 0)', () => {
    // 5× long: q = 500, LP = (10,000 − 50,000)/(500·0.005 − 500) = 80.40…; the bar opens at 80.2
    const { k, curve, trace } = run({ close: [100, 95], open: [100, 80.2], low: [100, 79], high: [100, 96], target: [5, 5] }, params());
    expect(k.liquidations).toBe(1);
    expect(curve[1]).toBe(0);
    // closed at the open: realised 500·(80.2 − 100) = −9,900; the balance left, 100, is lost to the venue
    expect(trace.realised[1]).toBeCloseTo(-9_900, 9);
    expect(k.liquidationLoss).toBeCloseTo(100, 9);
  });

  it('isolated margin: a liquidation loses only the position margin', () => {
    // 5× long, isolated leverage 10: margin = 50,000/10 = 5,000; LP = (5,000 − 50,000)/(500·0.005 − 500) = 90.45…
    const { k, curve } = run({ close: [100, 95], low: [100, 90], target: [5, 0] }, params({ isolated: true }));
    expect(k.liquidations).toBe(1);
    expect(curve[1]).toBeCloseTo(5_000, 9);
  });

  it('a stop inside the bar fills at the stop; a bar opening beyond it fills at the open', () => {
    // stop 5 % under the close 100 → 95; bar 1 low 94 (above LP at 2×): stopped at 95, fee 0.001·200·95
    const inside = run({ close: [100, 96, 96], low: [100, 94, 96], target: [2, 0, 0], stop: [0.05, 0.05, 0.05] }, params({ feeRate: 0.001 }));
    expect(inside.k.stopOuts).toBe(1);
    const cash0 = 10_000 - 200 * 100 - 0.001 * 200 * 100;
    expect(inside.curve[1]).toBeCloseTo(cash0 + 200 * 95 - 0.001 * 200 * 95, 9);
    // the bar gaps to 90: filled at the open 90
    const gap = run({ close: [100, 96], open: [100, 90], low: [100, 89], target: [2, 0], stop: [0.05, 0.05] }, params());
    expect(gap.k.stopOuts).toBe(1);
    expect(gap.curve[1]).toBeCloseTo(10_000 - 200 * 10, 9);
  });

  it('a long stop below the liquidation price does not fire: the liquidation comes first', () => {
    // 10× long: LP ≈ 90.45; a stop 15 % away (85) lies below it
    const { k } = run({ close: [100, 95], low: [100, 80], target: [10, 10], stop: [0.15, 0.15] }, params());
    expect(k.liquidations).toBe(1);
    expect(k.stopOuts).toBe(0);
  });

  it('a short mirrors it with the high', () => {
    const { k, curve } = run({ close: [100, 105], high: [100, 111], target: [-10, -10] }, params());
    expect(k.liquidations).toBe(1);
    expect(curve[1]).toBe(0);
  });

  it('funding is charged on the position held over the bar, valued at the previous close', () => {
    // 1× long, q = 100 at close 100; bar 1 settles 0.01 %: pays 0.0001·100·100 = 1
    const { k, curve } = run({ close: [100, 120], funding: [0, 1e-4] }, params());
    expect(k.funding).toBeCloseTo(1, 12);
    expect(curve[1]).toBeCloseTo(10_000 + 100 * 20 - 1, 9);
    // a short receives a positive rate
    expect(run({ close: [100, 120], funding: [0, 1e-4], target: [-1, -1] }, params()).k.funding).toBeCloseTo(-1, 12);
  });

  it('a rebalance band skips trades within X of the target', () => {
    // 1×: q = 100; close 101 → target 101·... equity 10,100 → q* = 100 exactly? (10,100/101 = 100): no trade anyway;
    // 2×: q = 200; close 101 → E = 10,200, q* = 201.98: |1.98| ≤ 0.05·201.98 → no trade with band 5 %
    const banded = run({ close: [100, 101], target: [2, 2] }, params({ band: 0.05, feeRate: 0.001 }));
    expect(banded.trace.position[1]).toBe(200);
    const rebalanced = run({ close: [100, 101], target: [2, 2] }, params({ feeRate: 0.001 }));
    expect(rebalanced.trace.position[1]).toBeGreaterThan(200);
  });

  it('fixed leverage 1 without costs ends at initial × last close / first close (exact on representable prices)', () => {
    const { curve } = run({ close: [100, 125, 80, 150], target: [1, 1, 1, 1] }, params());
    expect(curve[3]).toBe(10_000 * 1.5);
  });
});

describe('simulateBars: venue tiers', () => {
  it('a Binance BTCUSDT long is liquidated at the tiered liquidation price', () => {
    const rule = venueRule('binance-usdm', 'BTCUSDT');
    // 20× of 10,000 at 50,000: q = 4 BTC, LP from the packed tier solver: > 47,500 (the bankruptcy price)
    const { k, curve } = run({ close: [50_000, 49_000], low: [50_000, 47_600], target: [20, 20] }, params({ rule }));
    expect(k.liquidations).toBe(1);
    expect(curve[1]).toBe(0);
  });

  it('an unknown venue or symbol is a typed error naming the field', () => {
    const err = (f: () => unknown): { code: string; path: readonly (string | number)[] } => {
      try {
        f();
      } catch (e) {
        return e as TradesizeError;
      }
      throw new Error('no error');
    };
    expect(err(() => venueRule('ftx', 'BTCUSD'))).toMatchObject({ code: 'UNKNOWN_VENUE', path: ['venue'] });
    expect(err(() => venueRule('binance-coinm', 'DOGEUSD_PERP'))).toMatchObject({ code: 'UNKNOWN_SYMBOL', path: ['symbol'] });
    expect(err(() => venueRule('deribit', 'BTC'))).toMatchObject({ code: 'UNKNOWN_SYMBOL', path: ['symbol'] });
  });
});
