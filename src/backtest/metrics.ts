/**
 * The metrics of one equity curve (one point per bar: the equity at that close after its
 * trades), growth measured from the initial equity, which is also the first peak:
 *
 *   years = (bars − 1) / bars per year;  CAGR = (E_final / E_0)^(1/years) − 1;  log growth = ln(E_final / E_0) / years
 *   r_i = curve[i] / curve[i − 1] − 1 (i = 1 … bars − 1, while curve[i − 1] > 0)
 *   volatility = sd(r)·√bpy;  Sharpe = mean(r) / sd(r) · √bpy;  Sortino = mean(r) / dd(r) · √bpy
 *   sd: sample standard deviation (n − 1); dd = √(Σ min(r_i, 0)² / (n − 1)), the downside deviation; rate 0
 *   drawdown_i = 1 − curve[i] / max(E_0, curve[0 … i]);  Calmar = CAGR / max drawdown
 *   max drawdown duration: the longest run of bars under the running peak; time under water: the
 *   fraction of bars under it.
 *
 * A ruined curve (final equity 0) has CAGR −1 and no log growth (null); a ratio with a zero
 * denominator is null. Nothing is NaN or infinite.
 *
 * Sources: W. F. Sharpe, "The Sharpe Ratio", J. Portfolio Management 21(1) (1994); F. A. Sortino
 * & L. N. Price, "Performance Measurement in a Downside Risk Framework", J. Investing 3(3) (1994);
 * T. W. Young, "Calmar Ratio: A Smoother Tool", Futures 20(1) (1991).
 *
 * @example
 * curveMetrics(Float64Array.of(100, 110, 99), 100, 365).maxDrawdown; // => 0.1
 */

/** The metrics of one curve (module doc). */
export interface CurveMetrics {
  readonly cagr: number;
  readonly logGrowth: number | null;
  readonly volatility: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly calmar: number | null;
  readonly maxDrawdown: number;
  /** In bars. */
  readonly maxDrawdownDuration: number;
  readonly timeUnderWater: number;
  readonly finalEquity: number;
}

const ratio = (a: number, b: number): number | null => (b > 0 && Number.isFinite(a / b) ? a / b : null);

/** The metrics of a curve (module doc). */
export function curveMetrics(curve: Float64Array, initial: number, barsPerYear: number): CurveMetrics {
  const n = curve.length;
  const years = (n - 1) / barsPerYear;
  const final = curve[n - 1] as number;
  const logGrowth = final > 0 ? Math.log(final / initial) / years : null;
  const cagr = final > 0 ? Math.exp(Math.log(final / initial) / years) - 1 : -1;
  let count = 0;
  let sum = 0;
  for (let i = 1; i < n && (curve[i - 1] as number) > 0; i++, count++) sum += (curve[i] as number) / (curve[i - 1] as number) - 1;
  const mean = count > 0 ? sum / count : 0;
  let ss = 0;
  let down = 0;
  for (let i = 1; i <= count; i++) {
    const r = (curve[i] as number) / (curve[i - 1] as number) - 1;
    ss += (r - mean) * (r - mean);
    if (r < 0) down += r * r;
  }
  const sd = count > 1 ? Math.sqrt(ss / (count - 1)) : 0;
  const dd = count > 1 ? Math.sqrt(down / (count - 1)) : 0;
  const root = Math.sqrt(barsPerYear);
  let peak = initial;
  let maxDrawdown = 0;
  let run = 0;
  let longest = 0;
  let under = 0;
  for (let i = 0; i < n; i++) {
    const e = curve[i] as number;
    if (e >= peak) {
      peak = e;
      run = 0;
      continue;
    }
    const d = 1 - e / peak;
    if (d > maxDrawdown) maxDrawdown = d;
    run++;
    under++;
    if (run > longest) longest = run;
  }
  const sharpe = ratio(mean, sd);
  const sortino = ratio(mean, dd);
  return {
    cagr,
    logGrowth,
    volatility: count > 1 ? sd * root : null,
    sharpe: sharpe === null ? null : sharpe * root,
    sortino: sortino === null ? null : sortino * root,
    calmar: ratio(cagr, maxDrawdown),
    maxDrawdown,
    maxDrawdownDuration: longest,
    timeUnderWater: under / n,
    finalEquity: final,
  };
}
