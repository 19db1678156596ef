/**
 * What the HTML report draws, computed from a finished run (pure): for every policy its equity
 * (log scale), drawdown, leverage and position size per bar with its liquidation and stop-out
 * bars; the growth curve g(f) = bars per year × mean ln(1 + f·r) of the constant leverages with
 * the hindsight optimum and each policy's mean leverage marked; the histogram of the per-bar
 * log returns against the fitted normal and Student-t densities; the sweep's rows. Long series
 * are thinned to at most `maxPoints` points by a fixed stride (events move to the kept point at
 * or before them).
 *
 * Sources: the Student-t fit of `stats/student-t-fit.ts` (Liu & Rubin 1995); the growth curve as
 * `kelly/exact.ts` (Thorp 2006 §7).
 *
 * @example
 * const model = reportData(prepared, results, curves, traces);
 * model.policies[0].equity.length; // ≤ 4000
 */
import { studentTLogPdf } from '../dists/student-t.js';
import { fitStudentT } from '../stats/student-t-fit.js';
import type { PolicyResult, PreparedBacktest } from './backtest.js';
import type { KernelTrace } from './kernel.js';

export interface ReportPolicy {
  readonly policy: string;
  readonly equity: number[];
  readonly drawdown: number[];
  readonly leverage: number[];
  readonly size: number[];
  /** Indices into `time` of the bars with a liquidation / a stop-out. */
  readonly liquidations: number[];
  readonly stopOuts: number[];
  readonly meanLeverage: number;
}

export interface ReportData {
  readonly time: number[];
  readonly policies: ReportPolicy[];
  readonly growth: { readonly f: number[]; readonly g: number[]; readonly hindsight: number | null };
  readonly returns: { readonly x: number[]; readonly density: number[]; readonly normal: number[]; readonly studentT: number[]; readonly nu: number | null };
  readonly results: PolicyResult[];
  readonly sweep: PolicyResult[] | null;
}

const round = (x: number): number => Number(x.toPrecision(8));

function growthCurve(close: Float64Array, bpy: number, marks: readonly number[], inverse: boolean): ReportData['growth'] {
  // a bar's return per unit of leverage: c/c0 − 1, or 1 − c0/c in the coin of an inverse contract (hindsight.ts)
  const r = new Float64Array(close.length - 1);
  for (let i = 1; i < close.length; i++) r[i - 1] = inverse ? 1 - (close[i - 1] as number) / (close[i] as number) : (close[i] as number) / (close[i - 1] as number) - 1;
  let lo = -Infinity;
  let hi = Infinity;
  for (const x of r) {
    if (x > 0) lo = Math.max(lo, -1 / x);
    if (x < 0) hi = Math.min(hi, -1 / x);
  }
  const span = Math.max(2, ...marks.map((m) => Math.abs(m) * 1.5));
  const a = Math.max(lo * 0.999, -span);
  const b = Math.min(hi * 0.999, span);
  const f: number[] = [];
  const g: number[] = [];
  for (let k = 0; k <= 200; k++) {
    const x = a + ((b - a) * k) / 200;
    let s = 0;
    for (const y of r) s += Math.log1p(x * y);
    f.push(round(x));
    g.push(round((s / r.length) * bpy));
  }
  return { f, g, hindsight: null };
}

function distribution(close: Float64Array): ReportData['returns'] {
  const r: number[] = [];
  for (let i = 1; i < close.length; i++) r.push(Math.log((close[i] as number) / (close[i - 1] as number)));
  const n = r.length;
  const mean = r.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(r.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const lo = Math.min(...r);
  const hi = Math.max(...r);
  const bins = Math.max(10, Math.min(80, Math.round(Math.sqrt(n))));
  const w = (hi - lo) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const x of r) {
    const b = Math.min(bins - 1, Math.floor((x - lo) / w));
    counts[b] = (counts[b] as number) + 1;
  }
  let t: { loc: number; scale: number; nu: number } | null = null;
  try {
    t = n >= 10 && sd > 0 ? fitStudentT(r) : null;
  } catch {
    t = null;
  }
  const x = counts.map((_, i) => round(lo + (i + 0.5) * w));
  return {
    x,
    density: counts.map((c) => round(c / (n * w))),
    normal: x.map((v) => round(sd > 0 ? Math.exp(-0.5 * ((v - mean) / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI)) : 0)),
    studentT: x.map((v) => (t === null ? 0 : round(Math.exp(studentTLogPdf((v - t.loc) / t.scale, t.nu)) / t.scale))),
    nu: t === null ? null : round(t.nu),
  };
}

/** The report's data (module doc). */
export function reportData(p: PreparedBacktest, results: PolicyResult[], curves: readonly Float64Array[], traces: readonly KernelTrace[], sweep: PolicyResult[] | null = null, maxPoints = 4000): ReportData {
  const { close, time } = p.bars;
  const inverse = p.kernel.rule.inverse;
  const n = close.length;
  const stride = Math.max(1, Math.ceil(n / maxPoints));
  const keep: number[] = [];
  for (let i = 0; i < n; i += stride) keep.push(i);
  if (keep[keep.length - 1] !== n - 1) keep.push(n - 1);
  const at = (i: number): number => Math.min(keep.length - 1, Math.floor(i / stride));
  const policies = results.map((res, k): ReportPolicy => {
    const curve = curves[k] as Float64Array;
    const trace = traces[k] as KernelTrace;
    let peak = p.kernel.initial;
    const drawdown = new Float64Array(n);
    let levSum = 0;
    const leverage = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const e = curve[i] as number;
      peak = Math.max(peak, e);
      drawdown[i] = peak > 0 ? e / peak - 1 : 0;
      // position value / equity: q·c (linear), or the USD face value over c, in coin (inverse)
      const value = inverse ? (trace.position[i] as number) / (close[i] as number) : (trace.position[i] as number) * (close[i] as number);
      leverage[i] = e > 0 ? value / e : 0;
      levSum += leverage[i] as number;
    }
    const events = (code: number): number[] => [...new Set(Array.from(trace.events).flatMap((e, i) => (e === code ? [at(i)] : [])))];
    return {
      policy: res.policy,
      equity: keep.map((i) => round(curve[i] as number)),
      drawdown: keep.map((i) => round(drawdown[i] as number)),
      leverage: keep.map((i) => round(leverage[i] as number)),
      size: keep.map((i) => round(trace.position[i] as number)),
      liquidations: events(2),
      stopOuts: events(1),
      meanLeverage: round(levSum / n),
    };
  });
  const growth = growthCurve(close, p.context.barsPerYear, [p.hindsight.leverage ?? 0, ...policies.map((x) => x.meanLeverage)], inverse);
  return {
    time: keep.map((i) => (time[i] as number) / 1000),
    policies,
    growth: { ...growth, hindsight: p.hindsight.leverage },
    returns: distribution(close),
    results,
    sweep,
  };
}
