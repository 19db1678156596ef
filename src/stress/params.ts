/**
 * Parameters of the Deribit-style portfolio-margin scenario grid, with their defaults.
 *
 * Documented by Deribit (support article "Portfolio Margin", https://support.deribit.com/hc/en-us/articles/25944756247837,
 * and the `private/pme/simulate` example model parameters, https://docs.deribit.com/api-reference/account-management/private-simulate,
 * btc_usd testnet values of 2024-06-17, saved in ../shared/references/venue-data/deribit_pme_simulate_example_model_params.json):
 *   price_range 0.16, buckets_count 4 (→ 9 price buckets including 0), vol_scenarios_count 3
 *   (up, same, down), volatility_range_up 0.5, volatility_range_down 0.25, short_term_vega_power 0.3,
 *   long_term_vega_power 0.13, min_volatility_for_shock_up 0.5, extended table −66 %, −33 %,
 *   +50 %, +100 %, +200 %, +300 %, +400 %, +500 % on vol up only, extended_table_factor 1,
 *   extended_dampener 25,000 (usd currency; 100,000 for btc), mm_factor 0.8.
 *
 * How they are applied is this library's documented interpretation (Deribit publishes no formula):
 * see `./vol-shock.ts` (vol shocks) and `./extended.ts` (extended-table weights and dampener).
 *
 * @example
 * stressParams({ priceRange: 0.2 }).moves; // => [-0.2, -0.15, -0.1, -0.05, 0, 0.05, 0.1, 0.15, 0.2]
 */
import type { StressParamsInput } from '../portfolio/schema.js';

export interface StressParams {
  readonly priceRange: number;
  readonly bucketsCount: number;
  readonly volatilityRangeUp: number;
  readonly volatilityRangeDown: number;
  readonly shortTermVegaPower: number;
  readonly longTermVegaPower: number;
  readonly minVolatilityForShockUp: number;
  readonly extendedMoves: readonly number[];
  readonly extendedTableFactor: number;
  readonly extendedDampener: number;
  /** The standard price moves: priceRange × k / bucketsCount for k = −bucketsCount … bucketsCount. */
  readonly moves: readonly number[];
}

export const DERIBIT_DEFAULTS = {
  priceRange: 0.16,
  bucketsCount: 4,
  volatilityRangeUp: 0.5,
  volatilityRangeDown: 0.25,
  shortTermVegaPower: 0.3,
  longTermVegaPower: 0.13,
  minVolatilityForShockUp: 0.5,
  extendedMoves: [-0.66, -0.33, 0.5, 1, 2, 3, 4, 5],
  extendedTableFactor: 1,
  extendedDampener: 25_000,
} as const;

/** The three vol scenarios, in the order of Deribit's risk vectors. */
export const VOL_SCENARIOS = ['up', 'same', 'down'] as const;
export type VolScenario = (typeof VOL_SCENARIOS)[number];

/** Defaults overridden by the given (already validated) fields. */
export function stressParams(o: StressParamsInput = {}): StressParams {
  const p = { ...DERIBIT_DEFAULTS, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) } as Omit<StressParams, 'moves'>;
  const b = p.bucketsCount;
  const moves = Array.from({ length: 2 * b + 1 }, (_, k) => (p.priceRange * (k - b)) / b);
  return { ...p, extendedMoves: [...p.extendedMoves], moves };
}
