import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stressPortfolio } from '../../src/stress/stress.js';
import { stressParams, VOL_SCENARIOS } from '../../src/stress/params.js';
import { volShocks } from '../../src/stress/vol-shock.js';
import { compilePortfolio, yearsToExpiry } from '../../src/portfolio/compile.js';
import { parsePortfolio, type Portfolio } from '../../src/portfolio/schema.js';
import { equityAt } from '../../src/portfolio/valuation.js';
import { aggregateGreeks } from '../../src/portfolio/greeks.js';
import { anyPosition, collateral, linearPosition, margin, portfolioOf } from './arbitraries.js';

/** The portfolio after one move revalued on its own: spot (and marks) moved, options at the shocked vol. */
function shocked(p: Portfolio, moved: readonly string[], m: number, vol: 'up' | 'same' | 'down'): Portfolio {
  const params = stressParams();
  return {
    ...p,
    underlyings: Object.fromEntries(Object.entries(p.underlyings).map(([u, x]) => [u, moved.includes(u) ? { ...x, spot: x.spot * (1 + m) } : x])),
    positions: p.positions.map((pos) => {
      if (!moved.includes(pos.underlying)) return pos;
      if (pos.kind !== 'option') return pos.markPrice === undefined ? pos : { ...pos, markPrice: pos.markPrice * (1 + m) };
      if (vol === 'same') return pos;
      const sigma = pos.vol as number;
      return { ...pos, vol: volShocks(sigma, yearsToExpiry(p.asOf, pos.expiry) * 365, params)[vol] };
    }),
  };
}

const equity = (p: Portfolio) => {
  const c = compilePortfolio(p);
  return equityAt(c, c.spot);
};

describe('stress grid properties', () => {
  it("issue #5 §6: the grid's worst case is never milder than the same moves revalued one at a time (1,000 runs)", () => {
    const params = stressParams();
    fc.assert(
      fc.property(fc.array(anyPosition, { minLength: 1, maxLength: 5 }), collateral, margin, fc.nat(8), fc.nat(2), fc.constantFrom(['BTC'], ['ETH'], ['BTC', 'ETH']), (positions, usd, mg, k, v, moved) => {
        const p = parsePortfolio(portfolioOf(positions, usd, mg, 0.3));
        const r = stressPortfolio(p);
        const m = params.moves[k] as number;
        const loss = equity(p) - equity(shocked(p, moved, m, VOL_SCENARIOS[v] as 'up')); // revalued alone
        return r.worstLoss >= loss - 1e-9 * (Math.abs(loss) + usd);
      }),
      { numRuns: 1000 },
    );
  });

  it('linear-only portfolios: scenario PnL is linear in the move and the same in every vol column (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(linearPosition, { minLength: 1, maxLength: 6 }), collateral, (positions, usd) => {
        const r = stressPortfolio(portfolioOf(positions, usd));
        const std = r.scenarios.filter((s) => s.table === 'standard');
        for (const scope of new Set(std.map((s) => s.scope))) {
          const rows = std.filter((s) => s.scope === scope);
          const top = rows.find((s) => s.priceMove === 0.16 && s.vol === 'same')?.pnl as number;
          const tol = 1e-9 * (Math.abs(top) + 1);
          for (const s of rows) if (Math.abs(s.pnl - (s.priceMove / 0.16) * top) > tol) return false;
          if (rows.some((s) => Math.abs(s.deltaGammaError) > tol)) return false; // exact: no gamma, no vega
        }
        return true;
      }),
      { numRuns: 1000 },
    );
  });

  it('a hedge that offsets each underlying\'s delta exactly never worsens a linear portfolio\'s worst loss (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(linearPosition, { minLength: 1, maxLength: 6 }), collateral, (positions, usd) => {
        const p = portfolioOf(positions, usd);
        const before = stressPortfolio(p);
        const hedges = aggregateGreeks(compilePortfolio(parsePortfolio(p)))
          .filter((g) => g.delta !== 0)
          .map((g) => ({ kind: 'perpetual', underlying: g.underlying, quantity: -g.delta, entryPrice: g.spot }));
        const after = stressPortfolio(portfolioOf([...positions, ...hedges], usd));
        return after.worstLoss <= before.worstLoss + 1e-9 * (before.worstLoss + usd) && after.worstLoss <= 1e-6 * usd;
      }),
      { numRuns: 1000 },
    );
  });

  it('the delta-gamma error vanishes to second order: at a quarter of the moves it shrinks by at least 8× for a pure-gamma book', () => {
    const book = portfolioOf([{ kind: 'option', underlying: 'BTC', type: 'call', strike: 65_000, expiry: '2027-03-26T08:00:00Z', quantity: -5, model: 'black76', vol: 0.6 }], 100_000);
    const wide = stressPortfolio(book).scenarios.find((s) => s.scope === 'BTC' && s.priceMove === 0.16 && s.vol === 'same');
    const narrow = stressPortfolio({ ...book, stress: { priceRange: 0.04 } }).scenarios.find((s) => s.scope === 'BTC' && s.priceMove === 0.04 && s.vol === 'same');
    expect(Math.abs(narrow?.deltaGammaError as number) * 8).toBeLessThan(Math.abs(wide?.deltaGammaError as number));
  });
});
