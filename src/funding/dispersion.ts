/**
 * How much the carry of a funding-differential position varied over past holding periods: the
 * common span of the two histories is cut into consecutive windows (t, t + H] of H days from the
 * later first settlement, and in each the
 * carry per unit of notional is what the short's venue settled less what the long's did,
 * dₖ = Σ r_short − Σ r_long. The mean, the sample standard deviation (n − 1) and the worst
 * window of dₖ say how far one holding period's carry may fall from its expectation, which the
 * standard error of the expected rate (./estimate.ts) does not: that is the error of a mean
 * over the whole history.
 *
 * Worked example: over two 1-day windows the short's venue settles 0.0003 then 0.0001 a day
 * more than the long's → d = 0.0003, 0.0001: mean 0.0002, sd 0.000141, worst 0.0001.
 */
import { fundingPaid, MS_PER_HOUR, type FundingSeries } from './series.js';

/** The carry per unit of notional over past holding periods. */
export interface CarryDispersion {
  readonly windows: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1); 0 for one window. */
  readonly sd: number;
  /** The smallest window's carry. */
  readonly worst: number;
}

/**
 * The dispersion of the differential carry over consecutive H-day windows of the histories'
 * common span, or null when they share less than one window.
 *
 * @example
 * carryDispersion(longSeries, shortSeries, 30); // => { windows: 35, mean: 0.009, sd: 0.006, worst: -0.002 }
 */
export function carryDispersion(long: FundingSeries, short: FundingSeries, horizonDays: number): CarryDispersion | null {
  const H = horizonDays * 24 * MS_PER_HOUR;
  const start = Math.max(long.times[0] as number, short.times[0] as number);
  // A settlement at time t covers the interval before t: the span ends at the earlier last settlement.
  const end = Math.min(long.times[long.times.length - 1] as number, short.times[short.times.length - 1] as number);
  const d: number[] = [];
  for (let t = start; t + H <= end + 1; t += H) d.push(fundingPaid(short, t + 1, t + H + 1) - fundingPaid(long, t + 1, t + H + 1));
  if (d.length === 0) return null;
  const mean = d.reduce((a, x) => a + x, 0) / d.length;
  const ss = d.reduce((a, x) => a + (x - mean) ** 2, 0);
  return { windows: d.length, mean, sd: d.length > 1 ? Math.sqrt(ss / (d.length - 1)) : 0, worst: Math.min(...d) };
}
