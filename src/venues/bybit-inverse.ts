/**
 * Bybit inverse contracts (coin-margined): margins and liquidation price, in the coin.
 *
 *   PV = contracts / entry price                (one contract = 1 USD)
 *   IM = PV / leverage,  MM = PV × MMR − MM deduction
 *   isolated LP (long)  = contracts / (PV + (IM − MM))      LP (short) = contracts / (PV − (IM − MM))
 *   bankruptcy (long)   = contracts / (PV + IM)             bankruptcy (short) = contracts / (PV − IM)
 *
 * The isolated margin (IM plus extra margin) is the `collateral`. MM is on PV at entry, so it is
 * constant and the tier is the one at entry. This is the page's simple form; its current form
 * (`[Size·(MMR + 1)] / [Size/EP + Size/EP/lev + ExtraMargin/(1 + takerFee) + MM_deduction]`)
 * takes MM at the liquidation price and adds fees to close, which shifts the price slightly; it
 * is not what this implements. Cross is account-level (margin balance = total MM), solved for
 * this symbol's price with the other positions in the same coin held at their marks; Bybit
 * publishes no per-symbol closed form. A short whose margin covers PV + MM never liquidates
 * (null). Hedge mode is not modelled.
 *
 * Source: Bybit "Liquidation Price Calculation under Isolated Mode (Unified Trading Account)",
 * https://www.kbybit.com/en/help-center/article/Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-Account.
 *
 * @example
 * bybitInverse.liquidation({ instrument: { ...INSTRUMENTS.BTCUSD, tiers: singleTier(0.005, 100) }, marginMode: 'isolated',
 *   collateral: 0.12, leverage: 10, position: { symbol: 'BTCUSD', side: 'long', quantity: 60_000, entryPrice: 50_000 } });
 * // => { liquidationPrice: ~45662.10, ... }   (short: ~55248.62)
 */
import { tieredVenue } from './tiered-venue.js';

export const bybitInverse = tieredVenue({
  venue: 'bybit-inverse',
  source: 'https://www.kbybit.com/en/help-center/article/Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-Account',
  kinds: ['inverse'], valuation: 'entry', feeInMaintenance: false, hedgeMode: false,
});
