/**
 * How a simulation runs: the number of worker threads and a progress callback. Results do not
 * depend on either.
 */
import { z } from 'zod';
import type { ProgressCallback } from './pool.js';

/** Options of the asynchronous simulations. */
export const RunOptions = z.object({
  /** Worker threads (default: `os.availableParallelism()`, or 1 for runs under 4·10⁶ path-steps); 1 runs in the calling thread. */
  threads: z.number().int().min(1).max(1024).optional(),
  /** Called with the fraction done (0, 1] as chunks finish. */
  onProgress: z.custom<ProgressCallback>((f) => typeof f === 'function', 'expected a function').optional(),
});
export type RunOptions = z.input<typeof RunOptions>;
