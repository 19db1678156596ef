/**
 * Historical hedging paths: windows and their pricing vols from a hand-made series, then the real
 * BTC/USDT 2-hour closes with Deribit's DVOL (../shared/data): a short 30-day ATM call hedged
 * hourly errs less than one hedged daily, and the WW band trades less than hourly hedging.
 */
import { describe, expect, it } from 'vitest';
import { historicalWindows } from '../../src/hedging/historical.js';
import { simulateHedgingSync } from '../../src/hedging/simulate.js';
import { parseOhlcCsv } from '../../src/market/ohlc-csv.js';
import { parseSeriesCsv } from '../../src/market/csv.js';
import { describeWithSharedData, readSharedData } from '../helpers/shared-data.js';
import { thrown } from '../helpers/assert.js';

const hours = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString().replace('.000Z', 'Z'));

describe('historicalWindows', () => {
  it('cuts non-overlapping windows; without an index each is priced at the realised vol of the window before it', () => {
    const closes = Array.from({ length: 13 }, (_, i) => 100 * Math.exp(0.01 * (i % 2 === 0 ? 0 : 1)));
    const w = historicalWindows(closes, hours(13), 4);
    expect([...w.starts]).toEqual([4, 8]);
    expect(w.dt).toBeCloseTo(1 / 8760, 15);
    // returns alternate ±0.01: sample sd of four = 0.01·√(4/3), annualised by √8760
    expect(w.pathVols[0]).toBeCloseTo(0.01 * Math.sqrt(4 / 3) * Math.sqrt(8760), 10);
    expect(w.volSource).toBe('realised');
  });

  it('prices each window at the latest index value at or before its start (percent / 100)', () => {
    const t = hours(13);
    const w = historicalWindows(Array(13).fill(100), t, 4, { iv: { timestamps: [t[3]!, t[8]!], values: [50, 80] } });
    expect([...w.starts]).toEqual([4, 8]);
    expect([...w.pathVols]).toEqual([0.5, 0.8]);
    expect(thrown(() => historicalWindows(Array(5).fill(100), hours(5), 4)).code).toBe('INSUFFICIENT_DATA');
  });
});

describeWithSharedData('hedging BTC/USDT every 2 hours with DVOL', ['ohlcv/btc-usdt-2h.csv', 'iv/deribit-dvol-btc-1d.csv'], () => {
  it('hedging every 2 hours errs less than daily; the WW band trades less and costs less', () => {
    const bars = parseOhlcCsv(readSharedData('ohlcv/btc-usdt-2h.csv'));
    const dvol = parseSeriesCsv(readSharedData('iv/deribit-dvol-btc-1d.csv'), { column: 'dvol_close' });
    const w = historicalWindows(bars.close, bars.timestamps as string[], 360, { iv: { timestamps: dvol.timestamps as string[], values: dvol.values } });
    expect(w.starts.length).toBeGreaterThanOrEqual(10);
    const T = 30 / 365;
    const r = simulateHedgingSync({
      model: 'historical', spot: 100, vol: 0.6, logPrices: w.logPrices, starts: w.starts, pathVols: w.pathVols, steps: 360, dt: w.dt, costRate: 0.0005,
      positions: [{ model: 'black-scholes', type: 'call', quantity: -1, strike: 100, expiry: T }], policies: ['interval:2h', 'interval:1d', 'ww:1'], paths: w.starts.length,
    });
    const [hourly, daily, ww] = r.policies as [typeof r.policies[number], typeof r.policies[number], typeof r.policies[number]];
    expect(hourly.hedgingError.value).toBeLessThan(daily.hedgingError.value);
    expect(ww.trades.value + 3 * ww.trades.stdError).toBeLessThan(hourly.trades.value);
    expect(ww.cost.value).toBeLessThan(hourly.cost.value);
  });
});
