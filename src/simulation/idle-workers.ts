/**
 * Worker threads kept between simulations: started on first use, unref'd while idle (so they
 * never keep a process alive), and handed to the next simulation, which then does not pay the
 * start-up again (about 25 ms per thread here, plus the JIT warm-up of the kernel). A worker
 * that exits is dropped; one that failed a job is terminated rather than returned.
 */
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from './spawn-worker.js';

const idle: Worker[] = [];

/** `n` workers, idle ones first, new ones started as needed; each is ref'd while in use. */
export function acquireWorkers(n: number): Worker[] {
  const out = idle.splice(0, n);
  while (out.length < n) {
    const w = spawnWorker();
    const drop = (): void => {
      const i = idle.indexOf(w);
      if (i >= 0) idle.splice(i, 1);
    };
    // Always listened to, so a failure while idle is never an unhandled 'error' event.
    w.on('error', drop);
    w.on('exit', drop);
    out.push(w);
  }
  for (const w of out) w.ref();
  return out;
}

/** Returns healthy workers to the idle set (unref'd). */
export function releaseWorkers(workers: readonly Worker[]): void {
  for (const w of workers) {
    w.unref();
    idle.push(w);
  }
}

/** Terminates workers that must not be reused (after an error). */
export async function discardWorkers(workers: readonly Worker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.terminate()));
}
