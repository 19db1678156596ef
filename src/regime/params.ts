/**
 * Parameters of a K-state Gaussian hidden Markov model on a return series, their validation,
 * and the relabelling that orders states by volatility.
 *
 *   S_t ∈ {0, …, K−1} a Markov chain:  P(S_0 = k) = π_k,  P(S_t = j | S_{t−1} = i) = a_ij,
 *   y_t | S_t = k  ~  N(μ_k, σ²_k),  independent given the states.
 *
 * The transition matrix is row-stochastic (row i = the distribution of the next state from i;
 * statsmodels' `regime_transition` is its transpose) and π is the distribution of the FIRST
 * observation's state (Rabiner's convention).
 *
 * States are labelled by volatility ascending (state 0 = the calmest), ties broken by the mean:
 * a fit's labels then do not depend on the order in which the optimiser happened to find them.
 *
 * Source: L. R. Rabiner, "A Tutorial on Hidden Markov Models and Selected Applications in Speech
 * Recognition", Proc. IEEE 77(2) (1989), §II (elements of an HMM: A, B, π) and §IV.A (Gaussian
 * observation densities).
 */
import { TradesizeError, type FieldPath } from '../core/errors.js';

/** Parameters of a Gaussian HMM: K means, K variances, a K×K row-stochastic matrix, K initial probabilities. */
export interface HmmParams {
  readonly means: readonly number[];
  readonly variances: readonly number[];
  /** transition[i][j] = P(S_t = j | S_{t−1} = i); each row sums to 1. */
  readonly transition: readonly (readonly number[])[];
  /** P(S_0 = k) for the first observation; sums to 1. */
  readonly initial: readonly number[];
}

/** Flat working form of {@link HmmParams}: `a` is row-major K×K. */
export interface PackedParams {
  readonly k: number;
  readonly mu: Float64Array;
  readonly v: Float64Array;
  readonly a: Float64Array;
  readonly pi: Float64Array;
}

/** Tolerance on a probability vector's sum. */
const SUM_TOLERANCE = 1e-9;

function bad(message: string, path: FieldPath): TradesizeError {
  return new TradesizeError('INVALID_INPUT', `HMM parameters: ${message}`, path);
}

function checkDistribution(p: unknown, k: number, path: FieldPath): void {
  if (!Array.isArray(p) || p.length !== k) throw bad(`${path.join('.')} must be an array of ${k} probabilities`, path);
  let sum = 0;
  p.forEach((x: unknown, i) => {
    if (typeof x !== 'number' || !(x >= 0 && x <= 1)) throw bad(`${path.join('.')}[${i}] must be a probability in [0, 1], got ${String(x)}`, [...path, i]);
    sum += x;
  });
  if (Math.abs(sum - 1) > SUM_TOLERANCE) throw bad(`${path.join('.')} must sum to 1, sums to ${sum}`, path);
}

/**
 * Checks a probability vector of length k (entries in [0, 1], sum 1 within 1e-9) and copies it.
 *
 * @throws TradesizeError INVALID_INPUT at `path` (wrong length or sum) or [...path, i] (a bad entry).
 * @example
 * packDistribution([0.25, 0.75], 2, ['initial']);  // => Float64Array [0.25, 0.75]
 */
export function packDistribution(p: unknown, k: number, path: FieldPath): Float64Array {
  checkDistribution(p, k, path);
  return Float64Array.from(p as number[]);
}

/**
 * Checks HMM parameters (K ≥ 1, finite means, variances > 0, stochastic rows and initial vector)
 * and packs them into typed arrays.
 *
 * @throws TradesizeError INVALID_INPUT naming the field, e.g. ['params', 'transition', 1].
 * @example
 * packParams({ means: [0, 0], variances: [1, 4], transition: [[0.9, 0.1], [0.2, 0.8]], initial: [0.5, 0.5] }).k;  // => 2
 */
export function packParams(params: HmmParams, path: FieldPath = ['params']): PackedParams {
  if (typeof params !== 'object' || params === null) throw bad('params must be an object', path);
  const { means, variances, transition, initial } = params;
  if (!Array.isArray(means) || means.length < 1) throw bad('means must be a non-empty array', [...path, 'means']);
  const k = means.length;
  means.forEach((m: unknown, i) => {
    if (typeof m !== 'number' || !Number.isFinite(m)) throw bad(`means[${i}] must be a finite number`, [...path, 'means', i]);
  });
  if (!Array.isArray(variances) || variances.length !== k) throw bad(`variances must be an array of ${k} numbers`, [...path, 'variances']);
  variances.forEach((v: unknown, i) => {
    if (typeof v !== 'number' || !(v > 0 && Number.isFinite(v))) throw bad(`variances[${i}] must be a finite number > 0`, [...path, 'variances', i]);
  });
  if (!Array.isArray(transition) || transition.length !== k) throw bad(`transition must be ${k} rows`, [...path, 'transition']);
  transition.forEach((row: unknown, i: number) => checkDistribution(row, k, [...path, 'transition', i]));
  checkDistribution(initial, k, [...path, 'initial']);
  const a = new Float64Array(k * k);
  transition.forEach((row: readonly number[], i: number) => row.forEach((x, j) => (a[i * k + j] = x)));
  return { k, mu: Float64Array.from(means), v: Float64Array.from(variances), a, pi: Float64Array.from(initial) };
}

/** The plain-array form of packed parameters. */
export function unpackParams(p: PackedParams): HmmParams {
  const rows: number[][] = [];
  for (let i = 0; i < p.k; i++) rows.push(Array.from(p.a.subarray(i * p.k, (i + 1) * p.k)));
  return { means: Array.from(p.mu), variances: Array.from(p.v), transition: rows, initial: Array.from(p.pi) };
}

/**
 * The permutation that lists states by variance ascending (ties: mean ascending, then index):
 * order[newLabel] = oldLabel.
 *
 * @example
 * volatilityOrder({ k: 2, mu: Float64Array.of(0, 0), v: Float64Array.of(4, 1), ... });  // => [1, 0]
 */
export function volatilityOrder(p: PackedParams): number[] {
  const idx = Array.from({ length: p.k }, (_, i) => i);
  return idx.sort((x, y) => (p.v[x] as number) - (p.v[y] as number) || (p.mu[x] as number) - (p.mu[y] as number) || x - y);
}

/** Relabels parameters: new state s is old state order[s] (transition rows and columns both permuted). */
export function permuteParams(p: PackedParams, order: readonly number[]): PackedParams {
  const k = p.k;
  const mu = new Float64Array(k);
  const v = new Float64Array(k);
  const pi = new Float64Array(k);
  const a = new Float64Array(k * k);
  for (let s = 0; s < k; s++) {
    const o = order[s] as number;
    mu[s] = p.mu[o] as number;
    v[s] = p.v[o] as number;
    pi[s] = p.pi[o] as number;
    for (let r = 0; r < k; r++) a[s * k + r] = p.a[o * k + (order[r] as number)] as number;
  }
  return { k, mu, v, a, pi };
}
