/**
 * Safety of the portfolio, stress and sizing boundaries (issue "Foundation before the engine" §6):
 * prototype names as user keys, dates that do not exist, books that value to NaN, and plugin
 * constraints that cannot evaluate are refused with coded errors, never passed.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePortfolio, isIsoDate } from '../../src/portfolio/schema.js';
import { stressPortfolio } from '../../src/stress/stress.js';
import { stressConstraint } from '../../src/sizing/constraints/stress.js';
import { sizePosition } from '../../src/sizing/size-position.js';
import { ConstraintLimit, type SizingConstraint } from '../../src/sizing/constraints/types.js';
import { thrown } from '../helpers/assert.js';

const book = (over: Record<string, unknown> = {}) => ({
  asOf: '2026-12-01T08:00:00Z',
  account: { collateral: { USD: 40_000 } },
  underlyings: { BTC: { spot: 65_000, vol: 0.55 } },
  positions: [{ kind: 'perpetual', underlying: 'BTC', quantity: 1.5, entryPrice: 63_000 }],
  ...over,
});


const REQUEST = { equity: 50_000, entry: 65_000, stop: 60_000, risk: 0.5, maxLeverage: 10 };
const PERP = [{ kind: 'perpetual' as const, underlying: 'BTC', quantity: 1 }];

describe('prototype names as portfolio keys', () => {
  it('a JSON "__proto__" underlying holding a hidden 1000-BTC short is refused, not dropped', () => {
    const text = '{"asOf":"2026-12-01T08:00:00Z","account":{"collateral":{"USD":40000}},"underlyings":{"BTC":{"spot":65000,"vol":0.55},"__proto__":{"spot":65000}},"positions":[{"kind":"perpetual","underlying":"__proto__","quantity":-1000,"entryPrice":65000}]}';
    const e = thrown(() => parsePortfolio(JSON.parse(text)));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['underlyings', '__proto__']);
    expect(thrown(() => stressConstraint({ portfolio: JSON.parse(text), legs: PERP })).path).toEqual(['underlyings', '__proto__']);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('"%s" is refused as an underlying, a collateral currency, a correlation leg and the report currency', (name) => {
    const under = JSON.parse(`{"BTC":{"spot":65000,"vol":0.55},${JSON.stringify(name)}:{"spot":1}}`) as Record<string, unknown>;
    expect(thrown(() => parsePortfolio(book({ underlyings: under }))).path).toEqual(['underlyings', name]);
    const coll = JSON.parse(`{"USD":1,${JSON.stringify(name)}:1e308}`) as Record<string, unknown>;
    expect(thrown(() => parsePortfolio(book({ account: { collateral: coll } }))).path).toEqual(['account', 'collateral', name]);
    expect(thrown(() => parsePortfolio(book({ correlations: { [`BTC/${name}`]: 0.5 } }))).path).toEqual(['correlations', `BTC/${name}`]);
    expect(thrown(() => parsePortfolio(book({ account: { currency: name, collateral: {} } }))).path).toEqual(['account', 'currency']);
  });

  it('a position on an inherited name that is not an underlying is refused', () => {
    for (const name of ['constructor', 'toString']) {
      const e = thrown(() => parsePortfolio(book({ positions: [{ kind: 'perpetual', underlying: name, quantity: 1, entryPrice: 1 }] })));
      expect(e.path).toEqual(['positions', 0, 'underlying']);
      expect(thrown(() => stressConstraint({ portfolio: book(), legs: [{ kind: 'perpetual', underlying: name, quantity: 1 }] })).path).toEqual(['legs', 0, 'underlying']);
    }
  });
});

describe('portfolio dates', () => {
  it.each(['0', '2026', '2026-02-30', '2026-13-01', '2026-04-31', '2027-02-29', '2026-12-01T24:00:00Z', 'December 1, 2026'])('asOf "%s" is refused', (asOf) => {
    const e = thrown(() => parsePortfolio(book({ asOf })));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['asOf']);
  });

  it.each(['2026-12-01', '2028-02-29', '2026-12-01T08:00:00Z', '2026-12-01T08:00Z', '2026-12-01T08:00:00.123+01:00'])('"%s" is accepted', (asOf) => {
    expect(parsePortfolio(book({ asOf })).asOf).toBe(asOf);
  });

  it('property: a YYYY-MM-DD string is accepted exactly when the Gregorian day exists (checked against Date.UTC round-trip)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2400 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const t = new Date(Date.UTC(y, m - 1, d));
        const exists = m >= 1 && m <= 12 && d >= 1 && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
        expect(isIsoDate(s)).toBe(exists);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('books that do not value', () => {
  const cases: [string, Record<string, unknown>, (string | number)[]][] = [
    ['spot 1e308', { underlyings: { BTC: { spot: 1e308, vol: 0.55 } } }, ['positions', 0]],
    ['spot 5e-324 with an inverse perpetual', { underlyings: { BTC: { spot: 5e-324, vol: 0.55 } }, positions: [{ kind: 'perpetual', underlying: 'BTC', settlement: 'inverse', quantity: 1000, entryPrice: 65_000 }] }, ['positions', 0]],
    ['coin collateral 1e308', { account: { collateral: { USD: 1, BTC: 1e308 } } }, ['account', 'collateral', 'BTC']],
    ['a quantity that overflows', { positions: [{ kind: 'perpetual', underlying: 'BTC', quantity: 1e305, entryPrice: 63_000 }] }, ['positions', 0]],
  ];

  it.each(cases)('%s: stressPortfolio throws NON_FINITE_RESULT naming the input', (_name, over, path) => {
    const e = thrown(() => stressPortfolio(book(over)));
    expect(e.code).toBe('NON_FINITE_RESULT');
    expect(e.path).toEqual(path);
    expect(e.message).not.toMatch(/NaN|Infinity/);
  });

  it.each(cases)('%s: the stress constraint refuses instead of passing every size', (_name, over, path) => {
    const c = stressConstraint({ portfolio: book(over), legs: PERP });
    const e = thrown(() => sizePosition(REQUEST, { constraints: [c] }));
    expect(e.code).toBe('NON_FINITE_RESULT');
    expect(e.path).toEqual(path);
  });

  it('a new position that does not value is refused too (the unit grid)', () => {
    const c = stressConstraint({ portfolio: book({ positions: [] }), legs: [{ kind: 'perpetual', underlying: 'BTC', quantity: 1e306 }] });
    const e = thrown(() => sizePosition(REQUEST, { constraints: [c] }));
    expect([e.code, e.path]).toEqual(['NON_FINITE_RESULT', ['legs', 0]]);
  });

  it('a move that overflows the book is not reported as safe (largest adverse move up stops below it)', () => {
    // the grid's largest move (+500 %) values; the adverse search's +1,000 % cap does not
    // a long and a short of the same size: ∞ − ∞ = NaN once the price overflows
    const pair = [1, -1].map((quantity) => ({ kind: 'perpetual', underlying: 'BTC', quantity, entryPrice: 2e307 }));
    const r = stressPortfolio(book({ account: { collateral: { USD: 1e300 } }, underlyings: { BTC: { spot: 2e307, vol: 0.55 } }, positions: pair }));
    const up = r.maxAdverseMove[0]?.up;
    expect(up).not.toBeNull();
    expect(Number.isFinite(2e307 * (1 + (up as number)))).toBe(true);
  });

  it('the clean book still sizes (the check refuses only non-finite books)', () => {
    const r = sizePosition(REQUEST, { constraints: [stressConstraint({ portfolio: book(), legs: PERP })] });
    expect(r.status).toBe('sized');
  });
});

describe('plugin constraints', () => {
  const nan: SizingConstraint = { name: 'my-plugin', limit: () => new ConstraintLimit('my-plugin', Number.NaN, () => 'broken'), allows: () => true };

  it('a limit of NaN is NON_FINITE_RESULT naming the constraint, not BELOW_LOT_STEP', () => {
    const e = thrown(() => sizePosition({ ...REQUEST, venue: { lotStep: 0.001 } }, { constraints: [nan] }));
    expect(e.code).toBe('NON_FINITE_RESULT');
    expect(e.path).toEqual(['constraints', 'my-plugin']);
    expect(e.message).toContain('"my-plugin"');
  });

  it('+Infinity (a passed gate) and 0 still work as before', () => {
    const gate: SizingConstraint = { name: 'gate', limit: () => new ConstraintLimit('gate', Infinity, () => 'passed'), allows: () => true };
    const zero: SizingConstraint = { name: 'zero', limit: () => new ConstraintLimit('zero', 0, () => 'none'), allows: () => false };
    expect(sizePosition(REQUEST, { constraints: [gate] }).status).toBe('sized');
    expect(sizePosition(REQUEST, { constraints: [zero] })).toMatchObject({ status: 'refused', code: 'NO_EDGE', binding: 'zero' });
  });
});
