/**
 * Hyperliquid perpetuals BTC and ETH: margin tiers of the docs' "Margin tiers" page
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers; undated docs snapshot;
 * venues.md §4): BTC 0–150M USDC 40×, above 150M 20×; ETH 0–100M 25×, above 100M 15×.
 * Maintenance rate 1/(2·max leverage) and deductions derived by `hyperliquidTiers`
 * (BTC 1.25 % / 0, 2.5 % / 1,875,000; ETH 2 % / 0, 3.33 % / 1,333,333.33). The top tier is
 * open-ended (the page states no cap). One contract is one coin; tick size and lot step are not
 * documented in the sources (0 here; read `szDecimals` from the `meta` info request). Not live.
 *
 * The rest of the perp universe (26 more perps) comes from the `meta` snapshot of 2023-07-17
 * (`hyperliquid-meta-20230717.ts`), which is OLD: one tier per perp at its max leverage then
 * (50× for all), maintenance rate 1/(2·50) = 1 % by the "Margin tiers" rule, lot step
 * 10^−szDecimals; the source says so (`source.note`) and the CLI prints it. BTC and ETH keep the
 * docs page's tiers above.
 */
import type { Instrument } from '../types.js';
import { hyperliquidTiers } from '../tiers.js';
import { HYPERLIQUID_META, HYPERLIQUID_META_DATE } from './hyperliquid-meta-20230717.js';

const source = { url: 'https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers', date: 'undated (docs page)' } as const;

const metaSource = {
  url: 'https://github.com/hyperliquid-dex/hyperliquid-python-sdk/blob/7ee976d1/tests/cassettes/info_test/test_get_info.yaml',
  date: HYPERLIQUID_META_DATE,
  note: `old: Hyperliquid meta of ${HYPERLIQUID_META_DATE} (one max leverage per perp); current margin tiers may differ`,
} as const;

/** A perp of the 2023-07-17 meta: one open-ended tier at its max leverage, lot step 10^−szDecimals. */
function metaInstrument(symbol: string, maxLeverage: number, szDecimals: number): Instrument {
  return {
    venue: 'hyperliquid',
    symbol,
    kind: 'linear',
    contractSize: 1,
    tickSize: 0,
    lotStep: Number(`1e-${szDecimals}`),
    tierBasis: 'quote',
    source: metaSource,
    tiers: Object.freeze(hyperliquidTiers([[0, maxLeverage]])),
  };
}

const META_ONLY = Object.fromEntries(
  HYPERLIQUID_META.filter(([name]) => name !== 'BTC' && name !== 'ETH').map(([name, lev, sz]) => [name, metaInstrument(name, lev, sz)]),
);

export const INSTRUMENTS: Readonly<Record<string, Instrument>> = Object.freeze({
  ...META_ONLY,
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
