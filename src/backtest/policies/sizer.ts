/**
 * The `sizer` policy: at every close the full {@link sizePosition} decision with its defaults —
 * stop-risk (risk `risk` of equity to a stop `stopSigma` daily σ away, EWMA σ), the leverage cap
 * `maxLeverage`, the Kelly cap at the rolling Kelly fraction of the window, the entry and exit
 * fees, the venue's lot step and minimums when a venue is given, and a regime multiplier when
 * one is given — on the side of the signal, scaled by |signal|. A refusal (no edge, below one
 * lot) holds flat; so do the closes before the σ and Kelly estimates exist.
 *
 * Source: `sizing/size-position.ts` (its constraints cite their sources).
 *
 * @example
 * const sizeAt = sizerPolicy(ctx, { risk: 0.01, stopSigma: 2, maxLeverage: 3, feeRate: 0, window: 365, signal });
 * sizeAt(400, 10_000, 30_000); // => the decision's quantity at close 400 (base units)
 */
import { sizePosition } from '../../sizing/size-position.js';
import type { PolicyContext } from './context.js';

/** Options of the sizer policy. */
export interface SizerOptions {
  readonly risk: number;
  readonly stopSigma: number;
  readonly maxLeverage: number;
  readonly feeRate: number;
  readonly window: number;
  readonly signal: Float64Array;
  readonly venue?: { readonly lotStep?: number; readonly minQty?: number; readonly minNotional?: number } | undefined;
  readonly regime?: { readonly multiplier: number; readonly name: string } | undefined;
}

/** The per-close target quantity of the sizer policy (module doc). */
export function sizerPolicy(ctx: PolicyContext, o: SizerOptions): (i: number, equity: number, close: number) => number {
  const variance = ctx.ewmaVariance();
  const kelly = ctx.kelly(o.window);
  const barsPerDay = ctx.barsPerYear / 365;
  return (i, equity, close) => {
    const s = o.signal[i] as number;
    const v = variance[i] as number;
    const f = kelly[i] as number;
    if (s === 0 || !(v > 0) || !(f > 0)) return 0;
    const d = o.stopSigma * Math.sqrt(v * barsPerDay);
    if (!(d < 1)) return 0;
    const side = s > 0 ? 'long' : 'short';
    const result = sizePosition({
      side,
      equity,
      entry: close,
      stop: side === 'long' ? close * (1 - d) : close * (1 + d),
      risk: o.risk,
      fees: { entry: o.feeRate, exit: o.feeRate },
      maxLeverage: o.maxLeverage,
      kellyFraction: f,
      ...(o.venue === undefined ? {} : { venue: o.venue }),
      ...(o.regime === undefined ? {} : { regime: o.regime }),
    });
    if (result.status !== 'sized') return 0;
    return (s > 0 ? 1 : -1) * Math.abs(s) * result.quantity;
  };
}
