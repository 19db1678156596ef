/**
 * The largest adverse move the account takes before a margin call: for each underlying alone and
 * for all jointly (`./scopes.ts`), down and up, the largest x such that the account stays
 * maintenance-collateralised, NC(x) ≥ MMR(x), for every move in [0, x] at unchanged vols.
 *
 *   NC(x)  = NC₀ + Σ_{i ∈ scope} [value_i(s_u(1 ± x)) − value_i(s_u)] + Σ coin_u·s_u·(±x)
 *   MMR(x) = standard margin: the per-position requirements at the moved prices;
 *            portfolio margin: the current grid requirement, held (an interpretation — the venue
 *            would recompute its grid around the moved book).
 *
 * Search: a scan of 64 equal steps up to the cap (down 99 %, up 1,000 %) finds the first step where
 * NC < MMR; 60 bisection steps then bracket the crossing, and the safe end is returned. null means
 * no margin call within the cap. 0 means the account is already below maintenance. A move at which
 * the account no longer values (a price that overflows) counts as a margin call: it is never
 * reported as safe. A breach
 * narrower than one scan step (cap/64) can be missed; the scenario grid (`./grid.ts`) is the
 * exact check at its own points.
 *
 * @example
 * maxAdverseMoves(c, 4_000); // => [{ scope: 'BTC', down: 0.2301, up: null }]
 */
import type { CompiledPortfolio } from '../portfolio/compile.js';
import { maintenanceAt } from '../portfolio/account.js';
import { positionValue } from '../portfolio/valuation.js';
import { JOINT, scopeName, scopesOf } from './scopes.js';

/** The largest safe fractional moves of one scope (null: none within the cap). */
export interface AdverseMove {
  readonly scope: string;
  /** Largest fall, as a fraction (0.25 = the price may fall 25 %). */
  readonly down: number | null;
  /** Largest rise, as a fraction. */
  readonly up: number | null;
}

export const ADVERSE_MOVE_CAPS = { down: 0.99, up: 10 } as const;
const SCAN_STEPS = 64;
const BISECTIONS = 60;

/**
 * Largest adverse moves per scope (module doc). `heldMaintenance` is the portfolio-margin MMR,
 * ignored for standard-margin accounts.
 */
export function maxAdverseMoves(c: CompiledPortfolio, heldMaintenance: number): AdverseMove[] {
  const standard = c.margin.style === 'standard';
  const value0 = new Float64Array(c.n);
  const mm0 = new Float64Array(c.n);
  let nc0 = c.cash;
  let mmTotal0 = 0;
  for (let u = 0; u < c.underlyings.length; u++) nc0 += (c.coin[u] as number) * (c.spot[u] as number);
  for (let i = 0; i < c.n; i++) {
    const s = c.spot[c.under[i] as number] as number;
    value0[i] = positionValue(c, i, s, c.vol[i] as number, 0);
    nc0 += value0[i] as number;
    if (standard) {
      mm0[i] = maintenanceAt(c, i, s);
      mmTotal0 += mm0[i] as number;
    }
  }
  // The positions each scope moves: a scope's surplus revalues only those (the others keep their
  // value and requirement), so the search costs O(positions) per scope in total, not O(U·positions).
  const all = Int32Array.from({ length: c.n }, (_, i) => i);
  const members = c.underlyings.map((_, u) => all.filter((i) => c.under[i] === u));
  const surplus = (scope: number, x: number): number => {
    let nc = nc0;
    let mmr = standard ? mmTotal0 : heldMaintenance;
    for (let u = 0; u < c.underlyings.length; u++) if (scope === JOINT || scope === u) nc += (c.coin[u] as number) * (c.spot[u] as number) * x;
    const moved = scope === JOINT ? all : (members[scope] as Int32Array);
    for (let j = 0; j < moved.length; j++) {
      const i = moved[j] as number;
      const s = (c.spot[c.under[i] as number] as number) * (1 + x);
      nc += positionValue(c, i, s, c.vol[i] as number, 0) - (value0[i] as number);
      if (standard) mmr += maintenanceAt(c, i, s) - (mm0[i] as number);
    }
    return nc - mmr;
  };
  const largest = (scope: number, sign: 1 | -1, cap: number): number | null => {
    if (!(surplus(scope, 0) >= 0)) return 0;
    let safe = 0;
    for (let j = 1; j <= SCAN_STEPS; j++) {
      const x = (cap * j) / SCAN_STEPS;
      if (!(surplus(scope, sign * x) >= 0)) {
        let hi = x;
        for (let b = 0; b < BISECTIONS; b++) {
          const mid = 0.5 * (safe + hi);
          if (!(surplus(scope, sign * mid) >= 0)) hi = mid;
          else safe = mid;
        }
        return safe;
      }
      safe = x;
    }
    return null;
  };
  return scopesOf(c.underlyings.length).map((scope) => ({
    scope: scopeName(scope, c.underlyings),
    down: largest(scope, -1, ADVERSE_MOVE_CAPS.down),
    up: largest(scope, 1, ADVERSE_MOVE_CAPS.up),
  }));
}
