/**
 * Bybit USDT/USDC contracts (linear): margins and liquidation price.
 *
 *   PV = qty × entry price                     (Bybit's position value)
 *   IM = PV / leverage                          (leverage ≤ the risk-limit tier's max; default that max)
 *   MM = PV × MMR − MM deduction                (tier of PV)
 *   isolated LP   = EP ∓ (IM − MM)/qty ∓ extra margin/qty   (− long, + short)
 *   bankruptcy    = EP ∓ (IM + extra margin)/qty = EP·(1 ∓ 1/leverage) without extra margin
 *
 * The isolated margin (IM + extra margin added) is the `collateral`. Because PV is taken at the
 * entry price, MM is constant and the tier is the one at entry (no iteration). Cross (unified
 * account) is account-level: liquidation when total MM ≥ margin balance; Bybit publishes no
 * per-symbol closed form, so this solves margin balance = total MM for this symbol's price with
 * the other positions (their uPnL and MM on their own PV) held at their marks. The newer UTA
 * pages add an estimated fee to close to IM and MM ("minor differences may arise"); it is not
 * included. Hedge mode is not modelled (no documented formula).
 *
 * Source: Bybit help "Liquidation Price (USDT Contract)",
 * https://testnet.bybit.com/en-US/help-center/s/article/Liquidation-Price-USDT-Contract, and
 * "Margin Parameters", https://www.bybit.com/en/announcement-info/margin-parameters.
 *
 * @example
 * bybitLinear.liquidation({ instrument: INSTRUMENTS.BTCUSDT, marginMode: 'isolated', collateral: 400, leverage: 50,
 *   position: { symbol: 'BTCUSDT', side: 'long', quantity: 1, entryPrice: 20_000 } });
 * // => { liquidationPrice: 19700, bankruptcyPrice: 19600, ... }
 */
import { tieredVenue } from './tiered-venue.js';

export const bybitLinear = tieredVenue({
  venue: 'bybit-linear',
  source: 'https://testnet.bybit.com/en-US/help-center/s/article/Liquidation-Price-USDT-Contract',
  kinds: ['linear'], valuation: 'entry', feeInMaintenance: false, hedgeMode: false,
});
