/**
 * The backtest's liquidation rule of a bundled venue instrument (`margin.ts` packs it for the
 * bar loop): every venue of `venues/registry.ts`, linear and inverse contracts.
 *
 *   binance-usdm, binance-coinm, okx-swap, hyperliquid: the tier table, mark valuation (OKX
 *     tiers by contracts, its taker fee added to the rate);
 *   bybit-linear, bybit-inverse: the tier table on the value at the average entry;
 *   dydx: one flat rate, MMF = IMF_base × MF of the liquidity tier (`dydxMaintenanceFraction`;
 *     the open-interest scaling raises only the initial fraction, never the maintenance one);
 *   deribit: the size-dependent rate m₀ + m₁·v of standard margin (`deribitParams`), v in coin.
 *
 * An inverse contract (kind 'inverse') sets `inverse`: the backtest then keeps the equity in the
 * coin (`coin-space.ts`). Tier tables whose max leverage is not stated (Binance COIN-M: +∞) are
 * fine: the bar loop uses only caps, rates and amounts.
 *
 * Sources: the venue modules cited in `margin.ts` (`venues/dydx.ts`: dydxprotocol/v4-chain
 * liquidity_tier.go GetMaintenanceMarginPpm; `venues/deribit.ts`: Deribit "Linear Perpetual",
 * "Futures").
 *
 * @example
 * venueRule('binance-coinm', 'BTCUSD_PERP').inverse; // => true
 * venueRule('dydx', 'BTC-USD').tiers[1];              // => ~0.03 (5 % × 60 %)
 */
import { TradesizeError } from '../core/errors.js';
import { deribitParams } from '../venues/deribit.js';
import { dydxMaintenanceFraction, dydxParams } from '../venues/dydx.js';
import { getInstrument, getVenue } from '../venues/registry.js';
import { packTiers } from '../venues/tiered-liquidation.js';
import { tieredRulesOf } from '../venues/tiered-venue.js';
import type { Instrument, MarginMode } from '../venues/types.js';
import type { LiquidationRule } from './margin.js';

/**
 * Valuation code of a tier venue: by contracts (OKX), by the USD face value of an inverse
 * contract whose tiers are in quote (contracts of 1 USD: |q| itself), else mark or entry.
 */
function tierBasis(inst: Instrument, valuation: 'mark' | 'entry'): Pick<LiquidationRule, 'valuation' | 'contractSize'> {
  if (inst.tierBasis === 'contracts') return { valuation: 2, contractSize: inst.contractSize };
  if (inst.tierBasis === 'quote' && inst.kind === 'inverse') return { valuation: 2, contractSize: 1 };
  return { valuation: valuation === 'entry' ? 1 : 0, contractSize: inst.contractSize };
}

/**
 * The rule of a bundled venue instrument (module doc).
 *
 * @throws TradesizeError UNKNOWN_VENUE, UNKNOWN_SYMBOL; INVALID_INPUT (field `marginMode`) for a
 *   margin mode the venue does not have (Deribit standard margin is cross only), (field `venue`)
 *   for a venue model the backtest does not know.
 */
export function venueRule(venue: string, symbol: string, marginMode: MarginMode = 'cross'): LiquidationRule {
  const model = getVenue(venue);
  const inst: Instrument = getInstrument(model.id, symbol);
  if (!model.marginModes.includes(marginMode)) {
    throw new TradesizeError('INVALID_INPUT', `${model.id} has no ${marginMode} margin (it has ${model.marginModes.join(', ')})`, ['marginMode']);
  }
  const common = { venue: model.id, symbol: inst.symbol, inverse: inst.kind === 'inverse', contractSize: inst.contractSize, extraRate: 0, ratePerCoin: 0 };
  if (model.id === 'dydx') return { ...common, tiers: Float64Array.of(Infinity, dydxMaintenanceFraction(dydxParams(inst)), 0), valuation: 0 };
  if (model.id === 'deribit') {
    const d = deribitParams(inst);
    return { ...common, tiers: Float64Array.of(Infinity, d.maintenanceMarginBase, 0), valuation: common.inverse ? 4 : 3, ratePerCoin: d.maintenanceMarginPerCoin };
  }
  const rules = tieredRulesOf(model);
  if (rules === undefined) throw new TradesizeError('INVALID_INPUT', `backtest has no liquidation rule for ${model.id}`, ['venue']);
  return {
    ...common,
    tiers: packTiers(inst.tiers),
    extraRate: rules.feeInMaintenance ? (inst.takerFee ?? 0) : 0,
    ...tierBasis(inst, rules.valuation),
  };
}
