/**
 * A sweep on worker threads: each worker prepares the data set once (init message), then takes
 * batches of consecutive policies (about eight per worker, two in flight each); the rows come
 * back in policy order, so the result is the same for any thread count. One thread runs in the
 * calling thread. The workers are terminated at the end.
 *
 * @example
 * const rows = await runSweep({ bars }, { policies: ['kelly:1'] }, expandGrid('kelly:0.1..1/0.1'), { threads: 2 });
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { TradesizeError } from '../core/errors.js';
import { prepareBacktest, type BacktestData, type PolicyResult } from './backtest.js';
import type { BacktestOptionsInput } from './options.js';
import { spawnSweepWorker } from './spawn-sweep-worker.js';
import { sweepRows } from './sweep.js';
import type { SweepReply, SweepRequest } from './sweep-worker.js';

export interface SweepOptions {
  /** Worker threads (default: the cores; never more than the cores). */
  readonly threads?: number;
  /** Called with the fraction of policies done. */
  readonly onProgress?: (fraction: number) => void;
}

const BATCHES_PER_THREAD = 8;

/** The rows of every SPEC of `specs` on one data set (module doc). */
export async function runSweep(data: BacktestData, options: BacktestOptionsInput, specs: readonly string[], o: SweepOptions = {}): Promise<PolicyResult[]> {
  const threads = Math.max(1, Math.min(o.threads ?? availableParallelism(), availableParallelism(), specs.length));
  if (threads === 1) {
    const p = prepareBacktest(data, options);
    const rows: PolicyResult[] = [];
    const step = Math.max(1, Math.ceil(specs.length / 100));
    for (let i = 0; i < specs.length; i += step) {
      rows.push(...sweepRows(p, specs.slice(i, i + step)));
      o.onProgress?.(Math.min(1, (i + step) / specs.length));
    }
    return rows;
  }
  prepareBacktest(data, options); // validate here: an error names the flag, not a worker
  const batch = Math.max(1, Math.ceil(specs.length / (threads * BATCHES_PER_THREAD)));
  const rows = new Array<PolicyResult>(specs.length);
  const workers: Worker[] = Array.from({ length: threads }, () => spawnSweepWorker());
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (w: Worker): void => {
        if (next >= specs.length) return;
        const req: SweepRequest = { type: 'run', first: next, specs: specs.slice(next, next + batch) };
        next += req.specs.length;
        w.postMessage(req);
      };
      for (const w of workers) {
        w.on('message', (reply: SweepReply) => {
          if ('error' in reply) {
            reject(new TradesizeError('INVALID_INPUT', reply.error, ['sweep']));
            return;
          }
          reply.rows.forEach((r, i) => (rows[reply.first + i] = r));
          done += reply.rows.length;
          o.onProgress?.(done / specs.length);
          if (done === specs.length) resolve();
          else feed(w);
        });
        w.on('error', reject);
        w.postMessage({ type: 'init', data, options } satisfies SweepRequest);
        feed(w);
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return rows;
}
