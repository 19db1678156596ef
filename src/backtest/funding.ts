/**
 * Funding settlements mapped onto bars. A payment at time τ is charged on the position held at
 * τ — the one filled at the last close at or before τ — valued at that close. Bar j (open time
 * t_j) holds the position filled at the close of bar j − 1, which happens at t_j; so the
 * settlements with t_j ≤ τ < t_{j+1} (the last bar: τ < t_last + median spacing) are charged
 * on the position held over bar j, valued at close[j − 1]:
 *
 *   funding paid in bar j = Σ_{τ in bar j} rate_τ × q_j × close[j − 1]      (a long pays a positive rate)
 *
 * Settlements before the first bar's close (τ < t_1) meet no position and are dropped.
 *
 * Source: Binance, "Introduction to Binance Futures Funding Rates"
 * (https://www.binance.com/en/support/faq/360033525031): funding = position value × rate, paid by
 * longs to shorts when the rate is positive, only by positions open at the funding timestamp.
 *
 * @example
 * // hourly bars at 0h, 1h, 2h; settlements at 1h (0.01 %) and 1.5h (0.02 %)
 * fundingPerBar(Float64Array.of(0, 3.6e6, 7.2e6), Float64Array.of(3.6e6, 5.4e6), Float64Array.of(1e-4, 2e-4));
 * // => Float64Array [0, 0.0003, 0]
 */
import { TradesizeError } from '../core/errors.js';
import { medianSpacing } from './bars.js';

/** Funding settlements in time order: times in ms, rates as decimal fractions per settlement. */
export interface FundingSeries {
  readonly time: Float64Array;
  readonly rate: Float64Array;
}

/** Checks a funding series: equal lengths, finite rates, strictly increasing finite times. */
export function checkFunding(f: FundingSeries): FundingSeries {
  if (f.time.length !== f.rate.length) throw new TradesizeError('INVALID_INPUT', `${f.time.length} funding times for ${f.rate.length} rates`, ['funding']);
  for (let i = 0; i < f.time.length; i++) {
    if (!Number.isFinite(f.rate[i])) throw new TradesizeError('INVALID_INPUT', `funding rate[${i}] is not finite`, ['funding', 'rate', i]);
    const t = f.time[i] as number;
    if (!Number.isFinite(t) || (i > 0 && !(t > (f.time[i - 1] as number)))) {
      throw new TradesizeError('INVALID_INPUT', `funding times must be strictly increasing (row ${i})`, ['funding', 'time', i]);
    }
  }
  return f;
}

/** The sum of the funding rates settled during each bar (see the module doc). */
export function fundingPerBar(barTime: Float64Array, funding: FundingSeries): Float64Array {
  const n = barTime.length;
  const out = new Float64Array(n);
  const end = (barTime[n - 1] as number) + medianSpacing(barTime);
  let j = 0;
  for (let k = 0; k < funding.time.length; k++) {
    const tau = funding.time[k] as number;
    if (tau < (barTime[1] as number) || tau >= end) continue;
    while (j + 1 < n && (barTime[j + 1] as number) <= tau) j++;
    out[j] = (out[j] as number) + (funding.rate[k] as number);
  }
  return out;
}
