import { describe, expect, it } from 'vitest';
import { instrumentFromCcxt, positionsFromCcxt, tierBasisFor, tiersFromCcxt } from '../../src/venues/ccxt.js';
import { binanceUsdm } from '../../src/venues/binance-usdm.js';
import { getInstrument } from '../../src/venues/registry.js';
import type { VenueId } from '../../src/venues/types.js';
import { thrown } from '../helpers/assert.js';
import { readFixture } from '../helpers/shared-data.js';
import { describeWithSharedReferences, readSharedReference } from '../helpers/shared-references.js';

type Row = { minNotional?: number; maxNotional?: number; maintenanceMarginRate?: number; maxLeverage?: number; maintAmt?: number; info?: Record<string, unknown> };

const BINANCE = readFixture<Record<string, Row[]>>('venues/binance-usdm-leverage-tiers.ccxt.json');
const BYBIT = readFixture<Row[]>('venues/bybit-linear-btcusdt-risk-limit.ccxt.json');
const BTCUSDT = BINANCE['BTC/USDT:USDT'] as Row[];

/** The rows without the raw maintenance amount (`cum` / `mmDeduction` / `maintAmt`), so it must be derived. */
const withoutAmounts = (rows: readonly Row[]): Row[] =>
  rows.map(({ maintAmt: _drop, ...r }) => {
    const { cum: _c, mmDeduction: _m, ...info } = r.info ?? {};
    return { ...r, info };
  });

describe('tiersFromCcxt', () => {
  it('Binance USDⓈ-M: bounds, rates and leverage from the unified fields, cum from info.cum (venues.md §1.3)', () => {
    const tiers = tiersFromCcxt(BTCUSDT, { venue: 'binance-usdm' });
    expect(tiers).toHaveLength(12);
    expect(tiers[0]).toEqual({ tier: 1, floor: 0, cap: 50_000, maintenanceMarginRate: 0.004, maintenanceAmount: 0, maxLeverage: 125 });
    expect(tiers[11]).toEqual({
      tier: 12, floor: 1_200_000_000, cap: 1_800_000_000, maintenanceMarginRate: 0.5, maintenanceAmount: 421_481_450, maxLeverage: 1,
    });
  });

  it('without info.cum the derived amounts equal Binance cum exactly, every tier of BTC and ETH', () => {
    for (const [symbol, rows] of Object.entries(BINANCE)) {
      if (!Array.isArray(rows)) continue;
      const derived = tiersFromCcxt(withoutAmounts(rows), { venue: 'binance-usdm' });
      derived.forEach((t, i) => expect(t.maintenanceAmount, `${symbol} tier ${i + 1}`).toBe(Number(rows[i]?.info?.cum)));
    }
  });

  it('Bybit: mmDeduction from info, or derived from riskLimitValue steps (all 20 BTCUSDT tiers, venues.md §2.1)', () => {
    const raw = tiersFromCcxt(BYBIT, { venue: 'bybit-linear' });
    const derived = tiersFromCcxt(withoutAmounts(BYBIT), { venue: 'bybit-linear' });
    expect(raw.map((t) => t.maintenanceAmount)).toEqual(BYBIT.map((r) => Number(r.info?.mmDeduction)));
    expect(derived.map((t) => t.maintenanceAmount)).toEqual(raw.map((t) => t.maintenanceAmount));
    expect(raw[1]).toMatchObject({ floor: 2_000_000, cap: 2_600_000, maintenanceMarginRate: 0.0056, maintenanceAmount: 1200, maxLeverage: 90 });
  });

  it('Bybit: floors from the previous riskLimitValue when ccxt left them out; percent rates detected', () => {
    const rawOnly = BYBIT.slice(0, 3).map((r) => ({ info: r.info }));
    const tiers = tiersFromCcxt(rawOnly, { venue: 'bybit-linear' });
    expect(tiers.map((t) => [t.floor, t.cap])).toEqual([[0, 2_000_000], [2_000_000, 2_600_000], [2_600_000, 3_200_000]]);
    // The docs' inverse example writes maintenanceMargin "0.5" and initialMargin "1" at 100x: percents.
    const percent = [{ info: { riskLimitValue: '150', maintenanceMargin: '0.5', initialMargin: '1', maxLeverage: '100', mmDeduction: '0' } }];
    expect(tiersFromCcxt(percent, { venue: 'bybit-inverse' })[0]?.maintenanceMarginRate).toBeCloseTo(0.005, 15);
  });

  it('Binance COIN-M: qtyFloor/qtyCap are coin bounds (venues.md §1.4, maxLeverage placeholders)', () => {
    const floors = [0, 5, 10, 20, 50, 100, 200, 400, 1000, 1500];
    const rates = [0.004, 0.005, 0.01, 0.025, 0.05, 0.1, 0.125, 0.15, 0.25];
    const rows = rates.map((r, i) => ({
      maxLeverage: 1,
      info: { qtyFloor: String(floors[i]), qtyCap: String(floors[i + 1]), maintMarginRatio: String(r) },
    }));
    const tiers = tiersFromCcxt(rows, { venue: 'binance-coinm' });
    // "300 BTC → MMR 12.5 %, maintenance amount 11.605 BTC" (Binance COIN-M FAQ)
    expect(tiers[6]).toMatchObject({ floor: 200, cap: 400, maintenanceMarginRate: 0.125 });
    expect(tiers[6]?.maintenanceAmount).toBeCloseTo(11.605, 12);
    expect(tierBasisFor('binance-coinm', 'inverse')).toBe('settle');
  });

  it('OKX: minSz/maxSz are contracts, no deduction (synthetic rows: the mapping only)', () => {
    const rows = [
      { tier: 1, minNotional: 0, maxNotional: 500, maintenanceMarginRate: 0.004, maxLeverage: 100, info: { minSz: '0', maxSz: '500', mmr: '0.004', maxLever: '100' } },
      { tier: 2, minNotional: 500, maxNotional: 1000, maintenanceMarginRate: 0.006, maxLeverage: 75, info: { minSz: '500', maxSz: '1000', mmr: '0.006', maxLever: '75' } },
    ];
    expect(tiersFromCcxt(rows, { venue: 'okx-swap' }).map((t) => t.maintenanceAmount)).toEqual([0, 0]);
    expect(tierBasisFor('okx-swap', 'linear')).toBe('contracts');
  });

  it('Hyperliquid-style rows without raw amounts: deductions derived (venues.md §4)', () => {
    const rows = [
      { minNotional: 0, maxNotional: 150e6, maintenanceMarginRate: 0.0125, maxLeverage: 40 },
      { minNotional: 150e6, maxNotional: 300e6, maintenanceMarginRate: 0.025, maxLeverage: 20 },
    ];
    expect(tiersFromCcxt(rows, { venue: 'hyperliquid' })[1]?.maintenanceAmount).toBe(1_875_000);
  });

  it('sorts rows and numbers them when ccxt gives no tier', () => {
    const rows = [BTCUSDT[1], BTCUSDT[0]].map((r) => ({ ...r, tier: undefined }));
    expect(tiersFromCcxt(rows, { venue: 'binance-usdm' }).map((t) => t.cap)).toEqual([50_000, 600_000]);
  });

  it('names the offending field of the offending row', () => {
    const noLeverage = BTCUSDT.map((r, i) => (i === 2 ? { ...r, maxLeverage: undefined, info: {} } : r));
    const e = thrown(() => tiersFromCcxt(noLeverage, { venue: 'binance-usdm' }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual([2, 'maxLeverage']);
    expect(thrown(() => tiersFromCcxt([{ ...BTCUSDT[0], maintenanceMarginRate: 'abc' }], { venue: 'binance-usdm' })).path).toEqual([
      0, 'maintenanceMarginRate',
    ]);
    expect(thrown(() => tiersFromCcxt([], { venue: 'binance-usdm' })).code).toBe('INVALID_INPUT');
    // a gap between tiers fails the table check
    const gap = [BTCUSDT[0], BTCUSDT[2]];
    expect(thrown(() => tiersFromCcxt(gap, { venue: 'binance-usdm' })).path).toEqual([1, 'floor']);
  });

  it('dYdX and Deribit have no tier tables; unknown venues list the supported ones', () => {
    for (const venue of ['dydx', 'deribit'] as const) expect(thrown(() => tiersFromCcxt(BTCUSDT, { venue })).path).toEqual(['venue']);
    const e = thrown(() => tiersFromCcxt(BTCUSDT, { venue: 'ftx' as VenueId }));
    expect(e.code).toBe('UNKNOWN_VENUE');
    expect(e.message).toContain('binance-usdm');
  });
});

describeWithSharedReferences(
  'tiersFromCcxt on the freqtrade and ccxt tier files',
  [
    'venue-data/binance_usdm_all_leverage_tiers_freqtrade.json',
    'venue-data/freqtrade_tests_conftest_leverage_tiers_fixture.json',
    'venue-data/bybit_btcusdt_margin_parameters.json',
    'venue-data/ccxt_static_binance_leverageBrackets.json',
  ],
  () => {
    it('every tier of every symbol of freqtrade\'s Binance file: amounts = info.cum, and derived = info.cum exactly', () => {
      const all = readSharedReference<Record<string, Row[]>>('venue-data/binance_usdm_all_leverage_tiers_freqtrade.json');
      let checked = 0;
      for (const [symbol, rows] of Object.entries(all)) {
        const cum = rows.map((r) => Number(r.info?.cum));
        expect(tiersFromCcxt(rows, { venue: 'binance-usdm' }).map((t) => t.maintenanceAmount), symbol).toEqual(cum);
        const derived = tiersFromCcxt(withoutAmounts(rows), { venue: 'binance-usdm' });
        derived.forEach((t, i) => expect(t.maintenanceAmount, `${symbol} tier ${i + 1}`).toBe(cum[i]));
        checked += rows.length;
      }
      expect(checked).toBe(2805); // 349 symbols
    });

    it('freqtrade\'s test fixture (maintAmt): used when present, reproduced when derived', () => {
      const all = readSharedReference<Record<string, Row[]>>('venue-data/freqtrade_tests_conftest_leverage_tiers_fixture.json');
      // AAVE's rows are inconsistent (tier 2 at 2 % with maintAmt 75, a gap from 1M to 10M): the table check refuses them.
      const { 'AAVE/USDT:USDT': aave, ...consistent } = all;
      expect(thrown(() => tiersFromCcxt(aave, { venue: 'binance-usdm' })).path).toEqual([5, 'floor']);
      for (const [symbol, rows] of Object.entries(consistent)) {
        const amounts = rows.map((r) => r.maintAmt);
        expect(tiersFromCcxt(rows, { venue: 'binance-usdm' }).map((t) => t.maintenanceAmount), symbol).toEqual(amounts);
        const derived = tiersFromCcxt(withoutAmounts(rows), { venue: 'binance-usdm' });
        derived.forEach((t, i) => expect(t.maintenanceAmount, `${symbol} tier ${i + 1}`).toBe(amounts[i]));
      }
    });

    it('Bybit "Margin Parameters" BTCUSDT: derived deductions = the page\'s, all 20 tiers', () => {
      const page = readSharedReference<{ tiers: Record<string, string | number>[] }>('venue-data/bybit_btcusdt_margin_parameters.json');
      const rows = page.tiers.map((t) => ({
        info: { riskLimitValue: t.riskLimitValue, maintenanceMargin: t.maintenanceMarginRate, maxLeverage: t.maxLeverage },
      }));
      expect(tiersFromCcxt(rows, { venue: 'bybit-linear' }).map((t) => t.maintenanceAmount)).toEqual(page.tiers.map((t) => Number(t.mmDeduction)));
    });

    it('ccxt static leverageBrackets: the cum values of venues.md §1.3 (caps = next floor)', () => {
      const { leverageBrackets } = readSharedReference<{ leverageBrackets: Record<string, [string, string][]> }>(
        'venue-data/ccxt_static_binance_leverageBrackets.json',
      );
      const amounts = (symbol: string) => {
        const b = leverageBrackets[symbol] as [string, string][];
        const rows = b.slice(0, -1).map(([floor, mmr], i) => ({
          minNotional: floor, maxNotional: (b[i + 1] as [string, string])[0], maintenanceMarginRate: mmr, maxLeverage: 1,
        }));
        return tiersFromCcxt(rows, { venue: 'binance-usdm' }).map((t) => t.maintenanceAmount);
      };
      expect(amounts('BTC/USDT:USDT')).toEqual([0, 50, 1300, 46_300, 546_300, 2_546_300, 5_046_300, 8_046_300, 28_046_300]);
      expect(amounts('ETH/USDT:USDT')).toEqual([0, 150, 1025, 21_025, 471_025, 1_971_025, 3_471_025, 5_471_025, 15_471_025]);
    });
  },
);

describeWithSharedReferences('instrumentFromCcxt on ccxt\'s static Binance markets', ['venue-data/ccxt_static_binance_markets_btc_eth_perps.json'], () => {
  const markets = () => readSharedReference<Record<string, Record<string, unknown>>>('venue-data/ccxt_static_binance_markets_btc_eth_perps.json');

  it('BTC/USDT:USDT: tick and lot from the raw filters, bundled tiers when none are given', () => {
    const inst = instrumentFromCcxt(markets()['BTC/USDT:USDT'], { venue: 'binance-usdm', precisionMode: 'decimalPlaces' });
    expect(inst).toMatchObject({ venue: 'binance-usdm', symbol: 'BTC/USDT:USDT', kind: 'linear', contractSize: 1, tickSize: 0.1, lotStep: 0.001, minQty: 0.001, takerFee: 0.0004, tierBasis: 'quote' });
    expect(inst.tiers).toBe(getInstrument('binance-usdm', 'BTCUSDT').tiers);
  });

  it('BTC/USD:BTC: inverse, 100 USD contracts, coin brackets', () => {
    const inst = instrumentFromCcxt(markets()['BTC/USD:BTC'], { venue: 'binance-coinm', precisionMode: 'decimalPlaces' });
    expect(inst).toMatchObject({ kind: 'inverse', contractSize: 100, tickSize: 0.1, lotStep: 1, minQty: 1, tierBasis: 'settle' });
  });

  it('without raw filters the precision mode decides: decimal places 1 → tick 0.1', () => {
    const { info: _drop, ...bare } = markets()['ETH/USDT:USDT'] as Record<string, unknown>;
    const inst = instrumentFromCcxt(bare, { venue: 'binance-usdm', precisionMode: 'decimalPlaces', tiers: BINANCE['ETH/USDT:USDT'] });
    expect(inst.tickSize).toBe(0.01);
    expect(inst.lotStep).toBe(0.001);
    expect(inst.tiers[4]?.maintenanceAmount).toBe(131_450);
  });
});

describe('instrumentFromCcxt', () => {
  const market = {
    symbol: 'BTC/USDT:USDT',
    linear: true,
    inverse: false,
    contractSize: 1,
    precision: { amount: 0.001, price: 0.1 },
    limits: { amount: { min: 0.001 } },
    taker: 0.0005,
    info: {},
  };

  it('TICK_SIZE precision (current ccxt) by default', () => {
    const inst = instrumentFromCcxt(market, { venue: 'bybit-linear', tiers: BYBIT });
    expect(inst).toMatchObject({ venue: 'bybit-linear', tickSize: 0.1, lotStep: 0.001, minQty: 0.001, takerFee: 0.0005, tierBasis: 'quote' });
    expect(inst.tiers).toHaveLength(20);
  });

  it('raw OKX steps and contract tiers', () => {
    const okx = { ...market, symbol: 'BTC/USDT:USDT', contractSize: 0.01, precision: { amount: 1, price: 0.1 }, info: { tickSz: '0.1', lotSz: '1' } };
    const inst = instrumentFromCcxt(okx, {
      venue: 'okx-swap',
      tiers: [{ tier: 1, minNotional: 0, maxNotional: 500, maintenanceMarginRate: 0.004, maxLeverage: 100, info: {} }],
    });
    expect(inst).toMatchObject({ contractSize: 0.01, tickSize: 0.1, lotStep: 1, tierBasis: 'contracts' });
  });

  it('dYdX and Deribit markets take the bundled margin params', () => {
    const dydx = instrumentFromCcxt({ ...market, symbol: 'BTC/USD:USDC', precision: { amount: 0.0001, price: 1 } }, { venue: 'dydx' });
    expect(dydx.params).toBe(getInstrument('dydx', 'BTC-USD').params);
    const inverse = { ...market, symbol: 'BTC/USD:BTC', linear: false, inverse: true, contractSize: 10, precision: { amount: 1, price: 0.5 } };
    expect(instrumentFromCcxt(inverse, { venue: 'deribit' }).params).toBe(getInstrument('deribit', 'BTC-PERPETUAL').params);
    expect(thrown(() => instrumentFromCcxt({ ...market, symbol: 'DOGE/USD:USDC' }, { venue: 'dydx' })).path).toEqual(['tiers']);
  });

  it('names what is missing', () => {
    expect(thrown(() => instrumentFromCcxt({ ...market, linear: false }, { venue: 'binance-usdm' })).path).toEqual(['linear']);
    expect(thrown(() => instrumentFromCcxt({ ...market, precision: {} }, { venue: 'binance-usdm' })).path).toEqual(['precision', 'price']);
    const { contractSize: _drop, ...noSize } = market;
    expect(thrown(() => instrumentFromCcxt(noSize, { venue: 'binance-usdm' })).path).toEqual(['contractSize']);
    expect(thrown(() => instrumentFromCcxt({ ...market, symbol: 'XYZ/USDT:USDT' }, { venue: 'binance-usdm' })).path).toEqual(['tiers']);
    const badTier = BTCUSDT.map((r, i) => (i === 3 ? { ...r, maxLeverage: undefined, info: {} } : r));
    expect(thrown(() => instrumentFromCcxt(market, { venue: 'binance-usdm', tiers: badTier })).path).toEqual(['tiers', 3, 'maxLeverage']);
    expect(thrown(() => instrumentFromCcxt(market, { venue: 'bybit-linear', precisionMode: 'decimalPlaces' })).path).toEqual(['precision', 'price']);
  });
});

describe('positionsFromCcxt', () => {
  const binance = {
    symbol: 'BTC/USDT:USDT',
    side: 'long',
    contracts: 0.5,
    entryPrice: 60_000,
    markPrice: 59_000,
    marginMode: 'isolated',
    collateral: 2500, // ccxt: isolatedMargin, which includes the uPnL
    initialMargin: 3000,
    leverage: 10,
    info: { isolatedWallet: '3000', positionSide: 'BOTH', marginType: 'isolated' },
  };

  it('Binance: the isolated wallet (not ccxt collateral) is the LP formula\'s margin; one-way leg', () => {
    expect(positionsFromCcxt([binance])).toEqual([
      {
        position: { symbol: 'BTC/USDT:USDT', side: 'long', quantity: 0.5, entryPrice: 60_000, markPrice: 59_000, positionSide: 'both' },
        marginMode: 'isolated',
        collateral: 3000,
        initialMargin: 3000,
        leverage: 10,
      },
    ]);
  });

  it('skips empty positions and reads raw modes and legs of each venue', () => {
    const [okx, bybit, hedged, cross] = positionsFromCcxt([
      { symbol: 'BTC/USDT:USDT', contracts: 0, info: {} },
      { symbol: 'BTC/USDT:USDT', side: 'short', contracts: '3', entryPrice: '60000', info: { posSide: 'short', mgnMode: 'isolated', margin: '180' } },
      { symbol: 'ETH/USDT:USDT', side: 'short', contracts: 2, entryPrice: 3000, marginMode: 'cross', info: { positionIdx: '2' } },
      { symbol: 'ETH/USDT:USDT', side: 'long', contracts: 2, entryPrice: 3000, marginMode: 'cross', hedged: true },
      { symbol: 'ETH/USDT:USDT', side: 'long', contracts: 1, entryPrice: 3000, marginMode: 'cross', collateral: 99, hedged: false },
    ]);
    expect(okx).toEqual({ position: { symbol: 'BTC/USDT:USDT', side: 'short', quantity: 3, entryPrice: 60_000, positionSide: 'short' }, marginMode: 'isolated', collateral: 180 });
    expect(bybit?.position.positionSide).toBe('short');
    expect(hedged?.position.positionSide).toBe('long');
    expect(cross).toEqual({ position: { symbol: 'ETH/USDT:USDT', side: 'long', quantity: 1, entryPrice: 3000, positionSide: 'both' }, marginMode: 'cross' });
  });

  it('names the missing field of the offending position', () => {
    const e = thrown(() => positionsFromCcxt([binance, { ...binance, side: undefined }]));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual([1, 'side']);
    expect(thrown(() => positionsFromCcxt([{ ...binance, entryPrice: null }])).path).toEqual([0, 'entryPrice']);
    expect(thrown(() => positionsFromCcxt([{ ...binance, marginMode: undefined, info: {} }])).path).toEqual([0, 'marginMode']);
    expect(thrown(() => positionsFromCcxt([{ ...binance, contracts: -1 }])).path).toEqual([0, 'contracts']);
    expect(thrown(() => positionsFromCcxt([{ ...binance, symbol: undefined }])).path).toEqual([0, 'symbol']);
  });

  it('feeds a venue model directly: instrument and position from ccxt share the unified symbol', () => {
    const [leg] = positionsFromCcxt([binance]);
    const inst = instrumentFromCcxt(
      { symbol: 'BTC/USDT:USDT', linear: true, contractSize: 1, precision: { amount: 0.001, price: 0.1 } },
      { venue: 'binance-usdm', tiers: BTCUSDT },
    );
    const r = binanceUsdm.liquidation({ instrument: inst, position: leg!.position, marginMode: leg!.marginMode, collateral: leg!.collateral! });
    // Isolated one-way long, tier 1: LP = (WB − Q·EP)/(Q·MMR − Q) = (3000 − 30,000)/(0.5 × 0.004 − 0.5)
    expect(r.liquidationPrice).toBeCloseTo((3000 - 30_000) / (0.5 * 0.004 - 0.5), 6);
  });
});
