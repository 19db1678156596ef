/**
 * The ids of the supported venues (one module per venue; `registry.ts` maps each to its model).
 *
 * @example
 * VENUE_IDS.includes('dydx'); // => true
 */
export const VENUE_IDS = [
  'binance-usdm',
  'binance-coinm',
  'bybit-linear',
  'bybit-inverse',
  'okx-swap',
  'hyperliquid',
  'dydx',
  'deribit',
] as const;
export type VenueId = (typeof VENUE_IDS)[number];
