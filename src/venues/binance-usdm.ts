/**
 * Binance USDⓈ-M futures (linear, USDT/USDC-margined): margins and liquidation price.
 *
 *   MM = notional × MMR − cum                 (bracket of the notional: at the mark, and at the LP for the LP)
 *   IM = notional / leverage                  (leverage ≤ the bracket's initialLeverage; default that max)
 *   one-way: LP = (WB − TMM1 + UPNL1 + cumB − Side·Q·EP) / (Q·MMR − Side·Q)
 *   hedge:   LP = (WB − TMM1 + UPNL1 + cumL + cumS − L·EP_L + S·EP_S) / (L·MMR_L + S·MMR_S − L + S)
 *
 * Isolated: WB is the position's isolated wallet balance (the `collateral`), TMM1 = UPNL1 = 0;
 * each hedge leg has its own LP. Cross: WB is the cross wallet balance; TMM1 and UPNL1 are the
 * other symbols' maintenance margin and unrealised PnL at their marks; the long and short legs
 * of one symbol share one LP. The bracket at the LP is found by iteration (`tiered-liquidation.ts`).
 * Status: one-way form as published; the hedge form is derived from the FAQ's variable list
 * (long/short terms), no published hedge example exists. Binance publishes no bankruptcy price;
 * the result gives the price where the margin balance is zero. Liquidation triggers on the mark.
 *
 * Source: Binance FAQ "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts",
 * https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93 (and "Leverage and
 * Margin of USDⓈ-M Futures" for MM = notional × MMR − cum).
 *
 * @example
 * binanceUsdm.liquidation({ instrument: INSTRUMENTS.BTCUSDT, marginMode: 'isolated', collateral: 6_000,
 *   position: { symbol: 'BTCUSDT', side: 'long', quantity: 1, entryPrice: 55_000 } });
 * // => { liquidationPrice: ~49196.79, tier: bracket 1 (entry is in bracket 2), iterations: 2, ... }
 */
import { tieredVenue } from './tiered-venue.js';

export const binanceUsdm = tieredVenue({
  venue: 'binance-usdm',
  source: 'https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93',
  kinds: ['linear'], valuation: 'mark', feeInMaintenance: false, hedgeMode: true,
});
