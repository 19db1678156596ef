import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compilePortfolio } from '../../src/portfolio/compile.js';
import { crossMarginAccount, positionRiskAt } from '../../src/portfolio/account.js';
import { aggregateGreeks } from '../../src/portfolio/greeks.js';
import { equityAt, positionValue } from '../../src/portfolio/valuation.js';
import { parsePortfolio } from '../../src/portfolio/schema.js';
import { addRisk, ZERO_RISK } from '../../src/venues/risk.js';
import { unrealizedPnl } from '../../src/venues/account-risk.js';
import { getInstrument } from '../../src/venues/registry.js';
import { optionPrice } from '../../src/options/kernel.js';
import { anyPosition, collateral, portfolioOf } from '../risk/stress/arbitraries.js';

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
