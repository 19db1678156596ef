/**
 * The allocation-free kernels and the solver's edge cases: packing, NaN for "none", the
 * adjacent-tier boundary, a discontinuous table (NOT_CONVERGED), bankruptcy prices.
 */
import { describe, expect, it } from 'vitest';
import { binanceUsdm } from '../../src/venues/binance-usdm.js';
import { INSTRUMENTS } from '../../src/venues/snapshots/binance-usdm.js';
import { bankruptcyPrice, inverseLiquidationPrice, linearLiquidationPrice, packTiers } from '../../src/venues/tiered-liquidation.js';
import { singleTier } from '../../src/venues/tiers.js';
import type { Instrument, Tier } from '../../src/venues/types.js';
import { thrown } from './helpers.js';

const BTC = INSTRUMENTS.BTCUSDT!;
const PACKED = packTiers(BTC.tiers);

describe('packTiers', () => {
  it('lays out [cap, rate, amount] per row', () => {
    expect(PACKED.length).toBe(36);
    expect([...PACKED.slice(3, 6)]).toEqual([600_000, 0.005, 50]);
  });
});

describe('linearLiquidationPrice', () => {
  it('iterates to the tier at the LP and reports [tier index, iterations]', () => {
    const out = new Float64Array(2);
    expect(linearLiquidationPrice(1, 1, 1, 55_000, 6_000, PACKED, 0, out)).toBeCloseTo(49_000 / 0.996, 9);
    expect([...out]).toEqual([0, 2]);
  });

  it('adds an extra rate (OKX taker fee) to every tier', () => {
    expect(linearLiquidationPrice(1, 1, 1, 60_000, 6_000, packTiers(singleTier(0.004)), 0.0005)).toBeCloseTo(54_000 / (1 - 0.0045), 9);
  });

  it('returns NaN for no LP (over-collateralised long) and for bad input', () => {
    expect(linearLiquidationPrice(1, 1, 1, 60_000, 70_000, PACKED)).toBeNaN();
    expect(linearLiquidationPrice(1, 0, 1, 60_000, 600, PACKED)).toBeNaN();
    expect(linearLiquidationPrice(1, 1, 0, 60_000, 600, PACKED)).toBeNaN();
    expect(linearLiquidationPrice(1, 1, 1, 0, 600, PACKED)).toBeNaN();
    expect(linearLiquidationPrice(1, 1, 1, Number.POSITIVE_INFINITY, 600, PACKED)).toBeNaN();
    expect(linearLiquidationPrice(1, 1, 1, 60_000, Number.NaN, PACKED)).toBeNaN();
    expect(linearLiquidationPrice(1, 1, 1, 60_000, 600, new Float64Array(0))).toBeNaN();
  });

  it('settles an LP that sits on a bound shared by two tiers (50,000 USDT)', () => {
    // Tier 1 puts the LP at (K − 55,000)/(0.004 − 1) = 50,000 for K = 5,200: MM is continuous there.
    const out = new Float64Array(2);
    const lp = linearLiquidationPrice(1, 1, 1, 55_000, 5_200, PACKED, 0, out);
    expect(Math.abs(lp - 50_000)).toBeLessThan(1e-6);
    expect(out[0]).toBeLessThanOrEqual(1);
  });
});

describe('inverseLiquidationPrice', () => {
  it('values MM at the LP: 60,000 USD long @ 50,000 on 0.12 BTC, MMR 0.5 % → c·q·(1 + r)/(K + c·q/E)', () => {
    expect(inverseLiquidationPrice(1, 600, 100, 50_000, 0.12, packTiers(singleTier(0.005)))).toBeCloseTo((60_000 * 1.005) / 1.32, 8);
  });

  it('returns NaN for a short that cannot be liquidated and for a bad entry', () => {
    expect(inverseLiquidationPrice(-1, 600, 100, 50_000, 2, packTiers(singleTier(0.005)))).toBeNaN();
    expect(inverseLiquidationPrice(1, 600, 100, 0, 0.12, packTiers(singleTier(0.005)))).toBeNaN();
  });
});

describe('bankruptcyPrice', () => {
  it('is where the margin balance is zero', () => {
    expect(bankruptcyPrice('linear', 1, 1, 1, 10_000, 200)).toBe(9_800);
    expect(bankruptcyPrice('linear', -1, 2, 0.5, 10_000, 200)).toBe(10_200);
    expect(bankruptcyPrice('inverse', 1, 600, 100, 50_000, 0.12)).toBeCloseTo(60_000 / 1.32, 9);
    expect(bankruptcyPrice('inverse', -1, 600, 100, 50_000, 0.12)).toBeCloseTo(60_000 / 1.08, 9);
    expect(bankruptcyPrice('inverse', -1, 600, 100, 50_000, 1.21)).toBeNaN();
    expect(bankruptcyPrice('linear', 1, 1, 1, 10_000, 10_000)).toBeNaN();
  });
});

describe('a table whose amounts break MM continuity', () => {
  // At 100 the MM drops from 1.0 to 5 − 10 = −5: no price balances MB and MM, the tiers cycle.
  const broken: Tier[] = [
    { tier: 1, floor: 0, cap: 100, maintenanceMarginRate: 0.01, maintenanceAmount: 0, maxLeverage: 100 },
    { tier: 2, floor: 100, cap: Number.POSITIVE_INFINITY, maintenanceMarginRate: 0.05, maintenanceAmount: 10, maxLeverage: 20 },
  ];

  it('yields NaN from the kernel', () => {
    expect(linearLiquidationPrice(1, 1, 1, 120, 18, packTiers(broken))).toBeNaN();
  });

  it('raises NOT_CONVERGED from the full solver', () => {
    const inst: Instrument = { ...BTC, tiers: broken };
    const e = thrown(() =>
      binanceUsdm.liquidation({ instrument: inst, marginMode: 'isolated', collateral: 18, position: { symbol: 'BTCUSDT', side: 'long', quantity: 1, entryPrice: 120 } }),
    );
    expect(e.code).toBe('NOT_CONVERGED');
    expect(e.path).toEqual(['instrument', 'tiers']);
  });
});
