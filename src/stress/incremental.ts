/**
 * The grid of a portfolio plus q units of a new position or structure, without revaluing the book
 * for every q. Every scenario's PnL and every standard-margin requirement is a sum over positions
 * of terms proportional to each position's quantity, so for q ≥ 0 (the legs' signs fixed)
 *
 *   pnl_s(q) = pnl_s(book) + q·pnl_s(unit),   MMR_s(q) = MMR_s(book) + q·MMR_s(unit)   (standard margin)
 *   portfolio margin: MMR(q) = mm_factor × max(0, max_s −pnl_s(q), max_e contribution_e(q))
 *   equity_s(q) = NC₀ + pnl_s(q)   (a new position opens at the current mark: NC₀ is unchanged —
 *                                   a premium paid in cash is matched by the option's value; fees ignored)
 *
 * and the account survives the grid at q when equity_s(q) ≥ MMR_s(q) and equity_s(q) ≥ 0 in every
 * standard-table scenario s (all scopes, `./scopes.ts`). Each side of every inequality is linear in
 * q, except the portfolio-margin MMR(q), a maximum of linear functions and so convex: the surplus
 * equity_s(q) − MMR(q) is concave, and the set of surviving q ≥ 0 is an interval [0, q*] — which
 * makes bisection exact up to floating point. O(scenarios) per q.
 *
 * @example
 * const b = incrementalGrid(book, unit, params);
 * b.survives(0); b.survives(2.5); b.breach(3); // => the first scenario that breaks at q = 3
 */
import type { CompiledPortfolio } from '../portfolio/compile.js';
import { crossMarginAccount } from '../portfolio/account.js';
import { extendedContribution } from './extended.js';
import { revalueGrid } from './grid.js';
import type { StressParams } from './params.js';
import { VOL_SCENARIOS } from './params.js';
import { scopeExtended, scopeMaintenance, scopeName, scopePnl, scopesOf } from './scopes.js';
import { portfolioMarginRequirement } from './margin.js';
import { assertFiniteGrid } from './finite.js';

/** The book's and the unit's scenario vectors and the survival test (module doc). */
export interface IncrementalGrid {
  /** Number of standard-table scenarios tested. */
  readonly scenarios: number;
  /** True when the account stays above maintenance (and solvent) in every standard scenario at q ≥ 0. */
  survives(q: number): boolean;
  /** The first scenario (id) that breaks at q, or null when none does. */
  breach(q: number): string | null;
}

/**
 * Builds the scenario vectors of `book` and of one `unit` of the new position (compiled against
 * the same underlyings, with no collateral of its own) — see the module doc.
 *
 * @throws TradesizeError NON_FINITE_RESULT when the book or the unit does not value to finite
 *   numbers (`./finite.ts`): a constraint that cannot evaluate refuses instead of passing.
 */
export function incrementalGrid(book: CompiledPortfolio, unit: CompiledPortfolio, p: StressParams): IncrementalGrid {
  const gb = revalueGrid(book, p);
  const gu = revalueGrid(unit, p);
  const pm = book.margin.style === 'portfolio';
  const scopes = scopesOf(gb.underlyings);
  const S = scopes.length * gb.moves * 3;
  const bp = new Float64Array(S);
  const up = new Float64Array(S);
  const bm = new Float64Array(S);
  const um = new Float64Array(S);
  const ids: string[] = [];
  let j = 0;
  for (const scope of scopes) {
    for (let k = 0; k < gb.moves; k++) {
      for (let v = 0; v < 3; v++, j++) {
        bp[j] = scopePnl(gb, scope, k, v);
        up[j] = scopePnl(gu, scope, k, v);
        if (!pm) {
          bm[j] = scopeMaintenance(gb, scope, k, false);
          um[j] = scopeMaintenance(gu, scope, k, false);
        }
        ids.push(`${scopeName(scope, book.underlyings)} ${Math.round((p.moves[k] as number) * 10_000) / 100}% vol ${VOL_SCENARIOS[v] as string}`);
      }
    }
  }
  const SE = scopes.length * gb.extended;
  const be = new Float64Array(SE);
  const ue = new Float64Array(SE);
  const moveOf = new Float64Array(SE);
  j = 0;
  for (const scope of scopes) {
    for (let e = 0; e < gb.extended; e++, j++) {
      be[j] = scopeExtended(gb, scope, e);
      ue[j] = scopeExtended(gu, scope, e);
      moveOf[j] = p.extendedMoves[e] as number;
    }
  }
  const nc0 = crossMarginAccount(book, pm ? portfolioMarginRequirement(gb, book.margin.mmFactor) : undefined).nc;
  assertFiniteGrid(book, p, [bp, bm, be, [nc0]], 'stressConstraint (the book)');
  assertFiniteGrid(unit, p, [up, um, ue], 'stressConstraint (the new position)', 'legs');
  const mmFactor = book.margin.style === 'portfolio' ? book.margin.mmFactor : 0;

  const heldMaintenance = (q: number): number => {
    let im = 0;
    for (let s = 0; s < S; s++) im = Math.max(im, -((bp[s] as number) + q * (up[s] as number)));
    for (let s = 0; s < SE; s++) im = Math.max(im, extendedContribution(-((be[s] as number) + q * (ue[s] as number)), moveOf[s] as number, p));
    return mmFactor * im;
  };
  const firstBreach = (q: number): number => {
    const held = pm ? heldMaintenance(q) : 0;
    for (let s = 0; s < S; s++) {
      const equity = nc0 + (bp[s] as number) + q * (up[s] as number);
      const mm = pm ? held : (bm[s] as number) + q * (um[s] as number);
      // written so that a NaN breaks: a scenario that cannot be evaluated never passes
      if (!(equity >= mm && equity >= 0)) return s;
    }
    return -1;
  };
  return {
    scenarios: S,
    survives: (q) => firstBreach(q) < 0,
    breach: (q) => {
      const s = firstBreach(q);
      return s < 0 ? null : (ids[s] as string);
    },
  };
}
