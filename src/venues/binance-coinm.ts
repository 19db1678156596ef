/**
 * Binance COIN-M futures (inverse, coin-margined): margins and liquidation price, in the coin.
 *
 *   MM = (contracts × CM / mark) × MMR − cum  (bracket of the coin value; CM = contract size, 100 USD for BTCUSD)
 *   IM = value / leverage                     (leverage ≤ the bracket's max; default that max)
 *   LP = (B·MMR_B + L·MMR_L + S·MMR_S + Side_B·B + L − S)
 *        / ((WB − TMM1 + UPNL1 + cumB + cumL + cumS)/CM + Side_B·B/EP_B + L/EP_L − S/EP_S)
 *
 * Isolated: WB is the position's isolated wallet balance, TMM1 = UPNL1 = 0. Cross: WB is the
 * cross wallet balance of the margin coin; other positions in the same coin enter at their
 * marks; the long and short legs of one symbol share one LP. The FAQ: "if the position value at
 * the liquidation price is in a different level, recalculate with that level's MMR and
 * maintenance amount" — done by iteration. Status: one-way form reproduces the Binance
 * calculator (33,599.40 for WB 101 BTC, long 100,000 BTCUSD @ 45,000); hedge terms derived by
 * the same algebra (inverse PnL L·CM·(1/EP − 1/P), S·CM·(1/P − 1/EP)), unpublished. Binance
 * publishes no bankruptcy price; the result gives the price where the margin balance is zero.
 *
 * Source: Binance FAQ "How to Calculate Liquidation Price of COIN-M Futures Contracts",
 * https://www.binance.com/en/support/faq/ceccfcfb4e3a45e3b48b0b1bb1a8ae46; the calculator example
 * https://dev.binance.vision/t/coin-margined-futures-liquidation-price-calculation-help-cm-variable/6292.
 *
 * @example
 * binanceCoinm.liquidation({ instrument: INSTRUMENTS.BTCUSD, marginMode: 'cross', collateral: 101, leverage: 3,
 *   position: { symbol: 'BTCUSD', side: 'long', quantity: 100_000, entryPrice: 45_000 } });
 * // => { liquidationPrice: ~33599.42, tier: level 7 (12.5 %, cum 11.605 BTC), ... }
 */
import { tieredVenue } from './tiered-venue.js';

export const binanceCoinm = tieredVenue({
  venue: 'binance-coinm',
  source: 'https://www.binance.com/en/support/faq/ceccfcfb4e3a45e3b48b0b1bb1a8ae46',
  kinds: ['inverse'], valuation: 'mark', feeInMaintenance: false, hedgeMode: true,
});
