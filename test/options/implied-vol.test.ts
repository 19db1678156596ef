/**
 * Implied volatility: Jäckel's reference values (Let's Be Rational, 1000 cases), round trips across
 * moneyness, volatility and expiry extremes (fast-check), no-arbitrage bounds, the batch form.
 *
 * "The price carries information" when the relative price change per unit of volatility,
 * vega/V, is at least 1e-3: the kernel's rounding (≈ 1e-14·V) then moves σ by ≤ 1e-11. Below that
 * (deep in the money, where the time value drowns in the intrinsic value) no method can recover
 * σ to 1e-10 from a double.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { impliedVolKernel } from '../../src/options/implied-vol-kernel.js';
import { impliedVol } from '../../src/options/implied-vol.js';
import { impliedVolBatch } from '../../src/options/batch.js';
import { modelCode, optionGreeks, optionPrice, type OptionModel } from '../../src/options/kernel.js';
import { BLACK76 } from '../../src/options/black-core.js';
import { thrown } from '../helpers/assert.js';
import { describeWithSharedReferences, readSharedReferenceText } from '../helpers/shared-references.js';

const LBR = 'data/py_lets_be_rational_TestValues.json';
interface LbrCase { input: { q: number; F: number; K: number; T: number; sigma: number }; output: { black: number; iv: number | null } }

const informative = (price: number, vega: number): boolean => price > 1e-300 && vega >= 1e-3 * price;

describeWithSharedReferences('implied volatility against Jäckel\'s Let\'s Be Rational reference values', [LBR], () => {
  const raw = JSON.parse(readSharedReferenceText(LBR).replace(/\bNaN\b/g, 'null')) as {
    input: LbrCase['input'][];
    output: { black: number; implied_volatility_from_a_transformed_rational_guess: number | null }[];
  };
  const cases: LbrCase[] = raw.input.map((input, i) => {
    const o = raw.output[i] as (typeof raw.output)[number];
    return { input, output: { black: o.black, iv: o.implied_volatility_from_a_transformed_rational_guess } };
  });

  it('agrees with LBR\'s implied volatility to 1e-10 on every case it solves, and with the generating σ where the price carries information', () => {
    let informativeCases = 0;
    for (const { input: a, output: o } of cases) {
      if (o.iv === null) continue;
      const iv = impliedVolKernel(BLACK76, a.q === 1, o.black, a.F, a.K, a.T, 0, 0);
      expect(Math.abs(iv - o.iv), JSON.stringify(a)).toBeLessThanOrEqual(1e-10);
      if (informative(o.black, optionGreeks('black76', a.q === 1, a.F, a.K, a.T, a.sigma, 0, 0).vega)) {
        informativeCases++;
        expect(Math.abs(iv - a.sigma), JSON.stringify(a)).toBeLessThanOrEqual(1e-10);
      }
    }
    expect(cases.filter((c) => c.output.iv !== null).length).toBe(995);
    expect(informativeCases).toBeGreaterThan(900);
  });

  it('has no implied volatility where LBR has none (T = 0)', () => {
    const none = cases.filter((c) => c.output.iv === null);
    expect(none.length).toBe(5);
    for (const { input: a, output: o } of none) expect(impliedVolKernel(BLACK76, a.q === 1, o.black, a.F, a.K, a.T, 0, 0)).toBeNaN();
  });
});

const MODELS: readonly OptionModel[] = ['black-scholes', 'black76', 'inverse'];
const scenario = fc.record({
  model: fc.constantFrom(...MODELS),
  isCall: fc.boolean(),
  vol: fc.oneof(fc.double({ min: 0.01, max: 3, noNaN: true }), fc.constantFrom(0.01, 3)),
  expiry: fc.oneof(fc.double({ min: 1 / 365, max: 5, noNaN: true }), fc.constantFrom(1 / 365, 5)),
  z: fc.double({ min: -35, max: 35, noNaN: true }),
  rate: fc.double({ min: -0.02, max: 0.1, noNaN: true }),
  div: fc.double({ min: 0, max: 0.05, noNaN: true }),
  underlying: fc.double({ min: 1, max: 1e5, noNaN: true }),
});

describe('implied volatility round trips', () => {
  it('σ → price → σ to 1e-10 across moneyness (±35 standard deviations), vol 1 %…300 %, expiry 1 day…5 years, where the price carries information', () => {
    let checked = 0;
    fc.assert(
      fc.property(scenario, ({ model, isCall, vol, expiry, z, rate, div, underlying }) => {
        const q = model === 'black-scholes' ? div : 0;
        const f = model === 'black-scholes' ? underlying * Math.exp((rate - q) * expiry) : underlying;
        const strike = f * Math.exp(z * vol * Math.sqrt(expiry));
        const g = optionGreeks(model, isCall, underlying, strike, expiry, vol, rate, q);
        const scale = model === 'inverse' ? f : 1;
        if (!informative(g.price * scale, g.vega * scale)) return;
        checked++;
        const iv = impliedVolKernel(modelCode(model), isCall, g.price, underlying, strike, expiry, rate, q);
        expect(Math.abs(iv - vol)).toBeLessThanOrEqual(1e-10);
      }),
      { numRuns: 3000, seed: 20261201 },
    );
    expect(checked).toBeGreaterThan(1000);
  });

  it('reprices its input: the price at the implied σ equals the given price to 1e-12 relative wherever σ exists', () => {
    fc.assert(
      fc.property(scenario, ({ model, isCall, vol, expiry, z, rate, div, underlying }) => {
        const q = model === 'black-scholes' ? div : 0;
        const f = model === 'black-scholes' ? underlying * Math.exp((rate - q) * expiry) : underlying;
        const strike = f * Math.exp(z * vol * Math.sqrt(expiry));
        const price = optionPrice(model, isCall, underlying, strike, expiry, vol, rate, q);
        const iv = impliedVolKernel(modelCode(model), isCall, price, underlying, strike, expiry, rate, q);
        if (Number.isNaN(iv)) return;
        const again = optionPrice(model, isCall, underlying, strike, expiry, iv, rate, q);
        const unit = model === 'inverse' ? 1 : Math.max(f, strike);
        expect(Math.abs(again - price)).toBeLessThanOrEqual(1e-12 * price + 1e-15 * unit);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('recovers tiny prices in the far wings (down to 1e-300) to full accuracy', () => {
    for (const [z, vol, t] of [[-37, 0.5, 1], [30, 0.01, 1 / 365], [-20, 3, 5], [25, 1.2, 0.1]] as const) {
      for (const isCall of [true, false]) {
        const f = 100;
        const k = f * Math.exp(-z * vol * Math.sqrt(t));
        const p = optionPrice('black76', isCall, f, k, t, vol, 0, 0);
        const otm = isCall ? k > f : k < f;
        if (!otm) continue;
        expect(p).toBeLessThan(1e-40);
        expect(p).toBeGreaterThan(1e-300);
        expect(Math.abs(impliedVolKernel(BLACK76, isCall, p, f, k, t, 0, 0) - vol)).toBeLessThanOrEqual(1e-12 * vol);
      }
    }
  });
});

describe('impliedVol (validated)', () => {
  it('returns σ and the no-arbitrage range', () => {
    const r = impliedVol({ model: 'black-scholes', type: 'call', price: 10.450583572185565, spot: 100, strike: 100, expiry: 1, rate: 0.05 });
    expect(r.impliedVol).toBeCloseTo(0.2, 14);
    expect(r.lowerBound).toBeCloseTo(100 - 100 * Math.exp(-0.05), 12);
    expect(r.upperBound).toBeCloseTo(100, 12);
    const inv = impliedVol({ model: 'inverse', type: 'put', price: optionPrice('inverse', false, 60000, 55000, 0.1, 0.55, 0, 0), forward: 60000, strike: 55000, expiry: 0.1 });
    expect(inv.impliedVol).toBeCloseTo(0.55, 13);
    expect(inv.upperBound).toBeCloseTo(55000 / 60000, 15);
  });

  it('the discounted intrinsic value gives σ = 0; below it or at the upper bound is an error at price with the bounds', () => {
    expect(impliedVol({ model: 'black76', type: 'put', price: 0, forward: 100, strike: 90, expiry: 1 }).impliedVol).toBe(0);
    const below = thrown(() => impliedVol({ model: 'black76', type: 'call', price: 9, forward: 110, strike: 100, expiry: 1 }));
    expect([below.code, below.path, below.details?.reason]).toEqual(['INVALID_INPUT', ['price'], 'below-intrinsic']);
    expect(below.details?.lowerBound).toBe(10);
    const above = thrown(() => impliedVol({ model: 'inverse', type: 'call', price: 1, forward: 60000, strike: 50000, expiry: 1 }));
    expect([above.code, above.path, above.details?.reason, above.details?.upperBound]).toEqual(['INVALID_INPUT', ['price'], 'above-upper-bound', 1]);
    expect(thrown(() => impliedVol({ model: 'black76', type: 'call', price: 1, forward: 100, strike: 100, expiry: 0 })).path).toEqual(['expiry']);
    expect(thrown(() => impliedVol({ model: 'black-scholes', type: 'call', price: -1, spot: 100, strike: 100, expiry: 1 })).path).toEqual(['price']);
  });
});

describe('impliedVolBatch', () => {
  it('equals the scalar kernel element by element, NaN and a count for prices outside the bounds', () => {
    const price = Float64Array.of(7.965567455405804, 150, 1e-3, 0);
    const out = new Float64Array(4);
    const failed = impliedVolBatch('black76', Uint8Array.of(1, 1, 0, 0), price, Float64Array.of(100, 100, 100, 100), Float64Array.of(100, 100, 80, 90),
      Float64Array.of(1, 1, 0.5, 1), new Float64Array(4), new Float64Array(4), out);
    expect(failed).toBe(1);
    expect(out[0]).toBeCloseTo(0.2, 14);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBe(impliedVolKernel(BLACK76, false, 1e-3, 100, 80, 0.5, 0, 0));
    expect(out[3]).toBe(0);
    expect(thrown(() => impliedVolBatch('black76', Uint8Array.of(1), price, Float64Array.of(100), Float64Array.of(100), Float64Array.of(1), Float64Array.of(0), Float64Array.of(0), out)).path).toEqual(['isCall']);
  });
});
