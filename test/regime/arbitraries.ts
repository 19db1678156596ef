/**
 * fast-check arbitraries for HMM tests (parameters and short series), and brute-force
 * enumeration of every state path: the reference for the forward–backward and Viterbi
 * recursions on short sequences.
 */
import fc from 'fast-check';
import type { HmmParams } from '../../src/regime/params.js';
import { createRng } from '../../src/stats/random.js';

/** A probability vector of length k with every entry ≥ 0.01 / k. */
const distribution = (k: number) =>
  fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: k, maxLength: k }).map((w) => {
    const s = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / s);
  });

/** Gaussian HMM parameters with K = 2 or 3 states, return-like means and vols. */
export const hmmParams: fc.Arbitrary<HmmParams> = fc.constantFrom(2, 3).chain((k) =>
  fc.record({
    means: fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: k, maxLength: k }),
    variances: fc.array(fc.double({ min: 0.005, max: 0.1, noNaN: true }).map((s) => s * s), { minLength: k, maxLength: k }),
    transition: fc.array(distribution(k), { minLength: k, maxLength: k }),
    initial: distribution(k),
  }),
);

/** A short return series (1 … maxLength values in ±0.2). */
export const shortSeries = (maxLength: number) => fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 1, maxLength });

const logNormal = (y: number, m: number, v: number): number => -0.5 * Math.log(2 * Math.PI * v) - ((y - m) * (y - m)) / (2 * v);

/** log P(y, s) of one state path s. */
export function pathLogProbability(y: readonly number[], p: HmmParams, s: readonly number[]): number {
  let lp = Math.log(p.initial[s[0] as number] as number) + logNormal(y[0] as number, p.means[s[0] as number] as number, p.variances[s[0] as number] as number);
  for (let t = 1; t < y.length; t++) {
    const from = s[t - 1] as number;
    const to = s[t] as number;
    lp += Math.log((p.transition[from] as number[])[to] as number) + logNormal(y[t] as number, p.means[to] as number, p.variances[to] as number);
  }
  return lp;
}

/** Every state path of length n over k states. */
export function allPaths(n: number, k: number): number[][] {
  let paths: number[][] = [[]];
  for (let t = 0; t < n; t++) paths = paths.flatMap((p) => Array.from({ length: k }, (_, s) => [...p, s]));
  return paths;
}

/** Brute force: log L = log Σ_s P(y, s), and P(S_t = k | y_0..u) for u = t (filtered) and u = n − 1 (smoothed). */
export function bruteForce(y: readonly number[], p: HmmParams): { logLikelihood: number; filtered: number[][]; smoothed: number[][]; best: number } {
  const k = p.means.length;
  const n = y.length;
  const paths = allPaths(n, k);
  const logs = paths.map((s) => pathLogProbability(y, p, s));
  const top = Math.max(...logs);
  const w = logs.map((l) => Math.exp(l - top));
  const total = w.reduce((a, b) => a + b, 0);
  const smoothed = Array.from({ length: n }, (_, t) => Array.from({ length: k }, (_, s) => paths.reduce((acc, path, i) => acc + (path[t] === s ? (w[i] as number) : 0), 0) / total));
  const filtered = Array.from({ length: n }, (_, t) => {
    const prefix = bruteForcePrefix(y.slice(0, t + 1), p);
    return prefix;
  });
  return { logLikelihood: top + Math.log(total), filtered, smoothed, best: top };
}

/** P(S_last = k | y) by enumeration. */
function bruteForcePrefix(y: readonly number[], p: HmmParams): number[] {
  const k = p.means.length;
  const paths = allPaths(y.length, k);
  const logs = paths.map((s) => pathLogProbability(y, p, s));
  const top = Math.max(...logs);
  const w = logs.map((l) => Math.exp(l - top));
  const total = w.reduce((a, b) => a + b, 0);
  return Array.from({ length: k }, (_, s) => paths.reduce((acc, path, i) => acc + (path[y.length - 1] === s ? (w[i] as number) : 0), 0) / total);
}

/** A series of n observations simulated from `p` with a seeded xoshiro stream (Box–Muller normals). */
export function simulateHmm(seed: number, n: number, p: HmmParams): number[] {
  const rng = createRng(seed);
  const draw = (w: readonly number[]): number => {
    let u = rng.next();
    for (let s = 0; s < w.length - 1; s++) {
      u -= w[s] as number;
      if (u < 0) return s;
    }
    return w.length - 1;
  };
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const y: number[] = [];
  let s = draw(p.initial);
  for (let t = 0; t < n; t++) {
    if (t > 0) s = draw(p.transition[s] as number[]);
    y.push((p.means[s] as number) + Math.sqrt(p.variances[s] as number) * normal());
  }
  return y;
}
