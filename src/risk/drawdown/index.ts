/**
 * Maximum drawdown and ruin of a sized position by Monte Carlo; see `simulate-drawdown.ts`.
 */
export { simulateDrawdown, simulateDrawdownSync, DrawdownSimulationInput, DEFAULT_DRAWDOWN_QUANTILES, type DrawdownSimulationResult } from './simulate-drawdown.js';
