/**
 * Figure (issue #12 §6): L2 walks per second of `walkBook` over a 25-level book (market buys
 * and sells of random sizes up to the depth, one thread). Target: at least 5,000,000 walks/s.
 * Peer, side by side in the same run: numpy walking the same book for the same quantities,
 * vectorised (cumulative sums and searchsorted over the whole batch: its best case), through
 * Debian's /usr/bin/python3; null when numpy is absent. ratio = ours / numpy (above 1: faster).
 */
import { spawnSync } from 'node:child_process';
import { walkBook, sideDepth } from '../../dist/index.js';
import { mulberry32 } from '../../scripts/mulberry32.mjs';
import { measureRate, report } from '../harness.mjs';
import { pythonEnv, syntheticBook } from './books.mjs';

const N = 200_000;
const book = syntheticBook(7, 25);
const rand = mulberry32(11);
const depth = Math.min(sideDepth(book.asks), sideDepth(book.bids));
const quantities = Float64Array.from({ length: N }, () => rand() * depth);

function run() {
  let s = 0;
  for (let i = 0; i < N; i++) s += walkBook(book, (i & 1) === 0 ? 'buy' : 'sell', quantities[i]).averagePrice;
  return s;
}
const ours = measureRate(run, { batch: N, rounds: 9, warmup: 5 });

const NUMPY = String.raw`
import json, sys, time
import numpy as np
d = json.loads(sys.stdin.read())
asks = np.array(d["asks"]); bids = np.array(d["bids"]); q = np.array(d["q"])
def walk(levels, q):
    cum = np.cumsum(levels[:, 1]); cn = np.cumsum(levels[:, 0] * levels[:, 1])
    k = np.searchsorted(cum, q, side="left")
    before = np.where(k > 0, cum[k - 1], 0.0); nb = np.where(k > 0, cn[k - 1], 0.0)
    return (nb + levels[k, 0] * (q - before)) / q
def run():
    return walk(asks, q[0::2]).sum() + walk(bids, q[1::2]).sum()
run()
best = []
for _ in range(9):
    t0 = time.perf_counter(); s = run(); best.append(time.perf_counter() - t0)
best.sort()
print(json.dumps({"perSec": len(q) / best[len(best) // 2], "checksum": float(s), "numpy": np.__version__}))
`;
const payload = JSON.stringify({
  asks: [...book.asks.prices].map((p, i) => [p, book.asks.quantities[i]]),
  bids: [...book.bids.prices].map((p, i) => [p, book.bids.quantities[i]]),
  q: [...quantities],
});
const r = spawnSync('/usr/bin/python3', ['-c', NUMPY], { input: payload, encoding: 'utf8', env: pythonEnv(), maxBuffer: 1 << 24 });
const np = r.status === 0 && r.error === undefined ? JSON.parse(r.stdout.trim().split('\n').at(-1)) : null;
const checksum = run();
report({
  name: 'liquidity.walk.walksPerSecond',
  issue: 12,
  value: Math.round(ours.median),
  min: Math.round(ours.min),
  max: Math.round(ours.max),
  unit: 'walkBook calls/s over a 25-level book, random sizes up to the depth, one thread (median of 9)',
  target: 5_000_000,
  pass: ours.median >= 5_000_000,
  numpyVectorisedPerSec: np === null ? null : Math.round(np.perSec),
  ratioVsNumpy: np === null ? null : Number((ours.median / np.perSec).toFixed(2)),
  checksumRelDiffVsNumpy: np === null ? null : Math.abs(checksum - np.checksum) / Math.abs(np.checksum),
  versions: { numpy: np?.numpy ?? null },
});
