/**
 * Binance COIN-M perpetual BTCUSD (BTCUSD_PERP): contract size 100 USD, brackets in BTC value.
 *
 * Brackets: floors and maintenance rates of ccxt's static fixture `options.leverageBrackets`
 * for BTC/USD:BTC (venue-data/ccxt_static_binance_leverageBrackets.json; venues.md §1.4): floors
 * 0, 5, 10, 20, 50, 100, 200, 400, 1000, 1500 BTC with rates 0.4 %, 0.5 %, 1 %, 2.5 %, 5 %, 10 %,
 * 12.5 %, 15 %, 25 %, 50 %. Maintenance amounts are derived by the recurrence (0, 0.005, 0.055,
 * 0.355, 1.605, 6.605, 11.605, 21.605, 121.605, 496.605 BTC); Binance's COIN-M FAQ confirms
 * "300 BTC → 12.5 %, maintenance amount 11.605 BTC". The fixture is undated and states neither
 * the max leverage per bracket nor the top cap: maxLeverage is +Infinity (give the leverage
 * setting) and the last bracket is open-ended. Tick 0.1, lot 1 contract, min 1 contract (ccxt
 * static markets, venue-data/ccxt_static_binance_markets_btc_eth_perps.json).
 *
 * ETHUSD (contract size 10 USD) is left out: no ETH COIN-M bracket table is documented in the
 * sources. Not live: load the venue's current brackets before sizing real positions.
 */
import type { Instrument } from '../types.js';
import { withDeductions } from '../tiers.js';

const FLOORS = [0, 5, 10, 20, 50, 100, 200, 400, 1000, 1500] as const;
const RATES = [0.004, 0.005, 0.01, 0.025, 0.05, 0.1, 0.125, 0.15, 0.25, 0.5] as const;

export const INSTRUMENTS: Readonly<Record<string, Instrument>> = Object.freeze({
  BTCUSD: {
    venue: 'binance-coinm',
    symbol: 'BTCUSD',
    kind: 'inverse',
    contractSize: 100,
    tickSize: 0.1,
    lotStep: 1,
    minQty: 1,
    tierBasis: 'settle',
    source: {
      url: 'https://github.com/ccxt/ccxt/blob/05776890e288bf88d1aeba7b62da9e697d3e37f5/ts/src/test/static/response/binance.json',
      date: 'undated (ccxt static fixture)',
    },
    tiers: Object.freeze(
      withDeductions(
        FLOORS.map((floor, i) => ({
          tier: i + 1,
          floor,
          cap: FLOORS[i + 1] ?? Number.POSITIVE_INFINITY,
          maintenanceMarginRate: RATES[i] as number,
          maxLeverage: Number.POSITIVE_INFINITY,
        })),
      ),
    ),
  },
});
