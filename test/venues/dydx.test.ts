import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  dydx,
  dydxInitialFraction,
  dydxMaintenanceFraction,
  dydxParams,
  dydxRisk,
  type DydxParams,
} from '../../src/venues/dydx.js';
import { getInstrument } from '../../src/venues/registry.js';
import { addRisk, isLiquidatable, ZERO_RISK, type Risk } from '../../src/venues/risk.js';
import { INSTRUMENTS } from '../../src/venues/snapshots/dydx.js';
import type { Instrument, Position } from '../../src/venues/types.js';
import { expectRel, thrown } from '../helpers/assert.js';
import { describeWithSharedReferences, readSharedReference } from '../helpers/shared-references.js';

const BTC = getInstrument('dydx', 'BTC-USD');
const ETH = getInstrument('dydx', 'ETH-USD');
const long = (quantity: number, entryPrice: number, markPrice?: number): Position =>
  markPrice === undefined ? { symbol: 'BTC-USD', side: 'long', quantity, entryPrice } : { symbol: 'BTC-USD', side: 'long', quantity, entryPrice, markPrice };
const short = (quantity: number, entryPrice: number): Position => ({ symbol: 'BTC-USD', side: 'short', quantity, entryPrice });

/** An instrument on another liquidity tier (sample pre-genesis "Small-Cap": IMF 10 %, MF 50 %, OI caps 20M–50M USDC). */
const SMALL_CAP: DydxParams = {
  liquidityTier: 1,
  initialMarginPpm: 100_000,
  maintenanceFractionPpm: 500_000,
  openInterestLowerCap: 20e6,
  openInterestUpperCap: 50e6,
};
const smallCap = (openInterest?: number): Instrument => ({
  ...BTC,
  symbol: 'SMALL-USD',
  params: openInterest === undefined ? { ...SMALL_CAP } : { ...SMALL_CAP, openInterest },
});

interface GenesisTier {
  id: number;
  name: string;
  initial_margin_ppm: number;
  maintenance_fraction_ppm: number;
  open_interest_lower_cap?: number;
  open_interest_upper_cap?: number;
}

describeWithSharedReferences(
  'dYdX v4 parameters from the chain genesis files',
  ['venue-data/dydx_v4_mainnet_genesis_liquidity_tiers.json', 'venue-data/dydx_v4_sample_pregenesis_liquidity_tiers_with_oi_caps.json'],
  () => {
    const genesis = () =>
      readSharedReference<{
        liquidity_tiers: GenesisTier[];
        perpetuals: { ticker: string; liquidity_tier: number; atomic_resolution: number }[];
      }>('venue-data/dydx_v4_mainnet_genesis_liquidity_tiers.json');
    const pregenesisTier = (name: string) =>
      readSharedReference<{ liquidity_tiers: GenesisTier[] }>(
        'venue-data/dydx_v4_sample_pregenesis_liquidity_tiers_with_oi_caps.json',
      ).liquidity_tiers.find((t) => t.name === name) as GenesisTier;
    const asParams = (t: GenesisTier): DydxParams => ({
      liquidityTier: t.id,
      initialMarginPpm: t.initial_margin_ppm,
      maintenanceFractionPpm: t.maintenance_fraction_ppm,
      // caps are USDC quote quantums (1e-6 USDC)
      openInterestLowerCap: (t.open_interest_lower_cap ?? 0) / 1e6,
      openInterestUpperCap: (t.open_interest_upper_cap ?? 0) / 1e6,
    });

    it('the bundled BTC-USD and ETH-USD carry their genesis liquidity tier and atomic resolution', () => {
      const { perpetuals, liquidity_tiers: tiers } = genesis();
      for (const ticker of ['BTC-USD', 'ETH-USD']) {
        const perp = perpetuals.find((p) => p.ticker === ticker);
        const tier = tiers.find((t) => t.id === perp?.liquidity_tier);
        expect(tier?.name).toBe('Large-Cap');
        const inst = INSTRUMENTS[ticker] as Instrument;
        expect(dydxParams(inst)).toEqual(asParams(tier as GenesisTier));
        expect(inst.params?.atomicResolution).toBe(perp?.atomic_resolution);
      }
    });

    it('MMF = IMF × MF reproduces the launch table: Large-Cap 3 %, Mid-Cap 5 %, Long-Tail 10 %, Safety 20 %', () => {
      const mmf = Object.fromEntries(genesis().liquidity_tiers.map((t) => [t.name, dydxMaintenanceFraction(asParams(t))]));
      expect(mmf['Large-Cap']).toBeCloseTo(0.03, 15);
      expect(mmf['Mid-Cap']).toBeCloseTo(0.05, 15);
      expect(mmf['Long-Tail']).toBeCloseTo(0.1, 15);
      expect(mmf.Safety).toBeCloseTo(0.2, 15);
    });

    it('OI scaling on the sample pre-genesis Small-Cap tier: base to the lower cap, linear to 1 at the upper cap', () => {
      const t = asParams(pregenesisTier('Small-Cap'));
      expect(t.openInterestLowerCap).toBe(20e6);
      expect(t.openInterestUpperCap).toBe(50e6);
      expect(dydxInitialFraction(t, 0)).toBe(0.1);
      expect(dydxInitialFraction(t, 20e6)).toBe(0.1);
      expect(dydxInitialFraction(t, 35e6)).toBeCloseTo(0.55, 15); // 0.1 + 0.9 × 15/30
      expect(dydxInitialFraction(t, 50e6)).toBe(1);
      expect(dydxInitialFraction(t, 80e6)).toBe(1);
    });

    it('a tier without OI caps (upper cap 0) never scales', () => {
      const t = asParams(pregenesisTier('Large-Cap'));
      expect(dydxInitialFraction(t, 1e12)).toBe(0.02);
    });
  },
);

describe('dydxRisk', () => {
  it('Large-Cap at genesis: IMR 5 %, MMR 3 % of the notional, NC the signed notional', () => {
    expect(dydxRisk(BTC, long(1, 50_000))).toEqual({ imr: 2500, mmr: 1500, nc: 50_000 });
    expect(dydxRisk(ETH, { symbol: 'ETH-USD', side: 'short', quantity: 10, entryPrice: 3000 })).toEqual({ imr: 1500, mmr: 900, nc: -30_000 });
    expect(dydxRisk(BTC, long(2, 60_000), { price: 50_000 })).toEqual({ imr: 5000, mmr: 3000, nc: 100_000 });
  });

  it('prices at the mark when given, else at the entry', () => {
    expect(dydxRisk(BTC, long(1, 50_000, 40_000)).nc).toBe(40_000);
  });

  it('the open-interest scaling raises the IMR only: MMR uses the base IMF', () => {
    // OI of 350 coins at 100,000 = 35M USDC open notional → IMF 55 %.
    const r = dydxRisk(smallCap(350), long(1, 100_000));
    expectRel(r.imr, 55_000, 1e-15);
    expectRel(r.mmr, 5_000, 1e-15); // 10 % × 50 %
    expect(dydxRisk(smallCap(), long(1, 100_000), { openInterest: 600 }).imr).toBe(100_000); // IMF 1 above the upper cap
  });

  it('a leverage setting is a custom IMF = 1/leverage, never below the tier IMF, never touching MMR', () => {
    expectRel(dydxRisk(BTC, long(1, 50_000), { leverage: 10 }).imr, 5000, 1e-15);
    expect(dydxRisk(BTC, long(1, 50_000), { leverage: 50 }).imr).toBe(2500);
    expect(dydxRisk(BTC, long(1, 50_000), { leverage: 10 }).mmr).toBe(1500);
  });

  it('sums to the account with the USDC balance as a risk of its own', () => {
    // Long 2 BTC bought at 60,000 with 22,500 USDC of equity: USDC balance −97,500.
    const account = addRisk(dydxRisk(BTC, long(2, 60_000), { price: 50_000 }), { imr: 0, mmr: 0, nc: -97_500 });
    expect(account).toEqual({ imr: 5000, mmr: 3000, nc: 2500 });
    expect(isLiquidatable(account)).toBe(true);
  });

  it('is within the chain rounding of the integer computation (ceil in quote quantums, ≤ 2e-6 USDC)', () => {
    // lib.go: base IMR = ceil(n_q × IMF_ppm / 1e6); MMR = ceil(IMR_base × MF_ppm / 1e6); n_q in 1e-6 USDC.
    const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1_000, max: 200_000 }), (lots, dollars) => {
        const quantity = lots / 10_000; // BTC lot 0.0001
        const notionalQ = BigInt(lots) * BigInt(dollars) * 100n; // lots × 1e-4 BTC × price × 1e6
        const imrQ = ceilDiv(notionalQ * 50_000n, 1_000_000n);
        const mmrQ = ceilDiv(imrQ * 600_000n, 1_000_000n);
        const r = dydxRisk(BTC, long(quantity, dollars));
        const imrChain = Number(imrQ) / 1e6;
        const mmrChain = Number(mmrQ) / 1e6;
        return Math.abs(r.imr - imrChain) <= 2e-6 + 1e-12 * imrChain && Math.abs(r.mmr - mmrChain) <= 2e-6 + 1e-12 * mmrChain;
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects bad input with the path of the field', () => {
    expect(thrown(() => dydxRisk({ ...BTC, params: {} }, long(1, 50_000))).path).toEqual(['instrument', 'params', 'initialMarginPpm']);
    expect(thrown(() => dydxRisk({ ...BTC, venue: 'binance-usdm' }, long(1, 50_000))).path).toEqual(['instrument', 'venue']);
    expect(thrown(() => dydxRisk(BTC, long(0, 50_000))).path).toEqual(['position', 'quantity']);
    expect(thrown(() => dydxRisk(BTC, { ...long(1, 50_000), positionSide: 'long' })).path).toEqual(['position', 'positionSide']);
    expect(thrown(() => dydxRisk(BTC, long(1, 50_000), { leverage: 0.5 })).code).toBe('INVALID_INPUT');
  });
});

describe('dydx.liquidation', () => {
  it('single cross long: LP = Q/(|s|·MMF − s), BP where NC = 0', () => {
    // 1 BTC long at 50,000 with 5,000 USDC equity: USDC balance −45,000.
    const r = dydx.liquidation({ instrument: BTC, position: long(1, 50_000), marginMode: 'cross', collateral: 5000 });
    expectRel(r.liquidationPrice as number, -45_000 / (0.03 - 1), 1e-15); // 46,391.75
    expect(r.bankruptcyPrice).toBe(45_000);
    expect(r.initialMargin).toBe(2500);
    expect(r.maintenanceMargin).toBe(1500);
    expectRel(r.marginRatio, 5000 / 1500, 1e-15);
    expect(r.tier.maintenanceMarginRate).toBeCloseTo(0.03, 15);
    expect(r.iterations).toBe(1);
  });

  it('single cross short: LP above the entry', () => {
    const r = dydx.liquidation({ instrument: BTC, position: short(1, 50_000), marginMode: 'cross', collateral: 5000 });
    expectRel(r.liquidationPrice as number, 55_000 / 1.03, 1e-15); // 53,398.06
    expect(r.bankruptcyPrice).toBe(55_000);
  });

  it('no liquidation price for a long backed beyond its notional; a short with no equity is liquidatable at any price', () => {
    expect(dydx.liquidation({ instrument: BTC, position: long(1, 50_000), marginMode: 'cross', collateral: 60_000 }).liquidationPrice).toBeNull();
    expect(dydx.liquidation({ instrument: BTC, position: short(1, 50_000), marginMode: 'cross', collateral: -60_000 }).liquidationPrice).toBeNull();
  });

  it('other positions move the LP by their PnL and maintenance requirement', () => {
    const eth = { instrument: ETH, position: { symbol: 'ETH-USD', side: 'long' as const, quantity: 10, entryPrice: 3000, markPrice: 2900 } };
    const alone = dydx.liquidation({ instrument: BTC, position: long(1, 50_000), marginMode: 'cross', collateral: 5000 });
    const both = dydx.liquidation({ instrument: BTC, position: long(1, 50_000), marginMode: 'cross', collateral: 5000, otherPositions: [eth] });
    // ETH: PnL −1,000, MMR 870 → Q = 5000 − 50,000 − 1000 − 870.
    expectRel(both.liquidationPrice as number, (5000 - 50_000 - 1000 - 870) / (0.03 - 1), 1e-15);
    expect(both.liquidationPrice as number).toBeGreaterThan(alone.liquidationPrice as number);
  });

  it('isolated: a subaccount of its own, so no other positions', () => {
    const r = dydx.liquidation({ instrument: BTC, position: long(1, 50_000), marginMode: 'isolated', collateral: 5000 });
    expectRel(r.liquidationPrice as number, 45_000 / 0.97, 1e-15);
    const e = thrown(() =>
      dydx.liquidation({ instrument: BTC, position: long(1, 50_000), marginMode: 'isolated', collateral: 5000, otherPositions: [{ instrument: ETH, position: long(1, 3000) }] }),
    );
    expect(e.path).toEqual(['otherPositions']);
  });

  it('rejects an other position on another venue, naming it', () => {
    const e = thrown(() =>
      dydx.liquidation({
        instrument: BTC,
        position: long(1, 50_000),
        marginMode: 'cross',
        collateral: 5000,
        otherPositions: [{ instrument: { ...ETH, venue: 'hyperliquid' }, position: long(1, 3000) }],
      }),
    );
    expect(e.path).toEqual(['otherPositions', 0, 'instrument', 'venue']);
  });

  const leg = fc.record({
    side: fc.constantFrom('long' as const, 'short' as const),
    quantity: fc.double({ min: 0.001, max: 50, noNaN: true }),
    entryPrice: fc.double({ min: 100, max: 200_000, noNaN: true }),
    markMove: fc.double({ min: -0.3, max: 0.3, noNaN: true }),
    eth: fc.boolean(),
  });

  /** The account's risk with the target position at price p (USDC balance = W − Σ s·entry). */
  function accountAt(p: number, target: Position, collateral: number, others: { instrument: Instrument; position: Position }[]): Risk {
    const sign = (x: Position) => (x.side === 'long' ? x.quantity : -x.quantity);
    const usdc = collateral - sign(target) * target.entryPrice - others.reduce((a, o) => a + sign(o.position) * o.position.entryPrice, 0);
    return [dydxRisk(BTC, target, { price: p }), ...others.map((o) => dydxRisk(o.instrument, o.position)), { imr: 0, mmr: 0, nc: usdc }].reduce(
      addRisk,
      ZERO_RISK,
    );
  }

  it('property: at the computed LP, NC = MMR within 1e-9 relative, and the account turns liquidatable just past it (1,000 runs)', () => {
    fc.assert(
      fc.property(leg, fc.array(leg, { maxLength: 3 }), fc.double({ min: 0.01, max: 0.5, noNaN: true }), (t, rest, margin) => {
        const target: Position = { symbol: 'BTC-USD', side: t.side, quantity: t.quantity, entryPrice: t.entryPrice };
        const others = rest.map((o) => ({
          instrument: o.eth ? ETH : BTC,
          position: { symbol: 'X', side: o.side, quantity: o.quantity, entryPrice: o.entryPrice, markPrice: o.entryPrice * (1 + o.markMove) },
        }));
        const collateral = margin * t.quantity * t.entryPrice;
        const r = dydx.liquidation({ instrument: BTC, position: target, marginMode: 'cross', collateral, otherPositions: others });
        if (r.liquidationPrice === null) return true;
        const at = accountAt(r.liquidationPrice, target, collateral, others);
        expect(Math.abs(at.nc - at.mmr)).toBeLessThanOrEqual(1e-9 * at.mmr);
        const beyond = r.liquidationPrice * (t.side === 'long' ? 1 - 1e-6 : 1 + 1e-6);
        expect(isLiquidatable(accountAt(beyond, target, collateral, others))).toBe(true);
        return true;
      }),
      { numRuns: 1000 },
    );
  });

  it('property: less collateral moves the LP toward the entry (1,000 runs)', () => {
    // Equity above MMR at entry (margin > MMF = 3 %) puts the LP on the losing side of the entry.
    fc.assert(
      fc.property(
        leg,
        fc.double({ min: 0.031, max: 0.9, noNaN: true }),
        fc.double({ min: 0.031, max: 0.9, noNaN: true }),
        (t, a, b) => {
          fc.pre(Math.abs(a - b) > 1e-9);
          const target: Position = { symbol: 'BTC-USD', side: t.side, quantity: t.quantity, entryPrice: t.entryPrice };
          const lp = (margin: number) =>
            dydx.liquidation({ instrument: BTC, position: target, marginMode: 'cross', collateral: margin * t.quantity * t.entryPrice })
              .liquidationPrice;
          const lpMore = lp(Math.max(a, b));
          const lpLess = lp(Math.min(a, b));
          if (lpMore === null) return true; // a long backed beyond its notional
          return lpLess !== null && Math.abs(lpLess - t.entryPrice) < Math.abs(lpMore - t.entryPrice);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('dydx.positionMargin', () => {
  it('margins at the given mark and the tier of the liquidity tier', () => {
    const m = dydx.positionMargin(BTC, long(1, 50_000), 40_000);
    expect(m).toMatchObject({ initialMargin: 2000, maintenanceMargin: 1200, positionValue: 40_000 });
    expect(m.tier).toMatchObject({ tier: 0, maxLeverage: 20, maintenanceAmount: 0 });
  });
});
