/**
 * The account's equity along a Monte Carlo path, with the linear book folded: a linear
 * perpetual or future contributes q·(f·s − E) = (q·f)·s − q·E and an inverse one
 * q·(1/E − 1/(f·s))·s = (q/E)·s − q/f (`../portfolio/valuation.ts`; neither depends on the
 * elapsed time), so per underlying u all of them, and the coin collateral, sum to
 * slope_u·s_u − level_u. Only options are revalued one by one; a path day then costs
 * U + (number of options) terms instead of one per position. The sum is the same as
 * `equityAt` up to the order of floating-point additions.
 *
 * @example
 * const equity = pathEquity(c);
 * equity(c.spot, 0); // => equityAt(c, c.spot) to rounding
 */
import { INVERSE_LINEAR, LINEAR, type CompiledPortfolio } from '../portfolio/compile.js';
import { positionValue } from '../portfolio/valuation.js';

/** Equity at per-underlying prices after dt years, for a compiled portfolio (module doc). */
export type PathEquity = (prices: ArrayLike<number>, dt: number) => number;

/** Number of terms one {@link PathEquity} call sums: underlyings plus options. */
export function pathEquityTerms(c: CompiledPortfolio): number {
  let options = 0;
  for (let i = 0; i < c.n; i++) if (c.code[i] !== LINEAR && c.code[i] !== INVERSE_LINEAR) options++;
  return c.underlyings.length + options;
}

/** Builds the folded valuation of `c` (module doc). */
export function pathEquity(c: CompiledPortfolio): PathEquity {
  const U = c.underlyings.length;
  const slope = Float64Array.from(c.coin);
  const level = new Float64Array(U);
  const options: number[] = [];
  for (let i = 0; i < c.n; i++) {
    const u = c.under[i] as number;
    const q = c.qty[i] as number;
    if (c.code[i] === LINEAR) {
      slope[u] = (slope[u] as number) + q * (c.fwd[i] as number);
      level[u] = (level[u] as number) + q * (c.entry[i] as number);
    } else if (c.code[i] === INVERSE_LINEAR) {
      slope[u] = (slope[u] as number) + q / (c.entry[i] as number);
      level[u] = (level[u] as number) + q / (c.fwd[i] as number);
    } else options.push(i);
  }
  const idx = Int32Array.from(options);
  return (prices, dt) => {
    let nc = c.cash;
    for (let u = 0; u < U; u++) nc += (slope[u] as number) * (prices[u] as number) - (level[u] as number);
    for (let j = 0; j < idx.length; j++) {
      const i = idx[j] as number;
      nc += positionValue(c, i, prices[c.under[i] as number] as number, c.vol[i] as number, dt);
    }
    return nc;
  };
}
