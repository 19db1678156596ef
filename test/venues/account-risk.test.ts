import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accountRisk, positionRisk, unrealizedPnl } from '../../src/venues/account-risk.js';
import { isLiquidatable } from '../../src/venues/risk.js';
import { getInstrument, getVenue } from '../../src/venues/registry.js';
import type { Position } from '../../src/venues/types.js';

const binance = getVenue('binance-usdm');
const BTCUSDT = getInstrument('binance-usdm', 'BTCUSDT');
const ETHUSDT = getInstrument('binance-usdm', 'ETHUSDT');

describe('positionRisk / accountRisk', () => {
  it('Binance BTCUSDT: IMR at the bracket max leverage, MMR = notional × MMR − cum, NC = uPnL', () => {
    const position: Position = { symbol: 'BTCUSDT', side: 'long', quantity: 1, entryPrice: 65_000, markPrice: 60_000 };
    const r = positionRisk(binance, { instrument: BTCUSDT, position });
    expect(r.mmr).toBeCloseTo(60_000 * 0.005 - 50, 9);
    expect(r.imr).toBeCloseTo(60_000 / 100, 9);
    expect(r.nc).toBeCloseTo(-5_000, 9);
  });

  it('inverse PnL: a long of 100 × 100-USD contracts from 50,000 to 40,000 loses 10,000·(1/40,000 − 1/50,000) coin', () => {
    const inst = getInstrument('binance-coinm', 'BTCUSD');
    expect(unrealizedPnl(inst, { symbol: 'BTCUSD', side: 'long', quantity: 100, entryPrice: 50_000, markPrice: 40_000 })).toBeCloseTo(-10_000 * (1 / 40_000 - 1 / 50_000), 15);
  });

  it('sums across positions (the monoid fold)', () => {
    const btc = { instrument: BTCUSDT, position: { symbol: 'BTCUSDT', side: 'long', quantity: 0.5, entryPrice: 65_000, markPrice: 66_000 } as Position };
    const eth = { instrument: ETHUSDT, position: { symbol: 'ETHUSDT', side: 'short', quantity: 5, entryPrice: 3_000, markPrice: 3_100 } as Position };
    const a = positionRisk(binance, btc);
    const b = positionRisk(binance, eth);
    const total = accountRisk(binance, 2_000, [btc, eth]);
    expect(total.imr).toBeCloseTo(a.imr + b.imr, 9);
    expect(total.mmr).toBeCloseTo(a.mmr + b.mmr, 9);
    expect(total.nc).toBeCloseTo(2_000 + 500 - 500, 9);
  });

  it('property: a single cross position is liquidatable just past the venue liquidation price and not just before it (1,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('long' as const, 'short' as const),
        fc.double({ min: 0.01, max: 20, noNaN: true }),
        fc.double({ min: 0.02, max: 0.5, noNaN: true }),
        (side, quantity, marginFraction) => {
          const entry = 65_000;
          const collateral = quantity * entry * marginFraction;
          const position: Position = { symbol: 'BTCUSDT', side, quantity, entryPrice: entry };
          const lp = binance.liquidation({ instrument: BTCUSDT, position, marginMode: 'cross', collateral }).liquidationPrice;
          if (lp === null) return true;
          const at = (mark: number) => accountRisk(binance, collateral, [{ instrument: BTCUSDT, position: { ...position, markPrice: mark } }]);
          const before = side === 'long' ? lp * (1 + 1e-6) : lp * (1 - 1e-6);
          const past = side === 'long' ? lp * (1 - 1e-6) : lp * (1 + 1e-6);
          return !isLiquidatable(at(before)) && isLiquidatable(at(past));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
