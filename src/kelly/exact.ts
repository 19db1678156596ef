/**
 * Exact Kelly fraction of a return sample: no normal or quadratic approximation.
 *
 * Holding a fraction f of wealth in a position whose per-period returns are R₁ … Rₙ (equally
 * likely scenarios: a historical or bootstrapped sample, or the quantiles of a fitted model),
 * log-wealth grows per period at
 *
 *   G(f) = (1/n) Σ ln(1 + f·Rᵢ),
 *
 * defined on the solvent interval where every 1 + f·Rᵢ > 0:
 *
 *   f_lo = −1/max R  (max R > 0; a negative f is a short),   f_hi = −1/min R  (min R < 0).
 *
 * G is strictly concave (G'' = −(1/n) Σ Rᵢ²/(1 + f·Rᵢ)² < 0) and G'(f) = (1/n) Σ Rᵢ/(1 + f·Rᵢ)
 * runs from +∞ at f_lo to −∞ at f_hi, so the optimum f* is the unique root of G' in (f_lo, f_hi).
 * It is found by Newton's method on G', safeguarded by bisection of the bracket whenever a step
 * would leave it. When no return is negative (or none positive) G grows without bound as f → ±∞
 * and there is no Kelly optimum.
 *
 * Sources: L. Breiman, "Optimal Gambling Systems for Favorable Games", Proc. 4th Berkeley
 * Symposium 1 (1961) (log-optimal growth); E. O. Thorp, "The Kelly Criterion in Blackjack,
 * Sports Betting, and the Stock Market" (2006), §7 (maximising E ln(1 + f·R) over the return
 * distribution); W. H. Press et al., "Numerical Recipes", 3rd ed. (2007), §9.4 (Newton's method
 * with bisection safeguard, rtsafe).
 */
import { z } from 'zod';
import { parseInput } from '../core/validate.js';
import { sample } from '../core/schemas.js';
import { TradesizeError, require } from '../core/errors.js';

/** Input of {@link kellyExact}. */
export const KellyExactInput = z.object({
  /** Per-period returns of one unit held (equally weighted scenarios), at least 2. */
  returns: sample(2),
  /** Number of evenly spaced fractions in the plotting curve (default 101). */
  curvePoints: z.number().int().min(3).max(100_001).default(101),
});
export type KellyExactInput = z.input<typeof KellyExactInput>;

/** Result of {@link kellyExact}. */
export interface KellyExactResult {
  /** Growth-optimal fraction f* of wealth; negative means short. */
  readonly fraction: number;
  /** G(f*), the mean log growth per period of the returns (natural log units). */
  readonly growthRate: number;
  /** Open solvent interval (f_lo, f_hi): every scenario keeps positive wealth strictly inside. */
  readonly solventRange: { readonly min: number; readonly max: number };
  /**
   * G(f) for plotting: `curvePoints` evenly spaced fractions over [f* − h, f* + h] with
   * h = max(|f*|, 5 % of the distance from 0 to the nearer solvency bound), clipped to stay
   * strictly inside the solvent interval, with 0 and f* inserted when not already on the grid;
   * increasing in fraction.
   */
  readonly curve: { readonly fraction: number[]; readonly growthRate: number[] };
  /** Newton or bisection steps taken. */
  readonly iterations: number;
}

const MAX_ITERATIONS = 200;
const RELATIVE_TOLERANCE = 1e-13;

/**
 * G(f) = mean ln(1 + f·Rᵢ) at fraction f. A kernel: no validation; −Infinity where some
 * scenario loses all wealth (1 + f·Rᵢ ≤ 0).
 *
 * @example
 * sampleGrowth(5, [0.1, -0.05]); // => ~0.1116 (= (ln 1.5 + ln 0.75)/2)
 * sampleGrowth(20, [0.1, -0.05]); // => -Infinity
 */
export function sampleGrowth(f: number, returns: ArrayLike<number>): number {
  const n = returns.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i] as number;
    if (1 + f * r <= 0) return Number.NEGATIVE_INFINITY;
    sum += Math.log1p(f * r);
  }
  return sum / n;
}

/** G'(f) and G''(f) of the sample at a solvent f. */
function derivatives(f: number, returns: ArrayLike<number>): { d1: number; d2: number } {
  const n = returns.length;
  let d1 = 0;
  let d2 = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i] as number;
    const t = r / (1 + f * r);
    d1 += t;
    d2 -= t * t;
  }
  return { d1: d1 / n, d2: d2 / n };
}

/** Solvent interval (f_lo, f_hi) of a sample, or a NO_SOLVENT_FRACTION error if unbounded. */
function solventInterval(returns: ArrayLike<number>): { min: number; max: number } {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i] as number;
    lo = Math.min(lo, r);
    hi = Math.max(hi, r);
  }
  if (lo >= 0 || hi <= 0) {
    const side = lo >= 0 ? 'no return is negative' : 'no return is positive';
    const grows = lo >= 0 ? 'a larger long' : 'a larger short';
    throw new TradesizeError(
      'NO_SOLVENT_FRACTION',
      `kellyExact: ${side}, so ${grows} always grows faster: the growth rate has no finite maximum`,
      ['returns'],
      { minReturn: lo, maxReturn: hi },
    );
  }
  // A subnormal extreme return would put a bound at ±Infinity; ±MAX_VALUE keeps it finite.
  return { min: Math.max(-1 / hi, -Number.MAX_VALUE), max: Math.min(-1 / lo, Number.MAX_VALUE) };
}

/**
 * Root of G' in the open interval (lo, hi) by bisection-safeguarded Newton. Stops when a step
 * is below 1e-13·(|f| + 10⁻³·reach), reach = min(−lo, hi) the distance from 0 to the nearer
 * solvency bound, or when steps below 1e-9 of that scale stop shrinking (rounding noise in G').
 */
function solveOptimum(returns: ArrayLike<number>, lo: number, hi: number): { fraction: number; iterations: number } {
  const reach = Math.min(-lo, hi);
  let a = lo;
  let b = hi;
  let f = 0;
  let previousStep = Number.POSITIVE_INFINITY;
  for (let it = 1; it <= MAX_ITERATIONS; it++) {
    const { d1, d2 } = derivatives(f, returns);
    if (d1 === 0) return { fraction: f, iterations: it };
    // G' decreases: a positive slope puts the root to the right of f.
    if (d1 > 0) a = f;
    else b = f;
    const newton = f - d1 / d2;
    const next = newton > a && newton < b ? newton : 0.5 * (a + b);
    const step = Math.abs(next - f);
    f = next;
    const scale = Math.abs(f) + 1e-3 * reach;
    if (step <= RELATIVE_TOLERANCE * scale || (step <= 1e-9 * scale && step >= previousStep)) {
      return { fraction: f, iterations: it };
    }
    previousStep = step;
  }
  throw new TradesizeError('NOT_CONVERGED', `kellyExact: no convergence in ${MAX_ITERATIONS} iterations`, ['returns']);
}

/** Fractions of the plotting curve (see {@link KellyExactResult.curve}). */
function curveFractions(fStar: number, range: { min: number; max: number }, points: number): number[] {
  const reach = Math.min(-range.min, range.max);
  const half = Math.max(Math.abs(fStar), 0.05 * reach);
  // Keep 1 % of the gap between the solvency bounds and the nearer of {0, f*}.
  const floor = range.min + 0.01 * (Math.min(0, fStar) - range.min);
  const ceiling = range.max - 0.01 * (range.max - Math.max(0, fStar));
  const from = Math.max(fStar - half, floor);
  const to = Math.min(fStar + half, ceiling);
  const grid = Array.from({ length: points }, (_, i) => (i === points - 1 ? to : from + ((to - from) * i) / (points - 1)));
  return [...new Set([...grid, 0, fStar])].sort((x, y) => x - y);
}

/**
 * Exact Kelly fraction, growth rate and growth curve of a return sample (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT on fewer than 2 or non-finite returns or a bad
 * `curvePoints`; NO_SOLVENT_FRACTION when all returns are ≥ 0 or all ≤ 0.
 * @example
 * kellyExact({ returns: [0.1, -0.05] });          // => { fraction: 5, growthRate: ~0.1116, solventRange: { min: -10, max: 20 }, ... }
 * kellyExact({ returns: [-0.1, 0.05, -0.02] });   // => { fraction: < 0 (short), ... }
 */
export function kellyExact(input: KellyExactInput): KellyExactResult {
  const raw: unknown = (input as { returns?: unknown } | null | undefined)?.returns;
  if (Array.isArray(raw) || raw instanceof Float64Array) {
    raw.forEach((r: unknown, i: number) => {
      require(Number.isFinite(r), `kellyExact: returns[${i}] is not a finite number`, ['returns', i]);
    });
  }
  const { returns, curvePoints } = parseInput(KellyExactInput, input, 'kellyExact');
  const solventRange = solventInterval(returns);
  const { fraction, iterations } = solveOptimum(returns, solventRange.min, solventRange.max);
  const fractions = curveFractions(fraction, solventRange, curvePoints);
  return {
    fraction,
    growthRate: sampleGrowth(fraction, returns),
    solventRange,
    curve: { fraction: fractions, growthRate: fractions.map((f) => sampleGrowth(f, returns)) },
    iterations,
  };
}
