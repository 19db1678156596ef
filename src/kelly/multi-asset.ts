/**
 * Kelly criterion for a portfolio of assets in continuous time (the Gaussian closed form).
 *
 * n assets follow correlated geometric Brownian motions with drift vector μ and covariance
 * matrix C; cash earns r and a long position in asset i pays carry c_i (funding, borrow). Holding
 * constant fractions w of wealth, log-wealth grows at
 *
 *   g(w) = r + wᵀ(μ − r − c) − wᵀCw/2,
 *
 * maximised at w* = C⁻¹(μ − r − c), where g(w*) = r + w*ᵀCw* / 2 = r + S²/2 with
 * S = sqrt((μ − r − c)ᵀC⁻¹(μ − r − c)), the Sharpe ratio of the tangency (Kelly) portfolio.
 * One asset reduces to f* = (μ − r − c)/σ² of `kellyContinuous`.
 *
 * Source: E. O. Thorp, "The Kelly Criterion in Blackjack, Sports Betting, and the Stock Market"
 * (2006), §8.4, F* = C⁻¹(M − R) and g∞(F*) = r + F*ᵀCF* / 2; R. C. Merton, "Lifetime Portfolio
 * Selection under Uncertainty: The Continuous-Time Case", Rev. Econ. Stat. 51 (1969).
 */
import { z } from 'zod';
import { parseInput } from '../core/validate.js';
import { cholesky, choleskySolve, dot, matVec, toRowMajor } from '../numerics/linalg.js';

/** Asymmetry tolerated in `cov`, relative to its largest diagonal entry. */
const SYMMETRY_TOLERANCE = 1e-9;

/** Input of {@link kellyMultiAsset}; all rates per the same time unit (e.g. annual). */
export const KellyMultiAssetInput = z
  .object({
    /** Arithmetic drifts μ of the n assets. */
    mu: z.array(z.number()).min(1),
    /** n×n covariance matrix C of the assets' returns: symmetric positive definite. */
    cov: z.array(z.array(z.number())),
    /** Risk-free rate r earned on cash (default 0). */
    rf: z.number().default(0),
    /** Carry c_i paid by a long position in asset i (default 0 for every asset). */
    carry: z.array(z.number()).optional(),
  })
  .superRefine(({ mu, cov, carry }, ctx) => {
    const n = mu.length;
    if (cov.length !== n) {
      ctx.addIssue({ code: 'custom', message: `cov must be ${n}×${n} to match mu`, path: ['cov'] });
      return;
    }
    const bad = cov.findIndex((row) => row.length !== n);
    if (bad >= 0) {
      ctx.addIssue({ code: 'custom', message: `cov row ${bad} must have ${n} entries`, path: ['cov', bad] });
      return;
    }
    const scale = Math.max(...cov.map((row, i) => Math.abs(row[i]!)));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) {
        if (Math.abs(cov[i]![j]! - cov[j]![i]!) > SYMMETRY_TOLERANCE * scale) {
          ctx.addIssue({ code: 'custom', message: 'cov must be symmetric', path: ['cov', i, j] });
          return;
        }
      }
    }
    if (carry !== undefined && carry.length !== n) {
      ctx.addIssue({ code: 'custom', message: `carry must have ${n} entries to match mu`, path: ['carry'] });
    }
  });
export type KellyMultiAssetInput = z.input<typeof KellyMultiAssetInput>;

/** Result of {@link kellyMultiAsset}. */
export interface KellyMultiAssetResult {
  /** w* = C⁻¹(μ − r − c): fraction of wealth in each asset; negative means short. */
  readonly weights: number[];
  /** g(w*) = r + w*ᵀCw* / 2. */
  readonly growthRate: number;
  /** Sharpe ratio of the Kelly portfolio, sqrt((μ − r − c)ᵀC⁻¹(μ − r − c)). */
  readonly sharpe: number;
  /** Gross leverage Σ|w*_i|. */
  readonly grossLeverage: number;
}

/**
 * Growth rate g(w) = r + wᵀ(μ − r − c) − wᵀCw/2 of any weights w. A kernel: no validation.
 *
 * @example
 * multiAssetGrowth([2.2222], [0.11], [[0.0225]], 0.06); // => ~0.115556 (Thorp 2006 §7.1)
 * multiAssetGrowth([0, 0], [0.1, 0.2], [[1, 0], [0, 1]], 0.03); // => 0.03
 */
export function multiAssetGrowth(
  w: readonly number[],
  mu: readonly number[],
  cov: readonly (readonly number[])[],
  rf = 0,
  carry?: readonly number[],
): number {
  const excess = mu.map((m, i) => m - rf - (carry?.[i] ?? 0));
  const cw = matVec(toRowMajor(cov), w.length, w.length, w);
  return rf + dot(w, excess) - 0.5 * dot(w, cw);
}

/**
 * Multi-asset continuous-time Kelly weights (see the module doc): solves C·w = μ − r − c by
 * Cholesky factorisation.
 *
 * @throws TradesizeError INVALID_INPUT when dimensions disagree, `cov` is not symmetric or not
 *   positive definite (path `['cov', …]`), or any input is not finite.
 * @example
 * kellyMultiAsset({ mu: [0.11], cov: [[0.0225]], rf: 0.06 });
 * // => { weights: [~2.2222], growthRate: ~0.115556, sharpe: ~0.3333, grossLeverage: ~2.2222 }
 * kellyMultiAsset({ mu: [0.1, 0.05], cov: [[0.04, 0], [0, 0.01]] });
 * // => { weights: [2.5, 5], growthRate: 0.25, sharpe: ~0.7071, grossLeverage: 7.5 }
 */
export function kellyMultiAsset(input: KellyMultiAssetInput): KellyMultiAssetResult {
  const { mu, cov, rf, carry } = parseInput(KellyMultiAssetInput, input, 'kellyMultiAsset');
  const n = mu.length;
  const excess = mu.map((m, i) => m - rf - (carry?.[i] ?? 0));
  const l = cholesky(toRowMajor(cov), n, ['cov'], 'kellyMultiAsset');
  const w = choleskySolve(l, n, excess);
  const sharpe2 = Math.max(0, dot(excess, w));
  const weights = Array.from(w);
  return {
    weights,
    growthRate: rf + 0.5 * sharpe2,
    sharpe: Math.sqrt(sharpe2),
    grossLeverage: weights.reduce((s, x) => s + Math.abs(x), 0),
  };
}
