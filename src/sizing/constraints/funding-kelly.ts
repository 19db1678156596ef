/**
 * The `funding-kelly` sizing constraint: the continuous Kelly fraction with the expected funding
 * carry in its edge, f* = (μ − r − c)/σ² (Thorp 2006 §7.1; `funding/carry.ts`), times a
 * multiplier m (fractional Kelly) and the regime multiplier, caps the position value:
 * value ≤ m · f* · equity for a long, value ≤ m · (−f*) · equity for a short (a short earns the
 * funding a long pays); a side against the sign of f* gets 0 (NO_EDGE). Plugged in through
 * `sizePosition(req, { constraints })`, so a request without it sizes exactly as before.
 *
 * Worked example: μ = 0.5, σ = 0.6, c = 0.1095, m = 0.5 → f* = 1.0847, value ≤ 0.5424 × equity;
 * at equity 10,000 and entry 65,000 at most 5,423.61/65,000 = 0.08344 BTC.
 */
import type { Side } from '../../core/contract.js';
import { fmt, pct } from '../../core/format.js';
import { fundingKelly, type FundingKelly } from '../../funding/carry.js';
import type { FundingEstimate } from '../../funding/estimate.js';
import { linearCap, type SizingConstraint } from './types.js';
import { regimeFactor } from './caps.js';

/** Options of {@link fundingKellyConstraint}. Rates annual. */
export interface FundingKellyOptions {
  /** Arithmetic drift μ of the instrument. */
  readonly mu: number;
  /** Volatility σ > 0. */
  readonly sigma: number;
  readonly funding: FundingEstimate;
  /** Fractional Kelly multiplier m (default 1). */
  readonly multiplier?: number;
  /** Risk-free rate r (default 0). */
  readonly rf?: number;
  /** Where the funding estimate came from, for the explanation (a file name). */
  readonly source?: string;
}

/** The fraction of equity the side may hold: m · f* for a long, m · (−f*) for a short, never below 0. */
export function sideFraction(k: FundingKelly, side: Side, multiplier: number): number {
  return Math.max(0, multiplier * (side === 'long' ? k.fraction : -k.fraction));
}

/**
 * The `funding-kelly` constraint (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT (σ ≤ 0 or a value not finite, from kellyContinuous).
 * @example
 * sizePosition({ equity: 10000, entry: 65000, stop: 60000, risk: 0.05 },
 *   { constraints: [fundingKellyConstraint({ mu: 0.5, sigma: 0.6, funding: givenFunding(0.1095), multiplier: 0.5 })] });
 * // => { binding: 'funding-kelly', unroundedQuantity: ~0.08344 }
 */
export function fundingKellyConstraint(o: FundingKellyOptions): SizingConstraint {
  const k = fundingKelly(o.mu, o.sigma, o.funding, o.rf ?? 0);
  const m = o.multiplier ?? 1;
  const f = o.funding;
  const source = `${f.method}${o.source === undefined ? '' : ` of ${o.source}`}${f.stdError > 0 ? ` ± ${pct(f.stdError)}` : ''}`;
  return linearCap({
    name: 'funding-kelly',
    perUnit: (ctx) => ctx.unitValue,
    cap: (ctx) => sideFraction(k, ctx.side, m) * ctx.equity * ctx.riskMultiplier,
    explain: (ctx, max) =>
      `Kelly f* = (μ ${pct(o.mu)} − r ${pct(o.rf ?? 0)} − funding ${pct(k.carry)} (${source})) / σ² ${fmt(o.sigma * o.sigma)} = ${fmt(k.fraction)}` +
      ` (± ${fmt(k.fractionStdError)} from funding); ${ctx.side} value ≤ ${fmt(m)} × ${fmt(ctx.side === 'long' ? k.fraction : -k.fraction)} × equity${regimeFactor(ctx)}` +
      ` = ${fmt(sideFraction(k, ctx.side, m) * ctx.equity * ctx.riskMultiplier)} → at most ${fmt(max)}`,
  });
}
