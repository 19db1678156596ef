/**
 * Bybit inverse perpetual BTCUSD: one contract is 1 USD, margin and position value in BTC
 * (position value = contracts / entry price; Bybit "Liquidation Price Calculation under Isolated
 * Mode", https://www.kbybit.com/en/help-center/article/Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-Account;
 * venues.md §2.2). Tier bounds are BTC position values (tier basis `settle`).
 *
 * Risk limits: tiers 1–3 of `GET /v2/public/risk-limit/list?symbol=BTCUSD` as captured (raw
 * response body) in ccxt/ccxt#13172 (https://github.com/ccxt/ccxt/pull/13172, 2022-05-09):
 * `limit` 150, 300, 450 BTC; `maintain_margin` 0.5, 1, 1.5 (percent); `starting_margin` 1, 1.5, 2
 * (percent); `max_leverage` 100, 66.67, 50. The stored capture stops inside tier 4, so the cap
 * here is 450 BTC. Tier 1 agrees with the v5 API docs' example for category=inverse BTCUSD
 * (riskLimitValue "150", maintenanceMargin "0.5", initialMargin "1", maxLeverage "100.00";
 * bybit-exchange/docs docs/v5/market/risk-limit.mdx @ 013aa2a1, response `time` 1672054488010 =
 * 2022-12-26).
 * The v2 rows carry no MM deduction: the deductions are derived by the recurrence
 * (`withDeductions`, as `tiersFromCcxt` does for rows without `mmDeduction`): 0, 0.75, 2.25 BTC.
 * Saved as test/fixtures/venues/bybit-inverse-btcusd-risk-limit.ccxt.json.
 *
 * ETHUSD is left out: no inverse ETH risk-limit table was found in the sources. Tick size and
 * lot step are not documented either (0 here). Not live.
 */
import type { Instrument } from '../types.js';
import { withDeductions } from '../tiers.js';

export const INSTRUMENTS: Readonly<Record<string, Instrument>> = Object.freeze({
  BTCUSD: {
    venue: 'bybit-inverse',
    symbol: 'BTCUSD',
    kind: 'inverse',
    contractSize: 1,
    tickSize: 0,
    lotStep: 0,
    tierBasis: 'settle',
    tiers: Object.freeze(
      withDeductions([
        { tier: 1, floor: 0, cap: 150, maintenanceMarginRate: 0.005, maxLeverage: 100 },
        { tier: 2, floor: 150, cap: 300, maintenanceMarginRate: 0.01, maxLeverage: 66.67 },
        { tier: 3, floor: 300, cap: 450, maintenanceMarginRate: 0.015, maxLeverage: 50 },
      ]),
    ),
    source: { url: 'https://github.com/ccxt/ccxt/pull/13172', date: '2022-05-09' },
  },
});
