import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compilePortfolio } from '../../src/portfolio/compile.js';
import { crossMarginAccount, initialAt, maintenanceAt, positionRiskAt } from '../../src/portfolio/account.js';
import { positionRisk } from '../../src/venues/account-risk.js';
import { binanceUsdm } from '../../src/venues/binance-usdm.js';
import { binanceCoinm } from '../../src/venues/binance-coinm.js';
import { revalueGrid } from '../../src/stress/grid.js';
import { stressParams } from '../../src/stress/params.js';
import { TradesizeError } from '../../src/core/errors.js';
import { aggregateGreeks } from '../../src/portfolio/greeks.js';
import { equityAt, positionValue } from '../../src/portfolio/valuation.js';
import { parsePortfolio } from '../../src/portfolio/schema.js';
import { addRisk, ZERO_RISK } from '../../src/venues/risk.js';
import { unrealizedPnl } from '../../src/venues/account-risk.js';
import { getInstrument } from '../../src/venues/registry.js';
import { optionPrice } from '../../src/options/kernel.js';
import { anyPosition, collateral, portfolioOf } from '../stress/arbitraries.js';

const standard = { style: 'standard', imRate: 0.04, mmRate: 0.02 };

describe('cross-margin account on the Risk monoid', () => {
  it('standard margin: IMR, MMR and NC are the fold of the per-position risks from the collateral (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(anyPosition, { maxLength: 6 }), collateral, fc.double({ min: 0, max: 5, noNaN: true }), (positions, usd, btc) => {
        const c = compilePortfolio(parsePortfolio(portfolioOf(positions, usd, standard, btc)));
        const folded = Array.from({ length: c.n }, (_, i) => positionRiskAt(c, i, c.spot[c.under[i] as number] as number)).reduce(addRisk, { ...ZERO_RISK, nc: usd + btc * 65_000 });
        const account = crossMarginAccount(c);
        const tol = 1e-9 * (usd + 1e6);
        return Math.abs(account.imr - folded.imr) <= tol && Math.abs(account.mmr - folded.mmr) <= tol && Math.abs(account.nc - folded.nc) <= tol && Math.abs(account.nc - equityAt(c, c.spot)) <= tol;
      }),
      { numRuns: 1000 },
    );
  });

  it('perpetual PnL agrees with the venue module (linear and inverse, the inverse coin PnL converted at the mark)', () => {
    const p = parsePortfolio({
      ...portfolioOf([
        { kind: 'perpetual', underlying: 'BTC', quantity: 1.5, entryPrice: 60_000 },
        { kind: 'perpetual', underlying: 'BTC', settlement: 'inverse', quantity: -200, contractSize: 100, entryPrice: 70_000 },
      ], 0),
    });
    const c = compilePortfolio(p);
    const linear = unrealizedPnl(getInstrument('binance-usdm', 'BTCUSDT'), { symbol: 'BTCUSDT', side: 'long', quantity: 1.5, entryPrice: 60_000, markPrice: 65_000 });
    const coin = unrealizedPnl(getInstrument('binance-coinm', 'BTCUSD'), { symbol: 'BTCUSD', side: 'short', quantity: 200, entryPrice: 70_000, markPrice: 65_000 });
    expect(positionValue(c, 0, 65_000, 0, 0)).toBeCloseTo(linear, 9);
    expect(positionValue(c, 1, 65_000, 0, 0)).toBeCloseTo(coin * 65_000, 9);
  });

  it('venue rules: IMR/MMR of a perpetual with venue and symbol are the venue model\'s at the moved mark (inverse converted at the index)', () => {
    const p = parsePortfolio(portfolioOf([
      { kind: 'perpetual', underlying: 'BTC', quantity: 30, entryPrice: 64_000, venue: 'binance-usdm', symbol: 'BTCUSDT', leverage: 10 },
      { kind: 'perpetual', underlying: 'BTC', settlement: 'inverse', quantity: -2_000_000, entryPrice: 66_000, venue: 'binance-coinm', symbol: 'BTCUSD', leverage: 5 },
      { kind: 'perpetual', underlying: 'ETH', quantity: -5, entryPrice: 3_400 },
    ], 50_000, standard));
    const c = compilePortfolio(p);
    const usdm = getInstrument('binance-usdm', 'BTCUSDT');
    const coinm = getInstrument('binance-coinm', 'BTCUSD');
    for (const s of [65_000, 52_000, 80_000]) {
      const a = positionRisk(binanceUsdm, { instrument: usdm, position: { symbol: 'BTCUSDT', side: 'long', quantity: 30, entryPrice: 64_000, markPrice: s }, leverage: 10 });
      const b = positionRisk(binanceCoinm, { instrument: coinm, position: { symbol: 'BTCUSD', side: 'short', quantity: 2_000_000 / coinm.contractSize, entryPrice: 66_000, markPrice: s }, leverage: 5 });
      expect(maintenanceAt(c, 0, s)).toBeCloseTo(a.mmr, 9);
      expect(initialAt(c, 0, s)).toBeCloseTo(a.imr, 9);
      expect(maintenanceAt(c, 1, s)).toBeCloseTo(b.mmr * s, 9);
      expect(positionValue(c, 1, s, 0, 0)).toBeCloseTo(b.nc * s, 6);
    }
    expect(maintenanceAt(c, 2, 3_500)).toBeCloseTo(0.02 * 5 * 3_500, 9);
    const g = revalueGrid(c, stressParams());
    expect(g.mm[0 * g.moves + 0]).toBeCloseTo(maintenanceAt(c, 0, 65_000 * 0.84) + maintenanceAt(c, 1, 65_000 * 0.84), 6);
  });

  it('venue rules are checked: both venue and symbol, a known symbol, the matching settlement, standard margin only', () => {
    const err = (pos: object, mg: object = standard) => {
      try {
        parsePortfolio(portfolioOf([pos], 1_000, mg));
      } catch (e) {
        return e instanceof TradesizeError ? [e.code, e.path] : e;
      }
      return null;
    };
    const perp = { kind: 'perpetual', underlying: 'BTC', quantity: 1, entryPrice: 65_000 };
    expect(err({ ...perp, venue: 'binance-usdm' })).toEqual(['MISSING_OPTION', ['positions', 0, 'symbol']]);
    expect(err({ ...perp, venue: 'binance-usdm', symbol: 'NOPEUSDT' })).toEqual(['UNKNOWN_SYMBOL', ['positions', 0, 'symbol']]);
    expect(err({ ...perp, venue: 'mtgox', symbol: 'BTCUSDT' })).toEqual(['UNKNOWN_VENUE', ['positions', 0, 'venue']]);
    expect(err({ ...perp, venue: 'binance-coinm', symbol: 'BTCUSD' })).toEqual(['INVALID_INPUT', ['positions', 0, 'settlement']]);
    expect(err({ ...perp, venue: 'binance-usdm', symbol: 'BTCUSDT' }, { style: 'portfolio' })).toEqual(['CONFLICTING_OPTIONS', ['positions', 0, 'venue']]);
    expect(err({ ...perp, leverage: 5 })).toEqual(['INVALID_INPUT', ['positions', 0, 'leverage']]);
    expect(err({ ...perp, settlement: 'inverse', quantity: 100, venue: 'binance-coinm', symbol: 'BTCUSD' })).toEqual(['MISSING_OPTION', ['positions', 0, 'leverage']]);
  });

  it('portfolio margin takes IMR/MMR from the grid requirement and NC from the fold; an option is worth its kernel value', () => {
    const p = parsePortfolio(portfolioOf([{ kind: 'option', underlying: 'ETH', type: 'put', strike: 3_000, expiry: '2027-03-26T08:00:00Z', quantity: -4, model: 'black-scholes', vol: 0.8 }], 10_000));
    const c = compilePortfolio(p);
    const t = (Date.parse('2027-03-26T08:00:00Z') - Date.parse('2026-12-01T08:00:00Z')) / (365 * 86_400_000);
    expect(crossMarginAccount(c, { imr: 5, mmr: 4 })).toEqual({ imr: 5, mmr: 4, nc: 10_000 - 4 * optionPrice('black-scholes', false, 3_500, 3_000, t, 0.8, 0, 0) });
    expect(() => crossMarginAccount(c)).toThrow(/needs the grid requirement/);
  });

  it('Greeks per underlying are the sums of central differences of the equity (coin collateral included; 1,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(anyPosition, { minLength: 1, maxLength: 4 }), fc.double({ min: 0, max: 3, noNaN: true }), (positions, btc) => {
        const c = compilePortfolio(parsePortfolio(portfolioOf(positions, 1_000, undefined, btc)));
        const g = aggregateGreeks(c);
        return c.underlyings.every((_, u) => {
          const h = (c.spot[u] as number) * 1e-5;
          const at = (x: number) => { const s = Float64Array.from(c.spot); s[u] = x; return equityAt(c, s); };
          const s0 = c.spot[u] as number;
          const fd = (at(s0 + h) - at(s0 - h)) / (2 * h);
          const d = (g[u] as { delta: number }).delta;
          return Math.abs(fd - d) <= 1e-5 * (1 + Math.abs(d)) + 1e-6 * Math.abs(at(s0) / s0);
        });
      }),
      { numRuns: 1000 },
    );
  });
});
