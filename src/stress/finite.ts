/**
 * The stress engine's refusal of a book it cannot value: a spot of 1e308 or 5e-324, collateral of
 * 1e308 or a quantity that overflows makes some scenario's equity, PnL or requirement NaN or
 * ±Infinity, and every comparison with NaN is false — a NaN scenario would neither breach nor
 * count as a loss, so a book that cannot be valued would pass. Such a grid raises
 * NON_FINITE_RESULT naming the first input that does not value (a collateral entry, a position,
 * or an underlying's spot), instead of a report or a size.
 *
 * The culprit search re-values each input alone at the grid's price moves (the same formulas as
 * `./grid.ts`); it runs only after a non-finite number was found.
 *
 * @example
 * assertFiniteGrid(c, p, [nc0, ...g.pnl], 'stress'); // throws TradesizeError NON_FINITE_RESULT at ['positions', 3]
 */
import { TradesizeError, type FieldPath } from '../core/errors.js';
import type { CompiledPortfolio } from '../portfolio/compile.js';
import { maintenanceAt } from '../portfolio/account.js';
import { positionValue } from '../portfolio/valuation.js';
import type { StressParams } from './params.js';

/** True when every number in every array is finite. */
export function allFinite(...arrays: readonly ArrayLike<number>[]): boolean {
  for (const a of arrays) for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i] as number)) return false;
  return true;
}

/** The first input of `c` whose value or requirement is not finite at some grid move (module doc). */
function culprit(c: CompiledPortfolio, p: StressParams): { path: FieldPath; what: string } {
  const moves = [0, ...p.moves, ...p.extendedMoves];
  if (!Number.isFinite(c.cash)) return { path: ['account', 'collateral', c.currency], what: `collateral ${c.currency}` };
  for (let u = 0; u < c.underlyings.length; u++) {
    const name = c.underlyings[u] as string;
    if (moves.some((m) => !Number.isFinite((c.coin[u] as number) * (c.spot[u] as number) * (1 + m)))) return { path: ['account', 'collateral', name], what: `collateral ${name}` };
  }
  for (let i = 0; i < c.n; i++) {
    const s0 = c.spot[c.under[i] as number] as number;
    const bad = moves.some((m) => {
      const s = s0 * (1 + m);
      return !Number.isFinite(positionValue(c, i, s, c.vol[i] as number, 0)) || (c.margin.style === 'standard' && !Number.isFinite(maintenanceAt(c, i, s)));
    });
    if (bad) return { path: ['positions', i], what: `positions[${i}]` };
  }
  return { path: ['underlyings'], what: 'the sum over positions' };
}

/**
 * Throws NON_FINITE_RESULT unless every number of `values` is finite (module doc).
 *
 * @param where - the caller, prefixed to the message ('stress', 'stressConstraint')
 * @param positions - the name of `c`'s positions in the caller's input ('legs' for a new structure)
 */
export function assertFiniteGrid(c: CompiledPortfolio, p: StressParams, values: readonly ArrayLike<number>[], where: string, positions = 'positions'): void {
  if (allFinite(...values)) return;
  const found = culprit(c, p);
  const path = found.path[0] === 'positions' ? [positions, ...found.path.slice(1)] : found.path;
  const what = found.what.replace(/^positions/, positions);
  throw new TradesizeError(
    'NON_FINITE_RESULT',
    `${where}: the portfolio does not value to a finite number in the stress grid (${what}); spot, quantity or collateral is out of range, so no scenario can be checked`,
    path,
    { input: true }, // the path names the input at fault, not an output field
  );
}
