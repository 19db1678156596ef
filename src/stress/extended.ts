/**
 * The extended table of the scenario grid: large price moves (−66 % … +500 %) on vol up, of which
 * only a fraction of the loss counts, after a dampener.
 *
 *   weight(m)       = extended_table_factor × price_range / |m|
 *   contribution(m) = max(0, weight(m) × loss(m) − extended_dampener)
 *
 * Deribit documents the moves, "only on volatility range up", "only a fraction of simulated P&L"
 * and "application of a dampener" (support article "Portfolio Margin") and the parameters
 * extended_table_factor 1 and extended_dampener (`./params.ts`), not the formula. The weight is
 * Paradex's published scheme (https://docs.paradex.trade/risk/portfolio-margin: −66 % → 24 %,
 * −33 % → 48 %, +50 % → 32 %, +100 % → 16 %, +200 % → 8 %, +300 % → 5.33 %, +400 % → 4 %,
 * +500 % → 3.2 %, which is 16 %/|m|); subtracting the dampener as a threshold in the report
 * currency is this library's interpretation.
 *
 * @example
 * extendedContribution(1_000_000, -0.66, stressParams()); // => 0.16/0.66 × 1,000,000 − 25,000 ≈ 217,424
 */
import type { StressParams } from './params.js';

/** The fraction of an extended move's loss that counts (module doc). */
export function extendedWeight(move: number, p: StressParams): number {
  return (p.extendedTableFactor * p.priceRange) / Math.abs(move);
}

/** The margin contribution of an extended scenario's loss (module doc); ≥ 0. */
export function extendedContribution(loss: number, move: number, p: StressParams): number {
  return Math.max(0, extendedWeight(move, p) * loss - p.extendedDampener);
}
