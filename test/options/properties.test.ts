/**
 * Model-free properties of the option kernels (fast-check): put–call parity for all three
 * models, no-arbitrage bounds, monotonicity in volatility, signs and ranges of the Greeks.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { optionGreeks, optionPrice, type OptionModel } from '../../src/options/kernel.js';

const MODELS: readonly OptionModel[] = ['black-scholes', 'black76', 'inverse'];
const terms = fc.record({
  model: fc.constantFrom(...MODELS),
  underlying: fc.double({ min: 1, max: 1e5, noNaN: true }),
  logMoneyness: fc.double({ min: -3, max: 3, noNaN: true }),
  expiry: fc.double({ min: 1 / 365, max: 5, noNaN: true }),
  vol: fc.double({ min: 0.01, max: 3, noNaN: true }),
  rate: fc.double({ min: -0.02, max: 0.1, noNaN: true }),
  div: fc.double({ min: 0, max: 0.05, noNaN: true }),
});
type Terms = typeof terms extends fc.Arbitrary<infer T> ? T : never;

/** Strike, forward, discount factor and the price unit (1 for quote models, 1/F for inverse). */
function setup(o: Terms) {
  const q = o.model === 'black-scholes' ? o.div : 0;
  const f = o.model === 'black-scholes' ? o.underlying * Math.exp((o.rate - q) * o.expiry) : o.underlying;
  return { q, f, k: f * Math.exp(o.logMoneyness), df: Math.exp(-o.rate * o.expiry), unit: o.model === 'inverse' ? 1 / f : 1 };
}

describe('option kernel properties', () => {
  it('put–call parity: C − P = e^{−rT}(F − K) (÷F for inverse)', () => {
    fc.assert(
      fc.property(terms, (o) => {
        const { q, f, k, df, unit } = setup(o);
        const c = optionPrice(o.model, true, o.underlying, k, o.expiry, o.vol, o.rate, q);
        const p = optionPrice(o.model, false, o.underlying, k, o.expiry, o.vol, o.rate, q);
        expect(Math.abs(c - p - df * (f - k) * unit)).toBeLessThanOrEqual(1e-13 * df * (f + k) * unit);
      }),
      { numRuns: 2000, seed: 1 },
    );
  });

  it('no-arbitrage bounds: D·max(ω(F − K), 0) ≤ V ≤ D·F (call) or D·K (put), in the model unit', () => {
    fc.assert(
      fc.property(terms, fc.boolean(), (o, isCall) => {
        const { q, f, k, df, unit } = setup(o);
        const v = optionPrice(o.model, isCall, o.underlying, k, o.expiry, o.vol, o.rate, q);
        const slack = 1e-13 * df * (f + k) * unit;
        expect(v).toBeGreaterThanOrEqual(df * Math.max(isCall ? f - k : k - f, 0) * unit - slack);
        expect(v).toBeLessThanOrEqual(df * (isCall ? f : k) * unit + slack);
      }),
      { numRuns: 2000, seed: 2 },
    );
  });

  it('price is non-decreasing in volatility and vega ≥ 0', () => {
    fc.assert(
      fc.property(terms, fc.boolean(), fc.double({ min: 1e-4, max: 1, noNaN: true }), (o, isCall, bump) => {
        const { q, f, k, df, unit } = setup(o);
        const lo = optionGreeks(o.model, isCall, o.underlying, k, o.expiry, o.vol, o.rate, q);
        const hi = optionPrice(o.model, isCall, o.underlying, k, o.expiry, o.vol + bump, o.rate, q);
        expect(hi).toBeGreaterThanOrEqual(lo.price - 1e-14 * df * (f + k) * unit);
        expect(lo.vega).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2000, seed: 3 },
    );
  });

  it('delta ranges (call in [0, e^{−qT}] per unit of underlying, put in [−e^{−qT}, 0]); gamma ≥ 0 for black-scholes and black76', () => {
    fc.assert(
      fc.property(terms, fc.boolean(), (o, isCall) => {
        if (o.model === 'inverse') return;
        const { q, k } = setup(o);
        const g = optionGreeks(o.model, isCall, o.underlying, k, o.expiry, o.vol, o.rate, q);
        const cap = o.model === 'black-scholes' ? Math.exp(-q * o.expiry) : Math.exp(-o.rate * o.expiry);
        if (isCall) {
          expect(g.delta).toBeGreaterThanOrEqual(0);
          expect(g.delta).toBeLessThanOrEqual(cap * (1 + 1e-15));
        } else {
          expect(g.delta).toBeLessThanOrEqual(0);
          expect(g.delta).toBeGreaterThanOrEqual(-cap * (1 + 1e-15));
        }
        expect(g.gamma).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2000, seed: 4 },
    );
  });

  it('inverse delta and value are the Black ones over F: F·Δ_inv = Δ_Black − V_inv, V_inv = V_Black/F', () => {
    fc.assert(
      fc.property(terms, fc.boolean(), (o, isCall) => {
        const { k } = setup({ ...o, model: 'inverse' });
        const f = o.underlying;
        const inv = optionGreeks('inverse', isCall, f, k, o.expiry, o.vol, o.rate, 0);
        const black = optionGreeks('black76', isCall, f, k, o.expiry, o.vol, o.rate, 0);
        expect(Math.abs(inv.price - black.price / f)).toBeLessThanOrEqual(1e-15 * (1 + Math.abs(black.price / f)));
        expect(Math.abs(inv.delta * f - (black.delta - inv.price))).toBeLessThanOrEqual(1e-14);
      }),
      { numRuns: 1000, seed: 5 },
    );
  });
});
