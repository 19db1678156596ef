/**
 * Starting values for Baum–Welch: one deterministic start and seeded random ones.
 *
 * Deterministic start ("local-volatility quantiles"): with r̄ the sample mean, the local variance
 * v_t = mean of (y_s − r̄)² over the window s ∈ [t − 10, t + 10] ∩ [0, n − 1] (21 observations,
 * truncated at the ends). Observations are ranked by v_t (a stable sort: ties keep time order) and
 * cut into K groups of (nearly) equal size: rank q goes to group ⌊q·K/n⌋. Group k starts with the
 * mean and the population variance of its observations (raised to the variance floor), the
 * transition matrix is the group-label transition counts plus one (Laplace's rule of succession)
 * normalised by row, and π is uniform. Group 0 holds the calmest stretches, so the start already
 * lists states by volatility. The window looks forward as well as back: this only chooses where
 * the optimiser starts, never what `current` reports.
 *
 * Random start s ≥ 1 (xoshiro128** seeded with the user's seed): μ_k = r̄ + (u − ½)·sd,
 * σ_k = sd · 3^(2u − 1) (between sd/3 and 3·sd), a_kk = 0.5 + 0.49u with the rest of the row split
 * evenly, π uniform.
 *
 * Sources: the deterministic start is this module's own documented choice (a volatility ranking
 * fits states that differ mainly in variance). Laplace smoothing of counts: P.-S. Laplace, "Essai
 * philosophique sur les probabilités" (1814). Several starts with the best likelihood kept, as
 * advised for EM on Gaussian mixtures by C. Biernacki, G. Celeux and G. Govaert, "Choosing
 * starting values for the EM algorithm for getting the highest likelihood in multivariate
 * Gaussian mixture models", Comput. Stat. Data Anal. 41 (2003) 561–575; Rabiner, Proc. IEEE
 * 77(2) (1989), §V.C (initial estimates of the parameters).
 */
import type { Rng } from '../stats/random.js';
import type { PackedParams } from './params.js';

/** Half-width of the local-variance window of the deterministic start. */
export const LOCAL_WINDOW_HALF_WIDTH = 10;

/** Mean and population variance of y. */
export function moments(y: ArrayLike<number>): { mean: number; variance: number } {
  const n = y.length;
  let m = 0;
  for (let t = 0; t < n; t++) m += y[t] as number;
  m /= n;
  let v = 0;
  for (let t = 0; t < n; t++) {
    const d = (y[t] as number) - m;
    v += d * d;
  }
  return { mean: m, variance: v / n };
}

/** The group (0 … K−1) of every observation by local-variance rank (see the module doc). */
export function volatilityGroups(y: ArrayLike<number>, k: number): Int32Array {
  const n = y.length;
  const { mean } = moments(y);
  const prefix = new Float64Array(n + 1);
  for (let t = 0; t < n; t++) {
    const d = (y[t] as number) - mean;
    prefix[t + 1] = (prefix[t] as number) + d * d;
  }
  const local = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const lo = Math.max(0, t - LOCAL_WINDOW_HALF_WIDTH);
    const hi = Math.min(n, t + LOCAL_WINDOW_HALF_WIDTH + 1);
    local[t] = ((prefix[hi] as number) - (prefix[lo] as number)) / (hi - lo);
  }
  const order = Array.from({ length: n }, (_, t) => t).sort((x, z) => (local[x] as number) - (local[z] as number));
  const group = new Int32Array(n);
  order.forEach((t, q) => (group[t] = Math.floor((q * k) / n)));
  return group;
}

/** The deterministic start (see the module doc). A kernel: n ≥ k, variance floor > 0. */
export function deterministicStart(y: ArrayLike<number>, k: number, varianceFloor: number): PackedParams {
  const n = y.length;
  const group = volatilityGroups(y, k);
  const count = new Float64Array(k);
  const sum = new Float64Array(k);
  for (let t = 0; t < n; t++) {
    const g = group[t] as number;
    count[g] = (count[g] as number) + 1;
    sum[g] = (sum[g] as number) + (y[t] as number);
  }
  const mu = new Float64Array(k);
  for (let s = 0; s < k; s++) mu[s] = (sum[s] as number) / (count[s] as number);
  const ss = new Float64Array(k);
  for (let t = 0; t < n; t++) {
    const g = group[t] as number;
    const d = (y[t] as number) - (mu[g] as number);
    ss[g] = (ss[g] as number) + d * d;
  }
  const v = new Float64Array(k);
  for (let s = 0; s < k; s++) v[s] = Math.max(varianceFloor, (ss[s] as number) / (count[s] as number));
  const a = new Float64Array(k * k).fill(1);
  for (let t = 1; t < n; t++) {
    const idx = (group[t - 1] as number) * k + (group[t] as number);
    a[idx] = (a[idx] as number) + 1;
  }
  normaliseRows(a, k);
  return { k, mu, v, a, pi: new Float64Array(k).fill(1 / k) };
}

/** A seeded random start (see the module doc). A kernel. */
export function randomStart(k: number, mean: number, variance: number, varianceFloor: number, rng: Rng): PackedParams {
  const sd = Math.sqrt(variance);
  const mu = new Float64Array(k);
  const v = new Float64Array(k);
  const a = new Float64Array(k * k);
  for (let s = 0; s < k; s++) {
    mu[s] = mean + (rng.next() - 0.5) * sd;
    const vol = sd * Math.pow(3, 2 * rng.next() - 1);
    v[s] = Math.max(varianceFloor, vol * vol);
    const stay = 0.5 + 0.49 * rng.next();
    for (let j = 0; j < k; j++) a[s * k + j] = j === s ? stay : (1 - stay) / (k - 1);
  }
  return { k, mu, v, a, pi: new Float64Array(k).fill(1 / k) };
}

/** Divides each row of a row-major K×K matrix by its sum, in place. */
export function normaliseRows(a: Float64Array, k: number): void {
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += a[i * k + j] as number;
    for (let j = 0; j < k; j++) a[i * k + j] = (a[i * k + j] as number) / s;
  }
}
