/**
 * Bybit USDT perpetual BTCUSDT: risk-limit tiers 1–20 of Bybit's "Margin Parameters" page
 * (https://www.bybit.com/en/announcement-info/margin-parameters, read from the mirror
 * https://bybitx.global/pt-PT/announcement-info/margin-parameters; undated; the stored copy ends
 * at tier 20, so the cap here is 80,000,000 USDT while the live table goes further). Saved as
 * venue-data/bybit_btcusdt_margin_parameters.json; venues.md §2.1. A tier n covers position
 * values in (risk limit n−1, risk limit n]; the MM deductions are the page's (they satisfy the
 * recurrence, checked in `test/venues/tiers.test.ts`). One contract is one BTC.
 *
 * Tick size and lot step are not in the sources: they are 0 here ("not documented"), read
 * them from `GET /v5/market/instruments-info` before rounding. ETHUSDT is left out (no table
 * documented). Not live.
 */
import type { Instrument } from '../types.js';
import { fromTable } from './table.js';

export const INSTRUMENTS: Readonly<Record<string, Instrument>> = Object.freeze({
  BTCUSDT: {
    venue: 'bybit-linear',
    symbol: 'BTCUSDT',
    kind: 'linear',
    contractSize: 1,
    tickSize: 0,
    lotStep: 0,
    tierBasis: 'quote',
    source: { url: 'https://www.bybit.com/en/announcement-info/margin-parameters', date: 'undated (page mirror)' },
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
});
