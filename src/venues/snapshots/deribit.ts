/**
 * Deribit perpetuals bundled with tradesize, with the standard-margin rates of their documents.
 * Rates are `base + size × perCoin` with the position size in coin (BTC); see `deribit.ts`.
 *
 * - BTC_USDC-PERPETUAL (linear, USDC-settled) — Deribit support, "Linear Perpetual"
 *   (https://support.deribit.com/hc/en-us/articles/25944738177565-Linear-Perpetual, undated):
 *   IM rate 2 % + 0.005 % per BTC, MM rate 1 % + 0.005 % per BTC, margin converted to USDC at the
 *   index price. Worked example on the page: 25 BTC at 100,000 → IM 2.125 % = 53,125 USDC,
 *   MM 1.125 % = 28,125 USDC.
 *   [U] tickSize 1 and lotStep 0.0001 BTC are not in the stored sources: read `tick_size` and
 *   `min_trade_amount` from `public/get_instruments` before use.
 * - BTC-PERPETUAL (inverse, BTC-settled, contract 10 USD) — [U] REGIME CHOSEN AMONG SEVERAL:
 *   Deribit's futures page (https://test.deribit.com/pages/docs/futures) gives IM 2 % + 0.5 % per
 *   100 BTC and MM 1.5 % + 0.5 % per 100 BTC, with examples 25 BTC → IM 2.125 % (0.53125 BTC) and
 *   350 BTC → IM 3.75 % (13.125 BTC). Older pages give flat 10 %/5 % and 10 %/3 %; the current
 *   inverse rates are not confirmed in the stored sources. Tick 0.5 USD and contract size 10 USD
 *   are from Deribit's futures specification (https://legacy.deribit.com/pages/docs/futures).
 */
import type { Instrument, Tier } from '../types.js';

/** The row at size 0 (base rates); the effective row grows with the size (see `deribitTier`). */
function baseTier(initialMarginBase: number, maintenanceMarginBase: number): Tier {
  return {
    tier: 1,
    floor: 0,
    cap: Number.POSITIVE_INFINITY,
    maintenanceMarginRate: maintenanceMarginBase,
    maintenanceAmount: 0,
    maxLeverage: 1 / initialMarginBase,
  };
}

export const INSTRUMENTS: Readonly<Record<string, Instrument>> = Object.freeze({
  'BTC-PERPETUAL': {
    venue: 'deribit',
    symbol: 'BTC-PERPETUAL',
    kind: 'inverse',
    contractSize: 10,
    tickSize: 0.5,
    lotStep: 1,
    minQty: 1,
    tiers: [baseTier(0.02, 0.015)],
    tierBasis: 'settle',
    params: {
      initialMarginBase: 0.02,
      initialMarginPerCoin: 0.00005,
      maintenanceMarginBase: 0.015,
      maintenanceMarginPerCoin: 0.00005,
    },
    source: { url: 'https://test.deribit.com/pages/docs/futures', date: 'undated' },
  },
  'BTC_USDC-PERPETUAL': {
    venue: 'deribit',
    symbol: 'BTC_USDC-PERPETUAL',
    kind: 'linear',
    contractSize: 1,
    tickSize: 1,
    lotStep: 0.0001,
    minQty: 0.0001,
    tiers: [baseTier(0.02, 0.01)],
    tierBasis: 'contracts',
    params: {
      initialMarginBase: 0.02,
      initialMarginPerCoin: 0.00005,
      maintenanceMarginBase: 0.01,
      maintenanceMarginPerCoin: 0.00005,
    },
    source: { url: 'https://support.deribit.com/hc/en-us/articles/25944738177565-Linear-Perpetual', date: 'undated' },
  },
});
