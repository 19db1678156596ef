/**
 * The shared closed form behind every option model: Black's formula on a forward, discounted, with
 * the Greeks of each model mapped from it, as one loop over typed arrays (no allocation; the batch
 * and the single-option kernel run the same code).
 *
 *   d1 = ln(F/K)/(σ√T) + σ√T/2,  d2 = d1 − σ√T,  ω = +1 call / −1 put,  D = e^{−rT}
 *   Black(F, K, T, σ) = ω·[F·N(ω·d1) − K·N(ω·d2)]
 *
 *   black-scholes (underlying S, F = S·e^{(r−q)T}):  V = D·Black,  Δ = ω·e^{−qT}N(ωd1),
 *     Γ = e^{−qT}n(d1)/(Sσ√T),  vega = S·e^{−qT}n(d1)√T,
 *     θ = −S·e^{−qT}n(d1)σ/(2√T) − ω·rK·D·N(ωd2) + ω·qS·e^{−qT}N(ωd1),  ρ = ω·K·T·D·N(ωd2)
 *   black76 (underlying F):  V = D·Black,  Δ = ω·D·N(ωd1),  Γ = D·n(d1)/(Fσ√T),
 *     vega = D·F·n(d1)√T,  θ = −D·F·n(d1)σ/(2√T) + r·V,  ρ = ∂V/∂r at fixed F = −T·V
 *   inverse (underlying F in USD, value in coin):  V = D·Black/F,
 *     Δ = ∂V/∂F = (ω·D·N(ωd1) − V)/F  [coin per 1 USD of forward],
 *     Γ = ∂²V/∂F² = D·n(d1)/(F²σ√T) − 2Δ/F,  vega = D·n(d1)√T,  θ = −D·n(d1)σ/(2√T) + r·V,  ρ = −T·V
 *
 * Units (QuantLib's): T in years, vega per 1.00 of σ, θ = −∂V/∂T per year, ρ per 1.00 of r (the
 * dividend yield q and, for black76/inverse, the forward F held fixed).
 *
 * Sources: F. Black & M. Scholes (1973), R. Merton (1973), F. Black, "The pricing of commodity
 * contracts", J. Financial Economics 3 (1976); Greeks as in E. G. Haug, "The Complete Guide to
 * Option Pricing Formulas", 2nd ed. (2007), ch. 1 (generalised BSM) and ch. 2 (Greeks). The inverse
 * (coin-settled) form is the Black price divided by the forward (Deribit, "Inverse Options",
 * https://support.deribit.com/hc/en-us/articles/25944688327069-Inverse-Options: premium and payoff
 * in coin, implied vol quoted on the forward; C. Alexander and A. Imeraj, "Inverse Options in a
 * Black–Scholes World", arXiv:2107.12041 (2021)), differentiated in F by the quotient rule.
 * K·n(d2) is taken as F·n(d1) (the identity behind the Greeks of Haug ch. 2) to share one
 * exponential and to stay representable when n(d2) alone would underflow.
 *
 * Degenerate inputs: T ≤ 0 is an expired option — V = intrinsic value (undiscounted),
 * Δ = the step (½ exactly at the strike), Γ = vega = θ = ρ = 0, except that the inverse
 * payoff max(ω(F−K), 0)/F keeps its curvature Γ = −2Δ/F. σ = 0 with T > 0 is the discounted
 * forward intrinsic value with its exact deterministic θ and ρ; Γ's Dirac mass at F = K is not
 * representable and reported as 0.
 */
import { scaledNormalCdf } from '../dists/normal-tail.js';

/** Output arrays of a Greeks evaluation (any lengths ≥ the index written). */
export interface GreeksArrays {
  price: Float64Array;
  delta: Float64Array;
  gamma: Float64Array;
  vega: Float64Array;
  theta: Float64Array;
  rho: Float64Array;
}

/** Integer model codes used inside the hot loops. */
export const BLACK_SCHOLES = 0;
export const BLACK76 = 1;
export const INVERSE = 2;
export type ModelCode = typeof BLACK_SCHOLES | typeof BLACK76 | typeof INVERSE;

const INV_SQRT_2PI = 0.3989422804014327;

/** d1 for a possibly zero total volatility s = σ√T: ±∞ off the strike, 0 at it. */
function d1Of(lnFK: number, s: number): number {
  if (s > 0) return lnFK / s + 0.5 * s;
  return lnFK > 0 ? Infinity : lnFK < 0 ? -Infinity : 0;
}

/** The inputs of a batch: element i is one option (isCall[i] non-zero = call). */
export interface GreeksInputs {
  isCall: Uint8Array;
  underlying: Float64Array;
  strike: Float64Array;
  expiry: Float64Array;
  vol: Float64Array;
  rate: Float64Array;
  div: Float64Array;
}

/**
 * Price and Greeks of options [0, n) of `x` written to `out.*[i]`: the one implementation behind
 * both the batch and the single-option kernel (a loop over typed arrays, the arrays hoisted, no
 * allocation). A kernel: no validation.
 *
 * @example
 * const one = (v: number) => Float64Array.of(v);
 * const out = { price: new Float64Array(1), delta: new Float64Array(1), gamma: new Float64Array(1),
 *   vega: new Float64Array(1), theta: new Float64Array(1), rho: new Float64Array(1) };
 * greeksLoop(BLACK_SCHOLES, { isCall: Uint8Array.of(1), underlying: one(100), strike: one(100), expiry: one(1),
 *   vol: one(0.2), rate: one(0.05), div: one(0) }, out, 1);
 * out.price[0]; // => ~10.450583572185565
 */
export function greeksLoop(model: ModelCode, x: GreeksInputs, out: GreeksArrays, n: number): void {
  const { isCall, underlying, strike, expiry, vol: vols, rate, div } = x;
  const { price: P, delta: D, gamma: G, vega: V, theta: TH, rho: R } = out;
  for (let i = 0; i < n; i++) {
    const w = isCall[i] !== 0 ? 1 : -1;
    const u = underlying[i] as number;
    const k = strike[i] as number;
    const t = expiry[i] as number;
    if (!(t > 0)) {
      writeExpired(model, w, u, k, out, i);
      continue;
    }
    const vol = vols[i] as number;
    const r = rate[i] as number;
    const sqrtT = Math.sqrt(t);
    const s = vol * sqrtT;
    const df = Math.exp(-r * t);
    let f = u;
    let q = 0;
    let lnFK: number;
    if (model === BLACK_SCHOLES) {
      q = div[i] as number;
      const carry = (r - q) * t;
      f = u * Math.exp(carry);
      lnFK = Math.log(u / k) + carry;
    } else {
      lnFK = Math.log(f / k);
    }
    const d1 = d1Of(lnFK, s);
    const g1 = Math.exp(-0.5 * d1 * d1);
    const fGauss = f * g1;
    const fN1 = scaledNormalCdf(w * d1, f, fGauss);
    const kN2 = scaledNormalCdf(w * (d1 - s), k, fGauss);
    const pdf1 = INV_SQRT_2PI * g1;
    const black = w * (fN1 - kN2);
    const vegaF = df * f * pdf1 * sqrtT;
    const decay = s > 0 ? (0.5 * vegaF * vol) / t : 0;
    if (model === BLACK_SCHOLES) {
      P[i] = df * black;
      D[i] = (w * df * fN1) / u;
      G[i] = s > 0 ? (df * f * pdf1) / (u * u * s) : 0;
      V[i] = vegaF;
      TH[i] = -decay - w * r * df * kN2 + w * q * df * fN1;
      R[i] = w * t * df * kN2;
    } else if (model === BLACK76) {
      const price = df * black;
      P[i] = price;
      D[i] = (w * df * fN1) / f;
      G[i] = s > 0 ? (df * pdf1) / (f * s) : 0;
      V[i] = vegaF;
      TH[i] = -decay + r * price;
      R[i] = -t * price;
    } else {
      const price = (df * black) / f;
      const delta = ((w * df * fN1) / f - price) / f;
      P[i] = price;
      D[i] = delta;
      G[i] = (s > 0 ? (df * pdf1) / (f * f * s) : 0) - (2 * delta) / f;
      V[i] = vegaF / f;
      TH[i] = -decay / f + r * price;
      R[i] = -t * price;
    }
  }
}

/** The expired option (T ≤ 0): intrinsic value, step delta, no time value. */
function writeExpired(model: ModelCode, w: number, u: number, k: number, out: GreeksArrays, i: number): void {
  const m = w * (u - k);
  const step = m > 0 ? w : m === 0 ? 0.5 * w : 0;
  const intrinsic = m > 0 ? m : 0;
  if (model === INVERSE) {
    const price = intrinsic / u;
    const delta = (step - price) / u;
    out.price[i] = price;
    out.delta[i] = delta;
    out.gamma[i] = (-2 * delta) / u;
  } else {
    out.price[i] = intrinsic;
    out.delta[i] = step;
    out.gamma[i] = 0;
  }
  out.vega[i] = 0;
  out.theta[i] = 0;
  out.rho[i] = 0;
}

/**
 * Price only (the same formulas as {@link greeksLoop}, fewer operations). A kernel.
 *
 * @example
 * priceOnly(BLACK76, false, 100, 100, 1, 0.2, 0, 0); // => ~7.965567455405804
 */
export function priceOnly(model: ModelCode, isCall: boolean, u: number, k: number, t: number, vol: number, r: number, q: number): number {
  const w = isCall ? 1 : -1;
  if (!(t > 0)) {
    const m = w * (u - k);
    const intrinsic = m > 0 ? m : 0;
    return model === INVERSE ? intrinsic / u : intrinsic;
  }
  const s = vol * Math.sqrt(t);
  const df = Math.exp(-r * t);
  let f = u;
  let lnFK: number;
  if (model === BLACK_SCHOLES) {
    const carry = (r - q) * t;
    f = u * Math.exp(carry);
    lnFK = Math.log(u / k) + carry;
  } else {
    lnFK = Math.log(f / k);
  }
  const d1 = d1Of(lnFK, s);
  const fGauss = f * Math.exp(-0.5 * d1 * d1);
  const black = w * (scaledNormalCdf(w * d1, f, fGauss) - scaledNormalCdf(w * (d1 - s), k, fGauss));
  return model === INVERSE ? (df * black) / f : df * black;
}
