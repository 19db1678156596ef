/**
 * What every policy reads, computed once per data set and shared by all the policies of a run
 * (a sweep of 1,000 `kelly:C` shares one rolling estimate): the log returns, the EWMA variance
 * path, the rolling Kelly fraction of a window. Everything at index i uses the closes up to and
 * including close i only.
 *
 * Rolling Kelly at close i (i ≥ N): over the last N log returns r_{i−N+1} … r_i, mean m and
 * sample variance s² (n − 1), the GBM drift μ = m + s²/2 and the continuous Kelly fraction
 * f_i = μ / s² (rate 0), 0 when s² = 0 or i < N.
 *
 * Source: E. O. Thorp, "The Kelly Criterion in Blackjack, Sports Betting, and the Stock Market"
 * (2006), §7.1, f* = (μ − r)/σ² (as `kelly/continuous.ts`); μ = E[ln] + σ²/2 for a geometric
 * Brownian motion. EWMA: `volatility/ewma.ts` (RiskMetrics 1996).
 *
 * @example
 * const ctx = new PolicyContext(bars.close, 365);
 * ctx.kelly(30)[29]; // => 0 (fewer than 30 returns at close 29)
 */
import { ewmaBackcast, ewmaVariance, RISKMETRICS_LAMBDA } from '../../volatility/ewma.js';

/** Squared returns averaged by the EWMA backcast (arch's τ = 75): the EWMA path is used from close 75 on. */
export const EWMA_WARMUP = 75;

export class PolicyContext {
  /** r[i] = ln(c_i / c_{i−1}) for i ≥ 1; r[0] = 0. */
  readonly logReturns: Float64Array;
  private ewma: Float64Array | null = null;
  private readonly kellyByWindow = new Map<number, Float64Array>();

  constructor(
    readonly close: Float64Array,
    readonly barsPerYear: number,
    readonly lambda = RISKMETRICS_LAMBDA,
  ) {
    const n = close.length;
    this.logReturns = new Float64Array(n);
    for (let i = 1; i < n; i++) this.logReturns[i] = Math.log((close[i] as number) / (close[i - 1] as number));
  }

  /**
   * EWMA per-bar variance forecast at each close (NaN before close {@link EWMA_WARMUP}): at close
   * i, σ²_i from r_1 … r_i with arch's backcast of r_1 … r_75.
   */
  ewmaVariance(): Float64Array {
    if (this.ewma !== null) return this.ewma;
    const n = this.close.length;
    const out = new Float64Array(n).fill(Number.NaN);
    if (n > EWMA_WARMUP) {
      const r = this.logReturns.subarray(1);
      const path = ewmaVariance(r, this.lambda, ewmaBackcast(r.subarray(0, EWMA_WARMUP)));
      // path[t] uses r_1 … r_t (returns before index t of r); close i has seen r_1 … r_i.
      for (let i = EWMA_WARMUP; i < n; i++) out[i] = path[i] as number;
    }
    this.ewma = out;
    return out;
  }

  /** The rolling continuous Kelly fraction f_i of a window of N returns (module doc). */
  kelly(window: number): Float64Array {
    const cached = this.kellyByWindow.get(window);
    if (cached !== undefined) return cached;
    const r = this.logReturns;
    const n = r.length;
    const out = new Float64Array(n);
    let sum = 0;
    let sum2 = 0;
    for (let i = 1; i < n; i++) {
      const x = r[i] as number;
      sum += x;
      sum2 += x * x;
      if (i > window) {
        const y = r[i - window] as number;
        sum -= y;
        sum2 -= y * y;
      }
      if (i < window) continue;
      const m = sum / window;
      const s2 = (sum2 - sum * m) / (window - 1);
      out[i] = s2 > 0 ? (m + s2 / 2) / s2 : 0;
    }
    this.kellyByWindow.set(window, out);
    return out;
  }
}
