/**
 * GARCH(1,1) kernels: the variance filter, the log-likelihood (normal or standardised Student-t
 * innovations) and the multi-step variance forecast. No validation: see ../garch.ts.
 *
 * Model: r_t = μ + e_t, e_t = √h_t · z_t, h_t = ω + α·e²_{t−1} + β·h_{t−1}, t = 1 … T.
 *
 * Presample (as R fGarch's `garchFit`, default likelihood "filter", `.aparchLLH.filter`):
 * e²_0 = h_0 = (1/T)·Σ e²_t with the current μ, hence h_1 = ω + (α + β)·mean(e²).
 *
 * Log-likelihood, normal: ℓ = −½ Σ [ln 2π + ln h_t + e²_t/h_t];
 * standardised t (unit variance, ν > 2):
 *   ℓ = Σ [lnΓ((ν+1)/2) − lnΓ(ν/2) − ½ ln(π(ν−2)) − ½ ln h_t − (ν+1)/2 · ln(1 + e²_t/(h_t(ν−2)))]
 * (the constant is ../../dists/student-t.ts's standardisedTLogConstant).
 *
 * Sources: T. Bollerslev, "Generalized Autoregressive Conditional Heteroskedasticity", Journal of
 * Econometrics 31 (1986); T. Bollerslev, "A Conditionally Heteroskedastic Time Series Model for
 * Speculative Prices and Rates of Return", Review of Economics and Statistics 69(3) (1987) (the t
 * innovations); D. Wuertz, Y. Chalabi and L. Luksan, "Parameter Estimation of ARMA Models with
 * GARCH/APARCH Errors: An R and SPlus Software Implementation" (fGarch documentation, 2006).
 */
import { standardisedTLogConstant } from '../../dists/student-t.js';

/** GARCH(1,1) parameters; `nu` present for Student-t innovations. */
export interface GarchParams {
  readonly mu: number;
  readonly omega: number;
  readonly alpha: number;
  readonly beta: number;
  readonly nu?: number;
}

const LN_2PI = Math.log(2 * Math.PI);

/**
 * Conditional variances h_1 … h_{T+1} (length T + 1; the last is the one-step-ahead forecast),
 * with the fGarch presample (module doc). A kernel: no validation; T ≥ 1.
 *
 * @example
 * garchVariances([1, -1], { mu: 0, omega: 0.1, alpha: 0.1, beta: 0.8 });
 *   // => Float64Array [1, 1, 1]  (h_1 = 0.1 + 0.9·1, then 0.1 + 0.1·1 + 0.8·1)
 */
export function garchVariances(returns: ArrayLike<number>, p: GarchParams): Float64Array {
  const n = returns.length;
  let m2 = 0;
  for (let t = 0; t < n; t++) {
    const e = (returns[t] as number) - p.mu;
    m2 += e * e;
  }
  m2 /= n;
  const out = new Float64Array(n + 1);
  let h = p.omega + (p.alpha + p.beta) * m2;
  out[0] = h;
  for (let t = 0; t < n; t++) {
    const e = (returns[t] as number) - p.mu;
    h = p.omega + p.alpha * e * e + p.beta * h;
    out[t + 1] = h;
  }
  return out;
}

/**
 * Log-likelihood ℓ of the returns (module doc): normal innovations when `p.nu` is undefined,
 * standardised Student-t otherwise. −∞ when some h_t ≤ 0 or ν ≤ 2. A kernel: no validation; T ≥ 1.
 *
 * @example
 * garchLogLikelihood([1, -1], { mu: 0, omega: 0.1, alpha: 0.1, beta: 0.8 });  // => −(ln 2π + 1) ≈ −2.837877
 */
export function garchLogLikelihood(returns: ArrayLike<number>, p: GarchParams): number {
  const n = returns.length;
  const nu = p.nu;
  let m2 = 0;
  for (let t = 0; t < n; t++) {
    const e = (returns[t] as number) - p.mu;
    m2 += e * e;
  }
  m2 /= n;
  let h = p.omega + (p.alpha + p.beta) * m2;
  let sumLogH = 0;
  let sumQ = 0;
  if (nu === undefined) {
    for (let t = 0; t < n; t++) {
      if (!(h > 0)) return -Infinity;
      const e = (returns[t] as number) - p.mu;
      sumLogH += Math.log(h);
      sumQ += (e * e) / h;
      h = p.omega + p.alpha * e * e + p.beta * h;
    }
    return -0.5 * (n * LN_2PI + sumLogH + sumQ);
  }
  if (!(nu > 2)) return -Infinity;
  const c = 1 / (nu - 2);
  for (let t = 0; t < n; t++) {
    if (!(h > 0)) return -Infinity;
    const e = (returns[t] as number) - p.mu;
    sumLogH += Math.log(h);
    sumQ += Math.log1p((e * e * c) / h);
    h = p.omega + p.alpha * e * e + p.beta * h;
  }
  return n * standardisedTLogConstant(nu) - 0.5 * sumLogH - ((nu + 1) / 2) * sumQ;
}

/**
 * ℓ and its analytic gradient ∂ℓ/∂(μ, ω, α, β[, ν]) written into `grad` (length 4, or 5 for
 * Student-t), by differentiating the variance recursion:
 *   ∂h_1 = (∂ω) + mean(e²)·(∂α + ∂β) + (α + β)·∂mean(e²),  ∂mean(e²)/∂μ = −2·mean(e),
 *   ∂h_{t+1} = ∂ω + e²_t·∂α + h_t·∂β − 2α·e_t·∂μ + β·∂h_t,
 * plus the direct dependence of each term on μ through e_t and, for the t density, on ν (the
 * constant's derivative ½ψ((ν+1)/2) − ½ψ(ν/2) − ½/(ν−2) by a central difference of lnΓ terms).
 * Returns −∞ (grad unspecified) where {@link garchLogLikelihood} does. A kernel: no validation.
 *
 * @example
 * const g = new Float64Array(4);
 * garchLogLikelihoodGradient([1, -1], { mu: 0, omega: 0.1, alpha: 0.1, beta: 0.8 }, g);  // => ≈ −2.837877
 */
export function garchLogLikelihoodGradient(returns: ArrayLike<number>, p: GarchParams, grad: Float64Array): number {
  const n = returns.length;
  const nu = p.nu;
  const { mu, omega, alpha, beta } = p;
  let m1 = 0;
  let m2 = 0;
  for (let t = 0; t < n; t++) {
    const e = (returns[t] as number) - mu;
    m1 += e;
    m2 += e * e;
  }
  m1 /= n;
  m2 /= n;
  const isT = nu !== undefined;
  if (isT && !(nu > 2)) return -Infinity;
  const c = isT ? 1 / (nu - 2) : 0;
  const a1 = isT ? nu + 1 : 0;
  let h = omega + (alpha + beta) * m2;
  // ∂h/∂(μ, ω, α, β)
  let dMu = -2 * (alpha + beta) * m1;
  let dOm = 1;
  let dAl = m2;
  let dBe = m2;
  let gMu = 0;
  let gOm = 0;
  let gAl = 0;
  let gBe = 0;
  let sumLogH = 0;
  let sumQ = 0;
  let sumQW = 0;
  for (let t = 0; t < n; t++) {
    if (!(h > 0)) return -Infinity;
    const e = (returns[t] as number) - mu;
    const e2 = e * e;
    const inv = 1 / h;
    sumLogH += Math.log(h);
    let lh: number; // ∂ℓ_t/∂h_t
    let le: number; // ∂ℓ_t/∂μ directly (through e_t)
    if (isT) {
      const q = e2 * c * inv;
      const iw = 1 / (1 + q);
      sumQ += Math.log1p(q);
      sumQW += q * iw;
      lh = 0.5 * inv * (a1 * q * iw - 1);
      le = a1 * e * c * inv * iw;
    } else {
      const q = e2 * inv;
      sumQ += q;
      lh = 0.5 * inv * (q - 1);
      le = e * inv;
    }
    gMu += le + lh * dMu;
    gOm += lh * dOm;
    gAl += lh * dAl;
    gBe += lh * dBe;
    dMu = -2 * alpha * e + beta * dMu;
    dOm = 1 + beta * dOm;
    dAl = e2 + beta * dAl;
    dBe = h + beta * dBe;
    h = omega + alpha * e2 + beta * h;
  }
  grad[0] = gMu;
  grad[1] = gOm;
  grad[2] = gAl;
  grad[3] = gBe;
  if (!isT) return -0.5 * (n * LN_2PI + sumLogH + sumQ);
  const dv = 1e-5 * Math.min(nu - 2, Math.max(1, nu));
  const dk = (standardisedTLogConstant(nu + dv) - standardisedTLogConstant(nu - dv)) / (2 * dv);
  grad[4] = n * dk - 0.5 * sumQ + 0.5 * a1 * c * sumQW;
  return n * standardisedTLogConstant(nu) - 0.5 * sumLogH - 0.5 * a1 * sumQ;
}

/**
 * Multi-step variance forecasts h_{T+1} … h_{T+k} from h_{T+1}: h_{T+j+1} = ω + (α+β)·h_{T+j},
 * i.e. h_{T+j} = v + (α+β)^{j−1}·(h_{T+1} − v) with v = ω/(1 − α − β) when α + β < 1. A kernel.
 *
 * @example
 * garchForecast({ mu: 0, omega: 0.1, alpha: 0.1, beta: 0.8 }, 2, 3);  // => [2, 1.9, 1.81]
 */
export function garchForecast(p: GarchParams, hNext: number, k: number): number[] {
  const out: number[] = [];
  const persistence = p.alpha + p.beta;
  let h = hNext;
  for (let j = 0; j < k; j++) {
    out.push(h);
    h = p.omega + persistence * h;
  }
  return out;
}
