/**
 * The best constant leverage in hindsight: the ℓ maximising Σ ln(1 + ℓ·r_i) over the data's
 * close-to-close returns (long or short, rebalanced at every close, no costs, no liquidation),
 * with its annualised log growth mean ln(1 + ℓ*·r) × bars per year — the growth-optimal
 * constant-rebalanced leverage against which each policy's log growth is shown as a share.
 * For an inverse contract (equity in the coin) the return of leverage ℓ over a bar is
 * ℓ·(1 − c_{i−1}/c_i) (coin PnL Q·(1/c_{i−1} − 1/c_i) on the coin notional Q/c_{i−1} = ℓ·equity),
 * so r_i = 1 − c_{i−1}/c_i there.
 *
 * Source: T. M. Cover, "Universal Portfolios" (1991), the best constant-rebalanced portfolio
 * b* of the sequence; solved by `kelly/exact.ts` (Thorp 2006 §7).
 *
 * @example
 * hindsightLeverage(Float64Array.of(100, 110, 104.5), 365); // => { leverage: 5, logGrowth: ~21.50 } (returns 0.1, −0.05)
 */
import { TradesizeError } from '../core/errors.js';
import { kellyExact } from '../kelly/exact.js';

/** The best constant leverage and its annualised log growth, or nulls when unbounded (the price only rises or only falls). */
export interface Hindsight {
  readonly leverage: number | null;
  readonly logGrowth: number | null;
}

/** The hindsight optimum of a close series (module doc); `inverse`: of a coin-margined contract. */
export function hindsightLeverage(close: ArrayLike<number>, barsPerYear: number, inverse = false): Hindsight {
  const returns = new Float64Array(close.length - 1);
  for (let i = 1; i < close.length; i++) {
    const c0 = close[i - 1] as number;
    const c = close[i] as number;
    returns[i - 1] = inverse ? 1 - c0 / c : c / c0 - 1;
  }
  if (returns.length < 2) return { leverage: null, logGrowth: null };
  try {
    const k = kellyExact({ returns, curvePoints: 3 });
    return { leverage: k.fraction, logGrowth: k.growthRate * barsPerYear };
  } catch (e) {
    if (e instanceof TradesizeError && (e.code === 'NO_SOLVENT_FRACTION' || e.code === 'INSUFFICIENT_DATA')) return { leverage: null, logGrowth: null };
    throw e;
  }
}

/** A policy's share of the hindsight log growth (null when either is missing or the optimum's growth is ≤ 0). */
export function hindsightShare(logGrowth: number | null, h: Hindsight): number | null {
  return logGrowth !== null && h.logGrowth !== null && h.logGrowth > 0 ? logGrowth / h.logGrowth : null;
}
