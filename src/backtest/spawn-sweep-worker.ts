/**
 * Starts a sweep worker from whichever build this module runs in, as
 * `simulation/spawn-worker.ts` does for the Monte Carlo workers: the compiled library's sibling
 * `sweep-worker.js`, the bundled CLI's sibling `backtest-sweep-worker.cjs` (scripts/build-cli.mjs),
 * or, under vitest and tsx, `sweep-worker.ts` through tsx's loader.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { spawnTsWorker } from '../simulation/spawn-worker.js';

const BUILT = ['./sweep-worker.js', './backtest-sweep-worker.cjs'] as const;

/** A new worker running `sweep-worker.ts` (or its build). */
export function spawnSweepWorker(): Worker {
  for (const name of BUILT) {
    const url = new URL(name, import.meta.url);
    if (existsSync(fileURLToPath(url))) return new Worker(url);
  }
  return spawnTsWorker(new URL('./sweep-worker.ts', import.meta.url));
}
