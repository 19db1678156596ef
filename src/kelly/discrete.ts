/**
 * Kelly criterion for a discrete two-outcome bet.
 *
 * A stake of fraction f of wealth wins `b·f` with probability p and loses `a·f` with probability
 * q = 1 − p (a = 1: the whole stake is lost). The long-run growth rate per bet is
 *
 *   g(f) = p·ln(1 + b·f) + q·ln(1 − a·f),   0 ≤ f < 1/a,
 *
 * maximised at f* = p/a − q/b (set g'(f) = 0). With a = 1 this is Kelly's f* = (b·p − q)/b, and
 * for an even-money bet (b = 1) g(f*) = p·ln p + q·ln q + ln 2.
 *
 * Sources: J. L. Kelly, "A New Interpretation of Information Rate", Bell System Technical
 * Journal 35 (1956); E. O. Thorp, "The Kelly Criterion in Blackjack, Sports Betting, and the
 * Stock Market", Handbook of Asset and Liability Management (2006), §2 and §3 (partial loss).
 */
import { z } from 'zod';
import { parseInput } from '../core/validate.js';
import { positive, probability } from '../core/schemas.js';

/** Input of {@link kellyDiscrete}: win probability, net odds and the fraction lost on a loss. */
export const KellyDiscreteInput = z.object({
  /** Win probability p in [0, 1]. */
  p: probability(),
  /** Net odds b > 0: a win pays b per unit staked. */
  b: positive(),
  /** Fraction a in (0, 1] of the stake lost on a loss (default 1). */
  a: z.number().gt(0).max(1).default(1),
});
export type KellyDiscreteInput = z.input<typeof KellyDiscreteInput>;

/** Result of {@link kellyDiscrete}. */
export interface KellyDiscreteResult {
  /** Optimal fraction of wealth to stake, max(0, p/a − q/b). Zero when the bet has no edge. */
  readonly fraction: number;
  /** Unclamped optimum p/a − q/b; negative when the bet has negative edge. */
  readonly unconstrained: number;
  /** Growth rate per bet at `fraction`, g(fraction) (natural log units). */
  readonly growthRate: number;
  /** Expected return per unit staked, p·b − q·a. */
  readonly edge: number;
}

/**
 * Growth rate g(f) = p·ln(1 + b·f) + (1 − p)·ln(1 − a·f) of a discrete bet at fraction f.
 * A kernel: no validation; returns −Infinity where a loss would wipe out wealth (a·f ≥ 1)
 * and NaN outside the domain (1 + b·f ≤ 0).
 *
 * @example
 * discreteGrowth(0.2, 0.6, 1);    // => ~0.020136 (= 0.6 ln 1.2 + 0.4 ln 0.8)
 * discreteGrowth(1, 0.6, 1);      // => -Infinity
 */
export function discreteGrowth(f: number, p: number, b: number, a = 1): number {
  const q = 1 - p;
  const win = 1 + b * f;
  const loss = 1 - a * f;
  if (win <= 0) return Number.NaN;
  // 0·ln(0) = 0: a certain win never pays the loss branch.
  const lossTerm = q === 0 ? 0 : loss <= 0 ? Number.NEGATIVE_INFINITY : q * Math.log(loss);
  const winTerm = p === 0 ? 0 : p * Math.log(win);
  return winTerm + lossTerm;
}

/**
 * Optimal Kelly fraction and growth rate for a discrete bet (see module doc for the formula).
 *
 * @throws TradesizeError INVALID_INPUT when p ∉ [0, 1], b ≤ 0 or a ∉ (0, 1].
 * @example
 * kellyDiscrete({ p: 0.6, b: 1 });            // => { fraction: 0.2, growthRate: ~0.020136, ... }
 * kellyDiscrete({ p: 0.5, b: 2, a: 0.5 });    // => { fraction: 0.75, ... }  (0.5/0.5 − 0.5/2)
 * kellyDiscrete({ p: 0.4, b: 1 });            // => { fraction: 0, unconstrained: -0.2, growthRate: 0 }
 */
export function kellyDiscrete(input: KellyDiscreteInput): KellyDiscreteResult {
  const { p, b, a } = parseInput(KellyDiscreteInput, input, 'kellyDiscrete');
  const q = 1 - p;
  // A certain win (p = 1) has an unbounded optimum at the edge of solvency; stake the
  // largest solvent fraction, which is 1/a (the loss branch never happens).
  const unconstrained = q === 0 ? 1 / a : p / a - q / b;
  const fraction = Math.max(0, unconstrained);
  const growthRate = q === 0 ? Math.log(1 + b * fraction) : discreteGrowth(fraction, p, b, a);
  return { fraction, unconstrained, growthRate: growthRate === 0 ? 0 : growthRate, edge: p * b - q * a };
}
