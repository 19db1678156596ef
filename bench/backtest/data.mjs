/**
 * The bars of the backtest benchmarks: the 45,000 hourly BTC/USDT bars of
 * ../shared/data/ohlcv/btc-usdt-1h.csv (the last 45,000), or, without the shared data, 45,000
 * seeded synthetic hourly bars of the same volatility (said in the figure's `data`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { barsCsvReader, sliceBars } from '../../dist/index.js';

export const BARS = 45_000;
const FILE = fileURLToPath(new URL('../../../shared/data/ohlcv/btc-usdt-1h.csv', import.meta.url));

function synthetic() {
  const time = new Float64Array(BARS), open = new Float64Array(BARS), high = new Float64Array(BARS), low = new Float64Array(BARS), close = new Float64Array(BARS);
  let s = 1;
  const u = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  let c = 20_000;
  for (let i = 0; i < BARS; i++) {
    const o = c;
    c = o * Math.exp(0.008 * Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()));
    time[i] = Date.UTC(2020, 0, 1) + i * 3_600_000;
    open[i] = o;
    close[i] = c;
    high[i] = Math.max(o, c) * (1 + 0.002 * u());
    low[i] = Math.min(o, c) * (1 - 0.002 * u());
  }
  return { time, open, high, low, close, signal: null };
}

/** { bars, data: a description }. */
export function benchBars() {
  if (!existsSync(FILE)) return { bars: synthetic(), data: `synthetic hourly (${FILE} absent)` };
  const r = barsCsvReader();
  r.push(readFileSync(FILE));
  const all = r.end();
  const n = all.close.length;
  return { bars: sliceBars(all, all.time[n - BARS]), data: 'shared/data/ohlcv/btc-usdt-1h.csv, last 45,000 bars' };
}
