/**
 * The hedging kernel: the delta and gamma, in the report currency (USD), of q options of one
 * strike and expiry at many prices of the underlying — one loop over typed arrays with everything
 * that depends only on the option hoisted out of it, so a hedging simulation reprices a book's
 * delta at every step of every path with one exponential and one rational function per element.
 *
 * With S the underlying's price, F = S·e^{(r−q)τ}, s = σ√τ and d1 = (ln(S/K) + (r−q)τ)/s + s/2,
 * the USD value of each model as a function of S has the same first two derivatives up to the
 * constant A (`../portfolio/valuation.ts` values each model in USD):
 *
 *   black-scholes  V = Black–Scholes–Merton on S                 A = e^{−qτ}
 *   black76        V = e^{−rτ}·Black(F)                          A = e^{−rτ}·e^{(r−q)τ} = e^{−qτ}
 *   inverse        V_USD = S·V_coin = S·e^{−rτ}·Black(F)/F       A = e^{−rτ}
 *                  (= e^{−rτ}·Black(F)/f with f = F/S constant in S)
 *
 *   ∂V/∂S  = q·A·ω·N(ω·d1)               ω = +1 call, −1 put
 *   ∂²V/∂S² = q·A·n(d1)/(S·s)
 *
 * For black76 these are the chain rule ∂F/∂S = f of Black-76's own Greeks (Black 1976); for the
 * coin-settled option the USD delta A·ω·N(ωd1) is the coin delta Deribit shows, F·∂V_coin/∂F =
 * ω·e^{−rτ}N(ωd1) − V_coin, plus the coin premium V_coin itself (`./kernel.ts`), i.e. the
 * premium's own exposure to the coin price (Alexander & Imeraj, "Inverse Options in a
 * Black–Scholes World", arXiv:2107.12041 (2021), §3). Greeks as in E. G. Haug, "The Complete
 * Guide to Option Pricing Formulas", 2nd ed. (2007), ch. 2.
 *
 * N(d) is Cody's rational Chebyshev erf/erfc (`../dists/normal-tail.ts`, relative error below
 * 1e-15) sharing the one exponential e^{−d1²/2} with n(d1): the digits of the Greeks kernel
 * (`./black-core.ts`), checked against QuantLib to 1e-10 (test/options/delta-kernel.test.ts).
 * The speed comes from taking ln S as an input (a path simulation has it: it adds log-returns)
 * and from hoisting s, 1/s, the carry and A out of the loop — no logarithm, no square root, no
 * price, vega, θ or ρ per element.
 *
 * τ ≤ 0 or σ = 0 is the expired (or deterministic) option: Δ = q·A·ω·step(ω(F − K)) (½·q·A·ω at
 * the strike), Γ = 0 (the Dirac mass at the strike is not representable).
 */
import { erfCentral, erfcxFar, erfcxMiddle } from '../dists/normal-tail.js';
import { INVERSE, type ModelCode } from './black-core.js';

const INV_SQRT_2PI = 0.3989422804014327;
const CENTRAL = 0.46875 * Math.SQRT2;
const FOUR = 4 * Math.SQRT2;

/** One option position of a book on one underlying, as the hedging kernel reads it. */
export interface DeltaPosition {
  /** `BLACK_SCHOLES`, `BLACK76` or `INVERSE` (`./black-core.ts`). */
  readonly model: ModelCode;
  readonly isCall: boolean;
  /** Signed quantity × contract size (+ long, − short), in coins of the underlying. */
  readonly quantity: number;
  readonly strike: number;
  readonly rate: number;
  /** Dividend (carry) yield q; 0 for a coin. */
  readonly div: number;
}

/**
 * Adds the USD delta and gamma of position `p` at volatility `vol` with `tau` years left to `delta[i]` and
 * `gamma[i]` for i in [from, to), at the prices spot[i] = e^{logSpot[i]} (module doc). `gamma`
 * may be null when only the delta is needed. A kernel: no validation, no allocation.
 *
 * @example
 * const d = new Float64Array(1), g = new Float64Array(1);
 * addDeltaGamma({ model: BLACK_SCHOLES, isCall: true, quantity: 1, strike: 100, rate: 0.05, div: 0 }, 0.2, 1,
 *   Float64Array.of(Math.log(100)), Float64Array.of(100), 0, 1, d, g);
 * d[0]; // => ~0.636830651175619 (QuantLib AnalyticEuropeanEngine)
 * g[0]; // => ~0.018762017345847
 */
export function addDeltaGamma(
  p: DeltaPosition, vol: number, tau: number, logSpot: Float64Array, spot: Float64Array, from: number, to: number,
  delta: Float64Array, gamma: Float64Array | null,
): void {
  const w = p.isCall ? 1 : -1;
  const carry = (p.rate - p.div) * Math.max(tau, 0);
  const scale = p.quantity * Math.exp(-(p.model === INVERSE ? p.rate : p.div) * Math.max(tau, 0));
  const s = vol * Math.sqrt(tau);
  // ln(S/K) + (r − q)τ = ln S − (ln K − (r − q)τ): one subtraction per element.
  const shift = Math.log(p.strike) - carry;
  if (!(tau > 0) || !(s > 0)) {
    addExpired(w, scale, shift, logSpot, from, to, delta);
    return;
  }
  const invS = 1 / s;
  const halfS = 0.5 * s;
  const wScale = w * scale;
  const gScale = scale * INV_SQRT_2PI * invS;
  for (let i = from; i < to; i++) {
    const d1 = ((logSpot[i] as number) - shift) * invS + halfS;
    const g = Math.exp(-0.5 * d1 * d1);
    // N(ω·d1) as scaledNormalCdf (../dists/normal-tail.ts) does it, the Gaussian factor shared with n(d1).
    const wd = w * d1;
    const a = wd < 0 ? -wd : wd;
    let cdf: number;
    if (a <= CENTRAL) cdf = 0.5 + 0.5 * erfCentral(wd * Math.SQRT1_2);
    else {
      const y = a * Math.SQRT1_2;
      const tail = 0.5 * g * (a <= FOUR ? erfcxMiddle(y) : erfcxFar(y));
      cdf = wd < 0 ? tail : 1 - tail;
    }
    delta[i] = (delta[i] as number) + wScale * cdf;
    if (gamma !== null) gamma[i] = (gamma[i] as number) + (gScale * g) / (spot[i] as number);
  }
}

/** τ ≤ 0 or σ = 0: the step delta ω·1{ω(F − K) > 0} (½ at the strike), no gamma. */
function addExpired(w: number, scale: number, shift: number, logSpot: Float64Array, from: number, to: number, delta: Float64Array): void {
  for (let i = from; i < to; i++) {
    const m = w * ((logSpot[i] as number) - shift);
    delta[i] = (delta[i] as number) + w * scale * (m > 0 ? 1 : m === 0 ? 0.5 : 0);
  }
}
