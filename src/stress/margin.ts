/**
 * The portfolio-margin requirement from the scenario grid (Deribit PM):
 *
 *   IM = max(0, max over scopes, moves and vols of the standard-table loss,
 *               max over scopes and extended moves of the extended contribution)
 *   MM = mm_factor × IM
 *
 * Losses are −PnL of full revaluation (`./grid.ts`); the extended contribution is in
 * `./extended.ts`; scopes in `./scopes.ts`.
 *
 * Sources: Deribit "Portfolio Margin" (worst performing scenario → margin requirements) and the
 * `private/pme/simulate` example parameters (mm_factor 0.8); Paradex "Portfolio margin" (the
 * margin is the largest of the standard losses and the weighted extended losses).
 *
 * @example
 * portfolioMarginRequirement(revalueGrid(c, p), 0.8); // => { imr: 12_400, mmr: 9_920, worstLoss: 12_400, ... }
 */
import { extendedContribution } from './extended.js';
import type { GridRevaluation } from './grid.js';
import { scopeExtended, scopePnl, scopesOf } from './scopes.js';

/** The grid's requirement and where it comes from. */
export interface PortfolioMarginRequirement {
  readonly imr: number;
  readonly mmr: number;
  /** Largest standard-table loss (≥ 0: the no-move, same-vol scenario has loss 0). */
  readonly worstLoss: number;
  /** Largest extended contribution after weight and dampener (≥ 0). */
  readonly extendedContribution: number;
}

/** IM and MM of a portfolio-margin account from its grid (module doc). */
export function portfolioMarginRequirement(g: GridRevaluation, mmFactor: number): PortfolioMarginRequirement {
  let worst = 0;
  let ext = 0;
  for (const scope of scopesOf(g.underlyings)) {
    for (let k = 0; k < g.moves; k++) for (let v = 0; v < 3; v++) worst = Math.max(worst, -scopePnl(g, scope, k, v));
    for (let e = 0; e < g.extended; e++) {
      ext = Math.max(ext, extendedContribution(-scopeExtended(g, scope, e), g.params.extendedMoves[e] as number, g.params));
    }
  }
  const imr = Math.max(worst, ext);
  return { imr, mmr: mmFactor * imr, worstLoss: worst, extendedContribution: ext };
}
