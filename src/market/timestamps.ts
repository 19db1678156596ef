/**
 * The series contract for time: a timestamped series is in time order, one row per instant —
 * timestamps strictly increasing, so shuffled rows and duplicates are refused alike. One check
 * for every reader of a timestamped series (the CLI's file reads, `inferPeriodsPerYear`).
 *
 * Timestamps are date-time strings readable by `Date.parse` (ECMAScript §21.4.3.2: ISO-8601
 * `2024-01-01T00:00:00Z`, `2024-01-01`, …).
 */
import { TradesizeError, type FieldPath } from '../core/errors.js';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The digits of `t` from `a` to `b` as an integer, or −1 if one is not a digit. */
function digits(t: string, a: number, b: number): number {
  let x = 0;
  for (let i = a; i < b; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    x = x * 10 + d;
  }
  return x;
}

/**
 * The UTC forms of the ECMAScript date-time string format read without `Date.parse`:
 * `YYYY-MM-DD`, `YYYY-MM-DDTHH:mmZ`, `YYYY-MM-DDTHH:mm:ssZ`, `YYYY-MM-DDTHH:mm:ss.sssZ` (years
 * 0100–9999, every field in range), as ms since the epoch; `undefined` for any other string, which
 * the caller hands to `Date.parse`. Date-only and `Z` forms are UTC (ECMAScript 2023 §21.4.1.32,
 * "Date Time String Format"), so the value is `Date.UTC` of the fields — what `Date.parse` returns.
 *
 * @example
 * isoUtcMs('2024-01-01T01:00:00Z');  // => 1704070800000
 * isoUtcMs('2024-01-01 01:00');      // => undefined
 */
export function isoUtcMs(t: string): number | undefined {
  const n = t.length;
  if ((n !== 10 && n !== 17 && n !== 20 && n !== 24) || t[4] !== '-' || t[7] !== '-') return undefined;
  const year = digits(t, 0, 4);
  const month = digits(t, 5, 7);
  const day = digits(t, 8, 10);
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  if (n > 10) {
    if (t[10] !== 'T' || t[13] !== ':' || t[n - 1] !== 'Z') return undefined;
    hour = digits(t, 11, 13);
    minute = digits(t, 14, 16);
    if (n >= 20) {
      if (t[16] !== ':') return undefined;
      second = digits(t, 17, 19);
    }
    if (n === 24) {
      if (t[19] !== '.') return undefined;
      ms = digits(t, 20, 23);
    }
  }
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  const ok = year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= (DAYS_IN_MONTH[month - 1] as number) + leap
    && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && ms >= 0;
  return ok ? Date.UTC(year, month - 1, day, hour, minute, second, ms) : undefined;
}

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
    const x = typeof t === 'string' ? (isoUtcMs(t) ?? Date.parse(t)) : Number.NaN;
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
