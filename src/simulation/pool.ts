/**
 * Runs the chunks of a job, in this thread or spread over worker threads, and returns their
 * results in chunk order — so the combined estimate does not depend on the thread count.
 *
 * Work is handed out in batches of consecutive chunks (about sixteen batches per thread, at most
 * 16 chunks each), two in flight per worker so that none waits for the next; `onProgress`
 * receives the fraction of chunks done after each batch. The workers are kept for the next run
 * (`idle-workers.ts`). One thread (or a single chunk) runs synchronously without workers;
 * without an explicit thread count, runs below {@link SMALL_RUN_PATH_STEPS} path-steps do too
 * (starting a worker costs about as much as simulating a few million path-steps).
 */
import { availableParallelism } from 'node:os';
import { chunkCount, runChunk, type Job } from './job.js';
import type { BatchReply, BatchRequest } from './worker.js';
import { acquireWorkers, discardWorkers, releaseWorkers } from './idle-workers.js';

/** Called with the fraction of the work done, in (0, 1]. */
export type ProgressCallback = (fraction: number) => void;

const MAX_BATCH = 16;
/** Without an explicit thread count, runs of fewer path-steps stay in the calling thread. */
export const SMALL_RUN_PATH_STEPS = 4_000_000;

/**
 * The thread count used for `pathSteps` = paths × steps: `requested` when given, else 1 for a
 * small run and `os.availableParallelism()` otherwise — never more than the cores: each worker
 * holds its own V8 heap (~4.6 MB idle, so `threads: 1000` took 4.65 GB) and more threads than
 * cores only time-slice. Results do not depend on the count (chunks are seeded by index).
 *
 * @example
 * threadsFor(1_000_000);        // => 1
 * threadsFor(100_000_000);      // => os.availableParallelism()
 * threadsFor(1_000_000, 2);     // => 2 on a machine with at least 2 cores
 * threadsFor(1_000_000, 1000);  // => os.availableParallelism()
 */
export function threadsFor(pathSteps: number, requested?: number): number {
  if (requested !== undefined) return Math.min(requested, availableParallelism());
  return pathSteps < SMALL_RUN_PATH_STEPS ? 1 : availableParallelism();
}
const BATCHES_PER_THREAD = 16;

/** Runs every chunk of `job` in this thread. */
export function runChunksSync(job: Job, onProgress?: ProgressCallback): Float64Array[] {
  const n = chunkCount(job.paths);
  const results: Float64Array[] = [];
  for (let c = 0; c < n; c++) {
    results.push(runChunk(job, c));
    if (onProgress !== undefined && ((c + 1) % MAX_BATCH === 0 || c + 1 === n)) onProgress((c + 1) / n);
  }
  return results;
}

/** Runs every chunk of `job` on up to `threads` worker threads (synchronously for one). */
export async function runChunks(job: Job, threads: number, onProgress?: ProgressCallback): Promise<Float64Array[]> {
  const n = chunkCount(job.paths);
  const workers = Math.min(threads, n);
  if (workers <= 1) return runChunksSync(job, onProgress);
  const batch = Math.max(1, Math.min(MAX_BATCH, Math.ceil(n / (workers * BATCHES_PER_THREAD))));
  const results = new Array<Float64Array>(n);
  const pool = acquireWorkers(workers);
  const detach: (() => void)[] = [];
  let next = 0;
  let done = 0;
  let failed = false;
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (w: (typeof pool)[number]): void => {
        if (next >= n) return;
        const req: BatchRequest = { job, first: next, count: Math.min(batch, n - next) };
        next += req.count;
        w.postMessage(req);
      };
      for (const w of pool) {
        const onMessage = (reply: BatchReply): void => {
          reply.results.forEach((r, i) => (results[reply.first + i] = r));
          done += reply.results.length;
          try {
            onProgress?.(done / n);
          } catch (e) {
            reject(e);
            return;
          }
          if (done === n) resolve();
          else feed(w);
        };
        const onExit = (code: number): void => reject(new Error(`Monte Carlo worker exited with code ${code} before finishing`));
        w.on('message', onMessage);
        w.on('error', reject);
        w.on('exit', onExit);
        detach.push(() => {
          w.off('message', onMessage);
          w.off('error', reject);
          w.off('exit', onExit);
        });
        // Two batches in flight per worker: the next one is queued while it runs the first.
        feed(w);
        feed(w);
      }
    });
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    for (const d of detach) d();
    if (failed) await discardWorkers(pool);
    else releaseWorkers(pool);
  }
  return results;
}
