/**
 * No-transaction bands of a delta hedge under proportional transaction costs λ (cost λ·|ΔN|·S to
 * trade ΔN units at price S) for a hedger with exponential utility of risk aversion γ (per unit
 * of the report currency): the hedge N is left alone while it stays in [Δ* − H, Δ* + H] and is
 * traded to the nearest edge when it leaves.
 *
 * Whalley–Wilmott, the asymptotically optimal band for small λ (Δ* = the Black–Scholes delta):
 *
 *   H = (3·e^{−r(T−t)}·λ·S·Γ² / (2γ))^{1/3}
 *
 * A. E. Whalley and P. Wilmott, "An asymptotic analysis of an optimal hedging model for option
 * pricing with transaction costs", Mathematical Finance 7(3) (1997) 307–324 (the band of
 * Davis, Panas and Zariphopoulou 1993 to leading order in λ^{1/3}).
 *
 * Zakamouline's refinement, fitted to the numerically optimal bands of the utility-based
 * problem: a band H0 + H1 around the delta Δ*(σ_m) at a modified volatility, with τ = T − t,
 *
 *   H0  = λ / (γ·S·σ²·τ)
 *   H1  = 1.12·λ^{0.31}·τ^{0.05}·(e^{−rτ}/σ)^{0.25}·(|Γ|/γ)^{0.5}
 *   K   = −4.76·λ^{0.78}·τ^{−0.02}·(e^{−rτ}/σ)^{0.25}·(γ·S²·|Γ|)^{0.15}
 *   σ_m = σ·√(1 + K) for a long option position (Γ > 0), σ·√(1 − K) for a short one
 *
 * V. I. Zakamouline, "Efficient analytic approximation of the optimal hedging strategy for a
 * European call option with transaction costs", Quantitative Finance 6(5) (2006) 435–445, and its
 * working paper "Optimal Hedging of Options with Transaction Costs" (EFMA 2005,
 * https://www.efmaefm.org/0EFMAMEETINGS/EFMA%20ANNUAL%20MEETINGS/2005-Milan/papers/284-zakamouline_paper.pdf);
 * the coefficients as transcribed in ../shared/references/math.md §5.1. For 1 − K ≤ 0 or
 * 1 + K ≤ 0 (costs far outside the fit's range) σ_m is 0.
 *
 * Γ is the gamma of the position hedged (quantity included: a book's gamma for a book), S its
 * underlying's price; all inputs finite with λ ≥ 0, γ > 0, S > 0, σ > 0, τ > 0. Kernels: no
 * validation.
 */

/**
 * Whalley–Wilmott half-width H (module doc), in units of the underlying.
 *
 * @example
 * // pfhedge's documented example: S = e^{−0.05}, K = 1, τ = 0.1, σ = 0.2, λ = 1e-5, γ = 1
 * wwHalfWidth(1e-5, 1, Math.exp(-0.05), 4.97185, 0, 0.1); // => ~0.070654 (Δ = 0.22394: the hedge 0.5 clamps to 0.2946, as published)
 */
export function wwHalfWidth(costRate: number, riskAversion: number, spot: number, gamma: number, rate: number, tau: number): number {
  return Math.cbrt((3 * Math.exp(-rate * tau) * costRate * spot * gamma * gamma) / (2 * riskAversion));
}

/** Zakamouline's band: half-width H0 + H1 and the modified volatility σ_m around whose delta it lies. */
export interface ZakamoulineBand {
  readonly h0: number;
  readonly h1: number;
  /** H0 + H1, in units of the underlying. */
  readonly halfWidth: number;
  /** K (negative): the relative change of the variance, σ_m² = σ²(1 ± K). */
  readonly k: number;
  readonly modifiedVol: number;
}

/**
 * Zakamouline's band (module doc); the sign of `gamma` says long (> 0) or short (< 0) options.
 *
 * @example
 * zakamoulineBand(0.001, 1, 100, -0.0399, 0.2, 0.25, 0); // => { h0: 0.001, h1: ~0.036673, k: ~-0.082137, modifiedVol: ~0.208052 (short: σ_m > σ), … }
 */
export function zakamoulineBand(costRate: number, riskAversion: number, spot: number, gamma: number, vol: number, tau: number, rate: number): ZakamoulineBand {
  const g = Math.abs(gamma);
  const discount = Math.pow(Math.exp(-rate * tau) / vol, 0.25);
  const h0 = costRate / (riskAversion * spot * vol * vol * tau);
  const h1 = 1.12 * Math.pow(costRate, 0.31) * Math.pow(tau, 0.05) * discount * Math.sqrt(g / riskAversion);
  const k = -4.76 * Math.pow(costRate, 0.78) * Math.pow(tau, -0.02) * discount * Math.pow(riskAversion * spot * spot * g, 0.15);
  const variance = gamma >= 0 ? 1 + k : 1 - k;
  return { h0, h1, halfWidth: h0 + h1, k, modifiedVol: variance > 0 ? vol * Math.sqrt(variance) : 0 };
}
