/**
 * Tier tables: lookup, maintenance amounts (the venues' published recurrences), validation, and
 * the bundled snapshots against the venue data they were typed from.
 */
import { describe, expect, it } from 'vitest';
import { hyperliquidTiers, singleTier, tierAt, tierIndex, validateTiers, withDeductions, type TierRow } from '../../src/venues/tiers.js';
import type { Tier } from '../../src/venues/types.js';
import { INSTRUMENTS as BINANCE_USDM } from '../../src/venues/snapshots/binance-usdm.js';
import { INSTRUMENTS as BINANCE_COINM } from '../../src/venues/snapshots/binance-coinm.js';
import { INSTRUMENTS as BYBIT_LINEAR } from '../../src/venues/snapshots/bybit-linear.js';
import { INSTRUMENTS as OKX_SWAP } from '../../src/venues/snapshots/okx-swap.js';
import { INSTRUMENTS as HYPERLIQUID } from '../../src/venues/snapshots/hyperliquid.js';
import { describeWithSharedData, readSharedData } from '../helpers/shared-data.js';
import { describeWithSharedReferences, readSharedReference } from '../helpers/shared-references.js';
import { thrown } from './helpers.js';


const closeRel = (a: number, b: number, rel = 1e-12): boolean => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

function rows(table: readonly (readonly [number, number])[], maxLeverage = 1): TierRow[] {
  return table.map(([floor, mmr], i) => ({
    tier: i + 1,
    floor,
    cap: table[i + 1]?.[0] ?? Number.POSITIVE_INFINITY,
    maintenanceMarginRate: mmr,
    maxLeverage,
  }));
}


const ALL = { ...BINANCE_USDM, ...BINANCE_COINM, ...BYBIT_LINEAR, ...OKX_SWAP, ...HYPERLIQUID };
const BTCUSDT = BINANCE_USDM.BTCUSDT!;

describe('withDeductions', () => {
  // Binance FAQ (USDⓈ-M): "the Maintenance Amount on Level 3 = 250,000 × (1 % − 0.5 %) + 50 USDT
  // = 1,300 USDT", on the FAQ-era BTCUSDT table (ccxt static fixture, venues.md §1.3).
  const faqTable = withDeductions(
    rows([[0, 0.004], [50_000, 0.005], [250_000, 0.01], [3_000_000, 0.025], [20_000_000, 0.05],
      [40_000_000, 0.1], [100_000_000, 0.125], [120_000_000, 0.15], [200_000_000, 0.25], [300_000_000, 0.5]]),
  );

  it('reproduces the Binance FAQ maintenance amount of level 3 (1,300 USDT) and the whole cum column', () => {
    expect(faqTable[2]!.maintenanceAmount).toBe(1_300);
    expect(faqTable.map((t) => t.maintenanceAmount)).toEqual([0, 50, 1_300, 46_300, 546_300, 2_546_300, 5_046_300, 8_046_300, 28_046_300, 103_046_300]);
  });

  it('reproduces the FAQ lookups: 264,000 USDT → MMR 1 %, 500,000 USDT → maintenance amount 1,300', () => {
    expect(tierAt(faqTable, 264_000).maintenanceMarginRate).toBe(0.01);
    expect(tierAt(faqTable, 500_000).maintenanceAmount).toBe(1_300);
  });

  it('reproduces the published Binance cum and Bybit MM deductions of the bundled tables exactly', () => {
    for (const inst of [BTCUSDT, BINANCE_USDM.ETHUSDT!, BYBIT_LINEAR.BTCUSDT!]) {
      expect(withDeductions(inst.tiers).map((t) => t.maintenanceAmount), inst.symbol).toEqual(inst.tiers.map((t) => t.maintenanceAmount));
    }
  });

  it('derives the COIN-M BTCUSD amounts of venues.md §1.4, and the FAQ: 300 BTC → 12.5 %, 11.605 BTC', () => {
    expect(BINANCE_COINM.BTCUSD!.tiers.map((t) => t.maintenanceAmount)).toEqual([0, 0.005, 0.055, 0.355, 1.605, 6.605, 11.605, 21.605, 121.605, 496.605]);
    const t = tierAt(BINANCE_COINM.BTCUSD!.tiers, 300);
    expect(t.maintenanceMarginRate).toBe(0.125);
    expect(t.maintenanceAmount).toBe(11.605);
  });

  it('keeps MM continuous at every bound of every bundled table', () => {
    for (const inst of Object.values(ALL)) {
      inst.tiers.slice(0, -1).forEach((t, i) => {
        const next = inst.tiers[i + 1]!;
        const below = t.cap * t.maintenanceMarginRate - t.maintenanceAmount;
        const above = t.cap * next.maintenanceMarginRate - next.maintenanceAmount;
        expect(closeRel(below, above, 1e-12), `${inst.symbol} at ${t.cap}`).toBe(true);
      });
    }
  });
});

describe('hyperliquidTiers', () => {
  it('gives MMR = 1/(2·max leverage) and the deductions of venues.md §4', () => {
    const btc = HYPERLIQUID.BTC!.tiers;
    expect(btc.map((t) => t.maintenanceMarginRate)).toEqual([0.0125, 0.025]);
    expect(btc.map((t) => t.maintenanceAmount)).toEqual([0, 1_875_000]);
    const eth = HYPERLIQUID.ETH!.tiers;
    expect(eth[0]!.maintenanceMarginRate).toBeCloseTo(0.02, 15);
    expect(eth[1]!.maintenanceMarginRate).toBeCloseTo(1 / 30, 15);
    expect(eth[1]!.maintenanceAmount).toBeCloseTo(1_333_333.33, 2);
    expect(btc[0]!.cap).toBe(150_000_000);
    expect(btc[1]!.cap).toBe(Number.POSITIVE_INFINITY);
  });

  it('takes an explicit top cap', () => {
    expect(hyperliquidTiers([[0, 10], [20_000_000, 5]], 50_000_000)[1]!.cap).toBe(50_000_000);
  });
});

describe('tierAt', () => {
  it('puts a cap in its own row, 0 in the first, and above the cap in the next', () => {
    expect(tierAt(BTCUSDT.tiers, 0).tier).toBe(1);
    expect(tierAt(BTCUSDT.tiers, 50_000).tier).toBe(1);
    expect(tierAt(BTCUSDT.tiers, 50_000.01).tier).toBe(2);
    expect(tierAt(BTCUSDT.tiers, 1_800_000_000).tier).toBe(12);
  });

  it('raises ABOVE_MAX_TIER naming the top cap, at path quantity', () => {
    const e = thrown(() => tierAt(BTCUSDT.tiers, 1_800_000_001));
    expect(e.code).toBe('ABOVE_MAX_TIER');
    expect(e.message).toContain('1800000000');
    expect(e.path).toEqual(['quantity']);
    expect(e.details).toMatchObject({ cap: 1_800_000_000, tier: 12 });
  });

  it('never raises on an open-ended table', () => {
    expect(tierAt(HYPERLIQUID.BTC!.tiers, 1e15).tier).toBe(2);
  });

  it('agrees with tierIndex below the cap; tierIndex extrapolates the top row', () => {
    for (const v of [-1, 0, 1, 49_999, 600_000, 7e8, 1.8e9]) expect(tierAt(BTCUSDT.tiers, v)).toBe(BTCUSDT.tiers[tierIndex(BTCUSDT.tiers, v)]);
    expect(tierIndex(BTCUSDT.tiers, 1e12)).toBe(11);
  });
});

describe('validateTiers', () => {
  const good: Tier[] = withDeductions(rows([[0, 0.01], [100, 0.02], [200, 0.05]], 10)).map((t, i) => ({ ...t, cap: i === 2 ? 300 : t.cap }));
  const withRow = (i: number, patch: Partial<Tier>): Tier[] => good.map((t, j) => (j === i ? { ...t, ...patch } : t));
  const pathOf = (tiers: readonly Tier[]) => thrown(() => validateTiers(tiers, ['instrument', 'tiers'])).path;

  it('accepts every bundled table and a single open-ended tier', () => {
    for (const inst of Object.values(ALL)) expect(() => validateTiers(inst.tiers)).not.toThrow();
    expect(() => validateTiers(singleTier(0.005, 100))).not.toThrow();
    expect(() => validateTiers(good)).not.toThrow();
  });

  it('rejects an empty table', () => {
    const e = thrown(() => validateTiers([]));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['tiers']);
  });

  it('names the offending field', () => {
    expect(pathOf(withRow(0, { floor: 5 }))).toEqual(['instrument', 'tiers', 0, 'floor']);
    expect(pathOf(withRow(1, { floor: 90 }))).toEqual(['instrument', 'tiers', 1, 'floor']);
    expect(pathOf(withRow(1, { cap: 100 }))).toEqual(['instrument', 'tiers', 1, 'cap']);
    expect(pathOf(withRow(0, { cap: Number.POSITIVE_INFINITY }))).toEqual(['instrument', 'tiers', 0, 'cap']);
    expect(pathOf(withRow(2, { maintenanceMarginRate: 0.015 }))).toEqual(['instrument', 'tiers', 2, 'maintenanceMarginRate']);
    expect(pathOf(withRow(2, { maintenanceMarginRate: 1 }))).toEqual(['instrument', 'tiers', 2, 'maintenanceMarginRate']);
    expect(pathOf(withRow(1, { maintenanceAmount: Number.NaN }))).toEqual(['instrument', 'tiers', 1, 'maintenanceAmount']);
    expect(pathOf(withRow(1, { maxLeverage: 0 }))).toEqual(['instrument', 'tiers', 1, 'maxLeverage']);
  });
});

describeWithSharedData('Binance USDⓈ-M snapshot = the 2024-10-24 brackets in shared data', ['margin/binance-usdm-leverage-tiers-20241024.csv'], () => {
  it('matches every BTCUSDT and ETHUSDT bracket', () => {
    const lines = readSharedData('margin/binance-usdm-leverage-tiers-20241024.csv').trim().split('\n');
    for (const [symbol, key] of [['BTC/USDT:USDT', 'BTCUSDT'], ['ETH/USDT:USDT', 'ETHUSDT']] as const) {
      const csv = lines.map((l) => l.split(',')).filter((c) => c[0] === symbol);
      const tiers = BINANCE_USDM[key]!.tiers;
      expect(csv.length).toBe(tiers.length);
      csv.forEach(([, tier, floor, cap, mmr, lev, amount], i) => {
        expect([tiers[i]!.tier, tiers[i]!.floor, tiers[i]!.cap, tiers[i]!.maintenanceMarginRate, tiers[i]!.maxLeverage, tiers[i]!.maintenanceAmount])
          .toEqual([tier, floor, cap, mmr, lev, amount].map(Number));
      });
    }
  });
});

describeWithSharedReferences('Bybit BTCUSDT snapshot = the saved Margin Parameters table', ['venue-data/bybit_btcusdt_margin_parameters.json'], () => {
  it('matches all 20 tiers (floor = previous risk limit)', () => {
    const saved = readSharedReference('venue-data/bybit_btcusdt_margin_parameters.json') as {
      tiers: { tier: number; riskLimitValue: string; maxLeverage: string; maintenanceMarginRate: string; mmDeduction: string }[];
    };
    const tiers = BYBIT_LINEAR.BTCUSDT!.tiers;
    expect(saved.tiers.length).toBe(tiers.length);
    saved.tiers.forEach((s, i) => {
      expect(tiers[i]).toEqual({
        tier: s.tier,
        floor: i === 0 ? 0 : Number(saved.tiers[i - 1]!.riskLimitValue),
        cap: Number(s.riskLimitValue),
        maintenanceMarginRate: Number(s.maintenanceMarginRate),
        maintenanceAmount: Number(s.mmDeduction),
        maxLeverage: Number(s.maxLeverage),
      });
    });
  });
});
