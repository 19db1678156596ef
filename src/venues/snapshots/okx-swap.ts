/**
 * OKX perpetual swaps: no bundled instruments. OKX position tiers (`GET /api/v5/public/position-tiers`,
 * bounds `minSz`/`maxSz` in contracts) and contract values (`ctVal` from
 * `GET /api/v5/public/instruments`) were not found in the sources (venues.md §2.3), so nothing is
 * typed in: build the instrument from live data — venue `okx-swap`, `tierBasis: 'contracts'`,
 * `contractSize` = ctVal, `takerFee` set (OKX adds it to the maintenance rate), and the tiers, or
 * a flat rate with `singleTier(mmr, maxLeverage)`.
 */
import type { Instrument } from '../types.js';

export const INSTRUMENTS: Readonly<Record<string, Instrument>> = Object.freeze({});
