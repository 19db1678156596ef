import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backtest } from '../../src/backtest/backtest.js';
import type { Bars } from '../../src/backtest/bars.js';
import type { KernelTrace } from '../../src/backtest/kernel.js';
import { barsArb } from '../helpers/backtest.js';

const POLICIES = ['fixed-leverage:3', 'fixed-risk:0.05', 'kelly:0.5', 'vol-target:0.8', 'universal:4', 'sizer', 'fixed-leverage:12'];

describe('backtest invariants', () => {
  it('the accounting identity holds on every bar: equity = initial + realised + unrealised − fees − funding − liquidation losses', () => {
    fc.assert(
      fc.property(barsArb(3, 120), fc.constantFrom(...POLICIES), fc.double({ min: 0, max: 0.002, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true }), fc.boolean(), fc.double({ min: 0, max: 0.2, noNaN: true }), (bars, policy, feeRate, slippageBps, isolated, band) => {
        const n = bars.close.length;
        const funding = { time: Float64Array.from(bars.time, (t) => t + 3_600_000), rate: Float64Array.from(bars.time, (_, i) => (i % 3) * 1e-4 - 1e-4) };
        const curves: Float64Array[] = [];
        const traces: KernelTrace[] = [];
        backtest({ bars, funding }, { policies: [policy], feeRate, slippageBps, rebalanceBand: band, marginMode: isolated ? 'isolated' : 'cross', window: 2, equity: 1_000 }, curves, traces);
        const [curve, t] = [curves[0] as Float64Array, traces[0] as KernelTrace];
        for (let i = 0; i < n; i++) {
          const rhs = 1_000 + (t.realised[i] as number) + (t.unrealised[i] as number) - (t.fees[i] as number) - (t.funding[i] as number) - (t.liquidationLoss[i] as number);
          expect(Math.abs((curve[i] as number) - rhs)).toBeLessThanOrEqual(1e-9 * 1_000 * (1 + Math.abs(t.position[i] as number)));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('no look-ahead: changing the bars after close m changes no decision at or before m', () => {
    fc.assert(
      fc.property(barsArb(80, 140), barsArb(6, 60), fc.constantFrom(...POLICIES), fc.nat(), (bars, other, policy, cut) => {
        const n = bars.close.length;
        const m = cut % (n - 1);
        // splice: bars up to m, then other's shape rescaled to continue from close m
        const k = Math.min(other.close.length, n - m - 1);
        const mixed: Bars = { time: bars.time.slice(0, m + 1 + k), open: bars.open.slice(0, m + 1 + k), high: bars.high.slice(0, m + 1 + k), low: bars.low.slice(0, m + 1 + k), close: bars.close.slice(0, m + 1 + k), signal: null };
        const scale = (bars.close[m] as number) / 100;
        for (let j = 0; j < k; j++) {
          mixed.open[m + 1 + j] = (other.open[j] as number) * scale;
          mixed.high[m + 1 + j] = (other.high[j] as number) * scale;
          mixed.low[m + 1 + j] = (other.low[j] as number) * scale;
          mixed.close[m + 1 + j] = (other.close[j] as number) * scale;
        }
        if (mixed.close.length < 2) return;
        const a: KernelTrace[] = [];
        const b: KernelTrace[] = [];
        backtest({ bars }, { policies: [policy], window: 3, feeRate: 0.0005 }, [], a);
        backtest({ bars: mixed }, { policies: [policy], window: 3, feeRate: 0.0005 }, [], b);
        const pa = (a[0] as KernelTrace).position.subarray(0, Math.min(m + 1, mixed.close.length));
        const pb = (b[0] as KernelTrace).position.subarray(0, pa.length);
        expect(Array.from(pb)).toEqual(Array.from(pa));
      }),
      { numRuns: 1000 },
    );
  });

  it('fixed-leverage:1 without costs ends at initial × last close / first close', () => {
    fc.assert(
      fc.property(barsArb(2, 60), (bars) => {
        const r = backtest({ bars }, { policies: ['fixed-leverage:1'], mmr: 0 });
        const expected = (10_000 * (bars.close[bars.close.length - 1] as number)) / (bars.close[0] as number);
        expect(Math.abs((r.policies[0]?.finalEquity as number) - expected)).toBeLessThanOrEqual(1e-12 * expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('the universal portfolio stays within Cover’s bound ln(n + 1) of the best constant leverage in [0, L]', () => {
    fc.assert(
      fc.property(barsArb(3, 80), fc.double({ min: 0.5, max: 5, noNaN: true }), (bars, lmax) => {
        const n = bars.close.length - 1;
        const r = Float64Array.from({ length: n }, (_, i) => (bars.close[i + 1] as number) / (bars.close[i] as number) - 1);
        // the bound needs 1 + L·r ≥ 0 on every bar
        if (r.some((x) => 1 + lmax * x < 0)) return;
        const res = backtest({ bars }, { policies: [`universal:${lmax}`], mmr: 0, equity: 1 });
        const ln = Math.log(res.policies[0]?.finalEquity as number);
        let best = -Infinity;
        for (let k = 0; k <= 2_000; k++) {
          const l = (lmax * k) / 2_000;
          let g = 0;
          for (const x of r) g += Math.log(1 + l * x);
          best = Math.max(best, g);
        }
        expect(best - ln).toBeLessThanOrEqual(Math.log(n + 1) + 1e-9);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('universal portfolio: closed form', () => {
  it('over two returns its wealth is (1/L)∫(1 + ℓr₁)(1 + ℓr₂)dℓ = 1 + (L/2)(r₁ + r₂) + (L²/3)·r₁r₂', () => {
    // closes 100 → 110 → 99: r₁ = 0.1, r₂ = −0.1; L = 3: 1 + 1.5·0 + 3·(−0.01) = 0.97
    const bars: Bars = { time: Float64Array.of(0, 86_400_000, 172_800_000), open: Float64Array.of(100, 100, 110), high: Float64Array.of(100, 110, 110), low: Float64Array.of(100, 100, 99), close: Float64Array.of(100, 110, 99), signal: null };
    const r = backtest({ bars }, { policies: ['universal:3'], mmr: 0, equity: 1 });
    expect(Math.abs((r.policies[0]?.finalEquity as number) - 0.97)).toBeLessThan(1e-14);
  });
});

describe('the warm-up does not hide the policies from these properties', () => {
  it('on 120 bars every policy trades', () => {
    fc.assert(
      // With an upward drift of 2 % a bar every policy has an edge to act on (on a driftless path a Kelly rule may rightly stay flat).
      fc.property(barsArb(120, 120, { drift: 0.02 }), (bars) => {
        const r = backtest({ bars }, { policies: POLICIES, window: 3, feeRate: 0.0005 });
        // a policy that never traded pays no fee
        for (const p of r.policies) expect(p.fees, p.policy).toBeGreaterThan(0);
      }),
      { numRuns: 50 },
    );
  });
});
