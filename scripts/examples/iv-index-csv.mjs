/**
 * Writes examples/synthetic-iv-index-1d.csv: 1,000 daily closes of a synthetic implied-volatility
 * index in percent, shaped like Deribit's DVOL (`timestamp,dvol_close`): ln IV follows an
 * Ornstein–Uhlenbeck process around ln 50 with a 30-day half-life and 6 % daily vol-of-vol
 * (seeded, so the file is reproducible). Deribit's DVOL data may not be redistributed, so the
 * README's `--vol-method implied` and `--model implied` examples read this file instead; the
 * tests on the real DVOL series read ../shared/data. Synthetic: no market meaning.
 *
 * Usage: node scripts/examples/iv-index-csv.mjs
 */
import { writeFileSync } from 'node:fs';
import { boxMuller, mulberry32 } from '../mulberry32.mjs';


const rand = mulberry32(20221130);
const normal = boxMuller(rand);

const kappa = Math.log(2) / 30; // mean reversion per day (30-day half-life)
const mean = Math.log(50);
let x = Math.log(56);
const rows = ['timestamp,dvol_close'];
const start = Date.UTC(2022, 10, 30); // the first day of examples/data/btc-usdt-1d.csv
for (let day = 0; day < 1000; day++) {
  x += kappa * (mean - x) + 0.06 * normal();
  rows.push(`${new Date(start + day * 86_400_000).toISOString().replace('.000Z', 'Z')},${Math.exp(x).toFixed(2)}`);
}
writeFileSync(new URL('../../examples/synthetic-iv-index-1d.csv', import.meta.url), `${rows.join('\n')}\n`);
