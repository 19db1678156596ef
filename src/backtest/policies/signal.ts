/**
 * The signal s_i ∈ [−1, 1] known at each close: always long (1), a column of the data, or a
 * moving-average crossover `trend:FAST,SLOW` (a demonstration): s_i = +1 when the mean of the
 * last FAST closes is above the mean of the last SLOW closes, −1 when below, 0 when equal or
 * before SLOW closes exist. Policies hold s_i × their size.
 *
 * Source: the dual moving-average crossover, e.g. R. Kaufman, "Trading Systems and Methods",
 * 5th ed. (2013), ch. 8.
 *
 * @example
 * trendSignal(Float64Array.of(1, 2, 3, 2, 1), 1, 2); // => Float64Array [0, 1, 1, -1, -1]
 */
import { TradesizeError } from '../../core/errors.js';

/** A parsed `--signal` value. */
export interface TrendSpec {
  readonly fast: number;
  readonly slow: number;
}

/**
 * Parses `trend:FAST,SLOW` (integers, 1 ≤ FAST < SLOW).
 *
 * @throws TradesizeError INVALID_INPUT, path ['signal'].
 */
export function parseSignal(text: string): TrendSpec {
  const m = /^trend:(\d+),(\d+)$/.exec(String(text).trim());
  const fast = m === null ? Number.NaN : Number(m[1]);
  const slow = m === null ? Number.NaN : Number(m[2]);
  if (!(fast >= 1 && slow > fast)) throw new TradesizeError('INVALID_INPUT', `--signal expects trend:FAST,SLOW with 1 ≤ FAST < SLOW, got "${text}"`, ['signal']);
  return { fast, slow };
}

/** The crossover signal of the closes (module doc). */
export function trendSignal(close: ArrayLike<number>, fast: number, slow: number): Float64Array {
  const n = close.length;
  const out = new Float64Array(n);
  let sumFast = 0;
  let sumSlow = 0;
  for (let i = 0; i < n; i++) {
    const c = close[i] as number;
    sumFast += c;
    sumSlow += c;
    if (i >= fast) sumFast -= close[i - fast] as number;
    if (i >= slow) sumSlow -= close[i - slow] as number;
    if (i < slow - 1) continue;
    const d = sumFast / fast - sumSlow / slow;
    out[i] = d > 0 ? 1 : d < 0 ? -1 : 0;
  }
  return out;
}
