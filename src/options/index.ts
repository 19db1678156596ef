/**
 * Options: pricing (Black–Scholes–Merton, Black-76, Deribit coin-settled), Greeks, implied
 * volatility, batch kernels.
 */
export { optionPrice, optionGreeks, modelCode, type OptionModel, type Greeks } from './kernel.js';
export { type GreeksArrays } from './black-core.js';
export { priceOption, blackScholes, black76, inverseOption, type OptionValuation } from './price.js';
export { traderGreeks, DAYS_PER_YEAR, type TraderGreeks } from './trader-greeks.js';
export { impliedVol, type ImpliedVolResult } from './implied-vol.js';
export { impliedVolKernel, totalVolFromNormalised } from './implied-vol-kernel.js';
export { greeksBatch, impliedVolBatch, type CallFlags } from './batch.js';
export {
  OPTION_MODELS, OPTION_TYPES, OptionInput, ImpliedVolInput, BlackScholesInput, Black76Input, InverseOptionInput,
  MAX_EXPIRY, MAX_VOL, MAX_RATE, type OptionType,
} from './schema.js';
