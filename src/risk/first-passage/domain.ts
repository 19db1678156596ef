/**
 * The inputs on which the closed forms of `./one-barrier.ts` and `./two-barriers.ts` can be
 * evaluated in double precision. Every formula there works with the scaled quantities
 *
 *   σ²,   θ·w = 2ν·w/σ²   (the scale-function exponent, w the strip width or the barrier distance),
 *   ν·T,  ν²T/σ²         (the Girsanov factor e^{−ν²T/(2σ²)} and the shifted arguments (c ± νT)/(σ√T)),
 *
 * (Borodin & Salminen, "Handbook of Brownian Motion", 2nd ed. 2002, Part II ch. 2, 3.0.4–3.0.6).
 * When σ² underflows to 0 or a subnormal (σ below ~1.5e-154) or one of the others overflows
 * (|μ| = 1e308), the series' terms become NaN or ∞ − ∞ and never fall below their tolerance,
 * so such inputs are refused up front (INVALID_INPUT naming `sigma` or `mu`) instead of a
 * minutes-long sum that ends in NaN or NOT_CONVERGED.
 *
 * @example
 * assertClosedFormDomain(0.28, 0.1, 1e-300, 0.25, 'firstPassage'); // throws INVALID_INPUT at ['sigma']
 */
import { TradesizeError } from '../../core/errors.js';

/** The smallest positive normal double, 2^−1022. */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * Throws INVALID_INPUT unless the closed form can be evaluated for a strip (or distance) of
 * width `w`, drift ν, volatility σ and horizon T (`Infinity` allowed); see the module doc.
 */
export function assertClosedFormDomain(w: number, drift: number, sigma: number, horizon: number, where: string): void {
  const s2 = sigma * sigma;
  if (!(s2 >= MIN_NORMAL) || !Number.isFinite(s2)) {
    throw new TradesizeError('INVALID_INPUT', `${where}: sigma ${sigma} is outside the range the closed form can evaluate (σ² must be a normal double, σ between 1.5e-154 and 1.3e154)`, ['sigma']);
  }
  const finiteT = horizon !== Infinity;
  const ok = Number.isFinite((2 * drift * w) / s2) && (!finiteT || (Number.isFinite(drift * horizon) && Number.isFinite((drift * drift * horizon) / s2)));
  if (!ok) {
    throw new TradesizeError('INVALID_INPUT', `${where}: mu ${drift} is too large for sigma ${sigma}${finiteT ? ` and horizon ${horizon}` : ''}: 2μw/σ² and μ²T/σ² must be finite for the closed form`, ['mu']);
  }
}
