/**
 * The annualised σ forecast at each close for `vol-target:S` (NaN where none exists yet):
 *
 * - `ewma`: RiskMetrics λ = 0.94 (`volatility/ewma.ts`), from close 75 on (its backcast);
 * - `garch`: GARCH(1,1) fitted once on the first W log returns (`volatility/garch.ts`, W ≥ 100),
 *   the conditional variance then filtered forward from close W on, h_{t+1} = ω + α·e_t² + β·h_t
 *   — no parameter sees a return after close W;
 * - `implied`: an implied-vol index (DVOL), each value stamped with its open time and used from
 *   the first close at or after its timestamp plus the index's median spacing (when its
 *   value is final), in percent as published (`volatility/implied-index.ts`).
 *
 * σ_year = σ_bar · √(bars per year).
 *
 * Sources: RiskMetrics Technical Document (1996) §5.2; T. Bollerslev, "Generalized
 * Autoregressive Conditional Heteroskedasticity", J. Econometrics 31 (1986); Deribit DVOL
 * methodology (https://insights.deribit.com/exchange-updates/dvol-deribit-implied-volatility-index/).
 *
 * @example
 * annualisedVol(ctx, { method: 'ewma' })[100]; // => σ_year at close 100
 */
import { TradesizeError } from '../../core/errors.js';
import { fitGarch, garchVariances } from '../../volatility/garch.js';
import { MAX_IMPLIED_VOL } from '../../volatility/implied-index.js';
import { medianSpacing } from '../bars.js';
import type { PolicyContext } from './context.js';

export const VOL_METHODS = ['ewma', 'garch', 'implied'] as const;
export type VolMethod = (typeof VOL_METHODS)[number];

/** An implied-vol index: times (ms) and values in percent. */
export interface ImpliedSeries {
  readonly time: Float64Array;
  readonly value: Float64Array;
}

export interface VolOptions {
  readonly method: VolMethod;
  /** garch: the fitting window W (raised to 100). */
  readonly window?: number;
  /** implied: the index. */
  readonly implied?: ImpliedSeries | null;
  /** implied: the close time of each bar (ms). */
  readonly closeTime?: Float64Array;
}

function garchPath(ctx: PolicyContext, window: number): Float64Array {
  const n = ctx.close.length;
  const w = Math.max(100, window);
  const out = new Float64Array(n).fill(Number.NaN);
  if (n <= w) return out;
  const r = ctx.logReturns.subarray(1);
  const fit = fitGarch(r.subarray(0, w));
  const p = { mu: fit.mu, omega: fit.omega, alpha: fit.alpha, beta: fit.beta };
  let h = garchVariances(r.subarray(0, w), p)[w] as number;
  for (let i = w; i < n; i++) {
    out[i] = h;
    const e = (r[i] as number) - p.mu;
    h = p.omega + p.alpha * e * e + p.beta * h;
  }
  return out;
}

function impliedPath(ctx: PolicyContext, o: VolOptions): Float64Array {
  const iv = o.implied;
  if (iv === undefined || iv === null || o.closeTime === undefined) throw new TradesizeError('MISSING_OPTION', 'vol-target with the implied method needs --vol-data (an implied-vol index)', ['volData']);
  if (iv.time.length < 2) throw new TradesizeError('INSUFFICIENT_DATA', 'the implied-vol index needs at least 2 values', ['volData']);
  const lag = medianSpacing(iv.time);
  const n = ctx.close.length;
  const out = new Float64Array(n).fill(Number.NaN);
  let j = -1;
  for (let i = 0; i < n; i++) {
    const t = o.closeTime[i] as number;
    while (j + 1 < iv.time.length && (iv.time[j + 1] as number) + lag <= t) j++;
    if (j < 0) continue;
    const v = (iv.value[j] as number) / 100;
    if (!(v > 0 && v <= MAX_IMPLIED_VOL)) throw new TradesizeError('INVALID_INPUT', `implied-vol index value ${iv.value[j]} is not a percent in (0, ${MAX_IMPLIED_VOL * 100}]`, ['volData', j]);
    out[i] = v;
  }
  return out;
}

/** σ_year at each close (module doc); NaN where none is known yet. */
export function annualisedVol(ctx: PolicyContext, o: VolOptions): Float64Array {
  if (o.method === 'implied') return impliedPath(ctx, o);
  const v = o.method === 'ewma' ? ctx.ewmaVariance() : garchPath(ctx, o.window ?? 365);
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.sqrt((v[i] as number) * ctx.barsPerYear);
  return out;
}
