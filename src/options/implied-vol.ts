/**
 * Validated implied volatility: the σ at which the model reproduces `price` (quote, or coin for
 * inverse). Method and accuracy: `./implied-vol-kernel.ts`. A price outside the no-arbitrage range
 * [lower, upper) — lower = the discounted intrinsic value D·max(ω(F − K), 0) (÷F for inverse),
 * upper = D·F for a call (1 coin·D for inverse), D·K for a put (D·K/F for inverse) — has no
 * implied volatility and throws INVALID_INPUT at `price` with the bounds in `details`; the lower
 * bound itself gives σ = 0. A price so close to the upper bound that σ > MAX_VOL (10, the largest
 * vol `greeks` and the pricers accept, `./schema.ts`) is refused the same way, with the price at
 * σ = MAX_VOL as `details.maxPrice`: near the bound the price is flat in σ, so such a σ (16.5,
 * 1e161) says nothing the price can support.
 *
 * @example
 * impliedVol({ model: 'black-scholes', type: 'call', price: 10.450583572185565, spot: 100, strike: 100, expiry: 1, rate: 0.05 });
 * // => { model: 'black-scholes', type: 'call', impliedVol: 0.2 (to 1e-15), lowerBound: 4.8771, upperBound: 100 }
 */
import { TradesizeError } from '../core/errors.js';
import { parseInput } from '../core/validate.js';
import { modelCode, optionPrice, type OptionModel } from './kernel.js';
import { impliedVolKernel } from './implied-vol-kernel.js';
import { ImpliedVolInput, MAX_VOL, type OptionType } from './schema.js';

/** The result of {@link impliedVol}. */
export interface ImpliedVolResult {
  readonly model: OptionModel;
  readonly type: OptionType;
  readonly impliedVol: number;
  /** The no-arbitrage range of the price, in its unit: [lowerBound, upperBound). */
  readonly lowerBound: number;
  readonly upperBound: number;
}

/**
 * Implied volatility of one European option price.
 *
 * @example
 * impliedVol({ model: 'inverse', type: 'call', price: 0.0868958913963640, forward: 60000, strike: 65000, expiry: 0.25 }).impliedVol; // => ~0.6
 */
export function impliedVol(input: ImpliedVolInput): ImpliedVolResult {
  const o = parseInput(ImpliedVolInput, input, 'impliedVol');
  const isCall = o.type === 'call';
  const underlying = o.model === 'black-scholes' ? o.spot : o.forward;
  const div = o.model === 'black-scholes' ? o.div : 0;
  const df = Math.exp(-o.rate * o.expiry);
  const f = o.model === 'black-scholes' ? o.spot * Math.exp((o.rate - div) * o.expiry) : o.forward;
  const unit = o.model === 'inverse' ? df / f : df;
  const lowerBound = unit * Math.max(isCall ? f - o.strike : o.strike - f, 0);
  const upperBound = unit * (isCall ? f : o.strike);
  const iv = impliedVolKernel(modelCode(o.model), isCall, o.price, underlying, o.strike, o.expiry, o.rate, div);
  if (Number.isNaN(iv)) {
    const below = o.price < upperBound;
    throw new TradesizeError(
      'INVALID_INPUT',
      below
        ? `impliedVol: price ${o.price} is below the no-arbitrage lower bound ${lowerBound} (discounted intrinsic value); no implied volatility`
        : `impliedVol: price ${o.price} is at or above the no-arbitrage upper bound ${upperBound}; no implied volatility`,
      ['price'],
      { reason: below ? 'below-intrinsic' : 'above-upper-bound', lowerBound, upperBound },
    );
  }
  if (iv > MAX_VOL) {
    const maxPrice = optionPrice(o.model, isCall, underlying, o.strike, o.expiry, MAX_VOL, o.rate, div);
    throw new TradesizeError(
      'INVALID_INPUT',
      `impliedVol: price ${o.price} implies a volatility above ${MAX_VOL} (the largest the pricers accept); the price at σ = ${MAX_VOL} is ${maxPrice}, the upper bound ${upperBound}`,
      ['price'],
      { reason: 'above-max-vol', lowerBound, upperBound, maxPrice },
    );
  }
  return { model: o.model, type: o.type, impliedVol: iv, lowerBound, upperBound };
}
