/**
 * The cash and percentage forms of the Greeks that traders read, from the per-unit Greeks of
 * `./kernel.ts` (U = the underlying: spot for black-scholes, forward for black76 and inverse; all
 * amounts in the option's value currency — quote, or coin for inverse):
 *
 *   cashDelta    = Δ·U            value change for a 100 % move, to first order (for inverse this is
 *                                 F·∂V/∂F = N(ωd1)·ω·e^{−rT} − V, the coin delta Deribit shows)
 *   cashGamma    = Γ·U·(U/100)    change of Δ for a 1 % move of U, times U: the change of cash delta
 *                                 per 1 % move at a fixed conversion price (S·GammaP with Haug's
 *                                 percentage gamma GammaP = Γ·U/100)
 *   elasticity   = Δ·U/V          percentage change of V per 1 % change of U (Haug's Λ; omitted when V = 0)
 *   thetaPerDay  = θ/365          per calendar day (365-day year, as QuantLib's Actual365Fixed and Deribit)
 *   vegaPerPoint = vega/100       per 1 volatility point (σ from 0.50 to 0.51)
 *   rhoPerPoint  = ρ/100          per 1 percentage point of rate
 *
 * Sources: E. G. Haug, "The Complete Guide to Option Pricing Formulas", 2nd ed. (2007), ch. 2
 * (elasticity Λ, GammaP, theta per day, vega and rho per percentage point); N. Taleb, "Dynamic
 * Hedging" (1997) (cash or "dollar" delta and gamma); Deribit FAQ, "What does Delta Total in
 * the account summary mean?" (an option bought for 0.10 BTC with delta 0.50 adds 0.40 to Delta
 * Total: the displayed delta is the Black delta minus the coin price) and C. Alexander and
 * A. Imeraj, "Inverse Options in a Black–Scholes World", arXiv:2107.12041 (2021).
 */
import type { Greeks } from './kernel.js';

/** Cash and percentage Greeks. */
export interface TraderGreeks {
  readonly cashDelta: number;
  readonly cashGamma: number;
  /** Δ·U/V; undefined when V = 0. */
  readonly elasticity?: number;
  readonly thetaPerDay: number;
  readonly vegaPerPoint: number;
  readonly rhoPerPoint: number;
}

/** Calendar days per year behind `thetaPerDay`. */
export const DAYS_PER_YEAR = 365;

/**
 * Cash and percentage Greeks of one option. A kernel: no validation.
 *
 * @example
 * const g = optionGreeks('black-scholes', true, 100, 100, 1, 0.2, 0.05, 0);
 * traderGreeks(g, 100).cashDelta;    // => ~63.68 (Δ = 0.6368 × S = 100)
 * traderGreeks(g, 100).thetaPerDay;  // => ~-0.017573 (θ = −6.414 per year / 365)
 */
export function traderGreeks(g: Greeks, underlying: number): TraderGreeks {
  const cashDelta = g.delta * underlying;
  const base = {
    cashDelta,
    cashGamma: (g.gamma * underlying * underlying) / 100,
    thetaPerDay: g.theta / DAYS_PER_YEAR,
    vegaPerPoint: g.vega / 100,
    rhoPerPoint: g.rho / 100,
  };
  return g.price === 0 ? base : { ...base, elasticity: cashDelta / g.price };
}
