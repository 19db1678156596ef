/**
 * Walk-forward over a sweep: on bars [s, s + train) every policy of the grid runs and the one
 * with the highest log growth is chosen (the first on a tie; a ruined policy ranks last); it then
 * runs on bars [s, s + train + test) and its out-of-sample log growth is measured on the last
 * test bars only, from the equity at close s + train − 1 (its decisions there use no bar after
 * them, so the in-sample part of that run is the in-sample run). s advances by `test` bars.
 * Reported: every window, and the mean in-sample and out-of-sample annualised log growth.
 *
 * Source: R. Pardo, "The Evaluation and Optimization of Trading Strategies", 2nd ed. (2008),
 * ch. 11 (walk-forward analysis).
 *
 * @example
 * const wf = await walkForward({ bars }, options, expandGrid('kelly:0.1..1/0.1'), 365, 90);
 * wf.outOfSample; // => the mean out-of-sample log growth
 */
import { TradesizeError } from '../core/errors.js';
import { sliceBars, type Bars } from './bars.js';
import { prepareBacktest, runPolicy, type BacktestData } from './backtest.js';
import type { BacktestOptionsInput } from './options.js';
import { parsePolicy } from './policies/spec.js';
import { runSweep, type SweepOptions } from './sweep-pool.js';

export interface WalkForwardWindow {
  readonly trainFrom: string;
  readonly testFrom: string;
  readonly testTo: string;
  readonly policy: string;
  readonly inSampleLogGrowth: number | null;
  readonly outOfSampleLogGrowth: number | null;
}

export interface WalkForwardResult {
  readonly train: number;
  readonly test: number;
  readonly windows: WalkForwardWindow[];
  /** Mean annualised log growth over the windows (null when a window was ruined). */
  readonly inSample: number | null;
  readonly outOfSample: number | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();
/** Bars lo … hi − 1 of the data, with the signal override cut alike. */
function cut(data: BacktestData, lo: number, hi: number): BacktestData {
  const b: Bars = data.bars;
  const signal = data.signal ?? null;
  return { ...data, bars: sliceBars(b, b.time[lo], b.time[hi - 1]), signal: signal === null ? null : signal.subarray(lo, hi) };
}
const rank = (g: number | null): number => (g === null ? -Infinity : g);

function mean(xs: readonly (number | null)[]): number | null {
  if (xs.some((x) => x === null) || xs.length === 0) return null;
  return (xs as number[]).reduce((a, b) => a + b, 0) / xs.length;
}

/** The walk-forward of `specs` (module doc). @throws TradesizeError INSUFFICIENT_DATA when no window fits. */
export async function walkForward(data: BacktestData, options: BacktestOptionsInput, specs: readonly string[], train: number, test: number, o: SweepOptions = {}): Promise<WalkForwardResult> {
  const bars = data.bars;
  const n = bars.close.length;
  if (!(Number.isInteger(train) && Number.isInteger(test) && train >= 2 && test >= 1)) throw new TradesizeError('INVALID_INPUT', '--walk-forward expects TRAIN,TEST bars (integers, TRAIN ≥ 2, TEST ≥ 1)', ['walkForward']);
  if (train + test > n) throw new TradesizeError('INSUFFICIENT_DATA', `--walk-forward ${train},${test} needs ${train + test} bars, the data has ${n}`, ['walkForward']);
  const windows: WalkForwardWindow[] = [];
  const starts: number[] = [];
  for (let s = 0; s + train + test <= n; s += test) starts.push(s);
  for (const [w, s] of starts.entries()) {
    const inner = o.onProgress === undefined ? {} : { onProgress: (f: number) => o.onProgress?.((w + f) / starts.length) };
    const rows = await runSweep(cut(data, s, s + train), options, specs, { ...o, ...inner });
    let best = 0;
    rows.forEach((r, i) => {
      if (rank(r.logGrowth) > rank((rows[best] as (typeof rows)[number]).logGrowth)) best = i;
    });
    const chosen = rows[best] as (typeof rows)[number];
    const p = prepareBacktest(cut(data, s, s + train + test), options);
    const curve = new Float64Array(train + test);
    runPolicy(p, parsePolicy(chosen.policy), curve);
    const start = curve[train - 1] as number;
    const end = curve[train + test - 1] as number;
    windows.push({
      trainFrom: iso(bars.time[s] as number),
      testFrom: iso(bars.time[s + train] as number),
      testTo: iso(bars.time[s + train + test - 1] as number),
      policy: chosen.policy,
      inSampleLogGrowth: chosen.logGrowth,
      outOfSampleLogGrowth: start > 0 && end > 0 ? (Math.log(end / start) * p.context.barsPerYear) / test : null,
    });
  }
  return { train, test, windows, inSample: mean(windows.map((x) => x.inSampleLogGrowth)), outOfSample: mean(windows.map((x) => x.outOfSampleLogGrowth)) };
}
