/**
 * OKX perpetual swaps (USDT-margined linear and coin-margined inverse): margins and liquidation.
 *
 *   isolated margin ratio (linear)  = (margin + uPnL) / (ctVal × |contracts| × mark × (MMR_tier + takerFee))
 *   isolated margin ratio (inverse) = (margin + uPnL) / (ctVal × |contracts| / mark × (MMR_tier + takerFee))
 *   liquidation when the ratio reaches 100 %; IM = value / leverage (leverage ≤ the tier's max)
 *
 * Setting the ratio to 1 gives LP = (EP − M/Q)/(1 − MMR − fee) for a linear long and
 * (EP + M/Q)/(1 + MMR + fee) for a short (Q = ctVal × contracts); the generic solver's form with
 * the fee added to the rate. OKX tiers are in contracts (tier basis `contracts`), so the tier does
 * not move with the price. Cross (single-currency) mode: MR = (balance + PnL − …)/(MM + fees);
 * implemented as margin balance = Σ value·(MMR + takerFee) with the other positions held at their
 * marks (open orders, option and borrowing terms are not modelled). Hedge (long/short) mode is not
 * modelled. The bundled BTC-USDT-SWAP (`snapshots/okx-swap.ts`) has only the first tier in its
 * sources; other instruments need their tiers (or a flat rate) and taker fee supplied. No
 * official worked example was found; the closed forms
 * are derived from the ratio.
 *
 * Sources: OKX help "Introduction to the isolated mode" / liquidation FAQ (mirror
 * https://www.okx.com/help-center/6997123251341, https://open-lib.com/11556.html); position tiers
 * from `GET /api/v5/public/position-tiers` (venues.md §2.3).
 *
 * @example
 * okxSwap.liquidation({ instrument: { venue: 'okx-swap', symbol: 'BTC-USDT-SWAP', kind: 'linear', contractSize: 0.01,
 *   tickSize: 0.1, lotStep: 1, tierBasis: 'contracts', takerFee: 0.0005, tiers: singleTier(0.004, 100) },
 *   marginMode: 'isolated', collateral: 600, leverage: 10, position: { symbol: 'BTC-USDT-SWAP', side: 'long', quantity: 10, entryPrice: 60_000 } });
 * // => { liquidationPrice: (60000 − 600/0.1)/(1 − 0.004 − 0.0005) ≈ 54244.10, ... }
 */
import { tieredVenue } from './tiered-venue.js';

export const okxSwap = tieredVenue({
  venue: 'okx-swap',
  source: 'https://www.okx.com/help-center/6997123251341',
  kinds: ['linear', 'inverse'], valuation: 'mark', feeInMaintenance: true, hedgeMode: false,
});
