/**
 * Worker-thread entry: runs the batches of chunks the pool sends and posts their results back
 * (transferring the buffers). No state is kept between messages.
 */
import { parentPort } from 'node:worker_threads';
import { runChunk, type Job } from './job.js';

/** A batch request: chunks first … first + count − 1 of `job`. */
export interface BatchRequest {
  readonly job: Job;
  readonly first: number;
  readonly count: number;
}

/** The reply: the results of the batch's chunks, in order. */
export interface BatchReply {
  readonly first: number;
  readonly results: Float64Array[];
}

const port = parentPort;
if (port !== null) {
  port.on('message', (req: BatchRequest) => {
    const results: Float64Array[] = [];
    for (let c = req.first; c < req.first + req.count; c++) results.push(runChunk(req.job, c));
    const reply: BatchReply = { first: req.first, results };
    port.postMessage(reply, results.map((r) => r.buffer as ArrayBuffer));
  });
}
