/**
 * hedgeRecommendation: the hedge of a delta-neutral book is zero (property), the hedge makes a
 * book neutral in linear and inverse contracts (property), coin-settled options' USD delta is
 * Deribit's coin delta plus the coin premium, and the policies' bands.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hedgeRecommendation } from '../../src/hedging/hedge-now.js';
import { parsePortfolio, type PortfolioInput, type PositionInput } from '../../src/portfolio/schema.js';
import { optionPrice } from '../../src/options/kernel.js';
import { wwHalfWidth } from '../../src/options/no-trade-band.js';
import { thrown } from '../helpers/assert.js';

const asOf = '2026-12-01T00:00:00Z';
const expiries = ['2026-12-08T00:00:00Z', '2026-12-25T08:00:00Z', '2027-03-26T08:00:00Z'];
const option = fc.record({
  kind: fc.constant('option' as const), underlying: fc.constant('BTC'), type: fc.constantFrom('call' as const, 'put' as const),
  strike: fc.integer({ min: 40_000, max: 100_000 }), expiry: fc.constantFrom(...expiries), model: fc.constantFrom('black-scholes' as const, 'black76' as const, 'inverse' as const),
  quantity: fc.double({ min: -20, max: 20, noNaN: true }).filter((q) => Math.abs(q) > 1e-3), vol: fc.double({ min: 0.2, max: 1.5, noNaN: true }),
});
const bookOf = (positions: PositionInput[], coin = 0): PortfolioInput => ({
  asOf, account: { collateral: { USD: 100_000, BTC: coin } }, underlyings: { BTC: { spot: 65_000, vol: 0.6, rate: 0.01 } }, positions,
});

describe('hedgeRecommendation', () => {
  it('the hedge of a delta-neutral book is zero, and its delta is inside every band (property, 1,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(option, { minLength: 1, maxLength: 6 }), fc.double({ min: 0, max: 5, noNaN: true }), (options, coin) => {
        const first = hedgeRecommendation(parsePortfolio(bookOf(options, coin)), 'BTC', undefined, { kind: 'interval' });
        // Add the recommended hedge as a perpetual at spot: the book is then neutral.
        const hedged = parsePortfolio(bookOf([...options, { kind: 'perpetual', underlying: 'BTC', quantity: first.hedgeQuantity, entryPrice: 65_000 }], coin));
        const scale = 1e-10 * (1 + options.reduce((a, o) => a + Math.abs(o.quantity), 0) + coin);
        const again = hedgeRecommendation(hedged, 'BTC', undefined, { kind: 'band', band: scale });
        expect(Math.abs(again.deltaNow)).toBeLessThanOrEqual(scale);
        expect(Math.abs(again.hedgeQuantity)).toBeLessThanOrEqual(scale);
        expect(again.rebalance).toBe(false);
        expect(again.tradeQuantity).toBe(0);
        expect(hedgeRecommendation(hedged, 'BTC', undefined, { kind: 'whalley-wilmott', costRate: 0.0005, riskAversion: 1e-4 }).rebalance).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('an inverse perpetual hedge of c USD face per contract neutralises the same delta (property, 1,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(option, { minLength: 1, maxLength: 4 }), fc.constantFrom(1, 10, 100), (options, face) => {
        const r = hedgeRecommendation(parsePortfolio(bookOf(options)), 'BTC', undefined, { kind: 'interval' }, { settlement: 'inverse', contractSize: face });
        expect(r.deltaPerContract).toBeCloseTo(face / 65_000, 15);
        const hedged = parsePortfolio(bookOf([...options, { kind: 'perpetual', underlying: 'BTC', settlement: 'inverse', quantity: r.hedgeQuantity, contractSize: face, entryPrice: 65_000 }]));
        const after = hedgeRecommendation(hedged, 'BTC', undefined, { kind: 'interval' });
        expect(Math.abs(after.deltaNow)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(r.deltaNow)));
      }),
      { numRuns: 1000 },
    );
  });

  it('a linear future hedge at its mark M has c·M/S per contract and neutralises the book', () => {
    const options: PositionInput[] = [{ kind: 'option', underlying: 'BTC', type: 'put', strike: 60_000, expiry: expiries[2]!, model: 'black76', quantity: 4 }];
    const r = hedgeRecommendation(parsePortfolio(bookOf(options)), 'BTC', undefined, { kind: 'interval' }, { settlement: 'linear', contractSize: 0.1, markPrice: 66_000 });
    expect(r.deltaPerContract).toBeCloseTo((0.1 * 66_000) / 65_000, 15);
    const future: PositionInput = { kind: 'future', underlying: 'BTC', quantity: r.hedgeQuantity, contractSize: 0.1, entryPrice: 66_000, markPrice: 66_000, expiry: expiries[2]! };
    const after = hedgeRecommendation(parsePortfolio(bookOf([...options, future])), 'BTC', undefined, { kind: 'interval' });
    expect(Math.abs(after.deltaNow)).toBeLessThanOrEqual(1e-12);
    expect(after.rebalance).toBe(false);
  });

  it("a coin-settled option's USD delta is Deribit's coin delta plus the coin premium it holds", () => {
    const pos: PositionInput = { kind: 'option', underlying: 'BTC', type: 'call', strike: 70_000, expiry: expiries[1]!, model: 'inverse', quantity: 3, vol: 0.6 };
    const r = hedgeRecommendation(parsePortfolio(bookOf([pos])), 'BTC', undefined, { kind: 'interval' });
    const t = (Date.parse(expiries[1]!) - Date.parse(asOf)) / (365 * 86_400_000);
    const f = 65_000 * Math.exp(0.01 * t);
    const premium = optionPrice('inverse', true, f, 70_000, t, 0.6, 0.01, 0);
    expect(r.deltaNow).toBeCloseTo(r.coinDelta + 3 * premium, 12);
    // and ∂(S·V_coin)/∂S by central differences
    const usd = (s: number) => s * optionPrice('inverse', true, s * Math.exp(0.01 * t), 70_000, t, 0.6, 0.01, 0);
    expect(r.deltaNow).toBeCloseTo((3 * (usd(65_010) - usd(64_990))) / 20, 7);
  });

  it('bands: interval a point, band ±X, Whalley–Wilmott ±H at the book gamma; the trade goes to the nearest edge', () => {
    const book = parsePortfolio(bookOf([{ kind: 'option', underlying: 'BTC', type: 'call', strike: 65_000, expiry: expiries[1]!, model: 'black76', quantity: -5 }]));
    const ww = hedgeRecommendation(book, 'BTC', undefined, { kind: 'whalley-wilmott', costRate: 0.0005, riskAversion: 1e-4 });
    const t = (Date.parse(expiries[1]!) - Date.parse(asOf)) / (365 * 86_400_000);
    const h = wwHalfWidth(0.0005, 1e-4, 65_000, ww.gamma, 0.01, t);
    expect(ww.band.upper).toBeCloseTo(h, 12);
    expect(ww.band.lower).toBeCloseTo(-h, 12);
    expect(ww.rebalance).toBe(true);
    expect(ww.deltaNow + ww.tradeQuantity).toBeCloseTo(-h, 12);
    expect(hedgeRecommendation(book, 'BTC', undefined, { kind: 'band', band: 10 })).toMatchObject({ band: { lower: -10, upper: 10 }, rebalance: false, tradeQuantity: 0 });
    const iv = hedgeRecommendation(book, 'BTC', 60_000, { kind: 'interval' });
    expect(iv.spot).toBe(60_000);
    expect(iv.tradeQuantity).toBe(iv.hedgeQuantity);
    const z = hedgeRecommendation(book, 'BTC', undefined, { kind: 'zakamouline', costRate: 0.0005, riskAversion: 1e-4 });
    expect(z.band.upper).toBeGreaterThan(z.band.lower);
  });

  it('refuses an unknown underlying, a bad spot and a bad contract size', () => {
    const book = parsePortfolio(bookOf([]));
    expect(thrown(() => hedgeRecommendation(book, 'ETH', undefined, { kind: 'interval' })).path).toEqual(['underlying']);
    expect(thrown(() => hedgeRecommendation(book, 'BTC', -1, { kind: 'interval' })).path).toEqual(['spot']);
    expect(thrown(() => hedgeRecommendation(book, 'BTC', undefined, { kind: 'interval' }, { settlement: 'linear', contractSize: 0 })).path).toEqual(['contractSize']);
  });
});
