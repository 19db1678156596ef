/**
 * A policy's per-close targets: the signed target leverage t_i (position value / equity) and,
 * for `fixed-risk`, the stop distance d_i as a fraction of the close; `sizer` gives a target
 * quantity per close instead. Sizes are s_i × m_i, s_i the signal:
 *
 * - `fixed-leverage:L`: m = L.
 * - `fixed-risk:F`: stop d = K·σ_day (K = `stopSigma`, σ_day = EWMA per-bar σ × √(bars per day));
 *   m = F / (d + fee·(2 ∓ d)) (long −, short +): the stop-risk constraint's loss per unit,
 *   price move plus the entry fee on c and the exit fee on the stop c·(1 ∓ d), is F of equity.
 * - `kelly:C`: m = C × f_i, the rolling Kelly fraction of `window` returns, clamped to [0, maxLeverage].
 * - `vol-target:S`: m = S / σ_year,i (EWMA, GARCH or an implied index), at most maxLeverage.
 * - `universal:LMAX`: m = ℓ̂_i, Cover's universal leverage on [0, LMAX].
 *
 * fixed-risk and vol-target are also capped at maxLeverage. A policy whose estimate does not
 * exist yet at close i (warm-up) holds flat.
 *
 * Sources: R. Vince (1992) ch. 2 and `sizing/constraints/stop-risk.ts` (fixed-risk); Thorp (2006)
 * §7.1 (kelly); A. Moreira & T. Muir, "Volatility-Managed Portfolios", J. Finance 72 (2017)
 * (vol-target); Cover (1991) (universal, `universal.ts`).
 *
 * @example
 * policyTargets(parsePolicy('fixed-leverage:2'), ctx, options).target[0]; // => 2 (long signal)
 */
import type { KernelInput } from '../kernel.js';
import type { PolicyContext } from './context.js';
import type { PolicySpec } from './spec.js';
import { sizerPolicy, type SizerOptions } from './sizer.js';
import { universalLeverage } from './universal.js';
import { annualisedVol, type VolOptions } from './vol.js';

/** What the policies read besides the data. */
export interface PolicyOptions {
  readonly signal: Float64Array;
  readonly window: number;
  readonly maxLeverage: number;
  readonly stopSigma: number;
  readonly feeRate: number;
  readonly vol: VolOptions;
  readonly sizer: Omit<SizerOptions, 'signal' | 'window' | 'maxLeverage' | 'stopSigma' | 'feeRate'>;
}

export type PolicyTargets = Pick<KernelInput, 'target' | 'stop' | 'sizeAt'>;

const clamp = (x: number, hi: number): number => (x > hi ? hi : x > 0 ? x : 0);

function scaled(signal: Float64Array, size: (i: number) => number): Float64Array {
  const out = new Float64Array(signal.length);
  for (let i = 0; i < signal.length; i++) {
    const s = signal[i] as number;
    if (s !== 0) {
      const m = size(i);
      out[i] = m === m ? s * m : 0;
    }
  }
  return out;
}

function fixedRisk(f: number, ctx: PolicyContext, o: PolicyOptions): PolicyTargets {
  const v = ctx.ewmaVariance();
  const barsPerDay = ctx.barsPerYear / 365;
  const stop = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const d = o.stopSigma * Math.sqrt((v[i] as number) * barsPerDay);
    stop[i] = d > 0 && d < 1 ? d : 0;
  }
  const target = scaled(o.signal, (i) => {
    const d = stop[i] as number;
    if (d === 0) return 0;
    const fees = o.feeRate * (2 + ((o.signal[i] as number) > 0 ? -d : d));
    return clamp(f / (d + fees), o.maxLeverage);
  });
  return { target, stop };
}

/** The targets of one policy on one data set (module doc). */
export function policyTargets(spec: PolicySpec, ctx: PolicyContext, o: PolicyOptions): PolicyTargets {
  const n = ctx.close.length;
  switch (spec.kind) {
    case 'fixed-leverage':
      return { target: scaled(o.signal, () => spec.param) };
    case 'fixed-risk':
      return fixedRisk(spec.param, ctx, o);
    case 'kelly': {
      const f = ctx.kelly(o.window);
      return { target: scaled(o.signal, (i) => clamp(spec.param * (f[i] as number), o.maxLeverage)) };
    }
    case 'vol-target': {
      const sigma = annualisedVol(ctx, o.vol);
      return { target: scaled(o.signal, (i) => clamp(spec.param / (sigma[i] as number), o.maxLeverage)) };
    }
    case 'universal': {
      const l = universalLeverage(ctx.close, spec.param);
      return { target: scaled(o.signal, (i) => l[i] as number) };
    }
    case 'sizer':
      return { target: new Float64Array(n), sizeAt: sizerPolicy(ctx, { ...o.sizer, signal: o.signal, window: o.window, maxLeverage: o.maxLeverage, stopSigma: o.stopSigma, feeRate: o.feeRate }) };
  }
}
