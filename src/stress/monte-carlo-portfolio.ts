/**
 * Monte Carlo stress of a portfolio file: builds the joint daily returns — `student-t`: a
 * multivariate t from the portfolio's vols and `correlations`; `fitted-t`: the same model fitted
 * to aligned history (`./fit-joint.ts`); `bootstrap`: whole dates of that history in moving blocks —
 * takes the maintenance requirement from the grid, and revalues every path (`./monte-carlo.ts`).
 *
 * The model needs each underlying's `vol` (annualised) and uses the `correlations` pairs
 * ("BTC/ETH": 0.85; missing pairs 0); ν defaults to 4 (a typical daily crypto tail). The bootstrap
 * and the fitted model need aligned history for every underlying of the portfolio (`./history.ts`).
 *
 * @throws TradesizeError INVALID_INPUT naming the option or the portfolio field (a missing vol:
 *   ['underlyings', 'SOL', 'vol']; a missing history: ['history', 'SOL']); at `paths` when the
 *   run is above the memory budget {@link MAX_MC_RETURNS} or the work budget {@link MAX_MC_TERMS}.
 * @example
 * monteCarloPortfolio(json, { paths: 10_000, days: 10, seed: 1 }); // model-based, no data needed
 * monteCarloPortfolio(json, { method: 'bootstrap', history: alignedLogReturns(series), blockLength: 5 });
 * monteCarloPortfolio(json, { method: 'fitted-t', history: alignedLogReturns(series) });
 */
import { z } from 'zod';
import { TradesizeError } from '../core/errors.js';
import { parseInput } from '../core/validate.js';
import { compilePortfolio, type CompiledPortfolio } from '../portfolio/compile.js';
import { pathEquityTerms } from './path-equity.js';
import { parsePortfolio, type Portfolio } from '../portfolio/schema.js';
import type { AlignedReturns } from './history.js';
import { bootstrapJointReturns, scalesFromVols, studentTJointReturns } from './joint-returns.js';
import { fitJointStudentT } from './fit-joint.js';
import { alignedColumns } from './history.js';
import { portfolioMarginRequirement } from './margin.js';
import { monteCarloStress, type MonteCarloStress } from './monte-carlo.js';
import { revalueGrid } from './grid.js';
import { stressParams } from './params.js';

export const MonteCarloPortfolioOptions = z
  .object({
    method: z.enum(['student-t', 'fitted-t', 'bootstrap']).default('student-t'),
    paths: z.number().int().min(100).max(1_000_000).default(10_000),
    days: z.number().int().min(1).max(365).default(10),
    seed: z.number().int().refine(Number.isSafeInteger, 'seed must be a safe integer').default(1),
    nu: z.number().gt(2).max(1000).default(4),
    blockLength: z.number().int().min(1).max(365).default(5),
  })
  .strict();
export type MonteCarloPortfolioOptions = z.input<typeof MonteCarloPortfolioOptions> & {
  readonly history?: AlignedReturns;
  /** Called with the fraction of paths done (0, 1]. */
  readonly onProgress?: (fraction: number) => void;
};

/** Memory budget: the joint daily returns held at once, paths × days × underlyings (8 bytes each: 400 MB). */
export const MAX_MC_RETURNS = 50_000_000;
/**
 * Work budget: valuation terms summed, paths × days × (underlyings + options, + positions under
 * standard margin) — `./path-equity.ts` folds the linear book; ≈ 5 minutes on one core at the
 * measured ~7·10⁶ option revaluations per second.
 */
export const MAX_MC_TERMS = 2_000_000_000;

/** The work of one path-day (module doc of `./path-equity.ts`); standard margin re-sums every position's requirement. */
export function monteCarloTermsPerDay(c: CompiledPortfolio): number {
  return pathEquityTerms(c) + (c.margin.style === 'standard' ? c.n : 0);
}

function checkBudgets(c: CompiledPortfolio, paths: number, days: number): void {
  const returns = paths * days * c.underlyings.length;
  if (returns > MAX_MC_RETURNS) {
    throw new TradesizeError('INVALID_INPUT', `monteCarlo: paths × days × underlyings = ${paths} × ${days} × ${c.underlyings.length} is above the memory budget paths × days × underlyings ≤ ${MAX_MC_RETURNS.toLocaleString('en-US')} (400 MB of returns); use fewer paths or days`, ['paths'], { budget: 'memory', limit: MAX_MC_RETURNS, value: returns });
  }
  const terms = paths * days * monteCarloTermsPerDay(c);
  if (terms > MAX_MC_TERMS) {
    throw new TradesizeError('INVALID_INPUT', `monteCarlo: paths × days × valuation terms = ${paths} × ${days} × ${monteCarloTermsPerDay(c)} is above the work budget paths × days × (underlyings + options${c.margin.style === 'standard' ? ' + positions' : ''}) ≤ ${MAX_MC_TERMS.toLocaleString('en-US')}; use fewer paths or days`, ['paths'], { budget: 'work', limit: MAX_MC_TERMS, value: terms });
  }
}

/** Row-major correlation matrix of the portfolio's underlyings (identity + the given pairs). */
export function correlationMatrix(p: Portfolio): Float64Array {
  const names = Object.keys(p.underlyings);
  const U = names.length;
  const m = new Float64Array(U * U);
  for (let u = 0; u < U; u++) m[u * U + u] = 1;
  for (const [pair, rho] of Object.entries(p.correlations ?? {})) {
    const [a, b] = pair.split('/') as [string, string];
    const i = names.indexOf(a);
    const j = names.indexOf(b);
    m[i * U + j] = rho;
    m[j * U + i] = rho;
  }
  return m;
}

/** Monte Carlo stress of a portfolio (module doc). */
export function monteCarloPortfolio(input: unknown, options: MonteCarloPortfolioOptions = {}): MonteCarloStress {
  const { history, onProgress, ...rest } = options;
  const o = parseInput(MonteCarloPortfolioOptions, rest, 'monteCarlo');
  const portfolio = parsePortfolio(input);
  const c = compilePortfolio(portfolio);
  checkBudgets(c, o.paths, o.days);
  const g = revalueGrid(c, stressParams(portfolio.stress));
  const maintenance = c.margin.style === 'portfolio' ? portfolioMarginRequirement(g, c.margin.mmFactor).mmr : 0;
  let returns: Float64Array;
  let nu: number | null = null;
  if (o.method === 'student-t') {
    const vols = c.underlyings.map((u) => {
      const v = portfolio.underlyings[u]?.vol;
      if (v === undefined) throw new TradesizeError('INVALID_INPUT', `monteCarlo: underlying ${u} needs a vol for the Student-t model`, ['underlyings', u, 'vol']);
      return v;
    });
    nu = o.nu;
    returns = studentTJointReturns({ scales: scalesFromVols(vols, o.nu), correlation: correlationMatrix(portfolio), nu, days: o.days, paths: o.paths, seed: o.seed });
  } else {
    if (history === undefined) throw new TradesizeError('MISSING_OPTION', `monteCarlo: ${o.method} needs history (aligned daily returns)`, ['history']);
    const h = alignedColumns(history, c.underlyings);
    if (o.method === 'fitted-t') {
      const fit = fitJointStudentT(h);
      nu = fit.nu;
      returns = studentTJointReturns({ scales: fit.scales, correlation: fit.correlation, nu, days: o.days, paths: o.paths, seed: o.seed });
    } else {
      returns = bootstrapJointReturns({ history: h.returns, underlyings: c.underlyings.length, days: o.days, paths: o.paths, blockLength: o.blockLength, seed: o.seed });
    }
  }
  return monteCarloStress(c, returns, { method: o.method, paths: o.paths, days: o.days, seed: o.seed, maintenance, nu, ...(onProgress === undefined ? {} : { onProgress }) });
}
