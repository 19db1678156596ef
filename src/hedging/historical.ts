/**
 * Historical hedging paths: consecutive, non-overlapping windows of `steps` bars of a price
 * series (each window steps + 1 closes, sharing its endpoints with its neighbours, so the
 * windows' returns are disjoint), and the pricing vol of each window known at its start:
 *
 * - with an implied-vol index (Deribit's DVOL, percent): its latest value at or before the
 *   window's first bar, σ = DVOL/100 (`../volatility/implied-index.ts`; Deribit, "DVOL — Deribit
 *   Implied Volatility Index", 2021); windows that start before the index does are left out;
 * - without: the close-to-close realised vol of the window before it (`../volatility/close-to-close.ts`),
 *   annualised by the bars per year of the timestamps (`../market/periods.ts`) — so the first
 *   window only supplies that vol.
 *
 * No look-ahead either way: a window's hedge never sees a vol estimated from its own bars.
 *
 * @example
 * const w = historicalWindows(closes, timestamps, 720, { iv: { timestamps: dvolTimes, values: dvol } });
 * w.starts.length;   // windows of 720 hourly bars (30 days) that start after the first DVOL date
 * w.pathVols[0];     // DVOL/100 on the day the first window starts
 */
import { TradesizeError } from '../core/errors.js';
import { inferPeriodsPerYear } from '../market/periods.js';
import { requireIncreasingTimestamps } from '../market/timestamps.js';
import { closeToCloseVariance } from '../volatility/close-to-close.js';

/** An implied-vol index series in percent (DVOL). */
export interface ImpliedVolSeries {
  readonly timestamps: readonly string[];
  readonly values: ArrayLike<number>;
}

export interface HistoricalWindows {
  /** ln of every close of the series. */
  readonly logPrices: Float64Array;
  /** Index of each window's first close. */
  readonly starts: Int32Array;
  /** Pricing vol of each window (annualised). */
  readonly pathVols: Float64Array;
  /** Step length in years (1 / bars per year). */
  readonly dt: number;
  /** The timestamp of each window's first bar. */
  readonly startTimes: string[];
  readonly volSource: 'implied' | 'realised';
}

/** The latest index value at or before time t (ms), or NaN before the first. */
function ivAt(times: Float64Array, values: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  if (!((times[0] as number) <= t)) return NaN;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((times[mid] as number) <= t) lo = mid;
    else hi = mid - 1;
  }
  return (values[lo] as number) / 100;
}

/** Close-to-close sd of the log returns between closes [from, to], annualised (σ√(bars/year)). */
function realisedVol(logPrices: Float64Array, from: number, to: number, barsPerYear: number): number {
  const returns = new Float64Array(to - from);
  for (let i = from; i < to; i++) returns[i - from] = (logPrices[i + 1] as number) - (logPrices[i] as number);
  return Math.sqrt(closeToCloseVariance(returns) * barsPerYear);
}

/**
 * The windows of `steps` bars of `closes` (module doc).
 *
 * @throws TradesizeError INSUFFICIENT_DATA when no window fits (or none starts after the index
 *   does); INVALID_INPUT for a non-positive close or an index value outside (0, 1000] %.
 */
export function historicalWindows(closes: ArrayLike<number>, timestamps: readonly string[], steps: number, options: { iv?: ImpliedVolSeries } = {}): HistoricalWindows {
  const n = closes.length;
  const logPrices = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = closes[i] as number;
    if (!(c > 0 && Number.isFinite(c))) throw new TradesizeError('INVALID_INPUT', `close ${i} must be a finite price > 0, got ${c}`, ['close', i]);
    logPrices[i] = Math.log(c);
  }
  const barsPerYear = inferPeriodsPerYear(timestamps);
  const times = requireIncreasingTimestamps(timestamps, ['timestamps']);
  const iv = options.iv;
  const ivTimes = iv === undefined ? null : requireIncreasingTimestamps(iv.timestamps, ['iv', 'timestamps']);
  if (iv !== undefined) {
    for (let i = 0; i < iv.values.length; i++) {
      const x = iv.values[i] as number;
      if (!(x > 0 && x <= 1000)) throw new TradesizeError('INVALID_INPUT', `implied-vol index value ${i} must be in (0, 1000] percent, got ${x}`, ['iv', i]);
    }
  }
  const starts: number[] = [];
  const vols: number[] = [];
  for (let j = ivTimes === null ? steps : 0; j + steps < n; j += steps) {
    const vol = ivTimes === null ? realisedVol(logPrices, j - steps, j, barsPerYear) : ivAt(ivTimes, (iv as ImpliedVolSeries).values, times[j] as number);
    if (!(vol > 0)) continue;
    starts.push(j);
    vols.push(vol);
  }
  if (starts.length === 0) {
    throw new TradesizeError('INSUFFICIENT_DATA', `no window of ${steps} bars fits the ${n} closes${iv === undefined ? ' (the first window only gives the next one its realised vol)' : ' after the implied-vol index starts'}`, ['close']);
  }
  return {
    logPrices,
    starts: Int32Array.from(starts),
    pathVols: Float64Array.from(vols),
    dt: 1 / barsPerYear,
    startTimes: starts.map((j) => timestamps[j] as string),
    volSource: iv === undefined ? 'realised' : 'implied',
  };
}
