/**
 * Monte Carlo margin stress over a horizon of H days: correlated, fat-tailed daily moves of every
 * underlying (`./joint-returns.ts`: a multivariate Student-t, given or fitted, or whole dates
 * bootstrapped from history), each path revalued in full at every day's close (options with time decay, vols
 * unchanged):
 *
 *   s_u(d) = s_u · exp(Σ_{j ≤ d} x_{u,j}),   NC(d) = equity at s(d) after d/365 years,
 *   liquidated on the path when NC(d) < MMR(d) or NC(d) < 0 for some d ∈ {1 … H}
 *   (MMR: portfolio margin held at the current grid requirement; standard margin recomputed at s(d)).
 *
 * Reports p̂ = the fraction of liquidated paths with its binomial standard error √(p̂(1 − p̂)/N),
 * and the distribution of the horizon loss L = NC(0) − NC(H): mean, VaR and ES at 95 % and 99 %
 * (historical estimator of `../var-es.ts`, positive losses). Daily monitoring can miss an intraday
 * wick; the scenario grid's instantaneous shocks cover those.
 *
 * @example
 * monteCarloStress(c, studentTJointReturns({ ... }), { paths: 10_000, days: 10, maintenance: 4_000 });
 * // => { pLiquidation: 0.0123, standardError: 0.0011, var99: 18_200, ... }
 */
import type { CompiledPortfolio } from '../portfolio/compile.js';
import { maintenanceAt as positionMaintenance } from '../portfolio/account.js';
import { pathEquity } from './path-equity.js';
import { riskMeasures } from '../risk/var-es.js';

/** Result of {@link monteCarloStress}; amounts in the report currency. */
export interface MonteCarloStress {
  readonly method: 'student-t' | 'fitted-t' | 'bootstrap';
  readonly paths: number;
  readonly horizonDays: number;
  /** Degrees of freedom of the t model (null for the bootstrap). */
  readonly nu: number | null;
  readonly seed: number;
  readonly pLiquidation: number;
  readonly standardError: number;
  readonly meanLoss: number;
  readonly var95: number;
  readonly es95: number;
  readonly var99: number;
  readonly es99: number;
}

/** Options of {@link monteCarloStress}. */
export interface MonteCarloOptions {
  readonly method: 'student-t' | 'fitted-t' | 'bootstrap';
  readonly paths: number;
  readonly days: number;
  readonly nu: number | null;
  readonly seed: number;
  /** Portfolio-margin MMR held over the horizon (ignored for standard margin). */
  readonly maintenance: number;
  /** Called with the fraction of paths done (0, 1], about every 1 % of the paths. */
  readonly onProgress?: (fraction: number) => void;
}

function maintenanceAt(c: CompiledPortfolio, prices: Float64Array, held: number): number {
  if (c.margin.style === 'portfolio') return held;
  let mm = 0;
  for (let i = 0; i < c.n; i++) mm += positionMaintenance(c, i, prices[c.under[i] as number] as number);
  return mm;
}

/** Revalues every path of `returns` (paths × days × U daily log returns; module doc). */
export function monteCarloStress(c: CompiledPortfolio, returns: Float64Array, o: MonteCarloOptions): MonteCarloStress {
  const U = c.underlyings.length;
  const equityAt = pathEquity(c);
  const nc0 = equityAt(c.spot, 0);
  const every = Math.max(1, Math.ceil(o.paths / 100));
  const pnl = new Float64Array(o.paths);
  const prices = new Float64Array(U);
  let liquidated = 0;
  for (let path = 0; path < o.paths; path++) {
    prices.set(c.spot);
    let hit = false;
    let nc = nc0;
    for (let d = 0; d < o.days; d++) {
      for (let u = 0; u < U; u++) prices[u] = (prices[u] as number) * Math.exp(returns[(path * o.days + d) * U + u] as number);
      nc = equityAt(prices, (d + 1) / 365);
      if (!hit && (nc < maintenanceAt(c, prices, o.maintenance) || nc < 0)) hit = true;
    }
    if (hit) liquidated++;
    pnl[path] = nc - nc0;
    if (o.onProgress !== undefined && ((path + 1) % every === 0 || path + 1 === o.paths)) o.onProgress((path + 1) / o.paths);
  }
  const p = liquidated / o.paths;
  const at95 = riskMeasures(pnl, { level: 0.95, method: 'historical' });
  const at99 = riskMeasures(pnl, { level: 0.99, method: 'historical' });
  return {
    method: o.method,
    paths: o.paths,
    horizonDays: o.days,
    nu: o.nu,
    seed: o.seed,
    pLiquidation: p,
    standardError: Math.sqrt((p * (1 - p)) / o.paths),
    meanLoss: -at95.mean,
    var95: at95.var,
    es95: at95.es,
    var99: at99.var,
    es99: at99.es,
  };
}
