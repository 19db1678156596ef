/**
 * tieredVenue: the one factory of the tier-table venues. A model built from a venue's rules is
 * frozen, defaults to both margin modes, and checks instruments against its own venue and kinds.
 */
import { describe, expect, it } from 'vitest';
import { binanceUsdm } from '../../src/venues/binance-usdm.js';
import { bybitInverse } from '../../src/venues/bybit-inverse.js';
import { bybitLinear } from '../../src/venues/bybit-linear.js';
import { binanceCoinm } from '../../src/venues/binance-coinm.js';
import { hyperliquid } from '../../src/venues/hyperliquid.js';
import { okxSwap } from '../../src/venues/okx-swap.js';
import { INSTRUMENTS } from '../../src/venues/snapshots/binance-usdm.js';
import { tieredVenue } from '../../src/venues/tiered-venue.js';
import { thrown } from './helpers.js';

const BTC = INSTRUMENTS.BTCUSDT!;
const position = { symbol: 'BTCUSDT', side: 'long', quantity: 1, entryPrice: 55_000 } as const;

describe('tieredVenue', () => {
  it('builds a frozen model with both margin modes by default', () => {
    const m = tieredVenue({ venue: 'binance-usdm', source: 'x', kinds: ['linear'], valuation: 'mark', feeInMaintenance: false, hedgeMode: true });
    expect(Object.isFrozen(m)).toBe(true);
    expect(Object.isFrozen(m.marginModes)).toBe(true);
    expect(m.marginModes).toEqual(['isolated', 'cross']);
    expect(m.id).toBe('binance-usdm');
  });

  it('a model from the same rules answers as the bundled venue', () => {
    const m = tieredVenue({ venue: 'binance-usdm', source: binanceUsdm.source, kinds: ['linear'], valuation: 'mark', feeInMaintenance: false, hedgeMode: true });
    const input = { instrument: BTC, position, marginMode: 'isolated', collateral: 6_000 } as const;
    expect(m.liquidation(input)).toEqual(binanceUsdm.liquidation(input));
  });

  it('applies its rules: the kinds it lists and its venue id', () => {
    const inverseOnly = tieredVenue({ venue: 'binance-usdm', source: 'x', kinds: ['inverse'], valuation: 'mark', feeInMaintenance: false, hedgeMode: false, marginModes: ['isolated'] });
    expect(inverseOnly.marginModes).toEqual(['isolated']);
    expect(thrown(() => inverseOnly.liquidation({ instrument: BTC, position, marginMode: 'isolated', collateral: 6_000 }))).toMatchObject({ code: 'INVALID_INPUT', path: ['instrument', 'kind'] });
  });

  it('every tier venue is a tieredVenue model with a cited source', () => {
    for (const v of [binanceUsdm, binanceCoinm, bybitLinear, bybitInverse, okxSwap, hyperliquid]) {
      expect(Object.isFrozen(v)).toBe(true);
      expect(v.source).toMatch(/^https:\/\//);
      expect(v.marginModes).toEqual(['isolated', 'cross']);
    }
  });
});
