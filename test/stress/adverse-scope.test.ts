/**
 * The largest adverse move of one underlying's scope depends only on that underlying's positions
 * (the others keep their value and requirement): `maxAdverseMoves` revalues only the moved
 * positions per scope, so its cost is O(positions) over all scopes, not O(underlyings × positions).
 * Checked against the same search on the scope's positions alone, with the other positions'
 * value (and, under standard margin, their requirement) carried as cash.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maxAdverseMoves } from '../../src/stress/adverse-move.js';
import { compilePortfolio } from '../../src/portfolio/compile.js';
import { parsePortfolio } from '../../src/portfolio/schema.js';
import { maintenanceAt } from '../../src/portfolio/account.js';
import { positionValue } from '../../src/portfolio/valuation.js';
import { anyPosition, collateral, margin, portfolioOf } from './arbitraries.js';

describe('largest adverse moves per scope', () => {
  it('property: a single-underlying scope equals the search on its own positions, the rest carried as cash (200 runs)', () => {
    fc.assert(
      fc.property(fc.array(anyPosition, { minLength: 2, maxLength: 6 }), collateral, margin, fc.double({ min: 0, max: 50_000, noNaN: true }), (positions, usd, mg, held) => {
        const book = portfolioOf(positions, usd, mg);
        const c = compilePortfolio(parsePortfolio(book));
        const all = maxAdverseMoves(c, held);
        c.underlyings.forEach((name) => {
          const mine = book.positions.filter((p) => (p as { underlying: string }).underlying === name);
          let carried = 0;
          for (let i = 0; i < c.n; i++) {
            if (c.underlyings[c.under[i] as number] === name) continue;
            const s = c.spot[c.under[i] as number] as number;
            carried += positionValue(c, i, s, c.vol[i] as number, 0) - (c.margin.style === 'standard' ? maintenanceAt(c, i, s) : 0);
          }
          const alone = compilePortfolio(parsePortfolio({ ...book, account: { ...book.account, collateral: { USD: usd + carried } }, positions: mine }));
          const want = maxAdverseMoves(alone, held).find((m) => m.scope === name);
          const got = all.find((m) => m.scope === name);
          for (const side of ['down', 'up'] as const) {
            const [g, w] = [got?.[side], want?.[side]];
            if (g === null || w === null || g === undefined || w === undefined) expect(g).toEqual(w);
            else expect(Math.abs(g - w)).toBeLessThanOrEqual(1e-9);
          }
        });
      }),
      { numRuns: 1000 },
    );
  });
});
