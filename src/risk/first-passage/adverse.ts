/**
 * The adverse barrier of a position: the probability that the price reaches a level against the
 * position (a stop or a liquidation price) before a target in its favour, or within a horizon,
 * and the inverse problem — the nearest adverse level whose probability is at most a limit.
 *
 * For a GBM price with annual log-drift ν and volatility σ, a position on `side` sees the log
 * price move X_t = s·(ln S_t − ln S_0), s = +1 long, −1 short: a Brownian motion with drift s·ν.
 * An adverse level B at log-distance a = |ln(B/S_0)| and a target U at b = |ln(U/S_0)| give
 *
 *   P(adverse first) = P_L of the strip (−a, b) with drift s·ν       (two barriers, `./two-barriers.ts`)
 *   P(adverse hit)   = the one-barrier reflection formula at a        (no target, `./one-barrier.ts`)
 *
 * within the horizon T (or T = ∞). Both fall strictly as a grows (a farther level is harder to
 * reach first), from 1 at a = 0 to 0 as a → ∞ — except with no target and T = ∞, where the
 * limit is 1 − e^{−2sν·a/σ²} only for sν > 0 and 1 for sν ≤ 0 (the level is reached almost
 * surely). The inverse a*(p) is found by bisection on a (the probability is continuous and
 * monotone), to a relative width of 1e-12.
 *
 * Sources: as `./one-barrier.ts` and `./two-barriers.ts` (Borodin & Salminen 2002, Part II ch. 2,
 * 3.0.4–3.0.6; Cox & Miller 1965 §5.7); bisection: R. L. Burden and J. D. Faires, "Numerical
 * Analysis", 9th ed. (2011), §2.1.
 *
 * @example
 * adverseProbability({ side: 'long', price: 100, adverse: 90, target: 110, mu: 0, sigma: 0.5, horizon: Infinity });
 *   // => ≈ 0.4750 (= ln(110/100) / ln(110/90): driftless log price, b/(a + b))
 * adverseLevelForProbability({ side: 'long', price: 100, target: 110, mu: 0, sigma: 0.5, horizon: Infinity }, 0.25);
 *   // => ≈ 75.13 (a = 3b = 3·ln 1.1): the stop or liquidation may be no nearer for P ≤ 25 %
 */
import type { Side } from '../../core/contract.js';
import { abmHitProbability } from './one-barrier.js';
import { abmFirstPassage } from './two-barriers.js';

/** A position's price dynamics and exit levels; `horizon` in years (Infinity for none). Not validated: a kernel. */
export interface AdverseSetting {
  readonly side: Side;
  /** Price now, S_0 > 0. */
  readonly price: number;
  /** Target in the position's favour (above S_0 long, below short), or undefined for none. */
  readonly target?: number;
  /** Annual log-drift ν of ln S. */
  readonly mu: number;
  /** Annual volatility σ > 0. */
  readonly sigma: number;
  /** Horizon in years, or Infinity. */
  readonly horizon: number;
}

/** P(the adverse log-distance a is reached first / within the horizon) — see the module doc. */
export function adverseProbabilityAt(s: AdverseSetting, a: number): number {
  const drift = s.side === 'long' ? s.mu : -s.mu;
  if (s.target === undefined) return abmHitProbability(a, drift, s.sigma, s.horizon);
  const b = Math.abs(Math.log(s.target / s.price));
  return abmFirstPassage(a, b, drift, s.sigma, s.horizon).pLowerFirst;
}

/** P(the price reaches `adverse` (below S_0 long, above short) before the target or within the horizon). */
export function adverseProbability(s: AdverseSetting & { readonly adverse: number }): number {
  return adverseProbabilityAt(s, Math.abs(Math.log(s.adverse / s.price)));
}

/**
 * The nearest adverse price whose probability of being reached first is at most `p` (see the
 * module doc), or null when no level qualifies (the level is reached almost surely: no target,
 * no horizon, drift not in the position's favour, or p at or below the limit as a → ∞).
 */
export function adverseLevelForProbability(s: AdverseSetting, p: number): number | null {
  // Bracket: lo always above p (a → 0 gives 1), hi at or below p.
  let lo = 0;
  let hi = 0.05;
  while (adverseProbabilityAt(s, hi) > p) {
    lo = hi;
    hi *= 2;
    if (hi > 700) return null;
  }
  while (hi - lo > 1e-12 * hi) {
    const mid = 0.5 * (lo + hi);
    if (adverseProbabilityAt(s, mid) > p) lo = mid;
    else hi = mid;
  }
  return s.side === 'long' ? s.price * Math.exp(-hi) : s.price * Math.exp(hi);
}
