/**
 * Worker-thread entry of a sweep: an `init` message carries the data and options (prepared once
 * per worker), then each `run` message a batch of SPEC strings, answered with their rows.
 */
import { parentPort } from 'node:worker_threads';
import { prepareBacktest, type BacktestData, type PolicyResult, type PreparedBacktest } from './backtest.js';
import type { BacktestOptionsInput } from './options.js';
import { sweepRows } from './sweep.js';

export type SweepRequest =
  | { readonly type: 'init'; readonly data: BacktestData; readonly options: BacktestOptionsInput }
  | { readonly type: 'run'; readonly first: number; readonly specs: readonly string[] };

export type SweepReply = { readonly first: number; readonly rows: PolicyResult[] } | { readonly first: number; readonly error: string };

const port = parentPort;
let prepared: PreparedBacktest | null = null;
if (port !== null) {
  port.on('message', (req: SweepRequest) => {
    if (req.type === 'init') {
      prepared = prepareBacktest(req.data, req.options);
      return;
    }
    try {
      const reply: SweepReply = { first: req.first, rows: sweepRows(prepared as PreparedBacktest, req.specs) };
      port.postMessage(reply);
    } catch (e) {
      port.postMessage({ first: req.first, error: String((e as Error).message) } satisfies SweepReply);
    }
  });
}
