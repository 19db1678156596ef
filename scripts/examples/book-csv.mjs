/**
 * Writes examples/data/book-btc-a.csv and book-btc-b.csv: two synthetic 25-level BTC perpetual
 * books (`side,price,quantity`, quantities in BTC) for the README's `tradesize slippage` and
 * `tradesize size --book` examples. Shaped like a Binance USDⓈ-M BTCUSDT book25 (a one-tick
 * spread, lognormal level sizes growing away from the touch, gaps of a few ticks) but
 * synthetic: the market data under ../shared may not be copied into the project. Book B is a
 * second, thinner venue a few ticks off. Seeded, so the files are reproducible.
 *
 * Usage: node scripts/examples/book-csv.mjs
 */
import { writeFileSync } from 'node:fs';
import { boxMuller, mulberry32 } from '../mulberry32.mjs';

function book(seed, bestBid, tick, scale) {
  const rand = mulberry32(seed);
  const normal = boxMuller(rand);
  const rows = ['side,price,quantity'];
  for (const [side, sign] of [['bid', -1], ['ask', 1]]) {
    let price = side === 'bid' ? bestBid : bestBid + tick;
    for (let level = 0; level < 25; level++) {
      const size = scale * (0.2 + level / 10) * Math.exp(0.8 * normal());
      rows.push(`${side},${price.toFixed(1)},${size.toFixed(3)}`);
      price += sign * tick * (1 + Math.floor(rand() * 4));
    }
  }
  return `${rows.join('\n')}\n`;
}

writeFileSync(new URL('../../examples/data/book-btc-a.csv', import.meta.url), book(20241201, 65000.0, 0.1, 1));
writeFileSync(new URL('../../examples/data/book-btc-b.csv', import.meta.url), book(20241202, 64999.8, 0.5, 0.6));
