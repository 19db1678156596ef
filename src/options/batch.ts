/**
 * Batch forms over typed arrays: price and Greeks, and implied volatility, for n options of one
 * model. Element i uses isCall[i] (non-zero = call), underlying[i], strike[i], expiry[i], vol[i],
 * rate[i], div[i] (div ignored by black76 and inverse); results go into caller-owned arrays, with
 * no allocation per element. The elements are not validated (kernel semantics: see
 * `./black-core.ts` for T ≤ 0 and σ = 0); only the array lengths are checked, once.
 *
 * @example
 * const n = 2, out = { price: new Float64Array(n), delta: new Float64Array(n), gamma: new Float64Array(n),
 *   vega: new Float64Array(n), theta: new Float64Array(n), rho: new Float64Array(n) };
 * greeksBatch('black-scholes', Uint8Array.of(1, 0), Float64Array.of(100, 100), Float64Array.of(100, 90),
 *   Float64Array.of(1, 0.5), Float64Array.of(0.2, 0.3), Float64Array.of(0.05, 0.05), Float64Array.of(0, 0), out);
 * out.price[0]; // => ~10.4506
 */
import { TradesizeError } from '../core/errors.js';
import { type GreeksArrays, greeksLoop } from './black-core.js';
import { impliedVolKernel } from './implied-vol-kernel.js';
import { modelCode, type OptionModel } from './kernel.js';

/** Call/put flags: non-zero = call, 0 = put (one element type keeps the hot loop monomorphic). */
export type CallFlags = Uint8Array;

/** Throws INVALID_INPUT naming the first array whose length is not `n`. */
function checkLengths(n: number, arrays: Record<string, { readonly length: number }>): void {
  for (const [name, a] of Object.entries(arrays)) {
    if (a.length !== n) throw new TradesizeError('INVALID_INPUT', `${name} has length ${a.length}, expected ${n}`, [name]);
  }
}

/**
 * Price and the five Greeks of n options into `out` (every array of length n).
 *
 * @example
 * greeksBatch('black76', flags, forwards, strikes, expiries, vols, rates, divs, out); // fills out.*[0..n)
 */
export function greeksBatch(
  model: OptionModel, isCall: CallFlags, underlying: Float64Array, strike: Float64Array, expiry: Float64Array,
  vol: Float64Array, rate: Float64Array, div: Float64Array, out: GreeksArrays,
): void {
  const n = underlying.length;
  checkLengths(n, {
    isCall, strike, expiry, vol, rate, div,
    'out.price': out.price, 'out.delta': out.delta, 'out.gamma': out.gamma, 'out.vega': out.vega, 'out.theta': out.theta, 'out.rho': out.rho,
  });
  greeksLoop(modelCode(model), { isCall, underlying, strike, expiry, vol, rate, div }, out, n);
}

/**
 * Implied volatilities of n prices into `out`; an element whose price is outside the no-arbitrage
 * bounds (or whose expiry is ≤ 0) gets NaN. Returns how many elements got NaN.
 *
 * @example
 * impliedVolBatch('black76', Uint8Array.of(1), Float64Array.of(7.965567455405804), Float64Array.of(100),
 *   Float64Array.of(100), Float64Array.of(1), Float64Array.of(0), Float64Array.of(0), out); // out[0] ≈ 0.2, returns 0
 */
export function impliedVolBatch(
  model: OptionModel, isCall: CallFlags, price: Float64Array, underlying: Float64Array, strike: Float64Array,
  expiry: Float64Array, rate: Float64Array, div: Float64Array, out: Float64Array,
): number {
  const n = price.length;
  checkLengths(n, { isCall, underlying, strike, expiry, rate, div, out });
  const code = modelCode(model);
  let failed = 0;
  for (let i = 0; i < n; i++) {
    const iv = impliedVolKernel(code, isCall[i] !== 0, price[i] as number, underlying[i] as number, strike[i] as number, expiry[i] as number, rate[i] as number, div[i] as number);
    out[i] = iv;
    if (iv !== iv) failed++;
  }
  return failed;
}
