/**
 * Fractional Kelly, chosen on purpose rather than by habit.
 *
 * Betting c·f* instead of the full Kelly fraction f* trades growth for safety: in the continuous
 * model g(c·f*)/g(f*) = c(2 − c) for r = 0 (Thorp 2006, eq. 7.6), so half Kelly keeps 75 % of
 * the growth. Three ways to choose c are offered here:
 *
 * (a) a given multiplier c (e.g. 0.5 for half Kelly);
 * (b) a drawdown limit: a continuous-time Kelly bettor at c·f* falls to a fraction x of its
 *     starting wealth with probability P = x^(2/c − 1) (Thorp 2006, eq. 7.13, r = 0). The largest
 *     c with P ≤ ε is c = 2 / (1 + ln ε / ln x);
 * (c) estimation error: with f̂ estimated with sampling variance v, Baker & McHale (2013) show
 *     that the bet should be shrunk; to second order in the growth rate the optimal multiplier is
 *     k = f*² / (f*² + v), estimated by plugging in f̂ ("back of the envelope" shrinkage).
 *     For a Gaussian return with per-period mean μ and sd σ estimated from n observations,
 *     v = Var(μ̂)/σ⁴ = 1/(nσ²), hence k = nθ²/(nθ² + 1) with θ = μ/σ the per-period Sharpe ratio.
 *     For a discrete bet with p estimated from n trials, v = p(1−p)/n · (1/a + 1/b)².
 *
 * Multipliers are capped at 1: betting more than full Kelly lowers growth and raises risk.
 *
 * Sources: E. O. Thorp, "The Kelly Criterion in Blackjack, Sports Betting, and the Stock
 * Market" (2006), §7.2–7.3; R. D. Baker and I. G. McHale, "Optimal Betting Under Parameter
 * Uncertainty: Improving the Kelly Criterion", Decision Analysis 10(3):189–199 (2013).
 */
import { z } from 'zod';
import { parseInput } from '../core/validate.js';
import { openUnit, positive, probability } from '../core/schemas.js';

/**
 * Probability that a continuous-time bettor at c × Kelly ever falls to x × starting wealth,
 * P = x^(2/c − 1) (Thorp 2006, eq. 7.13, r = 0). A kernel: no validation; P = 1 for c ≥ 2.
 *
 * @example
 * drawdownProbability(0.5, 1);   // => 0.5   (full Kelly halves wealth with probability 1/2)
 * drawdownProbability(0.5, 0.5); // => 0.125
 */
export function drawdownProbability(x: number, c: number): number {
  if (c >= 2) return 1;
  return Math.pow(x, 2 / c - 1);
}

/** Input of {@link drawdownLimitedMultiplier}. */
export const DrawdownLimitInput = z.object({
  /** Wealth level x in (0, 1) as a fraction of starting wealth (0.5 = a 50 % drawdown). */
  level: openUnit(),
  /** Highest acceptable probability ε in (0, 1) of ever touching that level. */
  probability: openUnit(),
});
export type DrawdownLimitInput = z.input<typeof DrawdownLimitInput>;

/**
 * The largest Kelly multiplier c ≤ 1 such that P(ever falling to `level` × wealth) ≤ `probability`,
 * c = 2 / (1 + ln ε / ln x), capped at 1 (full Kelly already has P = x).
 *
 * @example
 * drawdownLimitedMultiplier({ level: 0.5, probability: 0.1 });  // => ~0.46278
 * drawdownLimitedMultiplier({ level: 0.5, probability: 0.6 });  // => 1 (full Kelly suffices)
 */
export function drawdownLimitedMultiplier(input: DrawdownLimitInput): number {
  const { level, probability: eps } = parseInput(DrawdownLimitInput, input, 'drawdownLimitedMultiplier');
  const c = 2 / (1 + Math.log(eps) / Math.log(level));
  return Math.min(1, c);
}

/** Input of {@link shrinkageMultiplier}. */
export const ShrinkageInput = z.discriminatedUnion('model', [
  z.object({
    model: z.literal('gaussian'),
    /** Per-period mean return estimate μ̂. */
    mean: z.number(),
    /** Per-period standard deviation σ̂ > 0. */
    sd: positive(),
    /**
     * Length of the sample the mean was estimated from, in periods of the unit of `mean` and
     * `sd` (observations for per-period moments; years for annual μ and σ). May be fractional.
     */
    n: z.number().positive(),
  }),
  z.object({
    model: z.literal('discrete'),
    /** Estimated win probability p̂. */
    p: probability(),
    /** Net odds b > 0. */
    b: positive(),
    /** Fraction lost on a loss (default 1). */
    a: z.number().gt(0).max(1).default(1),
    /** Number of trials p̂ was estimated from (≥ 1). */
    n: z.number().int().min(1),
  }),
]);
export type ShrinkageInput = z.input<typeof ShrinkageInput>;

/** Result of {@link shrinkageMultiplier}. */
export interface ShrinkageResult {
  /** k = f̂²/(f̂² + v) in [0, 1]: multiply the estimated Kelly fraction by this. */
  readonly multiplier: number;
  /** Sampling variance v of the estimated Kelly fraction. */
  readonly fractionVariance: number;
  /** The estimated (unshrunk) Kelly fraction f̂. */
  readonly estimatedFraction: number;
}

/**
 * Baker & McHale (2013) second-order shrinkage of an estimated Kelly fraction (see module doc).
 *
 * @example
 * shrinkageMultiplier({ model: 'gaussian', mean: 0.001, sd: 0.04, n: 1000 }); // => { multiplier: ~0.3846, ... }
 * shrinkageMultiplier({ model: 'discrete', p: 0.55, b: 1, n: 100 });          // => { multiplier: ~0.5025, ... }
 */
export function shrinkageMultiplier(input: ShrinkageInput): ShrinkageResult {
  const x = parseInput(ShrinkageInput, input, 'shrinkageMultiplier');
  let estimatedFraction: number;
  let fractionVariance: number;
  if (x.model === 'gaussian') {
    estimatedFraction = x.mean / (x.sd * x.sd);
    fractionVariance = 1 / (x.n * x.sd * x.sd);
  } else {
    const q = 1 - x.p;
    estimatedFraction = x.p / x.a - q / x.b;
    const slope = 1 / x.a + 1 / x.b; // d f*/d p
    fractionVariance = ((x.p * q) / x.n) * slope * slope;
  }
  const f2 = estimatedFraction * estimatedFraction;
  const multiplier = f2 + fractionVariance === 0 ? 0 : f2 / (f2 + fractionVariance);
  return { multiplier, fractionVariance, estimatedFraction };
}
