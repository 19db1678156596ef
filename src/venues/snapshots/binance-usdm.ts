/**
 * Binance USDⓈ-M perpetuals, BTCUSDT and ETHUSDT: leverage brackets snapshot of 2024-10-24.
 *
 * Brackets: `GET /fapi/v1/leverageBracket` (fields bracket, notionalFloor, notionalCap,
 * maintMarginRatio, initialLeverage, cum) as saved by freqtrade
 * (freqtrade/exchange/binance_leverage_tiers.json @ 3d9514d2, 2024-10-24); typed in from the
 * tables of venues.md §1.3 (cum checked against the recurrence in `test/venues/tiers.test.ts`).
 * Tick and lot: ccxt static market fixture (venue-data/ccxt_static_binance_markets_btc_eth_perps.json):
 * BTCUSDT PRICE_FILTER tickSize 0.10, LOT_SIZE stepSize 0.001, minQty 0.001; ETHUSDT 0.01, 0.001, 0.001.
 * Tier bounds are in USDT notional (`quote`); one contract is one coin.
 * Not live: load the venue's current brackets before sizing real positions.
 */
import type { Instrument } from '../types.js';
import { fromTable } from './table.js';

const source = {
  url: 'https://github.com/freqtrade/freqtrade/blob/3d9514d2660c42dfdbde517f7b421d1a5cf4f196/freqtrade/exchange/binance_leverage_tiers.json',
  date: '2024-10-24',
} as const;

export const INSTRUMENTS: Readonly<Record<string, Instrument>> = Object.freeze({
  BTCUSDT: {
    venue: 'binance-usdm',
    symbol: 'BTCUSDT',
    kind: 'linear',
    contractSize: 1,
    tickSize: 0.1,
    lotStep: 0.001,
    minQty: 0.001,
    tierBasis: 'quote',
    source,
    tiers: fromTable([
      [0, 50_000, 0.004, 125, 0],
      [50_000, 600_000, 0.005, 100, 50],
      [600_000, 3_000_000, 0.0065, 75, 950],
      [3_000_000, 12_000_000, 0.01, 50, 11_450],
      [12_000_000, 70_000_000, 0.02, 25, 131_450],
      [70_000_000, 100_000_000, 0.025, 20, 481_450],
      [100_000_000, 230_000_000, 0.05, 10, 2_981_450],
      [230_000_000, 480_000_000, 0.1, 5, 14_481_450],
      [480_000_000, 600_000_000, 0.125, 4, 26_481_450],
      [600_000_000, 800_000_000, 0.15, 3, 41_481_450],
      [800_000_000, 1_200_000_000, 0.25, 2, 121_481_450],
      [1_200_000_000, 1_800_000_000, 0.5, 1, 421_481_450],
    ]),
  },
  ETHUSDT: {
    venue: 'binance-usdm',
    symbol: 'ETHUSDT',
    kind: 'linear',
    contractSize: 1,
    tickSize: 0.01,
    lotStep: 0.001,
    minQty: 0.001,
    tierBasis: 'quote',
    source,
    tiers: fromTable([
      [0, 50_000, 0.004, 125, 0],
      [50_000, 600_000, 0.005, 100, 50],
      [600_000, 3_000_000, 0.0065, 75, 950],
      [3_000_000, 12_000_000, 0.01, 50, 11_450],
      [12_000_000, 50_000_000, 0.02, 25, 131_450],
      [50_000_000, 65_000_000, 0.025, 20, 381_450],
      [65_000_000, 150_000_000, 0.05, 10, 2_006_450],
      [150_000_000, 320_000_000, 0.1, 5, 9_506_450],
      [320_000_000, 400_000_000, 0.125, 4, 17_506_450],
      [400_000_000, 530_000_000, 0.15, 3, 27_506_450],
      [530_000_000, 800_000_000, 0.25, 2, 80_506_450],
      [800_000_000, 1_200_000_000, 0.5, 1, 280_506_450],
    ]),
  },
});
