/**
 * Hill estimator of the tail index of a heavy (Pareto-type) tail, P(L > x) ~ C·x^(−α).
 *
 * The tail magnitudes are L = −x for the lower tail (losses of a return series) and L = x for the
 * upper tail. With L₍₁₎ ≥ L₍₂₎ ≥ … ≥ L₍ₙ₎ sorted in decreasing order and k < n,
 *
 *   ξ̂ = (1/k)·Σ_{i=1}^{k} ln(L₍ᵢ₎ / L₍ₖ₊₁₎),   α̂ = 1/ξ̂,
 *
 * the threshold u = L₍ₖ₊₁₎ (the (k+1)-th largest magnitude) must be > 0. Smaller α means a fatter
 * tail: moments of order ≥ α do not exist (α < 2: infinite variance; α < 4: infinite kurtosis).
 * The choice of k trades bias (k large: the tail is not Pareto yet) against variance (k small);
 * daily returns commonly use k ≈ 2–10 % of n, and a plot of α̂ against k ("Hill plot") helps.
 *
 * Sources: B. M. Hill, "A Simple General Approach to Inference About the Tail of a Distribution",
 * The Annals of Statistics 3(5) (1975); P. Embrechts, C. Klüppelberg and T. Mikosch, "Modelling
 * Extremal Events" (1997), §6.4.2.
 */
import { z } from 'zod';
import { TradesizeError } from '../core/errors.js';
import { parseInput } from '../core/validate.js';
import { requireFiniteSeries } from '../market/returns.js';

/** Options of {@link hillTailIndex}. */
export const HillOptions = z.object({
  /** Number k ≥ 1 of order statistics in the tail (k < n). */
  k: z.number().int().min(1),
  /** Which tail: 'lower' (losses, L = −x; default) or 'upper' (L = x). */
  tail: z.enum(['lower', 'upper']).default('lower'),
});
export type HillOptions = z.input<typeof HillOptions>;

/** Result of {@link hillTailIndex}. */
export interface HillResult {
  /** Tail index α̂ = 1/ξ̂. */
  readonly alpha: number;
  /** Extreme-value index ξ̂ (the Hill statistic). */
  readonly xi: number;
  /** The k used. */
  readonly k: number;
  /** Threshold u = L₍ₖ₊₁₎ > 0, as a magnitude (a positive loss for the lower tail). */
  readonly threshold: number;
}

/**
 * Hill statistic ξ̂ of magnitudes sorted in DECREASING order (module doc). A kernel: no
 * validation; needs sortedDesc[k] > 0.
 *
 * @example
 * hillXi([8, 4, 2, 1], 3); // => (ln 8 + ln 4 + ln 2)/3 = 2·ln 2 ≈ 1.386294
 */
export function hillXi(sortedDesc: ArrayLike<number>, k: number): number {
  const u = Math.log(sortedDesc[k] as number);
  let sum = 0;
  for (let i = 0; i < k; i++) sum += Math.log(sortedDesc[i] as number) - u;
  return sum / k;
}

/**
 * Hill tail index of the lower (losses) or upper tail of a sample.
 *
 * @throws TradesizeError INVALID_INPUT (k not an integer ≥ 1 at ['k'], a non-finite value at
 *   ['x', i], threshold L₍ₖ₊₁₎ ≤ 0 at ['k'], all k tail values equal to the threshold at ['x']),
 *   INSUFFICIENT_DATA (n ≤ k, path ['x']).
 * @example
 * hillTailIndex([-8, -4, -2, -1, 0.5], { k: 3 }); // => { alpha: 0.721348…, xi: 1.386294…, k: 3, threshold: 1 }
 */
export function hillTailIndex(x: ArrayLike<number>, options: HillOptions): HillResult {
  const { k, tail } = parseInput(HillOptions, options, 'hillTailIndex');
  requireFiniteSeries(x, ['x'], k + 1);
  const sign = tail === 'lower' ? -1 : 1;
  const mags = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) mags[i] = sign * (x[i] as number);
  mags.sort().reverse();
  const threshold = mags[k] as number;
  if (!(threshold > 0)) {
    throw new TradesizeError(
      'INVALID_INPUT',
      `hillTailIndex: the (k+1)-th largest ${tail === 'lower' ? 'loss' : 'value'} must be > 0, got ${threshold}; use a smaller k`,
      ['k'],
    );
  }
  const xi = hillXi(mags, k);
  if (!(xi > 0)) throw new TradesizeError('INVALID_INPUT', 'hillTailIndex: the k tail values all equal the threshold', ['x']);
  return { alpha: 1 / xi, xi, k, threshold };
}
