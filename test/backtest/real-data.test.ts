/**
 * The backtest on real history (../shared/data): Cover's bound for the universal portfolio on
 * every OHLCV series, and no look-ahead for the GARCH volatility target (its fit window ends
 * before the cut).
 */
import { expect, it } from 'vitest';
import { backtest } from '../../src/backtest/backtest.js';
import type { Bars } from '../../src/backtest/bars.js';
import { barsCsvReader } from '../../src/backtest/bars-csv.js';
import type { KernelTrace } from '../../src/backtest/kernel.js';
import { describeWithSharedData, readSharedData } from '../helpers/shared-data.js';

const FILES = ['ohlcv/btc-usdt-1d.csv', 'ohlcv/bnb-usdt-1d.csv', 'ohlcv/btc-usd-bitstamp-1d.csv', 'ohlcv/btc-usdt-1h.csv'];

function bars(file: string): Bars {
  const r = barsCsvReader();
  r.push(new TextEncoder().encode(readSharedData(file)));
  return r.end();
}

describeWithSharedData('backtest on real data', FILES, () => {
  for (const file of FILES) {
    it(`${file}: universal:L trails the best constant leverage in [0, L] by at most ln(n + 1)`, () => {
      const b = bars(file);
      const n = b.close.length - 1;
      const r = Float64Array.from({ length: n }, (_, i) => (b.close[i + 1] as number) / (b.close[i] as number) - 1);
      for (const lmax of [1, 3]) {
        if (r.some((x) => 1 + lmax * x < 0)) continue;
        const res = backtest({ bars: b }, { policies: [`universal:${lmax}`], mmr: 0, equity: 1 });
        const ln = Math.log(res.policies[0]?.finalEquity as number);
        let best = -Infinity;
        for (let k = 0; k <= 400; k++) {
          const l = (lmax * k) / 400;
          let g = 0;
          for (const x of r) g += Math.log1p(l * x);
          best = Math.max(best, g);
        }
        expect(best - ln, `${file} L=${lmax}`).toBeLessThanOrEqual(Math.log(n + 1));
        expect(best - ln).toBeGreaterThanOrEqual(-1e-9); // no mixture beats the best of its components
      }
    });
  }

  it('vol-target with GARCH: decisions up to a cut after the fit window ignore the bars after it', () => {
    const b = bars('ohlcv/btc-usdt-1d.csv');
    const cut = 700;
    const head: Bars = { time: b.time.subarray(0, cut + 1), open: b.open.subarray(0, cut + 1), high: b.high.subarray(0, cut + 1), low: b.low.subarray(0, cut + 1), close: b.close.subarray(0, cut + 1), signal: null };
    const a: KernelTrace[] = [];
    const c: KernelTrace[] = [];
    backtest({ bars: b }, { policies: ['vol-target:0.5'], volMethod: 'garch', window: 365 }, [], a);
    backtest({ bars: head }, { policies: ['vol-target:0.5'], volMethod: 'garch', window: 365 }, [], c);
    expect(Array.from((c[0] as KernelTrace).position)).toEqual(Array.from((a[0] as KernelTrace).position.subarray(0, cut + 1)));
    expect((a[0] as KernelTrace).position[cut]).not.toBe(0);
  });
});
