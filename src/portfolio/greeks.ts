/**
 * Delta, gamma and vega of a portfolio aggregated per underlying: the sums over its positions of
 * ∂NC/∂s, ∂²NC/∂s² and ∂NC/∂σ (report currency per 1 USD of underlying, per USD², per 1.00 of
 * vol), plus the coin collateral's delta (its balance). Greeks add across positions because NC is
 * a sum of position values (`./valuation.ts`, chain rule per instrument).
 *
 * @example
 * aggregateGreeks(compilePortfolio(p));
 * // => [{ underlying: 'BTC', delta: 1.8, gamma: -0.00002, vega: -4200, value: ... }]
 */
import type { CompiledPortfolio } from './compile.js';
import { positionGreeks } from './valuation.js';

/** Greeks of one underlying's positions (and its coin collateral). */
export interface UnderlyingGreeks {
  readonly underlying: string;
  readonly spot: number;
  /** ∂NC/∂s: report currency per 1 unit of the underlying's price (= coin-equivalent exposure). */
  readonly delta: number;
  /** Delta × spot: the report-currency exposure to a 100 % move, to first order. */
  readonly deltaNotional: number;
  readonly gamma: number;
  /** ∂NC/∂σ per 1.00 of σ (divide by 100 for one vol point). */
  readonly vega: number;
  /** Market value of the positions plus coin collateral, in the report currency. */
  readonly value: number;
  readonly positions: number;
}

/** Per-underlying sums of the positions' Greeks (module doc). */
export function aggregateGreeks(c: CompiledPortfolio): UnderlyingGreeks[] {
  const U = c.underlyings.length;
  const delta = Float64Array.from(c.coin);
  const gamma = new Float64Array(U);
  const vega = new Float64Array(U);
  const value = c.coin.map((x, u) => x * (c.spot[u] as number));
  const count = new Int32Array(U);
  for (let i = 0; i < c.n; i++) {
    const u = c.under[i] as number;
    const g = positionGreeks(c, i);
    delta[u] = (delta[u] as number) + g.delta;
    gamma[u] = (gamma[u] as number) + g.gamma;
    vega[u] = (vega[u] as number) + g.vega;
    value[u] = (value[u] as number) + g.value;
    count[u] = (count[u] as number) + 1;
  }
  return c.underlyings.map((underlying, u) => ({
    underlying,
    spot: c.spot[u] as number,
    delta: delta[u] as number,
    deltaNotional: (delta[u] as number) * (c.spot[u] as number),
    gamma: gamma[u] as number,
    vega: vega[u] as number,
    value: value[u] as number,
    positions: count[u] as number,
  }));
}
