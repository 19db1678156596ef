/**
 * Hyperliquid perpetuals BTC and ETH: margin tiers of the docs' "Margin tiers" page
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers; undated docs snapshot;
 * venues.md §4): BTC 0–150M USDC 40×, above 150M 20×; ETH 0–100M 25×, above 100M 15×.
 * Maintenance rate 1/(2·max leverage) and deductions derived by `hyperliquidTiers`
 * (BTC 1.25 % / 0, 2.5 % / 1,875,000; ETH 2 % / 0, 3.33 % / 1,333,333.33). The top tier is
 * open-ended (the page states no cap). One contract is one coin; tick size and lot step are not
 * documented in the sources (0 here; read `szDecimals` from the `meta` info request). Not live.
 */
import type { Instrument } from '../types.js';
import { hyperliquidTiers } from '../tiers.js';

const source = { url: 'https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers', date: 'undated (docs page)' } as const;

export const INSTRUMENTS: Readonly<Record<string, Instrument>> = Object.freeze({
  BTC: {
    venue: 'hyperliquid',
    symbol: 'BTC',
    kind: 'linear',
    contractSize: 1,
    tickSize: 0,
    lotStep: 0,
    tierBasis: 'quote',
    source,
    tiers: Object.freeze(hyperliquidTiers([[0, 40], [150_000_000, 20]])),
  },
  ETH: {
    venue: 'hyperliquid',
    symbol: 'ETH',
    kind: 'linear',
    contractSize: 1,
    tickSize: 0,
    lotStep: 0,
    tierBasis: 'quote',
    source,
    tiers: Object.freeze(hyperliquidTiers([[0, 25], [100_000_000, 15]])),
  },
});
