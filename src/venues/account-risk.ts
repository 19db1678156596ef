/**
 * The {IMR, MMR, NC} risk value (see `risk.ts`) of a position on any venue, and of a whole
 * cross-margin account as the sum over its positions — the dYdX v4 fold
 * `risk = ZeroRisk(); for each position: risk.AddInPlace(r)` applied to every venue model.
 *
 *   IMR = the venue's initial margin at the mark,  MMR = the venue's maintenance margin at the mark,
 *   NC  = collateral + Σ unrealised PnL at the marks (linear: s·c·q·(P − EP); inverse: s·c·q·(1/EP − 1/P)).
 *
 * The account is liquidatable when NC < MMR (Risk.IsLiquidatable), which for one cross position
 * happens exactly past the venue's liquidation price.
 *
 * Source: dydxprotocol/v4-chain `protocol/x/subaccounts/lib/updates.go` (GetRiskForSubaccount)
 * and `protocol/lib/margin/risk.go`; PnL conventions as in `../core/contract.ts`.
 *
 * @example
 * accountRisk(binanceUsdm, 10_000, [{ instrument: BTCUSDT, position: { symbol: 'BTCUSDT', side: 'long', quantity: 1, entryPrice: 65_000, markPrice: 60_000 } }]);
 * // => { imr: 600, mmr: 250, nc: 5_000 }  (IM at the bracket's 100×, MM 60,000 × 0.5 % − 50)
 */
import { unitPriceLoss } from '../core/contract.js';
import { addRisk, type Risk } from './risk.js';
import type { Instrument, Position, VenueModel } from './types.js';

/** One leg of an account: the instrument, the position and (optionally) its leverage setting. */
export interface AccountLeg {
  readonly instrument: Instrument;
  readonly position: Position;
  readonly leverage?: number;
}

/** Unrealised PnL of a position at its mark (entry when no mark), in the settlement currency. */
export function unrealizedPnl(instrument: Instrument, position: Position): number {
  const mark = position.markPrice ?? position.entryPrice;
  const terms = { kind: instrument.kind, size: instrument.contractSize };
  const loss = position.quantity * unitPriceLoss(terms, position.side, position.entryPrice, mark);
  return loss === 0 ? 0 : -loss;
}

/** Risk of one position with no collateral of its own: IMR and MMR at the mark, NC = its uPnL. */
export function positionRisk(model: VenueModel, leg: AccountLeg): Risk {
  const mark = leg.position.markPrice ?? leg.position.entryPrice;
  const pm = model.positionMargin(leg.instrument, leg.position, mark, leg.leverage);
  return { imr: pm.initialMargin, mmr: pm.maintenanceMargin, nc: unrealizedPnl(leg.instrument, leg.position) };
}

/** Risk of a cross-margin account: the collateral plus the sum of its positions' risks. */
export function accountRisk(model: VenueModel, collateral: number, legs: readonly AccountLeg[]): Risk {
  return legs.reduce((acc, leg) => addRisk(acc, positionRisk(model, leg)), { imr: 0, mmr: 0, nc: collateral });
}
