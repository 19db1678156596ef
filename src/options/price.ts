/**
 * Validated option valuation: price, the five Greeks (per-unit, QuantLib's conventions), d1/d2 and
 * the cash/percentage Greeks, for Black–Scholes–Merton, Black-76 and Deribit's coin-settled
 * options. Formulas and sources: `./black-core.ts` (model and Greeks), `./trader-greeks.ts`
 * (cash and percentage forms). Bad input throws INVALID_INPUT with the field path.
 *
 * @example
 * priceOption({ model: 'black-scholes', type: 'call', spot: 100, strike: 100, expiry: 1, vol: 0.2, rate: 0.05 });
 * // => { price: 10.4506, delta: 0.6368, gamma: 0.01876, vega: 37.524, theta: -6.414, rho: 53.232, d1: 0.35, d2: 0.15, … }
 * inverseOption({ type: 'put', forward: 60000, strike: 55000, expiry: 0.1, vol: 0.55 }).price; // coin per 1 BTC
 */
import type { z } from 'zod';
import { parseInput } from '../core/validate.js';
import { optionGreeks, type Greeks, type OptionModel } from './kernel.js';
import { Black76Input, BlackScholesInput, InverseOptionInput, OptionInput, type OptionType } from './schema.js';
import { traderGreeks, type TraderGreeks } from './trader-greeks.js';

/** The result of {@link priceOption}. */
export interface OptionValuation extends Greeks, TraderGreeks {
  readonly model: OptionModel;
  readonly type: OptionType;
  /** The forward F (black-scholes: S·e^{(r−q)T}). */
  readonly forward: number;
  /** d1 and d2; undefined when σ√T = 0 (at expiry or zero volatility). */
  readonly d1?: number;
  readonly d2?: number;
}

/** The forward of a validated input. */
function forwardOf(o: z.output<typeof OptionInput>): number {
  return o.model === 'black-scholes' ? o.spot * Math.exp((o.rate - o.div) * o.expiry) : o.forward;
}

/**
 * Price, Greeks and trader Greeks of one European option.
 *
 * @example
 * priceOption({ model: 'black76', type: 'put', forward: 100, strike: 100, expiry: 1, vol: 0.2 }).delta; // => ~-0.4602
 */
export function priceOption(input: OptionInput): OptionValuation {
  const o = parseInput(OptionInput, input, 'priceOption');
  const underlying = o.model === 'black-scholes' ? o.spot : o.forward;
  const div = o.model === 'black-scholes' ? o.div : 0;
  const g = optionGreeks(o.model, o.type === 'call', underlying, o.strike, o.expiry, o.vol, o.rate, div);
  const forward = forwardOf(o);
  const s = o.vol * Math.sqrt(o.expiry);
  const base = { model: o.model, type: o.type, ...g, ...traderGreeks(g, underlying), forward };
  if (!(s > 0)) return base;
  const d1 = Math.log(forward / o.strike) / s + 0.5 * s;
  return { ...base, d1, d2: d1 - s };
}

/**
 * Black–Scholes–Merton on spot.
 *
 * @example
 * blackScholes({ type: 'call', spot: 100, strike: 100, expiry: 1, vol: 0.2, rate: 0.05 }).price; // => ~10.4506
 */
export function blackScholes(input: z.input<typeof BlackScholesInput>): OptionValuation {
  return priceOption({ ...parseInput(BlackScholesInput, input, 'blackScholes'), model: 'black-scholes' });
}

/**
 * Black-76 on a forward, discounted at `rate`.
 *
 * @example
 * black76({ type: 'call', forward: 100, strike: 100, expiry: 1, vol: 0.2, rate: 0.05 }).price; // => ~7.5771
 */
export function black76(input: z.input<typeof Black76Input>): OptionValuation {
  return priceOption({ ...parseInput(Black76Input, input, 'black76'), model: 'black76' });
}

/**
 * Deribit coin-settled option, value in coin per 1 coin of underlying.
 *
 * @example
 * inverseOption({ type: 'call', forward: 60000, strike: 65000, expiry: 0.25, vol: 0.6 }).price; // => ~0.0869 BTC
 */
export function inverseOption(input: z.input<typeof InverseOptionInput>): OptionValuation {
  return priceOption({ ...parseInput(InverseOptionInput, input, 'inverseOption'), model: 'inverse' });
}
