import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { givenFunding } from '../../src/funding/estimate.js';
import { holdingPeriodToLevel, liquidationDrift } from '../../src/funding/liquidation-drift.js';
import { legLiquidationPrice, marginForLiquidation, type LegVenue } from '../../src/funding/leg-model.js';
import { planFunding, type PlanVenue } from '../../src/funding/plan.js';
import { positionCarry, fundingKelly } from '../../src/funding/carry.js';
import { venueRules } from '../../src/funding/venue-files.js';

const binance = venueRules('binance', 'btcusdt').rules;
const flat: LegVenue = { kind: 'flat', maintenanceRate: 0.005, maxLeverage: 20 };
const longLeg = { venue: binance, side: 'long' as const, quantity: 1, entry: 50_000 };

describe('liquidation drift (Binance USDⓈ-M BTCUSDT isolated)', () => {
  it('hand-worked: LP = (WB − Q·E)/(Q·MMR − Q); WB 5,000 → 45,180.72; 90 settlements of 5 → WB 4,550, LP 45,632.53', () => {
    // First bracket: MMR 0.4 %, cum 0 (notional 50,000 ≤ 50,000). (5,000 − 50,000)/(0.004 − 1) = 45,180.72.
    const d = liquidationDrift({ leg: longLeg, margin: 5000, funding: givenFunding(0.0001, 8) }, 30);
    expect(d.liquidationPrice).toBeCloseTo(45_000 / 0.996, 6);
    expect(d.settlements).toBe(90);
    expect(d.fundingPaid).toBeCloseTo(450, 9);
    expect(d.marginAtHorizon).toBeCloseTo(4550, 9);
    expect(d.liquidationAtHorizon).toBeCloseTo(45_450 / 0.996, 6);
  });

  it('hand-worked: liquidation reaches a stop at 46,000 once WB ≤ 50,000 − 0.996 × 46,000 = 4,184: ⌈816/5⌉ = 164 settlements', () => {
    const h = holdingPeriodToLevel({ leg: longLeg, margin: 5000, funding: givenFunding(0.0001, 8) }, 46_000);
    expect(h).toEqual({ settlements: 164, hours: 1312, days: 1312 / 24 });
  });

  it('a long that receives funding never drifts to the stop', () => {
    expect(holdingPeriodToLevel({ leg: longLeg, margin: 5000, funding: givenFunding(-0.0001, 8) }, 46_000)).toBeNull();
  });

  it('Bybit linear, hand-worked (venues.md §2.1): LP = EP − (M − MM)/Q; 1 BTC @ 20,000, M 400, MMR 0.5 % → 19,700; 90 × 2 paid → 19,880', () => {
    const leg = { venue: venueRules('bybit', 'btcusdt').rules, side: 'long' as const, quantity: 1, entry: 20_000 };
    const d = liquidationDrift({ leg, margin: 400, funding: givenFunding(0.0001, 8) }, 30);
    expect(d.liquidationPrice).toBeCloseTo(19_700, 9);
    expect(d.liquidationAtHorizon).toBeCloseTo(20_000 - (220 - 100), 9);
    // Stop 19,895.5: reached once M − 100 ≤ 104.5, M ≤ 204.5: ⌈195.5/2⌉ = 98 settlements = 784 h.
    expect(holdingPeriodToLevel({ leg, margin: 400, funding: givenFunding(0.0001, 8) }, 19_895.5)).toEqual({ settlements: 98, hours: 784, days: 784 / 24 });
  });

  it('Hyperliquid, hand-worked (venues.md §4): liq = P − (M − MM)/Q/(1 − l), l = 1/(2·40); hourly funding', () => {
    // 1 BTC @ 50,000, M 5,000: MM = 625, available 4,375 → 50,000 − 4,375/0.9875 = 45,569.62.
    const leg = { venue: venueRules('hyperliquid', 'btc').rules, side: 'long' as const, quantity: 1, entry: 50_000 };
    const drift = { leg, margin: 5000, funding: givenFunding(0.0000125, 1), intervalHours: 1 };
    const d = liquidationDrift(drift, 30);
    expect(d.liquidationPrice).toBeCloseTo(50_000 - 4375 / 0.9875, 8);
    // 720 hourly settlements of 0.625: M = 4,550, available 3,925 → 50,000 − 3,925/0.9875 = 46,025.32.
    expect(d.settlements).toBe(720);
    expect(d.liquidationAtHorizon).toBeCloseTo(50_000 - 3925 / 0.9875, 8);
    // Stop 46,333: available at the stop 3,667 × 0.9875 = 3,621.1625, M = 4,246.1625: ⌈753.8375/0.625⌉ = 1,207 hours.
    expect(holdingPeriodToLevel(drift, 46_333)?.settlements).toBe(1207);
  });

  it('flat model, hand-worked: LP = (E − M/Q)/(1 − m) = 45,000/0.995; margin for LP 40,000 = 50,000 − 0.995 × 40,000 = 10,200', () => {
    const leg = { venue: flat, side: 'long' as const, quantity: 1, entry: 50_000 };
    expect(legLiquidationPrice(leg, 5000)).toBeCloseTo(45_000 / 0.995, 9);
    expect(marginForLiquidation(leg, 40_000)).toBeCloseTo(10_200, 4);
    expect(legLiquidationPrice({ ...leg, side: 'short' }, 5000)).toBeCloseTo(55_000 / 1.005, 9);
  });
});

const venue = (name: string, rate: number, rules: LegVenue = flat, takerFee = 0): PlanVenue => ({ name, funding: givenFunding(rate), takerFee, rules });

describe('planFunding', () => {
  it('hand-worked (flat venues, no funding or fees): Q = 10,000 / (17,638.36 + 27,250.02) = 0.222775', () => {
    const p = planFunding({ venues: [venue('a', 0), venue('b', 0)], price: 50_000, sigma: 0.5, equity: 10_000 });
    const move = 3 * 0.5 * Math.sqrt(30 / 365);
    const down = 50_000 * Math.exp(-move);
    const up = 50_000 * Math.exp(move);
    const perUnit = 50_000 - 0.995 * down + (1.005 * up - 50_000);
    expect(p.legs[0].quantity).toBeCloseTo(10_000 / perUnit, 8);
    expect(10_000 / perUnit).toBeCloseTo(0.222775, 6);
    expect(p.legs[0].liquidationPrice).toBeCloseTo(down, 3);
    expect(p.legs[1].liquidationPrice).toBeCloseTo(up, 3);
  });

  it('longs the lowest rate, shorts the highest; carry = Q·S·Δc·H/365, costs = 2·Q·S·(fees)', () => {
    const p = planFunding({ venues: [venue('hi', 0.3, flat, 0.0005), { ...venue('lo', 0.05, binance, 0.0004), lotStep: 0.001 }, venue('mid', 0.1)], price: 42_000, sigma: 0.5, equity: 10_000, horizonDays: 30 });
    expect(p.legs.map((l) => `${l.venue}:${l.side}`)).toEqual(['lo:long', 'hi:short']);
    const n = p.legs[0].notional;
    expect(p.expectedCarry.amount).toBeCloseTo(n * 0.25 * (30 / 365), 9);
    expect(p.costs.total).toBeCloseTo(2 * n * 0.0009, 9);
    expect(p.legs[0].quantity * 1000).toBeCloseTo(Math.round(p.legs[0].quantity * 1000), 9); // Binance lot 0.001
  });

  it('property: both legs survive the K σ move at the horizon, after the funding they pay, and fit the equity (1,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.5, max: 0.5, noNaN: true }), fc.double({ min: -0.5, max: 0.5, noNaN: true }),
        fc.double({ min: 0.1, max: 1.5, noNaN: true }), fc.double({ min: 0.5, max: 5, noNaN: true }), fc.integer({ min: 1, max: 120 }), fc.boolean(),
        (ra, rb, sigma, k, horizonDays, useModel) => {
          const p = planFunding({ venues: [venue('a', ra, useModel ? binance : flat, 0.0005), venue('b', rb, flat, 0.0005)], price: 30_000, sigma, k, horizonDays, equity: 20_000 });
          const [l, s] = p.legs;
          if (l.quantity === 0) return true;
          const okLong = l.liquidationAtHorizon === null || l.liquidationAtHorizon <= p.survives.down * (1 + 1e-9);
          const okShort = s.liquidationAtHorizon === null || s.liquidationAtHorizon >= p.survives.up * (1 - 1e-9);
          return okLong && okShort && p.spareEquity >= -1e-6 && p.expectedCarry.ratePerYear >= 0;
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('property: carry grows with the rate differential; size falls as K grows (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0.001, max: 0.5, noNaN: true }), fc.double({ min: 1, max: 4, noNaN: true }), (d, extra, k) => {
        const plan = (diff: number, kk: number) => planFunding({ venues: [venue('a', 0), venue('b', diff)], price: 30_000, sigma: 0.6, k: kk, equity: 10_000 });
        const a = plan(d, k);
        const b = plan(d + extra, k);
        return b.expectedCarry.amount >= a.expectedCarry.amount - 1e-9 && plan(d, k + 0.5).legs[0].quantity <= a.legs[0].quantity + 1e-12;
      }),
      { numRuns: 1000 },
    );
  });
});

describe('carry in the Kelly edge', () => {
  it('hand-worked: c = 0.1095, N = 65,000, 30 days → a long pays 585; f* = (0.5 − 0.1095)/0.36 = 1.08472', () => {
    expect(positionCarry(givenFunding(0.1095), 'long', 65_000, 30).amount).toBeCloseTo(585, 9);
    expect(positionCarry(givenFunding(0.1095), 'short', 65_000, 30).amount).toBeCloseTo(-585, 9);
    expect(fundingKelly(0.5, 0.6, givenFunding(0.1095)).fraction).toBeCloseTo(0.3905 / 0.36, 12);
  });

  it('property: a higher funding rate never raises a long Kelly fraction and never lowers a short one (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 0.05, max: 2, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (mu, sigma, c, dc) => {
        const a = fundingKelly(mu, sigma, givenFunding(c)).fraction;
        const b = fundingKelly(mu, sigma, givenFunding(c + dc)).fraction;
        return b <= a + 1e-12;
      }),
      { numRuns: 1000 },
    );
  });
});
