/**
 * Bybit inverse perpetual BTCUSD: one contract is 1 USD, margin and position value in BTC
 * (position value = contracts / entry price; Bybit "Liquidation Price Calculation under Isolated
 * Mode", https://www.kbybit.com/en/help-center/article/Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-Account;
 * venues.md §2.2).
 *
 * No inverse risk-limit table is documented in the sources (the API docs' BTCUSD example shows
 * only a first-tier rate), so `tiers` is empty: supply the table from
 * `GET /v5/market/risk-limit?category=inverse&symbol=BTCUSD` (bounds in BTC position value,
 * tier basis `settle`), or a flat rate with `singleTier(mmr, maxLeverage)`. Tick size and lot
 * step are not documented either (0 here). Not live.
 */
import type { Instrument } from '../types.js';

export const INSTRUMENTS: Readonly<Record<string, Instrument>> = Object.freeze({
  BTCUSD: {
    venue: 'bybit-inverse',
    symbol: 'BTCUSD',
    kind: 'inverse',
    contractSize: 1,
    tickSize: 0,
    lotStep: 0,
    tierBasis: 'settle',
    tiers: Object.freeze([]),
    source: {
      url: 'https://www.kbybit.com/en/help-center/article/Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-Account',
      date: 'undated (help page)',
    },
  },
});
