/**
 * The composable risk value of dYdX v4's `margin.Risk`: initial requirement (IMR), maintenance
 * requirement (MMR) and net collateral (NC), for one position or a whole account. It is a
 * monoid: account risk is the sum over positions starting from {@link ZERO_RISK}.
 *
 * Source: dydxprotocol/v4-chain, `protocol/lib/margin/risk.go` (IsInitialCollateralized:
 * NC ≥ IMR; IsLiquidatable: MMR > 0 and NC < MMR).
 *
 * @example
 * const account = [riskOf(a), riskOf(b)].reduce(addRisk, ZERO_RISK);
 * isLiquidatable(account); // => false while NC ≥ MMR
 */

/** Initial requirement, maintenance requirement and net collateral, in one currency. */
export interface Risk {
  readonly imr: number;
  readonly mmr: number;
  readonly nc: number;
}

export const ZERO_RISK: Risk = Object.freeze({ imr: 0, mmr: 0, nc: 0 });

/** The sum of two risks (component-wise). */
export function addRisk(a: Risk, b: Risk): Risk {
  return { imr: a.imr + b.imr, mmr: a.mmr + b.mmr, nc: a.nc + b.nc };
}

/** NC ≥ IMR: the account may open or increase positions. */
export function isInitialCollateralized(r: Risk): boolean {
  return r.nc >= r.imr;
}

/** NC ≥ MMR: the account is not liquidatable. */
export function isMaintenanceCollateralized(r: Risk): boolean {
  return r.nc >= r.mmr;
}

/** MMR > 0 and NC < MMR (zero MMR is never liquidatable; NC = MMR is not). */
export function isLiquidatable(r: Risk): boolean {
  return r.mmr > 0 && r.nc < r.mmr;
}
