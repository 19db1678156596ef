/**
 * Scaled forward–backward recursions of a Gaussian HMM: the log-likelihood, the filtered
 * probabilities P(S_t = k | y_0..t), the smoothed probabilities P(S_t = k | y_0..T−1) and the
 * expected transition counts Σ_t P(S_t = i, S_{t+1} = j | y) used by Baum–Welch.
 *
 *   b_k(y)     = N(y; μ_k, σ²_k), computed as exp(log b_k(y_t) − m_t) with m_t = max_k log b_k(y_t)
 *                so that no density underflows (the shift m_t is added back to the log-likelihood);
 *   forward    α̂_0(k) = π_k b_k(y_0) / c_0,  α̂_t(j) = b_j(y_t) Σ_i α̂_{t−1}(i) a_ij / c_t,
 *              c_t the normaliser, so α̂_t is the filtered distribution of S_t;
 *   likelihood log L = Σ_t (log c_t + m_t) (Σ log c_t taken as the log of a running product,
 *              renormalised before it leaves the double range);
 *   backward   β̂_{T−1}(i) = 1,  β̂_t(i) = Σ_j a_ij b_j(y_{t+1}) β̂_{t+1}(j) / c_{t+1};
 *   smoothed   γ_t(i) = α̂_t(i) β̂_t(i);
 *   pairs      ξ_t(i, j) = α̂_t(i) a_ij b_j(y_{t+1}) β̂_{t+1}(j) / c_{t+1}.
 *
 * Source: L. R. Rabiner, Proc. IEEE 77(2) (1989), §III.A (forward–backward procedure), §V.A
 * (scaling), §III.C (γ and ξ). The filtered and smoothed
 * probabilities equal Hamilton's (1989) filter and Kim's (1994) smoother that statsmodels'
 * `MarkovRegression` reports.
 */
import { TradesizeError } from '../core/errors.js';
import type { PackedParams } from './params.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Reusable buffers of one E-step on n observations and K states (all row-major n×K). */
export interface Workspace {
  readonly n: number;
  readonly k: number;
  /** exp(log b − m_t): shifted emission densities. */
  readonly b: Float64Array;
  /** Filtered probabilities α̂. */
  readonly filtered: Float64Array;
  /** Smoothed probabilities γ. */
  readonly smoothed: Float64Array;
  /** Normalisers c_t. */
  readonly scale: Float64Array;
  /** Σ_t ξ_t(i, j), K×K row-major. */
  readonly pairs: Float64Array;
  /** Scratch: β̂ at t + 1 and at t, and b·β̂/c at t + 1 (K each). */
  readonly scratch: Float64Array;
}

/** Allocates the buffers of {@link eStep}. */
export function createWorkspace(n: number, k: number): Workspace {
  const nk = n * k;
  return {
    n,
    k,
    b: new Float64Array(nk),
    filtered: new Float64Array(nk),
    smoothed: new Float64Array(nk),
    scale: new Float64Array(n),
    pairs: new Float64Array(k * k),
    scratch: new Float64Array(3 * k),
  };
}

/** Fills ws.b with the shifted Gaussian densities of every observation; returns Σ_t m_t. */
function emissions(y: ArrayLike<number>, p: PackedParams, ws: Workspace): number {
  const { n, k, b } = ws;
  const logNorm = new Float64Array(k);
  const halfPrecision = new Float64Array(k);
  for (let s = 0; s < k; s++) {
    const v = p.v[s] as number;
    logNorm[s] = -HALF_LOG_2PI - 0.5 * Math.log(v);
    halfPrecision[s] = 0.5 / v;
  }
  const mu = p.mu;
  let shifts = 0;
  for (let t = 0; t < n; t++) {
    const yt = y[t] as number;
    let m = -Infinity;
    const row = t * k;
    for (let s = 0; s < k; s++) {
      const d = yt - (mu[s] as number);
      const lb = (logNorm[s] as number) - d * d * (halfPrecision[s] as number);
      b[row + s] = lb;
      if (lb > m) m = lb;
    }
    shifts += m;
    for (let s = 0; s < k; s++) b[row + s] = Math.exp((b[row + s] as number) - m);
  }
  return shifts;
}

function vanished(t: number): TradesizeError {
  return new TradesizeError(
    'NON_FINITE_RESULT',
    `HMM forward pass: observation ${t} has zero probability under every reachable state (a transition or initial probability of 0 excludes the only state that fits it)`,
    ['returns', t],
  );
}

/** Rescale the running product of the c_t before it can leave the normal double range. */
const PRODUCT_LIMIT = 1e250;

/** Forward pass: ws.filtered and ws.scale; returns Σ_t log c_t. */
function forward(p: PackedParams, ws: Workspace): number {
  const { n, k, b, filtered, scale } = ws;
  const { a, pi } = p;
  let logSum = 0;
  // Σ log c_t as the log of a running product, renormalised now and then: one log per ~100 steps, not per step.
  let product = 1;
  for (let t = 0; t < n; t++) {
    const row = t * k;
    const prev = row - k;
    let c = 0;
    for (let j = 0; j < k; j++) {
      let pred: number;
      if (t === 0) pred = pi[j] as number;
      else {
        pred = 0;
        for (let i = 0; i < k; i++) pred += (filtered[prev + i] as number) * (a[i * k + j] as number);
      }
      const x = pred * (b[row + j] as number);
      filtered[row + j] = x;
      c += x;
    }
    if (!(c > 0)) throw vanished(t);
    const inv = 1 / c;
    for (let j = 0; j < k; j++) filtered[row + j] = (filtered[row + j] as number) * inv;
    scale[t] = c;
    product *= c;
    if (product > PRODUCT_LIMIT || product < 1 / PRODUCT_LIMIT) {
      logSum += Math.log(product);
      product = 1;
    }
  }
  return logSum + Math.log(product);
}

/** Backward pass with the smoothed probabilities and pair counts on the way (needs {@link forward} first). */
function backward(p: PackedParams, ws: Workspace): void {
  const { n, k, b, filtered, smoothed, scale, pairs, scratch } = ws;
  const { a } = p;
  pairs.fill(0);
  // β̂_{t+1} in scratch[0, k), β̂_t in scratch[k, 2k), w_j = b_j(y_{t+1}) β̂_{t+1}(j) / c_{t+1} in scratch[2k, 3k).
  const last = (n - 1) * k;
  for (let s = 0; s < k; s++) {
    scratch[s] = 1;
    smoothed[last + s] = filtered[last + s] as number;
  }
  for (let t = n - 2; t >= 0; t--) {
    const row = t * k;
    const next = row + k;
    const inv = 1 / (scale[t + 1] as number);
    for (let j = 0; j < k; j++) scratch[2 * k + j] = (b[next + j] as number) * (scratch[j] as number) * inv;
    let sum = 0;
    for (let i = 0; i < k; i++) {
      let acc = 0;
      const f = filtered[row + i] as number;
      for (let j = 0; j < k; j++) {
        const x = (a[i * k + j] as number) * (scratch[2 * k + j] as number);
        acc += x;
        pairs[i * k + j] = (pairs[i * k + j] as number) + f * x;
      }
      scratch[k + i] = acc;
      const g = f * acc;
      smoothed[row + i] = g;
      sum += g;
    }
    // Σ_i γ_t(i) = 1 in exact arithmetic; divide out the rounding.
    const norm = 1 / sum;
    for (let i = 0; i < k; i++) {
      smoothed[row + i] = (smoothed[row + i] as number) * norm;
      scratch[i] = scratch[k + i] as number;
    }
  }
}

/**
 * One E-step: emissions, forward and backward passes into `ws`. Returns log L. A kernel: the
 * parameters must be valid and y finite, n ≥ 1.
 *
 * @throws TradesizeError NON_FINITE_RESULT when an observation is impossible under the parameters.
 * @example
 * const ws = createWorkspace(y.length, 2);
 * eStep(y, packParams(params), ws);  // => log-likelihood; ws.filtered, ws.smoothed, ws.pairs filled
 */
export function eStep(y: ArrayLike<number>, p: PackedParams, ws: Workspace): number {
  const shifts = emissions(y, p, ws);
  const ll = forward(p, ws) + shifts;
  backward(p, ws);
  return ll;
}
