/**
 * The bundled Hyperliquid perp universe: the generated snapshot of the 2023-07-17 `meta`
 * (scripts/snapshots/hyperliquid-meta.mjs) against its CSV, and the instruments built from it.
 */
import { describe, expect, it } from 'vitest';
import { getInstrument, listInstruments } from '../../src/venues/registry.js';
import { hyperliquid } from '../../src/venues/hyperliquid.js';
import { HYPERLIQUID_META, HYPERLIQUID_META_DATE } from '../../src/venues/snapshots/hyperliquid-meta-20230717.js';
import { describeWithSharedData, readSharedData } from '../helpers/shared-data.js';

const CSV = 'margin/hyperliquid-meta-20230717.csv';

describeWithSharedData('Hyperliquid meta snapshot = the shared CSV', [CSV], () => {
  it('holds every CSV row, in order, with the same max leverage and size decimals', () => {
    const rows = readSharedData(CSV).trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
    expect(HYPERLIQUID_META.map(([n, l, s]) => [n, String(l), String(s)])).toEqual(rows);
  });
});

describe('bundled Hyperliquid universe', () => {
  it('bundles every perp of the snapshot, dated and marked old', () => {
    const symbols = listInstruments('hyperliquid').map((i) => i.symbol);
    for (const [name] of HYPERLIQUID_META) expect(symbols).toContain(name);
    const sol = getInstrument('hyperliquid', 'SOL');
    expect(sol.source?.date).toBe(HYPERLIQUID_META_DATE);
    expect(sol.source?.note).toMatch(/^old: .*2023-07-17/);
  });

  it('a meta perp has one tier at its max leverage (MMR = 1/(2·L)) and lot 10^−szDecimals', () => {
    for (const [name, lev, sz] of HYPERLIQUID_META) {
      if (name === 'BTC' || name === 'ETH') continue; // the docs page's tiers
      const inst = getInstrument('hyperliquid', name);
      expect(inst.tiers).toHaveLength(1);
      expect(inst.tiers[0]).toMatchObject({ maxLeverage: lev, maintenanceMarginRate: 1 / (2 * lev), maintenanceAmount: 0 });
      expect(inst.lotStep).toBe(10 ** -sz);
    }
  });

  it('a meta perp liquidates by the docs formula: (E − K/q)/(1 − l) for a long', () => {
    const sol = getInstrument('hyperliquid', 'SOL');
    const r = hyperliquid.liquidation({ instrument: sol, marginMode: 'isolated', collateral: 100, leverage: 10, position: { symbol: 'SOL', side: 'long', quantity: 10, entryPrice: 100 } });
    // Independent: the Hyperliquid docs' liq_price = price − side·margin_available/size/(1 − l·side) at price = entry,
    // margin_available = 100 − MM(1000·0.01 = 10) = 90 → 100 − 90/10/(1 − 0.01).
    expect(r.liquidationPrice).toBeCloseTo(100 - 90 / 10 / (1 - 0.01), 9);
  });
});
