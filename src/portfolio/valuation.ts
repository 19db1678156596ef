/**
 * Value of one position, in the report currency (USD), at an underlying price s, an option vol σ
 * and an elapsed time dt (years) — full revaluation with the options kernel (`../options/kernel.ts`).
 * Its contribution to equity (NC) is:
 *
 *   linear perpetual/future   q·(f·s − E)                     (unrealised PnL; F = f·s)
 *   inverse perpetual/future  q·(1/E − 1/(f·s))·s             (coin PnL, converted at the index s)
 *   option black-scholes      q·V_BS(s, K, T − dt, σ, r, q)   (market value, quote)
 *   option black76            q·V_76(F, K, T − dt, σ, r)      F = s·e^{(r − q)(T − dt)}
 *   option inverse            q·V_inv(F, …)·s                 (coin value per coin, converted at s)
 *
 * q = quantity × contract size (signed). The conversion of coin amounts at the underlying's index
 * price is Deribit's cross-collateral valuation with a zero haircut (`haircut: 0` in the
 * `private/pme/simulate` example parameters). Linear PnL conventions as in `../core/contract.ts`.
 *
 * Greeks (∂/∂s, ∂²/∂s², ∂/∂σ per 1.00 of σ) follow by the chain rule from the kernel's Greeks
 * (taken with respect to its own underlying argument, F for black76 and inverse):
 *   black76: Δ = q·δ·f, Γ = q·γ·f²;  inverse: Δ = q·(V + s·f·δ), Γ = q·(2f·δ + s·f²·γ), vega = q·s·ν.
 *
 * @example
 * positionValue(c, 0, 66_000, c.vol[0], 0); // => 2 × (66,000 − 64,000) = 4,000 for a 2 BTC linear perp from 64,000
 */
import { optionGreeks, optionPrice, type OptionModel } from '../options/kernel.js';
import { INVERSE_LINEAR, LINEAR, OPTION_B76, OPTION_BS, type CompiledPortfolio } from './compile.js';

const MODELS: readonly OptionModel[] = ['black-scholes', 'black-scholes', 'black-scholes', 'black76', 'inverse'];

/** Equity contribution of position i at underlying price s, vol σ, after dt years (module doc). */
export function positionValue(c: CompiledPortfolio, i: number, s: number, vol: number, dt: number): number {
  const code = c.code[i] as number;
  const q = c.qty[i] as number;
  if (code === LINEAR) return q * ((c.fwd[i] as number) * s - (c.entry[i] as number));
  if (code === INVERSE_LINEAR) return q * (1 / (c.entry[i] as number) - 1 / ((c.fwd[i] as number) * s)) * s;
  const t = (c.expiry[i] as number) - dt;
  const r = c.rate[i] as number;
  const d = c.div[i] as number;
  const call = c.isCall[i] === 1;
  const k = c.strike[i] as number;
  if (code === OPTION_BS) return q * optionPrice('black-scholes', call, s, k, t, vol, r, d);
  const f = dt === 0 ? (c.fwd[i] as number) : Math.exp((r - d) * t);
  if (code === OPTION_B76) return q * optionPrice('black76', call, f * s, k, t, vol, r, d);
  return q * optionPrice('inverse', call, f * s, k, t, vol, r, d) * s;
}

/** Equity of the account at the given underlying prices (per underlying), vols shifted by none. */
export function equityAt(c: CompiledPortfolio, prices: ArrayLike<number>, dt = 0): number {
  let nc = c.cash;
  for (let u = 0; u < c.underlyings.length; u++) nc += (c.coin[u] as number) * (prices[u] as number);
  for (let i = 0; i < c.n; i++) nc += positionValue(c, i, prices[c.under[i] as number] as number, c.vol[i] as number, dt);
  return nc;
}

/** ∂/∂s, ∂²/∂s² and ∂/∂σ of one position's value at the current state (module doc). */
export interface PositionGreeks {
  readonly value: number;
  readonly delta: number;
  readonly gamma: number;
  readonly vega: number;
}

/** Value and Greeks of position i at the current spot and vol. */
export function positionGreeks(c: CompiledPortfolio, i: number): PositionGreeks {
  const code = c.code[i] as number;
  const q = c.qty[i] as number;
  const s = c.spot[c.under[i] as number] as number;
  const f = c.fwd[i] as number;
  if (code === LINEAR) return { value: positionValue(c, i, s, 0, 0), delta: q * f, gamma: 0, vega: 0 };
  if (code === INVERSE_LINEAR) return { value: positionValue(c, i, s, 0, 0), delta: q / (c.entry[i] as number), gamma: 0, vega: 0 };
  const model = MODELS[code] as OptionModel;
  const x = code === OPTION_BS ? s : f * s;
  const g = optionGreeks(model, c.isCall[i] === 1, x, c.strike[i] as number, c.expiry[i] as number, c.vol[i] as number, c.rate[i] as number, c.div[i] as number);
  if (code === OPTION_BS) return { value: q * g.price, delta: q * g.delta, gamma: q * g.gamma, vega: q * g.vega };
  if (code === OPTION_B76) return { value: q * g.price, delta: q * g.delta * f, gamma: q * g.gamma * f * f, vega: q * g.vega };
  return { value: q * g.price * s, delta: q * (g.price + s * f * g.delta), gamma: q * (2 * f * g.delta + s * f * f * g.gamma), vega: q * s * g.vega };
}
