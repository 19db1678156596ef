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
 * N(ω·d1) and n(d1) come from one piecewise Taylor table (`../dists/normal-taylor.ts`: 3.4e-16
 * absolute in N, 1.3e-13 in n) — no exponential, no branch on the region of d1 — so the delta
 * matches QuantLib to 1e-10 relative or 1e-12 of the underlying's scale, as the Greeks kernel does
 * (test/options/delta-kernel.test.ts); only the relative accuracy of deltas and gammas below
 * ~1e-15 (beyond |d1| = 8.5) is given up. The rest of the speed comes from taking ln S as an
 * input (a path simulation has it: it adds log-returns), from hoisting s, 1/s, the carry and A
 * out of the loop — no logarithm, no square root, no price, vega, θ or ρ per element — and from
 * running the loop in WebAssembly SIMD, two elements per instruction (`./delta-kernel.wat`, the
 * same operations in the same order as a scalar loop, so the same bits). Arrays that live in the
 * kernel's memory (`./delta-wasm.ts`, the hedging simulator's) are read and written in place
 * (an odd last element goes through a tile); others are copied through tiles of 2,048.
 *
 * τ ≤ 0 or σ = 0 is the expired (or deterministic) option: Δ = q·A·ω·step(ω(F − K)) (½·q·A·ω at
 * the strike), Γ = 0 (the Dirac mass at the strike is not representable).
 */
import { INVERSE, type ModelCode } from './black-core.js';
import { addDeltaGammaWasm, kernelMemory, kernelTiles, TILE, TILE_D, TILE_G, TILE_S, TILE_X } from './delta-wasm.js';

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
 * may be null when only the delta is needed. A kernel: no validation (arrays outside the kernel's memory cost a subarray view per copy).
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
  const wScale = w * scale;
  const gScale = scale * invS;
  // ω·d1 = ω·((ln S − shift)/s + s/2) = ln S·ω/s + ω·(s/2 − shift/s)
  const slope = w * invS;
  const offset = w * (0.5 * s - shift * invS);
  const withGamma = gamma === null ? 0 : 1;
  const mem = kernelMemory.buffer;
  let lo = from;
  if (logSpot.buffer === mem && delta.buffer === mem && (gamma === null || (gamma.buffer === mem && spot.buffer === mem))) {
    const pairs = (to - from) >> 1;
    const at = 8 * from;
    if (pairs > 0) addDeltaGammaWasm(logSpot.byteOffset + at, spot.byteOffset + at, delta.byteOffset + at, gamma === null ? 0 : gamma.byteOffset + at, pairs, slope, offset, wScale, gScale, withGamma);
    lo = from + 2 * pairs;
  }
  for (; lo < to; lo += TILE) {
    const m = Math.min(TILE, to - lo);
    const t = kernelTiles();
    copyIn(t.x, logSpot, lo, m);
    copyIn(t.d, delta, lo, m);
    if (gamma !== null) {
      copyIn(t.s, spot, lo, m);
      copyIn(t.g, gamma, lo, m);
    }
    // An odd m also computes the tile's element m, which is not copied back.
    addDeltaGammaWasm(TILE_X, TILE_S, TILE_D, TILE_G, (m + 1) >> 1, slope, offset, wScale, gScale, withGamma);
    copyOut(delta, t.d, lo, m);
    if (gamma !== null) copyOut(gamma, t.g, lo, m);
  }
}

/** src[lo, lo + m) into tile[0, m): a loop for a few elements (a subarray costs an allocation), else a block copy. */
function copyIn(tile: Float64Array, src: Float64Array, lo: number, m: number): void {
  if (m < 16) for (let i = 0; i < m; i++) tile[i] = src[lo + i] as number;
  else tile.set(src.subarray(lo, lo + m));
}

/** tile[0, m) into dst[lo, lo + m). */
function copyOut(dst: Float64Array, tile: Float64Array, lo: number, m: number): void {
  if (m < 16) for (let i = 0; i < m; i++) dst[lo + i] = tile[i] as number;
  else dst.set(m === TILE ? tile : tile.subarray(0, m), lo);
}

/** τ ≤ 0 or σ = 0: the step delta ω·1{ω(F − K) > 0} (½ at the strike), no gamma. */
function addExpired(w: number, scale: number, shift: number, logSpot: Float64Array, from: number, to: number, delta: Float64Array): void {
  for (let i = from; i < to; i++) {
    const m = w * ((logSpot[i] as number) - shift);
    delta[i] = (delta[i] as number) + w * scale * (m > 0 ? 1 : m === 0 ? 0.5 : 0);
  }
}
