/**
 * Margin stress test of a portfolio: the Deribit-style scenario grid, fully revalued, with the
 * account's equity, maintenance requirement and liquidation flag in every scenario, the
 * delta-gamma-vega approximation next to each full revaluation, the cross-margin account and the
 * largest adverse moves.
 *
 * Per scenario s (standard table: price move × vol up/same/down per scope; extended table: vol up):
 *   pnl_s = full revaluation (`./grid.ts`), loss_s = −pnl_s, equity_s = NC₀ + pnl_s,
 *   maintenance_s = MMR in the scenario (portfolio margin: the current requirement, held;
 *     standard margin: the per-position requirements at the moved prices),
 *   marginRatio_s = maintenance_s / equity_s (Deribit's "maintenance margin / equity"; above 1 the
 *     account is liquidated; null when equity ≤ 0),
 *   liquidated_s  = equity_s < maintenance_s or equity_s < 0 (`isLiquidatable` of the Risk value,
 *     plus bankruptcy when nothing is required).
 * worstLoss is the largest standard-table loss; `liquidated` says whether any standard-table
 * scenario liquidates the account (the extended table's huge moves are reported, and enter the
 * portfolio-margin IM through their dampened contribution, but do not set the flag).
 *
 * Sources: Deribit "Portfolio Margin" (https://support.deribit.com/hc/en-us/articles/25944756247837);
 * the parameters and their interpretation in `./params.ts`, `./vol-shock.ts`, `./extended.ts`.
 *
 * @example
 * const r = stressPortfolio(JSON.parse(readFileSync('examples/portfolio-btc.json', 'utf8')));
 * r.worstLoss; r.worstScenario.id; r.liquidated; r.maxAdverseMove;
 */
import { parsePortfolio, type Portfolio } from '../portfolio/schema.js';
import { compilePortfolio, type CompiledPortfolio } from '../portfolio/compile.js';
import { crossMarginAccount } from '../portfolio/account.js';
import { aggregateGreeks, type UnderlyingGreeks } from '../portfolio/greeks.js';
import { isInitialCollateralized, isLiquidatable, type Risk } from '../venues/risk.js';
import { stressParams, VOL_SCENARIOS, type StressParams, type VolScenario } from './params.js';
import { revalueGrid, type GridRevaluation } from './grid.js';
import { portfolioMarginRequirement } from './margin.js';
import { extendedContribution } from './extended.js';
import { scopeApprox, scopeExtended, scopeMaintenance, scopeName, scopePnl, scopesOf } from './scopes.js';
import { maxAdverseMoves, type AdverseMove } from './adverse-move.js';
import { assertFiniteGrid } from './finite.js';

/** One revalued scenario (module doc). Amounts in the report currency. */
export interface Scenario {
  readonly id: string;
  readonly table: 'standard' | 'extended';
  readonly scope: string;
  readonly priceMove: number;
  readonly vol: VolScenario;
  readonly pnl: number;
  readonly loss: number;
  readonly equity: number;
  readonly maintenance: number;
  readonly marginRatio: number | null;
  readonly liquidated: boolean;
  /** Delta-gamma-vega approximation of the PnL, and its error (approximation − full revaluation). */
  readonly deltaGammaPnl: number;
  readonly deltaGammaError: number;
  /** Extended table: the loss's margin contribution after weight and dampener; null for the standard table. */
  readonly marginContribution: number | null;
}

/** The cross-margin account now. */
export interface StressAccount {
  readonly style: 'portfolio' | 'standard';
  readonly equity: number;
  readonly initialMargin: number;
  readonly maintenanceMargin: number;
  /** maintenanceMargin / equity (null when equity ≤ 0). */
  readonly marginRatio: number | null;
  readonly initialCollateralized: boolean;
  readonly liquidatable: boolean;
}

/** The grid part of a stress test. */
export interface GridStress {
  readonly currency: string;
  readonly account: StressAccount;
  readonly risk: Risk;
  readonly worstLoss: number;
  readonly worstScenario: Scenario;
  readonly liquidated: boolean;
  readonly scenarios: readonly Scenario[];
  /** Largest |approximation − full revaluation| over the standard table. */
  readonly deltaGammaMaxError: number;
  readonly grid: GridRevaluation;
}

/** Everything `tradesize stress` reports (without Monte Carlo). */
export interface StressResult extends Omit<GridStress, 'grid' | 'risk'> {
  readonly greeks: readonly UnderlyingGreeks[];
  readonly maxAdverseMove: readonly AdverseMove[];
  readonly params: StressParams;
}

const pctLabel = (m: number): string => `${m > 0 ? '+' : ''}${Math.round(m * 10_000) / 100}%`;

function scenario(
  base: { table: 'standard' | 'extended'; scope: string; priceMove: number; vol: VolScenario },
  pnl: number, approx: number, nc0: number, maintenance: number, contribution: number | null,
): Scenario {
  const equity = nc0 + pnl;
  return {
    id: `${base.scope} ${pctLabel(base.priceMove)} vol ${base.vol}${base.table === 'extended' ? ' (extended)' : ''}`,
    ...base,
    pnl,
    loss: -pnl,
    equity,
    maintenance,
    marginRatio: equity > 0 ? maintenance / equity : null,
    liquidated: equity < maintenance || equity < 0,
    deltaGammaPnl: approx,
    deltaGammaError: approx - pnl,
    marginContribution: contribution,
  };
}

/**
 * The account, requirement and every scenario of a compiled portfolio's grid (module doc).
 *
 * @throws TradesizeError NON_FINITE_RESULT when a scenario does not value (`./finite.ts`).
 */
export function gridStress(c: CompiledPortfolio, p: StressParams): GridStress {
  const g = revalueGrid(c, p);
  const pm = c.margin.style === 'portfolio';
  const requirement = pm ? portfolioMarginRequirement(g, c.margin.mmFactor) : undefined;
  const risk = crossMarginAccount(c, requirement);
  const scenarios: Scenario[] = [];
  let worst: Scenario | undefined;
  let liquidated = false;
  let maxError = 0;
  for (const scope of scopesOf(g.underlyings)) {
    const name = scopeName(scope, c.underlyings);
    for (let k = 0; k < g.moves; k++) {
      const mm = pm ? risk.mmr : scopeMaintenance(g, scope, k, false);
      for (let v = 0; v < 3; v++) {
        const s = scenario({ table: 'standard', scope: name, priceMove: p.moves[k] as number, vol: VOL_SCENARIOS[v] as VolScenario }, scopePnl(g, scope, k, v), scopeApprox(g, scope, k, v), risk.nc, mm, null);
        scenarios.push(s);
        if (worst === undefined || s.loss > worst.loss) worst = s;
        liquidated ||= s.liquidated;
        maxError = Math.max(maxError, Math.abs(s.deltaGammaError));
      }
    }
  }
  for (const scope of scopesOf(g.underlyings)) {
    const name = scopeName(scope, c.underlyings);
    for (let e = 0; e < g.extended; e++) {
      const move = p.extendedMoves[e] as number;
      const pnl = scopeExtended(g, scope, e);
      const mm = pm ? risk.mmr : scopeMaintenance(g, scope, e, true);
      scenarios.push(scenario({ table: 'extended', scope: name, priceMove: move, vol: 'up' }, pnl, scopeExtended(g, scope, e, 'extApprox'), risk.nc, mm, extendedContribution(-pnl, move, p)));
    }
  }
  assertFiniteGrid(c, p, [g.pnl, g.approx, g.extPnl, g.extApprox, g.mm, g.extMm, [risk.nc, risk.imr, risk.mmr], scenarios.flatMap((s) => [s.equity, s.maintenance, s.deltaGammaPnl, s.marginContribution ?? 0])], 'stress');
  const w = worst as Scenario;
  const account: StressAccount = {
    style: c.margin.style,
    equity: risk.nc,
    initialMargin: risk.imr,
    maintenanceMargin: risk.mmr,
    marginRatio: risk.nc > 0 ? risk.mmr / risk.nc : null,
    initialCollateralized: isInitialCollateralized(risk),
    liquidatable: isLiquidatable(risk) || risk.nc < 0,
  };
  return { currency: c.currency, account, risk, worstLoss: Math.max(0, w.loss), worstScenario: w, liquidated, scenarios, deltaGammaMaxError: maxError, grid: g };
}

/**
 * Stress test of a portfolio file's content (validated here): grid, account, Greeks per
 * underlying and largest adverse moves (module doc).
 *
 * @throws TradesizeError INVALID_INPUT / CONFLICTING_OPTIONS naming the offending field;
 *   NON_FINITE_RESULT when the book does not value to finite numbers (`./finite.ts`).
 */
export function stressPortfolio(input: unknown): StressResult {
  const portfolio: Portfolio = parsePortfolio(input);
  const c = compilePortfolio(portfolio);
  const p = stressParams(portfolio.stress);
  const g = gridStress(c, p);
  const greeks = aggregateGreeks(c);
  assertFiniteGrid(c, p, [greeks.flatMap((u) => [u.delta, u.gamma, u.vega, u.value])], 'stress');
  return {
    currency: g.currency, account: g.account, worstLoss: g.worstLoss, worstScenario: g.worstScenario, liquidated: g.liquidated,
    scenarios: g.scenarios, deltaGammaMaxError: g.deltaGammaMaxError,
    greeks, maxAdverseMove: maxAdverseMoves(c, g.risk.mmr), params: p,
  };
}
