/**
 * Scaled forward–backward recursions of a Gaussian HMM: the log-likelihood, the filtered
 * probabilities P(S_t = k | y_0..t), the smoothed probabilities P(S_t = k | y_0..T−1) and the
 * expected transition counts Σ_t P(S_t = i, S_{t+1} = j | y) used by Baum–Welch.
 *
 *   b_k(y)     = N(y; μ_k, σ²_k), computed as exp(log b_k(y_t) − m_t) with m_t = max_k log b_k(y_t)
 *                so that no density underflows (the shift m_t is added back to the log-likelihood);
 *   forward    α̂_0(k) = π_k b_k(y_0) / c_0,  α̂_t(j) = b_j(y_t) Σ_i α̂_{t−1}(i) a_ij / c_t,
 *              c_t the normaliser, so α̂_t is the filtered distribution of S_t;
 *   likelihood log L = Σ_t (log c_t + m_t);
 *   backward   β̂_{T−1}(i) = 1,  β̂_t(i) = Σ_j a_ij b_j(y_{t+1}) β̂_{t+1}(j) / c_{t+1};
 *   smoothed   γ_t(i) = α̂_t(i) β̂_t(i);
 *   pairs      ξ_t(i, j) = α̂_t(i) a_ij b_j(y_{t+1}) β̂_{t+1}(j) / c_{t+1}.
 *
 * Source: L. R. Rabiner, Proc. IEEE 77(2) (1989), §III.A (forward–backward procedure, eqs.
 * 18–25), §V.A (scaling, eqs. 91–101), §III.C (γ and ξ, eqs. 26–38). The filtered and smoothed
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
  /** Per-observation shift m_t. */
  readonly shift: Float64Array;
  /** Filtered probabilities α̂. */
  readonly filtered: Float64Array;
  /** Scaled backward variables β̂. */
  readonly beta: Float64Array;
  /** Smoothed probabilities γ. */
  readonly smoothed: Float64Array;
  /** Normalisers c_t. */
  readonly scale: Float64Array;
  /** Σ_t ξ_t(i, j), K×K row-major. */
  readonly pairs: Float64Array;
}

/** Allocates the buffers of {@link eStep}. */
export function createWorkspace(n: number, k: number): Workspace {
  const nk = n * k;
  return {
    n,
    k,
    b: new Float64Array(nk),
    shift: new Float64Array(n),
    filtered: new Float64Array(nk),
    beta: new Float64Array(nk),
    smoothed: new Float64Array(nk),
    scale: new Float64Array(n),
    pairs: new Float64Array(k * k),
  };
}

/** Fills ws.b and ws.shift with the shifted Gaussian densities of every observation. */
function emissions(y: ArrayLike<number>, p: PackedParams, ws: Workspace): void {
  const { n, k, b, shift } = ws;
  const logNorm = new Float64Array(k);
  const halfPrecision = new Float64Array(k);
  for (let s = 0; s < k; s++) {
    const v = p.v[s] as number;
    logNorm[s] = -HALF_LOG_2PI - 0.5 * Math.log(v);
    halfPrecision[s] = 0.5 / v;
  }
  for (let t = 0; t < n; t++) {
    const yt = y[t] as number;
    let m = -Infinity;
    const row = t * k;
    for (let s = 0; s < k; s++) {
      const d = yt - (p.mu[s] as number);
      const lb = (logNorm[s] as number) - d * d * (halfPrecision[s] as number);
      b[row + s] = lb;
      if (lb > m) m = lb;
    }
    shift[t] = m;
    for (let s = 0; s < k; s++) b[row + s] = Math.exp((b[row + s] as number) - m);
  }
}

function vanished(t: number): TradesizeError {
  return new TradesizeError(
    'NON_FINITE_RESULT',
    `HMM forward pass: observation ${t} has zero probability under every reachable state (a transition or initial probability of 0 excludes the only state that fits it)`,
    ['returns', t],
  );
}

/** Forward pass: ws.filtered and ws.scale; returns the log-likelihood. */
function forward(p: PackedParams, ws: Workspace): number {
  const { n, k, b, filtered, scale, shift } = ws;
  const { a, pi } = p;
  let ll = 0;
  for (let t = 0; t < n; t++) {
    const row = t * k;
    let c = 0;
    for (let j = 0; j < k; j++) {
      let pred: number;
      if (t === 0) pred = pi[j] as number;
      else {
        pred = 0;
        const prev = row - k;
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
    ll += Math.log(c) + (shift[t] as number);
  }
  return ll;
}

/** Backward pass: ws.beta, ws.smoothed and ws.pairs (needs {@link forward} first). */
function backward(p: PackedParams, ws: Workspace): void {
  const { n, k, b, filtered, beta, smoothed, scale, pairs } = ws;
  const { a } = p;
  const w = new Float64Array(k);
  pairs.fill(0);
  const last = (n - 1) * k;
  for (let s = 0; s < k; s++) beta[last + s] = 1;
  for (let t = n - 2; t >= 0; t--) {
    const row = t * k;
    const next = row + k;
    const inv = 1 / (scale[t + 1] as number);
    for (let j = 0; j < k; j++) w[j] = (b[next + j] as number) * (beta[next + j] as number) * inv;
    for (let i = 0; i < k; i++) {
      let acc = 0;
      const f = filtered[row + i] as number;
      for (let j = 0; j < k; j++) {
        const x = (a[i * k + j] as number) * (w[j] as number);
        acc += x;
        pairs[i * k + j] = (pairs[i * k + j] as number) + f * x;
      }
      beta[row + i] = acc;
    }
  }
  for (let t = 0; t < n; t++) {
    const row = t * k;
    let sum = 0;
    for (let s = 0; s < k; s++) {
      const g = (filtered[row + s] as number) * (beta[row + s] as number);
      smoothed[row + s] = g;
      sum += g;
    }
    // Σ_s γ_t(s) = 1 in exact arithmetic; divide out the rounding.
    const inv = 1 / sum;
    for (let s = 0; s < k; s++) smoothed[row + s] = (smoothed[row + s] as number) * inv;
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
  emissions(y, p, ws);
  const ll = forward(p, ws);
  backward(p, ws);
  return ll;
}
