/**
 * The one shape of every tier-table venue (Binance USDⓈ-M and COIN-M, Bybit linear and inverse,
 * OKX swaps, Hyperliquid): a {@link VenueModel} whose margins and liquidation are the tier solver
 * of `tiered-liquidation.ts`, parameterised by the venue's documented rules. Each venue module
 * then holds only those rules and the document they are cited from.
 *
 * Source: the formulas are the ones cited in `tiered-liquidation.ts` and the venue modules.
 *
 * @example
 * const venue = tieredVenue({ venue: 'hyperliquid', source: 'https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations',
 *   kinds: ['linear'], valuation: 'mark', feeInMaintenance: false, hedgeMode: false });
 * venue.marginModes; // => ['isolated', 'cross']
 */
import { tieredLiquidation, tieredMargin, type TieredRules } from './tiered-liquidation.js';
import type { MarginMode, VenueModel } from './types.js';

/** A tier venue's rules, the document they come from and its margin modes (default both). */
export interface TieredVenueRules extends TieredRules {
  /** Where the formulas come from (the venue's own document). */
  readonly source: string;
  readonly marginModes?: readonly MarginMode[];
}

/**
 * The frozen venue model of a tier-table venue.
 *
 * @example
 * tieredVenue(rules).liquidation({ instrument, position, marginMode: 'isolated', collateral: 600 }).liquidationPrice;
 */
export function tieredVenue(rules: TieredVenueRules): VenueModel {
  const { source, marginModes = ['isolated', 'cross'], ...tiered } = rules;
  const solverRules: TieredRules = Object.freeze(tiered);
  const model: VenueModel = Object.freeze({
    id: rules.venue,
    source,
    marginModes: Object.freeze([...marginModes]),
    positionMargin: (instrument, position, markPrice, leverage) => tieredMargin(instrument, position, markPrice, leverage, solverRules),
    liquidation: (input) => tieredLiquidation(input, solverRules),
  } satisfies VenueModel);
  RULES.set(model, solverRules);
  return model;
}

const RULES = new WeakMap<VenueModel, TieredRules>();

/**
 * The tier rules behind a model made by {@link tieredVenue} (for kernels that repeat its
 * arithmetic on packed tables); undefined for any other venue model.
 *
 * @example
 * tieredRulesOf(binanceUsdm)?.valuation; // => 'mark'
 * tieredRulesOf(dydx);                   // => undefined
 */
export function tieredRulesOf(model: VenueModel): TieredRules | undefined {
  return RULES.get(model);
}
