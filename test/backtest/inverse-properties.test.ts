/**
 * The accounting identity of an inverse (coin-margined) run on every bar, in coin:
 *   equity = initial + realised + unrealised − fees − funding − liquidation losses,
 * with realised and unrealised PnL Q·(1/entry − 1/exit) against the harmonic average entry —
 * on random bars, every policy, costs, bands and margin modes, on the bundled inverse contracts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backtest } from '../../src/backtest/backtest.js';
import type { KernelTrace } from '../../src/backtest/kernel.js';
import { barsArb } from '../helpers/backtest.js';

const coinBars = barsArb(3, 120, { start: 30_000 });

const CONTRACTS = [
  { venue: 'binance-coinm', symbol: 'BTCUSD_PERP', isolated: true },
  { venue: 'bybit-inverse', symbol: 'BTCUSD', isolated: true },
  { venue: 'deribit', symbol: 'BTC-PERPETUAL', isolated: false },
] as const;
const POLICIES = ['fixed-leverage:3', 'fixed-leverage:-2', 'fixed-risk:0.05', 'kelly:0.5', 'vol-target:0.8', 'universal:4', 'sizer', 'fixed-leverage:25'];

describe('inverse backtest invariants', () => {
  it('the accounting identity holds on every bar, in coin', () => {
    let liquidated = 0;
    fc.assert(
      fc.property(coinBars, fc.constantFrom(...CONTRACTS), fc.constantFrom(...POLICIES), fc.double({ min: 0, max: 0.002, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true }), fc.boolean(), fc.double({ min: 0, max: 0.2, noNaN: true }), fc.constantFrom(0.5, 3, 200), (bars, contract, policy, feeRate, slippageBps, isolated, band, equity) => {
        const n = bars.close.length;
        const funding = { time: Float64Array.from(bars.time, (t) => t + 3_600_000), rate: Float64Array.from(bars.time, (_, i) => (i % 3) * 1e-4 - 1e-4) };
        const curves: Float64Array[] = [];
        const traces: KernelTrace[] = [];
        const [spec, signal] = policy === 'fixed-leverage:-2' ? ['fixed-leverage:2', new Float64Array(n).fill(-1)] : [policy, null];
        backtest({ bars: { ...bars, signal }, funding }, { policies: [spec], venue: contract.venue, symbol: contract.symbol, feeRate, slippageBps, rebalanceBand: band, marginMode: isolated && contract.isolated ? 'isolated' : 'cross', window: 2, equity }, curves, traces);
        const [curve, t] = [curves[0] as Float64Array, traces[0] as KernelTrace];
        if (t.events.includes(2)) liquidated++;
        for (let i = 0; i < n; i++) {
          const rhs = equity + (t.realised[i] as number) + (t.unrealised[i] as number) - (t.fees[i] as number) - (t.funding[i] as number) - (t.liquidationLoss[i] as number);
          // the position is in USD of face value: |Q|/c_i is its coin notional
          const scale = equity + Math.abs(t.position[i] as number) / (bars.close[i] as number);
          expect(Math.abs((curve[i] as number) - rhs), `bar ${i}`).toBeLessThanOrEqual(1e-9 * scale);
        }
      }),
      { numRuns: 600 },
    );
    expect(liquidated).toBeGreaterThan(10);
  });
});
