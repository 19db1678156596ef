import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stressConstraint, type StressLegInput } from '../../src/sizing/constraints/stress.js';
import { sizePosition } from '../../src/sizing/size-position.js';
import { gridStress } from '../../src/stress/stress.js';
import { stressParams } from '../../src/stress/params.js';
import { compilePortfolio } from '../../src/portfolio/compile.js';
import { parsePortfolio } from '../../src/portfolio/schema.js';
import { equityAt } from '../../src/portfolio/valuation.js';
import { TradesizeError } from '../../src/core/errors.js';
import { readFileSync } from 'node:fs';
import { anyPosition, collateral, margin, portfolioOf, SPOTS } from './arbitraries.js';

const REQUEST = { equity: 100_000, entry: 65_000, stop: 64_999, risk: 0.99, maxLeverage: 1000 };
const example = JSON.parse(readFileSync(new URL('../../examples/portfolio-btc.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/**
 * Does the full grid, revalued on the book with q × legs bought at their current value (the
 * premium paid from the USD cash), liquidate in some standard scenario?
 */
function breaks(book: ReturnType<typeof portfolioOf>, legs: readonly Record<string, unknown>[], q: number): boolean {
  const added = legs.map((l) => ({ ...l, quantity: (l.quantity as number) * q })).filter((x) => x.quantity !== 0);
  const legsOnly = compilePortfolio(parsePortfolio({ ...book, account: { ...book.account, collateral: {} }, positions: added }));
  const premium = equityAt(legsOnly, legsOnly.spot);
  const account = { ...book.account, collateral: { ...book.account.collateral, USD: book.account.collateral.USD - premium } };
  return gridStress(compilePortfolio(parsePortfolio({ ...book, account, positions: [...book.positions, ...added] })), stressParams()).liquidated;
}

const legOf = (leg: Record<string, unknown>) => (leg.kind === 'option' ? leg : { ...leg, entryPrice: SPOTS[leg.underlying as 'BTC'] });

describe('the stress sizing constraint', () => {
  it('property: the limit, rounded to the lot, never breaks maintenance in any grid scenario, and one more lot does (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(anyPosition, { maxLength: 4 }), anyPosition, collateral, margin, fc.constantFrom('long' as const, 'short' as const), (positions, leg, usd, mg, side) => {
        const book = portfolioOf(positions, usd, mg);
        const unit = legOf({ ...leg, quantity: Math.sign(leg.quantity) });
        const c = stressConstraint({ portfolio: book, legs: [unit as StressLegInput] });
        const ctx = { side } as Parameters<typeof c.limit>[0];
        const max = (c.limit(ctx) as { maxQuantity: number }).maxQuantity;
        const signed = [{ ...unit, quantity: (unit.quantity as number) * (side === 'long' ? 1 : -1) }];
        if (max === 0) return breaks(book, signed, 0) || breaks(book, signed, 1e-9);
        const lot = max / 37.3;
        const q = Math.floor(max / lot) * lot;
        if (breaks(book, signed, q) || !c.allows(ctx, q)) return false;
        return max >= 1e12 || (breaks(book, signed, q + lot) && !c.allows(ctx, q + lot));
      }),
      { numRuns: 1000 },
    );
  });

  it('plugs into sizePosition: binding for a large perpetual, exact at the rounded size', () => {
    const c = stressConstraint({ portfolio: example, legs: [{ kind: 'perpetual', underlying: 'BTC', quantity: 1 }] });
    const r = sizePosition({ ...REQUEST, venue: { lotStep: 0.001 } }, { constraints: [c] });
    expect(r.status).toBe('sized');
    if (r.status !== 'sized') return;
    expect(r.binding).toBe('stress');
    const limit = r.constraints.find((x) => x.name === 'stress');
    expect(limit?.explanation).toMatch(/stays above maintenance in all 27 grid scenarios/);
    expect(r.quantity).toBeLessThanOrEqual(limit?.maxQuantity as number);
    expect(limit?.maxQuantity as number - r.quantity).toBeLessThan(0.001);
  });

  it('a short request negates the legs (short perpetual on a net-long book allows more than a long)', () => {
    const c = stressConstraint({ portfolio: example, legs: [{ kind: 'perpetual', underlying: 'BTC', quantity: 1 }] });
    const long = c.limit({ side: 'long' } as Parameters<typeof c.limit>[0])?.maxQuantity as number;
    const short = c.limit({ side: 'short' } as Parameters<typeof c.limit>[0])?.maxQuantity as number;
    expect(short).toBeGreaterThan(long);
  });

  it('bad legs name the leg: legs[0].strike, an unknown underlying, no legs', () => {
    const bad = (legs: unknown[]) => {
      try {
        stressConstraint({ portfolio: example, legs: legs as never });
      } catch (e) {
        return e instanceof TradesizeError ? [e.code, e.path] : e;
      }
      return null;
    };
    expect(bad([{ kind: 'option', underlying: 'BTC', type: 'put', strike: -1, expiry: '2026-12-25T08:00:00Z', quantity: 1 }])).toEqual(['INVALID_INPUT', ['legs', 0, 'strike']]);
    expect(bad([{ kind: 'perpetual', underlying: 'DOGE', quantity: 1 }])).toEqual(['INVALID_INPUT', ['legs', 0, 'underlying']]);
    expect(bad([])).toEqual(['INVALID_INPUT', ['legs']]);
    expect(bad([{ kind: 'perpetual', underlying: 'BTC', quantity: 1, venue: 'binance-usdm', symbol: 'BTCUSDT' }])).toEqual(['INVALID_INPUT', ['legs', 0, 'venue']]);
  });
});
