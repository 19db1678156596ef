/**
 * Writes examples/gbm-1d.csv: 800 synthetic daily OHLCV bars of a geometric Brownian motion
 * (σ = 60 % a year, μ = 0, 24 hourly steps a bar for the high and low; seeded, so the file is
 * reproducible). The `--help` examples of `tradesize vol`, `risk` and `regime` read it: the
 * market data under ../shared may not be copied into the project. Synthetic: no market meaning.
 *
 * Usage: node scripts/examples/gbm-csv.mjs
 */
import { writeFileSync } from 'node:fs';
import { boxMuller, mulberry32 } from '../mulberry32.mjs';


const rand = mulberry32(20240101);
const normal = boxMuller(rand);

const sigmaHour = 0.6 / Math.sqrt(365 * 24);
// The second half is twice as volatile, so the regime examples have two regimes to find.
const rows = ['timestamp,open,high,low,close,volume'];
let price = 30000;
const start = Date.UTC(2022, 0, 1);
for (let day = 0; day < 800; day++) {
  const s = day < 400 ? sigmaHour : 2 * sigmaHour;
  const open = price;
  let high = open;
  let low = open;
  for (let h = 0; h < 24; h++) {
    price *= Math.exp(-0.5 * s * s + s * normal());
    high = Math.max(high, price);
    low = Math.min(low, price);
  }
  const ts = new Date(start + day * 86_400_000).toISOString().replace('.000Z', 'Z');
  const volume = 1000 + Math.round(rand() * 5000);
  rows.push([ts, open.toFixed(2), high.toFixed(2), low.toFixed(2), price.toFixed(2), volume].join(','));
}
writeFileSync(new URL('../../examples/gbm-1d.csv', import.meta.url), `${rows.join('\n')}\n`);
