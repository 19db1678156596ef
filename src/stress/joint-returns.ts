/**
 * Joint daily log returns across underlyings for the Monte Carlo stress, as a Float64Array of
 * paths × days × underlyings (index (path·days + day)·U + u).
 *
 * - Model: multivariate Student-t, x = scale ⊙ (L·z)/√(W/ν) with z iid standard normal, W ~ χ²_ν
 *   and L the Cholesky factor of the correlation matrix. From annual vols (a fresh clone, no data)
 *   scale_u = σ_u/√365 · √((ν − 2)/ν), so the daily sd is σ_u/√365 (ν > 2: {@link scalesFromVols});
 *   fitted to history, the scales are the fitted t scales (`./fit-joint.ts`). One W per day shares the tail
 *   event across underlyings (joint crashes), as in the multivariate t (Kotz & Nadarajah,
 *   "Multivariate t Distributions and Their Applications", 2004, §1.1). Normals by the Marsaglia
 *   polar method (Marsaglia & Bray, SIAM Review 6(3), 1964); χ²_ν = 2·Gamma(ν/2) by Marsaglia &
 *   Tsang, "A Simple Method for Generating Gamma Variables", ACM TOMS 26(3) (2000), with the
 *   U^{1/a} boost for shape a < 1.
 * - Bootstrap (real history): whole dates of aligned daily log returns drawn in moving blocks of ℓ
 *   days (Künsch 1989, as in `../../stats/bootstrap.ts`), which keeps the cross-correlation, the fat
 *   tails and, within a block, the volatility clustering of the data.
 *
 * @example
 * studentTJointReturns({ scales: scalesFromVols([0.6, 0.8], 4), correlation: [1, 0.8, 0.8, 1], nu: 4, days: 10, paths: 1000, seed: 7 });
 */
import { require } from '../core/errors.js';
import { cholesky } from '../numerics/linalg.js';
import { createRng, type Rng } from '../stats/random.js';

/** A standard normal by the Marsaglia polar method (one of the pair; module doc). */
export function normalVariate(rng: Rng): number {
  for (;;) {
    const u = 2 * rng.next() - 1;
    const v = 2 * rng.next() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/** Gamma(shape a, scale 1) by Marsaglia–Tsang (module doc). */
export function gammaVariate(rng: Rng, a: number): number {
  if (a < 1) return gammaVariate(rng, a + 1) * Math.pow(1 - rng.next(), 1 / a);
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normalVariate(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Daily t scales whose standard deviation is σ/√365 for annualised vols σ (ν > 2; module doc). */
export function scalesFromVols(vols: readonly number[], nu: number): number[] {
  require(nu > 2, `monteCarlo: nu must be > 2 to match the vols (finite variance), got ${nu}`, ['nu']);
  return vols.map((v) => (v / Math.sqrt(365)) * Math.sqrt((nu - 2) / nu));
}

/** Inputs of {@link studentTJointReturns}. */
export interface StudentTJointOptions {
  /** Daily t scales per underlying. */
  readonly scales: readonly number[];
  /** Row-major U×U correlation matrix. */
  readonly correlation: ArrayLike<number>;
  /** Degrees of freedom ν > 0. */
  readonly nu: number;
  readonly days: number;
  readonly paths: number;
  readonly seed: number;
}

/** Multivariate Student-t daily log returns (module doc). */
export function studentTJointReturns(o: StudentTJointOptions): Float64Array {
  const U = o.scales.length;
  require(o.nu > 0, `monteCarlo: nu must be > 0, got ${o.nu}`, ['nu']);
  const l = cholesky(Float64Array.from(o.correlation), U, ['correlations'], 'monteCarlo correlation matrix');
  const scale = o.scales;
  const rng = createRng(o.seed);
  const out = new Float64Array(o.paths * o.days * U);
  const z = new Float64Array(U);
  for (let t = 0; t < o.paths * o.days; t++) {
    for (let u = 0; u < U; u++) z[u] = normalVariate(rng);
    const mix = 1 / Math.sqrt((2 * gammaVariate(rng, o.nu / 2)) / o.nu);
    for (let u = 0; u < U; u++) {
      let x = 0;
      for (let k = 0; k <= u; k++) x += (l[u * U + k] as number) * (z[k] as number);
      out[t * U + u] = (scale[u] as number) * x * mix;
    }
  }
  return out;
}

/** Inputs of {@link bootstrapJointReturns}. */
export interface BootstrapJointOptions {
  /** Aligned daily log returns, dates × underlyings (row-major, U columns). */
  readonly history: Float64Array;
  readonly underlyings: number;
  readonly days: number;
  readonly paths: number;
  /** Block length ℓ in days (1 = iid dates). */
  readonly blockLength: number;
  readonly seed: number;
}

/** Moving-block bootstrap of whole dates (module doc). */
export function bootstrapJointReturns(o: BootstrapJointOptions): Float64Array {
  const U = o.underlyings;
  const T = o.history.length / U;
  require(o.blockLength >= 1 && o.blockLength <= T, `monteCarlo: block length ${o.blockLength} must be in [1, ${T}] (dates of history)`, ['blockLength']);
  const rng = createRng(o.seed);
  const out = new Float64Array(o.paths * o.days * U);
  const blocks = T - o.blockLength + 1;
  for (let path = 0; path < o.paths; path++) {
    let d = 0;
    while (d < o.days) {
      const start = rng.nextInt(blocks);
      for (let j = 0; j < o.blockLength && d < o.days; j++, d++) {
        out.set(o.history.subarray((start + j) * U, (start + j + 1) * U), (path * o.days + d) * U);
      }
    }
  }
  return out;
}
