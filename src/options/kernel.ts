/**
 * Option pricing kernels for hot loops (portfolio revaluation, stress grids): Black–Scholes–Merton
 * on spot, Black-76 on a forward, and Deribit's coin-settled (inverse) option, with the five Greeks.
 * No validation — the validated entry points are in `./price.ts`; the formulas, sources and the
 * handling of T ≤ 0 and σ = 0 are documented in `./black-core.ts`.
 *
 * - black-scholes: value in quote, underlying = spot S, continuous rate r and dividend/carry yield q.
 * - black76: e^{−rT}·Black(F, K, T, σ), value in quote, underlying = forward F (q ignored).
 * - inverse (Deribit coin-settled): value in COIN per 1 coin of underlying = Black(F, K, T, σ)·e^{−rT}/F
 *   (rate usually 0; q ignored). Its delta is ∂V/∂F in coin per 1 USD of forward; the delta Deribit
 *   shows, in coin, is F·∂V/∂F = ω·e^{−rT}·N(ωd1) − V (`cashDelta` in `./trader-greeks.ts`).
 *
 * Expiry ≤ 0 returns the intrinsic value (undiscounted) with a step delta and zero time Greeks;
 * vol = 0 returns the discounted forward intrinsic value.
 *
 * @example
 * optionPrice('black-scholes', true, 100, 100, 1, 0.2, 0.05, 0);  // => ~10.450583572185565
 * optionGreeks('black76', false, 100, 100, 1, 0.2, 0, 0).delta;   // => ~-0.460172162722971
 * optionPrice('inverse', true, 60000, 65000, 0.25, 0.6, 0, 0);     // => ~0.0868959 coin per 1 BTC
 */
import { BLACK76, BLACK_SCHOLES, INVERSE, type GreeksArrays, type GreeksInputs, type ModelCode, greeksLoop, priceOnly } from './black-core.js';

export type OptionModel = 'black-scholes' | 'black76' | 'inverse';

/** Value and Greeks; units as in `./black-core.ts` (vega per 1.00 σ, θ per year, ρ per 1.00 r). */
export interface Greeks {
  price: number;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  rho: number;
}

/** The integer code of a model name (for loops that call `black-core` directly). */
export function modelCode(model: OptionModel): ModelCode {
  return model === 'black-scholes' ? BLACK_SCHOLES : model === 'black76' ? BLACK76 : INVERSE;
}

/**
 * Option value. underlying = spot for black-scholes; forward for black76 and inverse.
 * No validation (a kernel for hot loops).
 *
 * @example
 * optionPrice('black76', true, 100, 100, 1, 0.2, 0.05, 0); // => ~7.577082 (= e^{−0.05}·7.965567)
 */
export function optionPrice(
  model: OptionModel, isCall: boolean, underlying: number, strike: number, expiry: number, vol: number, rate: number, div: number,
): number {
  return priceOnly(modelCode(model), isCall, underlying, strike, expiry, vol, rate, div);
}

const input: GreeksInputs = {
  isCall: new Uint8Array(1),
  underlying: new Float64Array(1),
  strike: new Float64Array(1),
  expiry: new Float64Array(1),
  vol: new Float64Array(1),
  rate: new Float64Array(1),
  div: new Float64Array(1),
};
const scratch: GreeksArrays = {
  price: new Float64Array(1),
  delta: new Float64Array(1),
  gamma: new Float64Array(1),
  vega: new Float64Array(1),
  theta: new Float64Array(1),
  rho: new Float64Array(1),
};

/**
 * Value and the five Greeks. No validation (a kernel for hot loops).
 *
 * @example
 * optionGreeks('black-scholes', true, 100, 100, 1, 0.2, 0.05, 0).vega; // => ~37.5240346
 */
export function optionGreeks(
  model: OptionModel, isCall: boolean, underlying: number, strike: number, expiry: number, vol: number, rate: number, div: number,
): Greeks {
  input.isCall[0] = isCall ? 1 : 0;
  input.underlying[0] = underlying;
  input.strike[0] = strike;
  input.expiry[0] = expiry;
  input.vol[0] = vol;
  input.rate[0] = rate;
  input.div[0] = div;
  greeksLoop(modelCode(model), input, scratch, 1);
  return {
    price: scratch.price[0] as number,
    delta: scratch.delta[0] as number,
    gamma: scratch.gamma[0] as number,
    vega: scratch.vega[0] as number,
    theta: scratch.theta[0] as number,
    rho: scratch.rho[0] as number,
  };
}
