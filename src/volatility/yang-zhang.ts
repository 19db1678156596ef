/**
 * Yang–Zhang (2000) drift-independent volatility with opening jumps.
 *
 * With m bars (index 0 … m − 1) the estimator uses the n = m − 1 periods t = 1 … m − 1, each
 * with the close of the bar before it:
 *
 *   o_t = ln(O_t / C_{t−1})   "overnight" (close-to-open) return,
 *   c_t = ln(C_t / O_t)       open-to-close return,
 *
 *   V_o  = Σ (o_t − ō)² / (n − 1),   V_c = Σ (c_t − c̄)² / (n − 1)   (sample variances),
 *   V_RS = Rogers–Satchell mean over the same n bars (./rogers-satchell.ts),
 *
 *   σ²_YZ = V_o + k·V_c + (1 − k)·V_RS,   k = 0.34 / (1.34 + (n + 1)/(n − 1)),
 *
 * the k that minimises the estimator's variance (α = 1.34 in the paper). σ_year = σ_YZ ·
 * √(periods per year). It is unbiased for any drift and for jumps at the open, and needs n ≥ 2.
 *
 * Crypto trades 24/7, so there is no overnight close: the "overnight" term measures the jump from
 * one bar's close C_{t−1} to the next bar's open O_t (usually tiny on one venue's continuous
 * bars, but not zero: bar boundaries, gaps in the data, or an index built from several venues).
 *
 * Convention: the same as R's TTR::volatility(calc = "yang.zhang", n = m − 1) at the last bar,
 * sqrt(N·runVar(log(O/lag(C))) + k·N·runVar(log(C/O)) + (1 − k)·RS²) with N = periods per year,
 * runVar the sample (n − 1) variance and the Rogers–Satchell term a mean over n. The first bar
 * only supplies C_0: `observations` is n = m − 1. Checked against TTR in
 * test/volatility/yang-zhang.test.ts.
 *
 * Source: D. Yang and Q. Zhang, "Drift-Independent Volatility Estimation Based on High, Low, Open,
 * and Close Prices", Journal of Business 73(3) (2000), 477–491 (the minimum-variance k, α = 1.34).
 */
import { parseInput } from '../core/validate.js';
import { requireOhlc, type OhlcBars } from '../market/ohlc-csv.js';
import { annualizeVol } from '../market/periods.js';
import { RangeVolOptions, type RangeVolResult } from './range-options.js';
import { rogersSatchellVariance } from './rogers-satchell.js';

/** Yang and Zhang's α: k = (α − 1)/(α + (n + 1)/(n − 1)). */
const YZ_ALPHA = 1.34;

/** Options of the Yang–Zhang estimator (the range estimators share one schema). */
export const YangZhangOptions = RangeVolOptions;
export type YangZhangOptions = RangeVolOptions;

/** Result of {@link yangZhangVol}. */
export interface YangZhangResult extends RangeVolResult {
  /** Number of periods used, n = bars − 1 (the first bar only supplies the previous close). */
  readonly observations: number;
  /** Weight k of the open-to-close variance. */
  readonly k: number;
}

/**
 * Yang and Zhang's weight k = 0.34 / (1.34 + (n + 1)/(n − 1)) for n periods (n ≥ 2).
 *
 * @example
 * yangZhangK(2);  // => 0.34 / 4.34 ≈ 0.078341
 */
export function yangZhangK(n: number): number {
  return (YZ_ALPHA - 1) / (YZ_ALPHA + (n + 1) / (n - 1));
}

/** Sample variance (divisor len − 1) of f(t) for t = 1 … m − 1, two passes. */
function sampleVariance(m: number, f: (t: number) => number): number {
  const n = m - 1;
  let mean = 0;
  for (let t = 1; t < m; t++) mean += f(t);
  mean /= n;
  let ss = 0;
  for (let t = 1; t < m; t++) {
    const d = f(t) - mean;
    ss += d * d;
  }
  return ss / (n - 1);
}

/**
 * Yang–Zhang variance per period over bars 1 … m − 1 (bar 0 supplies C_0). A kernel: no
 * validation; needs m ≥ 3 bars.
 *
 * @example
 * yangZhangVariance({ open: [100, 101, 99], high: [102, 104, 101], low: [99, 100, 97], close: [101, 100, 98] });
 */
export function yangZhangVariance(bars: OhlcBars): number {
  const m = bars.high.length;
  const { open, close } = bars;
  const vo = sampleVariance(m, (t) => Math.log((open[t] as number) / (close[t - 1] as number)));
  const vc = sampleVariance(m, (t) => Math.log((close[t] as number) / (open[t] as number)));
  const k = yangZhangK(m - 1);
  return vo + k * vc + (1 - k) * rogersSatchellVariance(bars, 1);
}

/**
 * Yang–Zhang volatility of OHLC bars, per period and annualised.
 *
 * @throws TradesizeError INSUFFICIENT_DATA (fewer than 3 bars), INVALID_INPUT (a price that is not
 *   finite and > 0, high < low, open or close outside [low, high], unequal lengths: path
 *   ['ohlc', field, i]; periodsPerYear ≤ 0).
 * @example
 * yangZhangVol(bars, { periodsPerYear: 8760 });  // hourly bars => { periodVol, annualizedVol, observations: bars − 1, k }
 */
export function yangZhangVol(bars: OhlcBars, options: YangZhangOptions = {}): YangZhangResult {
  const { periodsPerYear } = parseInput(YangZhangOptions, options, 'yangZhangVol');
  requireOhlc(bars, 3);
  const n = bars.high.length - 1;
  const periodVol = Math.sqrt(yangZhangVariance(bars));
  return { periodVol, annualizedVol: annualizeVol(periodVol, periodsPerYear), observations: n, k: yangZhangK(n) };
}
