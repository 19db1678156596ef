/**
 * The no-trade band of an account's delta hedge on one underlying, part of each revaluation of
 * an options book (the account view's `greeks[].hedge`): the policy of `hedge.policy` in the
 * engine configuration, with the same band formulas as `tradesize hedge`
 * (`../hedging/hedge-now.ts`, `../options/no-trade-band.ts`), on the engine's own delta D and
 * gamma Γ of the underlying (base units, at the underlying's mid):
 *
 *   interval         [0, 0]: back to neutral whenever D ≠ 0
 *   band X           [−X, X]
 *   whalley-wilmott  [−H, H], H = (3λSΓ²/(2γ))^{1/3} (Whalley & Wilmott 1997; r = 0)
 *   zakamouline      [c − H0 − H1, c + H0 + H1], c = D_opt(σ) − D_opt(σ_m) (Zakamouline 2006)
 *
 * with τ and σ the |Γ|-weighted mean expiry and volatility of the underlying's options.
 * `rebalance` is true when D lies outside the band, and `tradeQuantity` (contracts of the
 * underlying market, rounded toward zero to its lot) is the trade now: to neutral for interval
 * and band, to the band's nearest edge for Whalley–Wilmott and Zakamouline, 0 inside.
 *
 * @example
 * hedgeBand({ policy: 'whalley-wilmott', band: 0, costRate: 0.0005, riskAversion: 1e-4 }, 65_000, 2e-5, [{ gamma: 2e-5, tau: 0.1, volatility: 0.6 }], () => 0);
 * // => { lower: ~-0.05799, upper: ~0.05799 }: (3 × 0.0005 × 65,000 × (2e-5)² / (2 × 1e-4))^{1/3}
 */
import { wwHalfWidth, zakamoulineBand } from '../options/no-trade-band.js';
import type { EngineConfig } from './config.js';

/** One option position on the underlying: its gamma (base units per unit of price), years to expiry and volatility. */
export interface BandLeg {
  readonly gamma: number;
  readonly tau: number;
  readonly volatility: number;
}

/**
 * The band on the underlying's delta (module doc). `optionsDeltaAt(scale)` is the options' delta
 * with every volatility scaled by `scale` (Zakamouline's centre; scale 1 gives D_opt(σ)).
 */
export function hedgeBand(cfg: EngineConfig['hedge'], spot: number, gamma: number, legs: readonly BandLeg[], optionsDeltaAt: (scale: number) => number): { lower: number; upper: number } {
  if (cfg.policy === 'interval') return { lower: 0, upper: 0 };
  if (cfg.policy === 'band') return { lower: -cfg.band, upper: cfg.band };
  let w = 0;
  let tau = 0;
  let vol = 0;
  for (const l of legs) {
    const a = Math.abs(l.gamma);
    w += a;
    tau += a * l.tau;
    vol += a * l.volatility;
  }
  if (!(w > 0 && tau > 0)) return { lower: 0, upper: 0 };
  tau /= w;
  vol /= w;
  if (cfg.policy === 'whalley-wilmott') {
    const h = wwHalfWidth(cfg.costRate, cfg.riskAversion, spot, gamma, 0, tau);
    return { lower: -h, upper: h };
  }
  const z = zakamoulineBand(cfg.costRate, cfg.riskAversion, spot, gamma, vol, tau, 0);
  const centre = optionsDeltaAt(1) - optionsDeltaAt(z.modifiedVol / vol);
  return { lower: centre - z.halfWidth, upper: centre + z.halfWidth };
}
