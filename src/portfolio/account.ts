/**
 * The cross-margin account of a portfolio as the {IMR, MMR, NC} risk value of `../venues/risk.ts`
 * (dYdX v4's `margin.Risk` monoid): one risk per position, folded with `addRisk` from the
 * collateral's risk {0, 0, cash + Σ coin × spot}.
 *
 *   NC_i = the position's equity contribution (`./valuation.ts`)
 *   standard margin:  IMR_i = imRate_i × N_i,  MMR_i = mmRate_i × N_i, with the requirement notional
 *     N_i = |q|·F (linear perpetual/future), |q|·s/F = |q|/f (inverse: |q| USD of contracts valued
 *     in coin at F, converted at s), |q|·s for a short option, 0 for a long option (premium paid);
 *     or, for a perpetual/future with `venue` and `symbol`, the venue model's tiered initial and
 *     maintenance margin at the mark F (`VenueModel.positionMargin`, `../venues/*.ts`), converted
 *     at s when the instrument is inverse (margin in coin).
 *   portfolio margin (Deribit PM): IMR = the grid's margin (worst loss, extended table included,
 *     `../stress/margin.ts`), MMR = mm_factor × IMR — not a per-position sum, so the fold gives
 *     NC and the requirements replace its (zero) IMR/MMR.
 *
 * Liquidatable when NC < MMR (Risk.IsLiquidatable); may open positions when NC ≥ IMR.
 *
 * Sources: dydxprotocol/v4-chain `protocol/lib/margin/risk.go`; Deribit "Margin types and usage"
 * (https://support.deribit.com/hc/en-us/articles/25944811317149: standard margin sums
 * per-position requirements, portfolio margin takes the worst scenario) and "Portfolio Margin"
 * (MM = mm_factor × IM, mm_factor 0.8 in the `private/pme/simulate` example parameters).
 *
 * @example
 * crossMarginAccount(compilePortfolio(p), { imr: 5_000, mmr: 4_000 }); // PM: => { imr: 5000, mmr: 4000, nc: ... }
 */
import { TradesizeError } from '../core/errors.js';
import { addRisk, type Risk } from '../venues/risk.js';
import { INVERSE_LINEAR, LINEAR, type CompiledPortfolio } from './compile.js';
import { positionValue } from './valuation.js';

/** The notional a standard-margin rate applies to, for position i at underlying price s (module doc). */
export function requirementNotional(c: CompiledPortfolio, i: number, s: number): number {
  const code = c.code[i] as number;
  const q = c.qty[i] as number;
  if (code === LINEAR) return Math.abs(q) * (c.fwd[i] as number) * s;
  if (code === INVERSE_LINEAR) return Math.abs(q) / (c.fwd[i] as number);
  return q < 0 ? -q * s : 0;
}

function venueMargin(c: CompiledPortfolio, i: number, s: number): { initialMargin: number; maintenanceMargin: number } {
  const v = c.venue[i] as NonNullable<CompiledPortfolio['venue'][number]>;
  const mark = (c.fwd[i] as number) * s;
  const pm = v.model.positionMargin(v.instrument, { ...v.position, markPrice: mark }, mark, v.leverage);
  const toReport = v.instrument.kind === 'inverse' ? s : 1;
  return { initialMargin: pm.initialMargin * toReport, maintenanceMargin: pm.maintenanceMargin * toReport };
}

/** Standard-margin maintenance requirement of position i at underlying price s (module doc). */
export function maintenanceAt(c: CompiledPortfolio, i: number, s: number): number {
  if ((c.venue[i] ?? null) !== null) return venueMargin(c, i, s).maintenanceMargin;
  return (c.mmRate[i] as number) * requirementNotional(c, i, s);
}

/** Standard-margin initial requirement of position i at underlying price s (module doc). */
export function initialAt(c: CompiledPortfolio, i: number, s: number): number {
  if ((c.venue[i] ?? null) !== null) return venueMargin(c, i, s).initialMargin;
  return (c.imRate[i] as number) * requirementNotional(c, i, s);
}

/** Risk of position i at underlying price s (NC = its equity contribution; standard-margin IMR/MMR). */
export function positionRiskAt(c: CompiledPortfolio, i: number, s: number): Risk {
  const standard = c.margin.style === 'standard';
  return { imr: standard ? initialAt(c, i, s) : 0, mmr: standard ? maintenanceAt(c, i, s) : 0, nc: positionValue(c, i, s, c.vol[i] as number, 0) };
}

/**
 * The account's risk at the current prices (module doc). `portfolioRequirement` (the grid's IMR
 * and MMR) is required for portfolio-margin accounts and ignored for standard ones.
 */
export function crossMarginAccount(c: CompiledPortfolio, portfolioRequirement?: { readonly imr: number; readonly mmr: number }): Risk {
  let nc = c.cash;
  for (let u = 0; u < c.underlyings.length; u++) nc += (c.coin[u] as number) * (c.spot[u] as number);
  let risk: Risk = { imr: 0, mmr: 0, nc };
  for (let i = 0; i < c.n; i++) risk = addRisk(risk, positionRiskAt(c, i, c.spot[c.under[i] as number] as number));
  if (c.margin.style === 'standard') return risk;
  if (portfolioRequirement === undefined) {
    throw new TradesizeError('MISSING_OPTION', 'crossMarginAccount: a portfolio-margin account needs the grid requirement (see stressPortfolio)', ['portfolioRequirement']);
  }
  return { imr: portfolioRequirement.imr, mmr: portfolioRequirement.mmr, nc: risk.nc };
}
