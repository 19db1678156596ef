/**
 * A Monte Carlo job and the one function that runs any chunk of it, used alike by the calling
 * thread and by the worker threads (so both compute bit-identical chunks).
 */
import { CHUNK_PATHS, type EquitySpec, type PathSpec } from './path-spec.js';
import { firstPassageChunk, TALLY_SIZE } from './first-passage-kernel.js';
import { drawdownChunk } from './drawdown-kernel.js';
import { hedgeChunk } from './hedge-kernel.js';
import type { HedgeSpec } from './hedge-spec.js';

/** A simulation of `paths` paths from `seed`, split into chunks of {@link CHUNK_PATHS}. */
export type Job =
  | { readonly kind: 'first-passage'; readonly spec: PathSpec; readonly seed: number; readonly paths: number }
  | { readonly kind: 'drawdown'; readonly spec: EquitySpec; readonly seed: number; readonly paths: number }
  | { readonly kind: 'hedge'; readonly spec: HedgeSpec; readonly seed: number; readonly paths: number };

/** Number of chunks of a job. */
export function chunkCount(paths: number): number {
  return Math.ceil(paths / CHUNK_PATHS);
}

/** Paths in chunk `chunk` (the last one may be short). */
export function chunkPaths(paths: number, chunk: number): number {
  return Math.min(CHUNK_PATHS, paths - chunk * CHUNK_PATHS);
}

/** Runs one chunk: a first-passage tally, the drawdowns and ruin count of its paths, or their hedging tallies. */
export function runChunk(job: Job, chunk: number): Float64Array {
  const n = chunkPaths(job.paths, chunk);
  if (job.kind === 'drawdown') return drawdownChunk(job.spec, job.seed, chunk, n);
  if (job.kind === 'hedge') return hedgeChunk(job.spec, job.seed, chunk, n);
  const out = new Float64Array(TALLY_SIZE);
  firstPassageChunk(job.spec, job.seed, chunk, n, out, 0);
  return out;
}
