/**
 * Bad library input is a coded TradesizeError naming the field, never an untyped TypeError, and
 * a computed limit or margin that overflows or goes negative is refused (INVALID_INPUT at the
 * input that caused it) instead of being reported as Infinity or a negative margin.
 */
import { describe, expect, it } from 'vitest';
import { TradesizeError } from '../../src/core/errors.js';
import { binanceUsdm } from '../../src/venues/binance-usdm.js';
import { hyperliquid } from '../../src/venues/hyperliquid.js';
import { largestSafeQuantity } from '../../src/venues/max-safe-size.js';
import { findInstrument, getInstrument } from '../../src/venues/registry.js';
import type { LiquidationInput, VenueModel } from '../../src/venues/types.js';
import { thrown } from './helpers.js';

const BTC = getInstrument('binance-usdm', 'BTCUSDT');
const position = { symbol: 'BTCUSDT', side: 'long', quantity: 1, entryPrice: 60_000 } as const;
const safe = { model: binanceUsdm, instrument: BTC, side: 'long', entry: 60_000, stop: 58_000, marginMode: 'cross', balance: 10_000 } as const;

describe('untyped TypeErrors become coded errors', () => {
  it('otherPositions that is not an array', () => {
    const input = { instrument: BTC, position, marginMode: 'cross', collateral: 10_000, otherPositions: { length: 1 } } as unknown as LiquidationInput;
    expect(thrown(() => binanceUsdm.liquidation(input))).toMatchObject({ code: 'INVALID_INPUT', path: ['otherPositions'] });
    const sized = { ...safe, otherPositions: 'none' } as unknown as Parameters<typeof largestSafeQuantity>[0];
    expect(thrown(() => largestSafeQuantity(sized))).toMatchObject({ code: 'INVALID_INPUT', path: ['otherPositions'] });
  });

  it.each([null, undefined, 42, ''])('getInstrument / findInstrument with symbol %j', (symbol) => {
    expect(thrown(() => getInstrument('binance-usdm', symbol as unknown as string))).toMatchObject({ code: 'INVALID_INPUT', path: ['symbol'] });
    expect(thrown(() => findInstrument('binance-usdm', symbol as unknown as string))).toMatchObject({ code: 'INVALID_INPUT', path: ['symbol'] });
  });

  it.each([null, undefined, {}])('largestSafeQuantity with model %j', (model) => {
    const e = thrown(() => largestSafeQuantity({ ...safe, model: model as unknown as VenueModel }));
    expect(e).toBeInstanceOf(TradesizeError);
    expect(e).toMatchObject({ code: 'INVALID_INPUT', path: ['model'] });
  });

  it('largestSafeQuantity with instrument null', () => {
    expect(thrown(() => largestSafeQuantity({ ...safe, instrument: null as never }))).toMatchObject({ code: 'INVALID_INPUT', path: ['instrument'] });
  });
});

describe('overflow and negative margins are refused at their input', () => {
  it('a liquidation buffer whose limit overflows', () => {
    const e = thrown(() => largestSafeQuantity({ ...safe, buffer: 1e308 }));
    expect(e).toMatchObject({ code: 'INVALID_INPUT', path: ['buffer'] });
    expect(e.message).not.toMatch(/Infinity/);
  });

  it('a maintenance amount larger than value × rate (negative maintenance margin)', () => {
    const tiers = [{ tier: 1, floor: 0, cap: Number.POSITIVE_INFINITY, maintenanceMarginRate: 0.01, maintenanceAmount: 1e308, maxLeverage: 50 }];
    const inst = { ...getInstrument('hyperliquid', 'SOL'), tiers };
    const pos = { symbol: 'SOL', side: 'long', quantity: 10, entryPrice: 100 } as const;
    for (const f of [() => hyperliquid.liquidation({ instrument: inst, position: pos, marginMode: 'isolated', collateral: 100 }), () => hyperliquid.positionMargin(inst, pos, 100)]) {
      const e = thrown(f);
      expect(e).toMatchObject({ code: 'INVALID_INPUT', path: ['instrument', 'tiers', 0, 'maintenanceAmount'] });
      expect(e.message).toMatch(/negative/);
    }
  });
});
