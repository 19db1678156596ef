/**
 * The most likely state sequence of a Gaussian HMM (Viterbi decoding), in log space so that no
 * product of probabilities underflows:
 *
 *   δ_0(k) = log π_k + log b_k(y_0),
 *   δ_t(j) = max_i [δ_{t−1}(i) + log a_ij] + log b_j(y_t),   ψ_t(j) = the maximising i,
 *   s_{T−1} = argmax_k δ_{T−1}(k),   s_t = ψ_{t+1}(s_{t+1}),
 *
 * with log 0 = −∞ (a forbidden transition is never taken). Ties go to the lowest state index.
 * The path maximises the JOINT probability of the whole sequence: it can differ from the state
 * with the largest smoothed probability at some t.
 *
 * Sources: A. J. Viterbi, "Error bounds for convolutional codes and an asymptotically optimum
 * decoding algorithm", IEEE Trans. Information Theory 13(2) (1967); L. R. Rabiner, Proc. IEEE
 * 77(2) (1989), §III.B, and the logarithmic variant noted with scaling in §V.A.
 */
import { requireFiniteSeries } from '../market/returns.js';
import { packParams, type HmmParams, type PackedParams } from './params.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Result of {@link viterbi}. */
export interface ViterbiResult {
  /** The most likely state of each observation. */
  readonly path: Int32Array;
  /** log P(y, path): the joint log-probability of the observations and the decoded path. */
  readonly logProbability: number;
}

/**
 * Log-space Viterbi decoding on packed parameters. A kernel: no validation; n ≥ 1.
 *
 * @example
 * viterbiPacked([0.001, 0.05], packParams(params)).path;  // => Int32Array [0, 1] for a calm state 0 and a wild state 1
 */
export function viterbiPacked(y: ArrayLike<number>, p: PackedParams): ViterbiResult {
  const n = y.length;
  const k = p.k;
  const logA = p.a.map(Math.log);
  const logNorm = new Float64Array(k);
  for (let s = 0; s < k; s++) logNorm[s] = -HALF_LOG_2PI - 0.5 * Math.log(p.v[s] as number);
  const logB = (t: number, s: number): number => {
    const d = (y[t] as number) - (p.mu[s] as number);
    return (logNorm[s] as number) - (d * d) / (2 * (p.v[s] as number));
  };
  let delta = new Float64Array(k);
  let nextDelta = new Float64Array(k);
  const psi = new Int32Array(n * k);
  for (let s = 0; s < k; s++) delta[s] = Math.log(p.pi[s] as number) + logB(0, s);
  for (let t = 1; t < n; t++) {
    for (let j = 0; j < k; j++) {
      let best = -Infinity;
      let arg = 0;
      for (let i = 0; i < k; i++) {
        const x = (delta[i] as number) + (logA[i * k + j] as number);
        if (x > best) {
          best = x;
          arg = i;
        }
      }
      nextDelta[j] = best + logB(t, j);
      psi[t * k + j] = arg;
    }
    [delta, nextDelta] = [nextDelta, delta];
  }
  let last = 0;
  for (let s = 1; s < k; s++) if ((delta[s] as number) > (delta[last] as number)) last = s;
  const path = new Int32Array(n);
  path[n - 1] = last;
  for (let t = n - 1; t > 0; t--) path[t - 1] = psi[t * k + (path[t] as number)] as number;
  return { path, logProbability: delta[last] as number };
}

/**
 * The most likely state path of `returns` under given HMM parameters.
 *
 * @throws TradesizeError INVALID_INPUT (bad parameters at ['params', …], a non-finite return at
 *   ['returns', i]), INSUFFICIENT_DATA (no returns).
 * @example
 * viterbi([0.001, -0.002, 0.08, -0.07], {
 *   means: [0, 0], variances: [1e-4, 4e-3], transition: [[0.95, 0.05], [0.1, 0.9]], initial: [0.5, 0.5],
 * }).path;  // => Int32Array [0, 0, 1, 1]
 */
export function viterbi(returns: ArrayLike<number>, params: HmmParams): ViterbiResult {
  const p = packParams(params);
  requireFiniteSeries(returns, ['returns'], 1);
  return viterbiPacked(returns, p);
}
