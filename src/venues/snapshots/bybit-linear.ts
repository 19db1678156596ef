/**
 * Bybit USDT perpetuals BTCUSDT and ETHUSDT. A tier n covers position values in
 * (risk limit n−1, risk limit n] USDT; MM = value × MMR − MM deduction. One contract is one coin.
 *
 * - BTCUSDT: risk-limit tiers 1–20 of Bybit's "Margin Parameters" page
 *   (https://www.bybit.com/en/announcement-info/margin-parameters, read from the mirror
 *   https://bybitx.global/pt-PT/announcement-info/margin-parameters; the page is undated and the
 *   stored copy ends at tier 20, so the cap here is 80,000,000 USDT while the live table goes
 *   further). Saved as venue-data/bybit_btcusdt_margin_parameters.json; venues.md §2.1. The MM
 *   deductions are the page's (they satisfy the recurrence, checked in `test/venues/tiers.test.ts`).
 *   Dated by a capture: tiers 1–2 (2,000,000 USDT 0.5 % 100x; 2,600,000 USDT 0.56 % 90x) are the
 *   `GET /v5/market/risk-limit` rows printed by ccxt's bybit.fetchLeverageTiers in
 *   ccxt/ccxt#22459 (https://github.com/ccxt/ccxt/pull/22459, 2024-05-10); later
 *   tiers are not in that capture.
 * - ETHUSDT: tiers 1–13 of `GET /v5/market/risk-limit?category=linear&symbol=ETHUSDT` as printed
 *   by `node examples/js/cli bybit fetchMarketLeverageTiers ETH/USDT:USDT` in ccxt/ccxt#17061
 *   (https://github.com/ccxt/ccxt/pull/17061, 2023-03-05): floors/caps 0, 900,000, 1,500,000,
 *   3,000,000, 4,500,000, 6,000,000, 7,500,000, 9,000,000, 10,500,000, 16,000,000, 18,000,000,
 *   20,000,000, 22,000,000, 24,000,000 USDT; MMR 0.5 % rising by 0.5 % per tier to 6.5 %; max
 *   leverage 100, 50, 36.37, 28.58, 23.53, 20, 17.4, 15.39, 13.8, 12.5, 11.43, 10.53, 9.76. The
 *   printed table stops inside tier 14, so the cap here is 24,000,000 USDT. The capture has no MM
 *   deduction column: the deductions are derived by the recurrence (`withDeductions`, as
 *   `tiersFromCcxt` does for rows without `mmDeduction`). Saved as
 *   test/fixtures/venues/bybit-linear-ethusdt-risk-limit.ccxt.json.
 *
 * Tick size and lot step are not in the sources: they are 0 here ("not documented"), read
 * them from `GET /v5/market/instruments-info` before rounding. Not live.
 */
import type { Instrument } from '../types.js';
import { withDeductions } from '../tiers.js';
import { fromTable } from './table.js';

/** ETHUSDT rows of ccxt/ccxt#17061: [cap (risk limit), MMR, max leverage]; floors are the previous caps. */
const ETHUSDT_RISK_LIMITS: readonly (readonly [cap: number, mmr: number, maxLeverage: number])[] = [
  [900_000, 0.005, 100],
  [1_500_000, 0.01, 50],
  [3_000_000, 0.015, 36.37],
  [4_500_000, 0.02, 28.58],
  [6_000_000, 0.025, 23.53],
  [7_500_000, 0.03, 20],
  [9_000_000, 0.035, 17.4],
  [10_500_000, 0.04, 15.39],
  [16_000_000, 0.045, 13.8],
  [18_000_000, 0.05, 12.5],
  [20_000_000, 0.055, 11.43],
  [22_000_000, 0.06, 10.53],
  [24_000_000, 0.065, 9.76],
];

export const INSTRUMENTS: Readonly<Record<string, Instrument>> = Object.freeze({
  BTCUSDT: {
    venue: 'bybit-linear',
    symbol: 'BTCUSDT',
    kind: 'linear',
    contractSize: 1,
    tickSize: 0,
    lotStep: 0,
    tierBasis: 'quote',
    source: {
      url: 'https://www.bybit.com/en/announcement-info/margin-parameters',
      date: 'undated page (mirror); tiers 1–2 as captured 2024-05-10 in https://github.com/ccxt/ccxt/pull/22459',
    },
    tiers: fromTable([
      [0, 2_000_000, 0.005, 100, 0],
      [2_000_000, 2_600_000, 0.0056, 90, 1_200],
      [2_600_000, 3_200_000, 0.0063, 80, 3_020],
      [3_200_000, 3_800_000, 0.0067, 75, 4_300],
      [3_800_000, 4_400_000, 0.0071, 70, 5_820],
      [4_400_000, 5_000_000, 0.0077, 65, 8_460],
      [5_000_000, 5_600_000, 0.0091, 55, 15_460],
      [5_600_000, 8_500_000, 0.01, 50, 20_500],
      [8_500_000, 10_000_000, 0.013, 45, 46_000],
      [10_000_000, 14_000_000, 0.015, 40, 66_000],
      [14_000_000, 20_000_000, 0.016, 35, 80_000],
      [20_000_000, 28_000_000, 0.02, 30, 160_000],
      [28_000_000, 38_000_000, 0.025, 25, 300_000],
      [38_000_000, 50_000_000, 0.029, 20, 452_000],
      [50_000_000, 55_000_000, 0.03, 19, 502_000],
      [55_000_000, 60_000_000, 0.035, 18, 777_000],
      [60_000_000, 65_000_000, 0.036, 17, 837_000],
      [65_000_000, 70_000_000, 0.038, 16, 967_000],
      [70_000_000, 75_000_000, 0.04, 15, 1_107_000],
      [75_000_000, 80_000_000, 0.045, 14, 1_482_000],
    ]),
  },
  ETHUSDT: {
    venue: 'bybit-linear',
    symbol: 'ETHUSDT',
    kind: 'linear',
    contractSize: 1,
    tickSize: 0,
    lotStep: 0,
    tierBasis: 'quote',
    source: { url: 'https://github.com/ccxt/ccxt/pull/17061', date: '2023-03-05' },
    tiers: Object.freeze(
      withDeductions(
        ETHUSDT_RISK_LIMITS.map(([cap, maintenanceMarginRate, maxLeverage], i) => ({
          tier: i + 1,
          floor: ETHUSDT_RISK_LIMITS[i - 1]?.[0] ?? 0,
          cap,
          maintenanceMarginRate,
          maxLeverage,
        })),
      ),
    ),
  },
});
