/**
 * Hyperliquid perpetuals (linear, USDC): margins and liquidation price.
 *
 *   MM = notional × MMR_tier − deduction_tier,   MMR_tier = 1/(2 · max leverage of the tier)
 *   IM = notional / leverage                      (leverage ≤ the tier's max; default that max)
 *   liq_price = price − side · margin_available / position_size / (1 − l · side),   l = MMR at the LP's tier
 *   margin_available = isolated margin (+ uPnL) − MM   (isolated);   account value − MM   (cross)
 *
 * The generic solver's MB(P) = MM(P) is the same equation: with margin balance K + side·q·(P − E)
 * and MM = q·P·l − deduction it gives P = (E − side·(K + deduction)/q)/(1 − side·l), which is the
 * docs' formula at price = E (checked in `test/venues/hyperliquid.test.ts`). The tier at the LP is
 * found by iteration. Isolated: the `collateral` is the isolated margin; cross: the account value
 * with the other positions held at their marks. Liquidation uses the mark price; below 2/3 of MM
 * the backstop liquidator takes over (not modelled). No hedge mode.
 *
 * Sources: Hyperliquid docs "Liquidations",
 * https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations, and "Margin tiers",
 * https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers.
 *
 * @example
 * hyperliquid.liquidation({ instrument: INSTRUMENTS.BTC, marginMode: 'isolated', collateral: 7_000, leverage: 10,
 *   position: { symbol: 'BTC', side: 'long', quantity: 1, entryPrice: 70_000 } });
 * // => { liquidationPrice: (70000 − 7000)/(1 − 0.0125) ≈ 63,797.47, ... }
 */
import { tieredVenue } from './tiered-venue.js';

export const hyperliquid = tieredVenue({
  venue: 'hyperliquid',
  source: 'https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations',
  kinds: ['linear'], valuation: 'mark', feeInMaintenance: false, hedgeMode: false,
});
