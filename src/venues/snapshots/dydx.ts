/**
 * dYdX v4 perpetuals bundled with tradesize: BTC-USD and ETH-USD on the Large-Cap liquidity tier
 * as set at mainnet launch. Governance changes these; query `/dydxprotocol/perpetuals/liquidity_tiers`
 * and `/dydxprotocol/clob/clob_pair` before sizing real positions.
 *
 * SOURCE: dydxprotocol/v4-chain protocol/testing/mainnet/genesis.json @ 84d4664bae71e3a077adaac67fb77ad19cd28d30
 * (chain dydx-mainnet-1, genesis_time 2023-10-26):
 * - liquidity tier 0 "Large-Cap": initial_margin_ppm 50,000 (IMF 5 %, 20x), maintenance_fraction_ppm
 *   600,000 (MMF 3 %); no open-interest caps at genesis (the fields are absent: scaling disabled).
 * - perpetuals BTC-USD (atomic_resolution −10) and ETH-USD (−9), both liquidity_tier 0.
 * - clob pairs 0 and 1: step_base_quantums 1,000,000, subticks_per_tick 100,000,
 *   quantum_conversion_exponent −9. Derived: lot = 1e6 × 10^atomic_resolution (BTC 0.0001,
 *   ETH 0.001) and tick = subticks_per_tick × 10^(qce − 6 − atomic_resolution) USDC
 *   (BTC 1, ETH 0.1).
 */
import type { Instrument, Tier } from '../types.js';

const GENESIS = {
  url: 'https://github.com/dydxprotocol/v4-chain/blob/84d4664bae71e3a077adaac67fb77ad19cd28d30/protocol/testing/mainnet/genesis.json',
  date: '2023-10-26',
} as const;

/** Liquidity tier 0 (Large-Cap) at genesis: IMF 5 %, MF 60 %. */
const LARGE_CAP = {
  liquidityTier: 0,
  initialMarginPpm: 50_000,
  maintenanceFractionPpm: 600_000,
  openInterestLowerCap: 0,
  openInterestUpperCap: 0,
} as const;

/** The one margin row of Large-Cap: MMF 3 %, max leverage 1/IMF = 20. */
const LARGE_CAP_TIER: Tier = {
  tier: 0,
  floor: 0,
  cap: Number.POSITIVE_INFINITY,
  maintenanceMarginRate: 0.03,
  maintenanceAmount: 0,
  maxLeverage: 20,
};

export const INSTRUMENTS: Readonly<Record<string, Instrument>> = Object.freeze({
  'BTC-USD': {
    venue: 'dydx',
    symbol: 'BTC-USD',
    kind: 'linear',
    contractSize: 1,
    tickSize: 1,
    lotStep: 0.0001,
    minQty: 0.0001,
    tiers: [LARGE_CAP_TIER],
    tierBasis: 'quote',
    params: { ...LARGE_CAP, atomicResolution: -10 },
    source: GENESIS,
  },
  'ETH-USD': {
    venue: 'dydx',
    symbol: 'ETH-USD',
    kind: 'linear',
    contractSize: 1,
    tickSize: 0.1,
    lotStep: 0.001,
    minQty: 0.001,
    tiers: [LARGE_CAP_TIER],
    tierBasis: 'quote',
    params: { ...LARGE_CAP, atomicResolution: -9 },
    source: GENESIS,
  },
});
