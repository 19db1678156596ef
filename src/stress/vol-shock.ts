/**
 * Implied-vol shocks of the scenario grid, per option, scaled by its days to expiry (DTE).
 *
 *   scale(DTE) = (30 / DTE)^p,  p = short_term_vega_power (0.3) when DTE < 30, else long_term_vega_power (0.13)
 *   σ_up   = σ + max(σ, min_volatility_for_shock_up) × volatility_range_up × scale
 *   σ_down = σ × max(1 − volatility_range_down × scale, 0.05)
 *
 * The parameter names and values are Deribit's (`./params.ts`); the (30/DTE)^power scaling is the
 * structure of Deribit's documented legacy rule "IV change (30/days to expiration)^0.30 × 38 %"
 * (https://www.deribit.com/pages/docs/portfoliomargin). Interpretation (not published by Deribit):
 * the up shock is relative to max(σ, min_volatility_for_shock_up), so low vols still get a
 * meaningful absolute shock; the down shock is relative to σ and floored at 5 % of σ so vol stays
 * positive for very short expiries; the power switches at 30 days.
 *
 * @example
 * volShocks(0.6, 30, stressParams()); // => { up: 0.9, down: 0.45 }   (scale 1)
 */
import type { StressParams } from './params.js';

/** The (30/DTE)^power scaling of the vol shock (module doc). */
export function vegaScale(dte: number, p: StressParams): number {
  const power = dte < 30 ? p.shortTermVegaPower : p.longTermVegaPower;
  return Math.pow(30 / dte, power);
}

/** Shocked vols up and down for an option of vol σ and `dte` days to expiry (module doc). */
export function volShocks(vol: number, dte: number, p: StressParams): { up: number; down: number } {
  const s = vegaScale(dte, p);
  return {
    up: vol + Math.max(vol, p.minVolatilityForShockUp) * p.volatilityRangeUp * s,
    down: vol * Math.max(1 - p.volatilityRangeDown * s, 0.05),
  };
}
