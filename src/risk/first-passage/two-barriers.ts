/**
 * Which barrier is hit first — the stop (lower) or the target (upper) — within a horizon, for a
 * Brownian motion with drift in a strip.
 *
 * X_t = νt + σW_t, X_0 = 0, strip (−a, b) with a, b > 0, width w = a + b, τ = first exit time.
 *
 * Infinite horizon (scale function s(x) = e^{−θx}, θ = 2ν/σ²):
 *
 *   P(lower first) = (e^{−θa} − e^{−θw})/(1 − e^{−θw}) = expm1(θb)/expm1(θw),   b/w when ν = 0,
 *
 * evaluated as e^{−θa}·expm1(−θb)/expm1(−θw) for θ > 0 and expm1(θb)/expm1(θw) for θ < 0 so that
 * nothing overflows. P(upper first) is the mirror image (a ↔ b, ν → −ν), P(neither) = 0.
 *
 * Finite horizon T, P(lower first and τ ≤ T) = ∫_0^T f_L(t) dt, where the exit density through
 * the lower barrier is the driftless one times the Girsanov factor e^{−νa/σ² − ν²t/(2σ²)}:
 *
 * (1) method of images (fast for small σ²T/w²), c_k = a + 2kw, k ∈ ℤ:
 *
 *   P_L(T) = Σ_k sgn(c_k)·[ e^{ν(|c_k| − a)/σ²}·N(−(|c_k| + νT)/(σ√T))
 *                          + e^{−ν(|c_k| + a)/σ²}·N(−(|c_k| − νT)/(σ√T)) ],
 *
 *   (each bracket is e^{−νa/σ²}∫_0^T |c|/(σ√(2πt³))·e^{−c²/(2σ²t) − ν²t/(2σ²)} dt; the k = 0 term alone
 *   is the one-barrier formula of `one-barrier.ts`);
 *
 * (2) eigenfunction expansion (fast for large σ²T/w²), λ_n = n²π²σ²/(2w²) + ν²/(2σ²):
 *
 *   P_L(T) = P_L(∞) − (πσ²/w²)·Σ_{n≥1} n·sin(nπa/w)·e^{−νa/σ² − λ_n T}/λ_n.
 *
 * The series is chosen by u = π²σ²T/(2w²): images when u < 1 (terms fall like e^{−π²k²/u}),
 * eigenfunctions otherwise (terms fall like e^{−n²u}); either is summed until its terms are
 * below 1e-17 in absolute value (for the images: past the peak |c| > |ν|T + 2σ√T, or once the
 * bound e^{(−νa − |ν||c|)/σ²}/(1 − e^{−2|ν|w/σ²}) on the whole remaining tail is below 1e-17, which
 * keeps strong drifts to a few terms).
 * P(upper first) is P_L of the mirrored strip (a ↔ b, ν → −ν).
 *
 * Outputs lie in [0, 1] and sum to 1: each exit probability is clipped to [0, 1] (round-off can
 * leave ~1e-17 below 0), if their sum exceeds 1 by round-off both are divided by it, and
 * P(neither) = max(0, 1 − P_L − P_U). The floating-point sum is 1 within a few ulps.
 *
 * Price (GBM) form: with lower L < S_0 < upper U, a = ln(S_0/L), b = ln(U/S_0), and `mu` is the
 * annual LOG-drift ν of ln S (the CLI contract of `tradesize first-passage`: "mu and sigma are the
 * annual log-drift and volatility"), not the arithmetic drift μ_S = ν + σ²/2 (see `logDrift`).
 *
 * Sources: A. N. Borodin and P. Salminen, "Handbook of Brownian Motion — Facts and Formulae"
 * (2nd ed. 2002), Part II ch. 2 (Brownian motion with drift), formulae 3.0.6 (exit through a
 * given side before t; the `ss_t`/`cc_t` image and spectral series of Appendix 2, with the drift
 * factor e^{μ(z−x) − μ²t/2}) and 3.0.4 (t = ∞); D. R. Cox and H. D. Miller, "The Theory of
 * Stochastic Processes" (1965), §5.7 (absorbing barriers, method of images); W. Feller, "An
 * Introduction to Probability Theory and Its Applications" vol. II (1971), §X.5 and §XIV.5.
 */
import { z } from 'zod';
import { TradesizeError } from '../../core/errors.js';
import { parseInput } from '../../core/validate.js';
import { positive } from '../../core/schemas.js';
import { Horizon } from './one-barrier.js';
import { expTimesNormalTail } from '../../dists/normal.js';
import { assertClosedFormDomain } from './domain.js';

/** The exit probabilities; each in [0, 1], summing to 1. */
export interface FirstPassageResult {
  /** P(the lower barrier (stop) is hit first, within the horizon). */
  readonly pLowerFirst: number;
  /** P(the upper barrier (target) is hit first, within the horizon). */
  readonly pUpperFirst: number;
  /** P(neither barrier is hit by the horizon); 0 for an infinite horizon. */
  readonly pNeither: number;
}

/** Terms below this (absolute) end a series. */
const TERM_TOL = 1e-17;
/**
 * A cap on series terms. On the domain of `./domain.ts` the chosen series needs a few dozen terms
 * (images: terms ~ e^{−π²k²/u} with u < 1; eigenfunctions: ≤ e^{π²/4 − n²u} with u ≥ 1), so
 * the cap only bounds the work when a term is not a number.
 */
const MAX_TERMS = 100_000;

/**
 * P(lower barrier −a hit before upper b) for T = ∞ (see the module doc). A kernel.
 *
 * @example
 * abmLowerFirstInfinite(0.1, 0.3, 0, 0.5);   // => ~0.75 (= 0.3/0.4)
 */
export function abmLowerFirstInfinite(a: number, b: number, drift: number, sigma: number): number {
  const theta = (2 * drift) / (sigma * sigma);
  const w = a + b;
  // |θ|·min(a, b) below 1e-290 would make expm1 subnormal (inexact); the driftless answer b/w is
  // then exact to double precision (the correction is O(θw)).
  if (Math.abs(theta) * Math.min(a, b) < 1e-290) return b / w;
  return theta > 0 ? (Math.exp(-theta * a) * Math.expm1(-theta * b)) / Math.expm1(-theta * w) : Math.expm1(theta * b) / Math.expm1(theta * w);
}

function notConverged(where: string): never {
  throw new TradesizeError('NOT_CONVERGED', `${where}: series did not converge`, [], { maxTerms: MAX_TERMS });
}

/**
 * P(lower barrier −a hit first, within T) by the method of images (series (1) of the module doc).
 * Exact for every T > 0, fastest when σ²T/w² is small. A kernel: no validation.
 *
 * @example
 * abmLowerFirstImages(0.1, 0.2, 0.1, 0.6, 0.25); // => ~0.644146
 */
export function abmLowerFirstImages(a: number, b: number, drift: number, sigma: number, horizon: number): number {
  const s2 = sigma * sigma;
  const s = sigma * Math.sqrt(horizon);
  const w = a + b;
  const peak = Math.abs(drift) * horizon + 2 * s;
  const bracket = (c: number): number =>
    expTimesNormalTail((drift * (c - a)) / s2, (c + drift * horizon) / s) +
    expTimesNormalTail((-drift * (c + a)) / s2, (c - drift * horizon) / s);
  // Each bracket is ≤ e^{(−νa − |ν||c|)/σ²} (its integral is a hitting probability ≤ 1 times that
  // factor), so the tail beyond |c| is ≤ that bound/(1 − e^{−2|ν|w/σ²}): stop once it is negligible.
  const decay = -Math.expm1((-2 * Math.abs(drift) * w) / s2);
  const tailBound = (c: number): number => (decay > 0 ? Math.exp((-drift * a - Math.abs(drift) * c) / s2) / decay : Infinity);
  let sum = 0;
  // k ≥ 0: c_k = a + 2kw > 0; k ≤ −1: c_k = a − 2|k|w < 0 (|c_k| = 2|k|w − a).
  for (const dir of [1, -1] as const) {
    for (let j = dir === 1 ? 0 : 1; ; j++) {
      if (j > MAX_TERMS) notConverged('abmLowerFirstImages');
      const c = dir === 1 ? a + 2 * j * w : 2 * j * w - a;
      const term = bracket(c);
      if (Number.isNaN(term)) notConverged('abmLowerFirstImages');
      sum += dir * term;
      if ((c > peak && Math.abs(term) < TERM_TOL) || tailBound(c) < TERM_TOL) break;
    }
  }
  return sum;
}

/**
 * P(lower barrier −a hit first, within T) by the eigenfunction expansion (series (2) of the
 * module doc). Exact for every T > 0, fastest when σ²T/w² is large. Well-conditioned for
 * u = π²σ²T/(2w²) ≥ 1, where its terms are at most e^{π²/4 − u}; for small u with a strong drift it
 * subtracts terms up to ~e^{π²/(4u)} from P(∞) and loses digits (use the images there, as
 * {@link abmLowerFirst} does). A kernel: no validation.
 *
 * @example
 * abmLowerFirstSpectral(0.1, 0.2, 0.1, 0.6, 0.25); // => the same as abmLowerFirstImages(…)
 */
export function abmLowerFirstSpectral(a: number, b: number, drift: number, sigma: number, horizon: number): number {
  const s2 = sigma * sigma;
  const w = a + b;
  // πσ²/w², divided before it is multiplied: π·σ² alone overflows for σ near the domain's top
  // (σ ≈ 7.6e153), and ∞·0 would turn every vanishing term into NaN.
  const scale = (Math.PI / w) * (s2 / w);
  const base = (Math.PI / 2) * scale;
  const driftRate = (drift * drift) / (2 * s2);
  const shift = (-drift * a) / s2;
  let correction = 0;
  for (let n = 1; ; n++) {
    if (n > MAX_TERMS) notConverged('abmLowerFirstSpectral');
    const lambda = n * n * base + driftRate;
    const envelope = (n * Math.exp(shift - lambda * horizon)) / lambda;
    if (Number.isNaN(envelope)) notConverged('abmLowerFirstSpectral');
    // e^{shift − λₙT} falls with n: once a term underflows to 0 (or λₙ overflows), every later one is 0.
    if (envelope === 0) break;
    correction += Math.sin((n * Math.PI * a) / w) * envelope;
    if (envelope * scale < TERM_TOL) break;
  }
  const pInfinite = abmLowerFirstInfinite(a, b, drift, sigma);
  return correction === 0 ? pInfinite : pInfinite - scale * correction;
}

/**
 * P(lower first within T) choosing the faster series (images when π²σ²T/(2w²) < 1). `horizon`
 * may be `Infinity`. A kernel: no validation.
 */
export function abmLowerFirst(a: number, b: number, drift: number, sigma: number, horizon: number): number {
  if (horizon === Infinity) return abmLowerFirstInfinite(a, b, drift, sigma);
  const w = a + b;
  const u = (Math.PI * Math.PI * sigma * sigma * horizon) / (2 * w * w);
  return u < 1 ? abmLowerFirstImages(a, b, drift, sigma, horizon) : abmLowerFirstSpectral(a, b, drift, sigma, horizon);
}

/**
 * Exit probabilities of X_t = νt + σW_t from the strip (−a, b), X_0 = 0, within T (`Infinity`
 * allowed), normalised as described in the module doc. A kernel: no validation (a, b, σ, T > 0).
 *
 * @example
 * abmFirstPassage(0.1, 0.3, 0, 0.5, Infinity); // => { pLowerFirst: ~0.75, pUpperFirst: ~0.25, pNeither: 0 }
 */
export function abmFirstPassage(a: number, b: number, drift: number, sigma: number, horizon: number): FirstPassageResult {
  let pLowerFirst = Math.min(1, Math.max(0, abmLowerFirst(a, b, drift, sigma, horizon)));
  let pUpperFirst = Math.min(1, Math.max(0, abmLowerFirst(b, a, -drift, sigma, horizon)));
  const total = pLowerFirst + pUpperFirst;
  if (total > 1 || horizon === Infinity) {
    pLowerFirst /= total;
    pUpperFirst /= total;
  }
  const pNeither = horizon === Infinity ? 0 : Math.max(0, 1 - pLowerFirst - pUpperFirst);
  return { pLowerFirst, pUpperFirst, pNeither };
}

/** Input of {@link firstPassage}: a price between a stop and a target, log-drift and volatility. */
export const FirstPassageInput = z
  .object({
    /** Current price S_0 > 0. */
    price: positive(),
    /** Lower barrier (stop) L, 0 < L < S_0. */
    lower: positive(),
    /** Upper barrier (target) U > S_0. */
    upper: positive(),
    /** Annual LOG-drift ν of ln S (not μ_S; see `logDrift`). */
    mu: z.number(),
    /** Annual volatility σ > 0 of ln S. */
    sigma: positive(),
    /** Horizon T > 0 in years, or `'infinite'`. */
    horizon: Horizon,
  })
  .refine((v) => v.lower < v.price, { message: 'lower must be below price', path: ['lower'] })
  .refine((v) => v.price < v.upper, { message: 'upper must be above price', path: ['upper'] });
export type FirstPassageInput = z.input<typeof FirstPassageInput>;

/**
 * For a GBM price: the probability that the stop (lower) is hit first, that the target (upper)
 * is hit first, and that neither is hit by the horizon (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT unless 0 < lower < price < upper, σ > 0, T > 0 (or
 *   `'infinite'`), every number is finite and μ, σ are in the closed form's range (`./domain.ts`).
 * @example
 * firstPassage({ price: 100, lower: 90, upper: 120, mu: 0.1, sigma: 0.6, horizon: 0.25 });
 * // => { pLowerFirst: ~0.612464, pUpperFirst: ~0.382066, pNeither: ~0.005470 }
 * firstPassage({ price: 100, lower: 80, upper: 125, mu: 0, sigma: 0.5, horizon: 'infinite' });
 * // => { pLowerFirst: 0.5, pUpperFirst: 0.5, pNeither: 0 }   (ln 1.25 = −ln 0.8)
 */
export function firstPassage(input: FirstPassageInput): FirstPassageResult {
  const v = parseInput(FirstPassageInput, input, 'firstPassage');
  const a = Math.log(v.price / v.lower);
  const b = Math.log(v.upper / v.price);
  const horizon = v.horizon === 'infinite' ? Infinity : v.horizon;
  assertClosedFormDomain(a + b, v.mu, v.sigma, horizon, 'firstPassage');
  return abmFirstPassage(a, b, v.mu, v.sigma, horizon);
}

/** Input of {@link firstPassageAbm}: an arithmetic Brownian motion started between two levels. */
export const FirstPassageAbmInput = z
  .object({
    /** Starting value X_0. */
    start: z.number(),
    /** Lower barrier, below `start`. */
    lower: z.number(),
    /** Upper barrier, above `start`. */
    upper: z.number(),
    /** Drift μ per unit time. */
    mu: z.number(),
    /** Volatility σ > 0 per √time. */
    sigma: positive(),
    /** Horizon T > 0, or `'infinite'`. */
    horizon: Horizon,
  })
  .refine((v) => v.lower < v.start, { message: 'lower must be below start', path: ['lower'] })
  .refine((v) => v.start < v.upper, { message: 'upper must be above start', path: ['upper'] });
export type FirstPassageAbmInput = z.input<typeof FirstPassageAbmInput>;

/**
 * Exit probabilities for an arithmetic Brownian motion X_t = X_0 + μt + σW_t (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT unless lower < start < upper, σ > 0, T > 0, all finite and
 *   μ, σ in the closed form's range (`./domain.ts`).
 * @example
 * firstPassageAbm({ start: 0, lower: -1, upper: 3, mu: 0, sigma: 1, horizon: 'infinite' });
 * // => { pLowerFirst: 0.75, pUpperFirst: 0.25, pNeither: 0 }
 */
export function firstPassageAbm(input: FirstPassageAbmInput): FirstPassageResult {
  const v = parseInput(FirstPassageAbmInput, input, 'firstPassageAbm');
  const horizon = v.horizon === 'infinite' ? Infinity : v.horizon;
  assertClosedFormDomain(v.upper - v.lower, v.mu, v.sigma, horizon, 'firstPassageAbm');
  return abmFirstPassage(v.start - v.lower, v.upper - v.start, v.mu, v.sigma, horizon);
}
