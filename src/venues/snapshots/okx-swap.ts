/**
 * OKX USDT-margined perpetual BTC-USDT-SWAP: tier bounds in CONTRACTS (tier basis `contracts`),
 * one contract = ctVal 0.01 BTC, no maintenance deduction (OKX applies the tier's rate to the
 * whole position), and OKX adds the taker fee to the maintenance rate (see `okx-swap.ts`).
 *
 * - Contract: ccxt's static OKX market fixture for BTC/USDT:USDT (raw `/api/v5/public/instruments`
 *   row: ctVal "0.01", ctValCcy "BTC", ctType "linear", tickSz "0.1", lotSz "0.1", minSz "0.1";
 *   ccxt/ccxt ts/src/test/static/markets/okx.json @ 3802e1a2, undated). nautilus_trader's capture
 *   crates/adapters/okx/test_data/http_get_instruments_swap.json @ 3d0c60e0 has the same ctVal and
 *   tickSz (with lotSz/minSz 0.01, a later lot size): read `lotSz` live before rounding.
 * - Tiers: only tier 1 is in the sources — `GET /api/v5/public/position-tiers` (instType SWAP,
 *   uly BTC-USDT) as printed by ccxt's okx.fetchLeverageTiers in ccxt/ccxt#11938
 *   (https://github.com/ccxt/ccxt/pull/11938, 2022-02-11): minSz "0", maxSz "500", mmr "0.004",
 *   imr "0.008", maxLever "125". The print elides tiers 2–99 (tier 100 is 972,001–982,000
 *   contracts at mmr 0.495, 2x), so the table here ends at 500 contracts (5 BTC): larger
 *   positions raise ABOVE_MAX_TIER; give `--tiers` (ccxt `fetchMarketLeverageTiers` JSON) for
 *   them. Saved as test/fixtures/venues/okx-swap-btc-usdt-position-tiers.ccxt.json.
 * - Taker fee 0.0005: the `taker` of the same ccxt market fixture (the fee ccxt assigns to OKX
 *   swaps; OKX's own fee schedule was not found in the sources). Accounts on another fee tier
 *   should build the instrument with their own `takerFee`.
 *
 * ETH-USDT-SWAP is left out: no ETH position-tier table was found in the sources. Not live.
 */
import type { Instrument } from '../types.js';
import { fromTable } from './table.js';

export const INSTRUMENTS: Readonly<Record<string, Instrument>> = Object.freeze({
  'BTC-USDT-SWAP': {
    venue: 'okx-swap',
    symbol: 'BTC-USDT-SWAP',
    kind: 'linear',
    contractSize: 0.01,
    tickSize: 0.1,
    lotStep: 0.1,
    minQty: 0.1,
    tierBasis: 'contracts',
    takerFee: 0.0005,
    tiers: fromTable([[0, 500, 0.004, 125, 0]]),
    source: { url: 'https://github.com/ccxt/ccxt/pull/11938', date: '2022-02-11' },
  },
});
