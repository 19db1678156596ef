/**
 * The `stress` sizing constraint: the largest quantity of a new position or structure (a
 * perpetual, a future, an option, or several legs) such that the portfolio, with it added, stays
 * above maintenance in every scenario of the stress grid: equity_s ≥ MMR_s and equity_s ≥ 0 for
 * every standard-table scenario s (`../../stress/incremental.ts`).
 *
 * `legs` describe one contract of the request, as portfolio positions (docs/PORTFOLIO.md) in the
 * direction of a long: a `side: 'short'` request negates them. Perpetual and future legs without
 * `entryPrice` open at the current mark (spot × the forward ratio). The surviving quantities form an
 * interval [0, q*] (the incremental grid's surplus is concave in q), found by doubling then 200
 * bisection steps; the limit is the safe end, and `allows` re-checks any quantity exactly on the
 * same scenario vectors, so lot rounding in `sizePosition` never lets a breaking size through.
 * The request's entry and stop do not enter: the constraint is about the book, not the trade's stop.
 * Legs take the account's margin rates (or their own imRate/mmRate), not venue tiers, so that their
 * requirement stays linear in q (the book's own positions may use venue tiers).
 *
 * SOURCE: issue #5 §4; the grid in `../../stress/grid.ts`.
 *
 * @throws TradesizeError INVALID_INPUT (from the factory) for a bad portfolio or leg, naming it
 *   (`legs[0].strike`).
 * @example
 * sizePosition({ equity: 50_000, entry: 65_000, stop: 60_000, risk: 0.05, maxLeverage: 10 },
 *   { constraints: [stressConstraint({ portfolio, legs: [{ kind: 'perpetual', underlying: 'BTC', quantity: 1 }] })] });
 * // => constraints: [..., { name: 'stress', maxQuantity: 3.41, explanation: 'stays above maintenance in all 27 grid scenarios ...' }]
 */
import { TradesizeError } from '../../core/errors.js';
import { fmt } from '../../core/format.js';
import { compilePortfolio, yearsToExpiry } from '../../portfolio/compile.js';
import { parsePortfolio, type Portfolio, type PositionInput, type PositionSpec, type StressParamsInput } from '../../portfolio/schema.js';
import { incrementalGrid, type IncrementalGrid } from '../../stress/incremental.js';
import { stressParams } from '../../stress/params.js';
import type { Side } from '../../core/contract.js';
import { ConstraintLimit, type SizingConstraint } from './types.js';

/** A leg of the new structure; perpetual and future legs may omit `entryPrice` (the current mark). */
type WithoutEntry<T> = T extends unknown ? Omit<T, 'entryPrice'> & { entryPrice?: number } : never;
export type StressLegInput = WithoutEntry<Extract<PositionInput, { kind: 'perpetual' | 'future' }>> | Extract<PositionInput, { kind: 'option' }>;

/** Options of {@link stressConstraint}. */
export interface StressConstraintOptions {
  /** The existing portfolio (file content or parsed). */
  readonly portfolio: unknown;
  /** One contract of the new position, in the direction of a long (module doc). */
  readonly legs: readonly StressLegInput[];
  /** Grid parameter overrides (default: the portfolio's `stress`, then Deribit's). */
  readonly params?: StressParamsInput;
}

const MAX_QUANTITY = 1e12;
const BISECTIONS = 200;

function withEntry(p: Portfolio, leg: StressLegInput, i: number): unknown {
  const raw = leg as Record<string, unknown>;
  const u = typeof raw.underlying === 'string' && Object.hasOwn(p.underlyings, raw.underlying) ? p.underlyings[raw.underlying] : undefined;
  if (u === undefined) throw new TradesizeError('INVALID_INPUT', `stressConstraint: legs[${i}].underlying is not an underlying of the portfolio`, ['legs', i, 'underlying']);
  if (leg.kind === 'option' || leg.entryPrice !== undefined) return leg;
  const mark = leg.markPrice ?? (leg.kind === 'future' && typeof raw.expiry === 'string' ? u.spot * Math.exp((u.rate - u.div) * yearsToExpiry(p.asOf, raw.expiry)) : u.spot);
  return { ...leg, entryPrice: mark };
}

/** The legs as a portfolio of their own (no collateral), validated like the book's positions. */
function unitPortfolio(p: Portfolio, legs: readonly StressLegInput[]): Portfolio {
  if (legs.length === 0) throw new TradesizeError('INVALID_INPUT', 'stressConstraint: legs must hold at least one position', ['legs']);
  const positions = legs.map((leg, i) => withEntry(p, leg, i));
  legs.forEach((leg, i) => {
    if ((leg as { venue?: unknown }).venue !== undefined) {
      throw new TradesizeError('INVALID_INPUT', `stressConstraint: legs[${i}] takes the account's margin rates; venue tiers are not linear in the size`, ['legs', i, 'venue']);
    }
  });
  try {
    return parsePortfolio({ ...p, account: { ...p.account, collateral: {} }, positions });
  } catch (e) {
    if (e instanceof TradesizeError && e.path[0] === 'positions') {
      throw new TradesizeError(e.code, e.message.replace(/positions\[(\d+)\]|positions\.(\d+)/g, (_m, a, b) => `legs[${String(a ?? b)}]`), ['legs', ...e.path.slice(1)]);
    }
    throw e;
  }
}

function negate(p: Portfolio): Portfolio {
  return { ...p, positions: p.positions.map((leg: PositionSpec) => ({ ...leg, quantity: -leg.quantity })) };
}

/** Largest q in [0, MAX_QUANTITY] with `survives(q)` (an interval from 0; module doc). */
function largestSurviving(g: IncrementalGrid): number {
  if (!g.survives(0)) return 0;
  let lo = 0;
  let hi = 1;
  while (g.survives(hi)) {
    lo = hi;
    if (hi >= MAX_QUANTITY) return MAX_QUANTITY;
    hi *= 2;
  }
  for (let b = 0; b < BISECTIONS && hi - lo > 0; b++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (g.survives(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The `stress` sizing constraint (module doc).
 */
export function stressConstraint(o: StressConstraintOptions): SizingConstraint {
  const portfolio = parsePortfolio(o.portfolio);
  const unitLong = unitPortfolio(portfolio, o.legs);
  const params = stressParams(o.params ?? portfolio.stress);
  const book = compilePortfolio(portfolio);
  const grids = new Map<Side, { grid: IncrementalGrid; max: number }>();
  const forSide = (side: Side) => {
    let e = grids.get(side);
    if (e === undefined) {
      const unit = compilePortfolio(side === 'long' ? unitLong : negate(unitLong));
      const grid = incrementalGrid(book, unit, params);
      e = { grid, max: largestSurviving(grid) };
      grids.set(side, e);
    }
    return e;
  };
  return {
    name: 'stress',
    limit(ctx) {
      const { grid, max } = forSide(ctx.side);
      return new ConstraintLimit('stress', max, () => {
        if (max === 0) return `the portfolio already breaks maintenance in ${grid.breach(0) ?? 'a grid scenario'} → at most 0`;
        const next = grid.breach(max * (1 + 1e-9) + Number.MIN_VALUE);
        return `portfolio + q × new position stays above maintenance in all ${grid.scenarios} grid scenarios up to q = ${fmt(max)}; more breaks ${next ?? 'none within the cap'} → at most ${fmt(max)}`;
      });
    },
    allows(ctx, quantity) {
      return forSide(ctx.side).grid.survives(quantity);
    },
  };
}
