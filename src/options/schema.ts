/**
 * Input schemas of the validated option functions: one object per model, discriminated by
 * `model`. Units: expiry T in years (0 = at expiry: intrinsic value), vol σ and rates as decimals
 * per year (0.6 = 60 %), continuous compounding. Ranges are wide but keep every exponential of
 * the formulas finite: T ≤ 30, σ ≤ 10, |r|, |q| ≤ 1.
 */
import { z } from 'zod';
import { positive } from '../core/schemas.js';

export const OPTION_MODELS = ['black-scholes', 'black76', 'inverse'] as const;
export const OPTION_TYPES = ['call', 'put'] as const;
export type OptionType = (typeof OPTION_TYPES)[number];

/** Largest accepted expiry (years), volatility and |rate|. */
export const MAX_EXPIRY = 30;
export const MAX_VOL = 10;
export const MAX_RATE = 1;

const rate = () => z.number().min(-MAX_RATE).max(MAX_RATE);
const terms = {
  type: z.enum(OPTION_TYPES),
  strike: positive(),
  expiry: z.number().min(0).max(MAX_EXPIRY),
  rate: rate().default(0),
};
const vol = z.number().min(0).max(MAX_VOL);

/** Black–Scholes–Merton on spot S with dividend/carry yield q. */
export const BlackScholesInput = z.object({ spot: positive(), ...terms, vol, div: rate().default(0) });
/** Black-76 on a forward F, the price discounted at `rate`. */
export const Black76Input = z.object({ forward: positive(), ...terms, vol });
/** Deribit coin-settled option on the forward F, valued in coin. */
export const InverseOptionInput = Black76Input;

export const OptionInput = z.discriminatedUnion('model', [
  BlackScholesInput.extend({ model: z.literal('black-scholes') }),
  Black76Input.extend({ model: z.literal('black76') }),
  InverseOptionInput.extend({ model: z.literal('inverse') }),
]);
export type OptionInput = z.input<typeof OptionInput>;

const price = z.number().min(0);
const ivTerms = { ...terms, expiry: z.number().gt(0).max(MAX_EXPIRY), price };

/** Implied volatility: the model terms with the option's price instead of σ. */
export const ImpliedVolInput = z.discriminatedUnion('model', [
  z.object({ model: z.literal('black-scholes'), spot: positive(), ...ivTerms, div: rate().default(0) }),
  z.object({ model: z.literal('black76'), forward: positive(), ...ivTerms }),
  z.object({ model: z.literal('inverse'), forward: positive(), ...ivTerms }),
]);
export type ImpliedVolInput = z.input<typeof ImpliedVolInput>;
