/**
 * The series contract for time: a timestamped series is in time order, one row per instant —
 * timestamps strictly increasing, so shuffled rows and duplicates are refused alike. One check
 * for every reader of a timestamped series (the CLI's file reads, `inferPeriodsPerYear`).
 *
 * Timestamps are date-time strings readable by `Date.parse` (ECMAScript §21.4.3.2: ISO-8601
 * `2024-01-01T00:00:00Z`, `2024-01-01`, …).
 */
import { TradesizeError, type FieldPath } from '../core/errors.js';

/**
 * Parses the timestamps and checks that they strictly increase; returns them in ms since the epoch.
 *
 * @param timestamps - the series' timestamps in file order
 * @param path - error path prefix; the offending index is appended
 * @param label - message prefix naming the source (a CLI flag), or none
 * @throws TradesizeError PARSE_ERROR (a timestamp `Date.parse` cannot read, path [...path, i]),
 *   INVALID_INPUT (timestamps[i] not after timestamps[i − 1]: out of order or a duplicate, path [...path, i]).
 * @example
 * requireIncreasingTimestamps(['2024-01-01', '2024-01-02'], ['timestamps']);  // => Float64Array [1704067200000, 1704153600000]
 * requireIncreasingTimestamps(['2024-01-02', '2024-01-02'], ['timestamps']);  // throws INVALID_INPUT at ['timestamps', 1]
 */
export function requireIncreasingTimestamps(timestamps: readonly string[], path: FieldPath, label?: string): Float64Array {
  const prefix = label === undefined ? '' : `${label}: `;
  const ms = new Float64Array(timestamps.length);
  for (let i = 0; i < timestamps.length; i++) {
    const t: unknown = timestamps[i];
    const x = typeof t === 'string' ? Date.parse(t) : Number.NaN;
    if (Number.isNaN(x)) throw new TradesizeError('PARSE_ERROR', `${prefix}timestamps[${i}] is not a date-time: ${String(t)}`, [...path, i]);
    if (i > 0 && !(x > (ms[i - 1] as number))) {
      const same = x === ms[i - 1];
      throw new TradesizeError(
        'INVALID_INPUT',
        `${prefix}timestamps must be strictly increasing; timestamps[${i}] "${String(t)}" is not after timestamps[${i - 1}] "${timestamps[i - 1]}"${same ? ' (a duplicate)' : ''}`,
        [...path, i],
      );
    }
    ms[i] = x;
  }
  return ms;
}
