/**
 * Cover's universal portfolio over leverage: for one risky asset with per-bar returns r_t, the
 * constant-rebalanced leverage ℓ has wealth W_t(ℓ) = Π_{s≤t} (1 + ℓ·r_s) (0 once 1 + ℓ·r_s ≤ 0),
 * and the universal leverage after t returns is the wealth-weighted mean
 *
 *   ℓ̂_t = ∫_0^L ℓ·W_t(ℓ) dℓ / ∫_0^L W_t(ℓ) dℓ,
 *
 * so that holding ℓ̂_t over bar t + 1 makes the wealth Ŵ_t = (1/L)∫_0^L W_t(ℓ) dℓ, the uniform
 * mixture of the constant-rebalanced leverages. Since 1 + ℓ·r = (1 − ℓ/L)·1 + (ℓ/L)·(1 + L·r),
 * this is Cover's universal portfolio with the uniform prior on two assets (cash and the
 * L-levered asset), and whenever 1 + L·r_t ≥ 0 it satisfies
 *
 *   ln W*_n − ln Ŵ_n ≤ ln(n + 1)       (W*_n the best constant leverage in [0, L] in hindsight),
 *
 * i.e. its growth rate trails the best constant leverage by at most ln(n + 1)/n per bar. The
 * integrals are computed by composite 20-point Gauss–Legendre quadrature on `panels` equal
 * panels of [0, L] (exact for a polynomial W_t of degree ≤ 39 per panel, so for up to 39 returns).
 *
 * Sources: T. M. Cover, "Universal Portfolios", Mathematical Finance 1(1) (1991), 1–29, Thm 6.1
 * (and T. M. Cover & E. Ordentlich, "Universal Portfolios with Side Information", IEEE Trans.
 * Inf. Theory 42 (1996), the (n + 1)^{m−1} bound for the uniform prior); quadrature:
 * `numerics/gauss-legendre.ts`.
 *
 * @example
 * // after one return r = 0.1 with L = 1: (1/2 + r/3) / (1 + r/2) = 0.5333/1.05 ≈ 0.50794
 * universalLeverage(Float64Array.of(100, 110), 1)[1]; // => ~0.507937
 */
import { gaussLegendre20Nodes } from '../../numerics/gauss-legendre.js';

/** Default number of quadrature panels on [0, L]: 1,280 nodes. */
export const UNIVERSAL_PANELS = 64;

/** ℓ̂ at each close i from the returns up to close i (ℓ̂_0 = L/2). */
export function universalLeverage(close: ArrayLike<number>, lmax: number, panels = UNIVERSAL_PANELS): Float64Array {
  const { x, w } = gaussLegendre20Nodes();
  const m = panels * x.length;
  const lev = new Float64Array(m);
  const weight = new Float64Array(m);
  const h = lmax / panels;
  for (let p = 0; p < panels; p++) {
    for (let k = 0; k < x.length; k++) {
      lev[p * x.length + k] = h * (p + 0.5 + 0.5 * (x[k] as number));
      weight[p * x.length + k] = (w[k] as number) * 0.5 * h;
    }
  }
  const n = close.length;
  const out = new Float64Array(n);
  out[0] = mixtureMean(lev, weight);
  for (let i = 1; i < n; i++) {
    const r = (close[i] as number) / (close[i - 1] as number) - 1;
    let total = 0;
    for (let k = 0; k < m; k++) {
      const g = 1 + (lev[k] as number) * r;
      const v = g > 0 ? (weight[k] as number) * g : 0;
      weight[k] = v;
      total += v;
    }
    if (!(total > 0)) {
      out.fill(0, i);
      return out;
    }
    let num = 0;
    const scale = 1 / total;
    for (let k = 0; k < m; k++) {
      const v = (weight[k] as number) * scale;
      weight[k] = v;
      num += v * (lev[k] as number);
    }
    out[i] = num;
  }
  return out;
}

function mixtureMean(lev: Float64Array, weight: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let k = 0; k < lev.length; k++) {
    num += (weight[k] as number) * (lev[k] as number);
    den += weight[k] as number;
  }
  return num / den;
}
