/**
 * `npm run bench`: runs every figure in its own process (so one benchmark's JIT state cannot
 * colour another's) and prints each figure as one JSON line.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benches = ['sizing/size-position.bench.mjs', 'engine/book.bench.mjs', 'kelly/kelly.bench.mjs', 'volatility/garch.bench.mjs', 'regime/hmm.bench.mjs', 'venues/liquidation.bench.mjs', 'stress/stress.bench.mjs', 'risk/first-passage.bench.mjs', 'options/greeks.bench.mjs', 'options/iv.bench.mjs', 'cli/cold-start.bench.mjs', 'engine/order-check.bench.mjs', 'engine/restart.bench.mjs', 'market/csv.bench.mjs', 'funding/plan.bench.mjs', 'hedging/hedge-sim.bench.mjs', 'backtest/kernel.bench.mjs', 'backtest/sweep.bench.mjs', 'liquidity/walk.bench.mjs', 'liquidity/split.bench.mjs'];
let failed = false;
for (const b of benches) {
  const file = fileURLToPath(new URL(b, import.meta.url));
  const r = spawnSync(process.execPath, [file], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
