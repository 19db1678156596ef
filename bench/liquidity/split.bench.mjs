/**
 * Figure (issue #12 §6): time of one optimal split (`splitOrder`) of a market order across 5
 * books of 500 levels a side, each with its taker fee; the order is half the books' total depth,
 * so the merge walks about half of the 2,500 levels. Target: under 50 µs per split.
 */
import { splitOrder, sideDepth } from '../../dist/index.js';
import { measureRate, report } from '../harness.mjs';
import { syntheticBook } from './books.mjs';

const fees = [0.0005, 0.0004, 0.00055, 0.0002, 0.0006];
const venues = fees.map((feeRate, i) => ({ book: syntheticBook(100 + i, 500), feeRate }));
const total = venues.reduce((a, v) => a + sideDepth(v.book.asks), 0);
const N = 2_000;

function run() {
  let s = 0;
  for (let i = 0; i < N; i++) s += splitOrder(venues, (i & 1) === 0 ? 'buy' : 'sell', total * (0.45 + (i % 10) / 100)).totalCost;
  return s;
}
const rate = measureRate(run, { batch: N, rounds: 9, warmup: 3 });
const micros = 1e6 / rate.median;
report({
  name: 'liquidity.split.microsecondsPerSplit',
  issue: 12,
  value: Number(micros.toFixed(2)),
  min: Number((1e6 / rate.max).toFixed(2)),
  max: Number((1e6 / rate.min).toFixed(2)),
  unit: 'µs per optimal split of an order of ~half the depth across 5 books × 500 levels, one thread (median of 9)',
  target: 50,
  pass: micros < 50,
});
