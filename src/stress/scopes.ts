/**
 * Which underlyings move together in a scenario. With U underlyings the grid is run for every
 * underlying alone (the others unchanged) and, when U > 1, jointly (every underlying moves by the
 * same percentage with the same vol scenario) — the joint scope captures a diversified book's
 * common crash, the single scopes a leg that moves against a hedge on another underlying. Opposite
 * joint moves (one up, another down) are not in the grid; the Monte Carlo stress
 * (`./monte-carlo.ts`) covers them with correlated draws.
 *
 * Scope −1 is joint; scope u ≥ 0 is underlying u alone.
 *
 * @example
 * scopesOf(3); // => [-1, 0, 1, 2]
 */
import type { GridRevaluation } from './grid.js';

export const JOINT = -1;

/** The scopes of a grid over U underlyings (module doc). */
export function scopesOf(U: number): number[] {
  const alone = Array.from({ length: U }, (_, u) => u);
  return U > 1 ? [JOINT, ...alone] : alone;
}

/** Name of a scope: 'joint' or the underlying. */
export function scopeName(scope: number, underlyings: readonly string[]): string {
  return scope === JOINT ? 'joint' : (underlyings[scope] as string);
}

/** Standard-table PnL of a scope at move k, vol v (0 up, 1 same, 2 down). */
export function scopePnl(g: GridRevaluation, scope: number, k: number, v: number): number {
  if (scope !== JOINT) return g.pnl[(scope * g.moves + k) * 3 + v] as number;
  let s = 0;
  for (let u = 0; u < g.underlyings; u++) s += g.pnl[(u * g.moves + k) * 3 + v] as number;
  return s;
}

/** Delta-gamma-vega approximation of {@link scopePnl}. */
export function scopeApprox(g: GridRevaluation, scope: number, k: number, v: number): number {
  if (scope !== JOINT) return g.approx[(scope * g.moves + k) * 3 + v] as number;
  let s = 0;
  for (let u = 0; u < g.underlyings; u++) s += g.approx[(u * g.moves + k) * 3 + v] as number;
  return s;
}

/** Extended-table PnL (vol up) of a scope at extended move e, and its approximation. */
export function scopeExtended(g: GridRevaluation, scope: number, e: number, field: 'extPnl' | 'extApprox' = 'extPnl'): number {
  const a = g[field];
  if (scope !== JOINT) return a[scope * g.extended + e] as number;
  let s = 0;
  for (let u = 0; u < g.underlyings; u++) s += a[u * g.extended + e] as number;
  return s;
}

/** Standard-margin maintenance requirement in a scope's scenario: moved underlyings at their move, the others at no move. */
export function scopeMaintenance(g: GridRevaluation, scope: number, k: number, extended: boolean): number {
  const moved = extended ? g.extMm : g.mm;
  const width = extended ? g.extended : g.moves;
  let s = 0;
  for (let u = 0; u < g.underlyings; u++) s += scope === JOINT || scope === u ? (moved[u * width + k] as number) : (g.mm0[u] as number);
  return s;
}
