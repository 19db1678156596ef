/**
 * The validated option API (zod input, errors with paths), the trader Greeks, py_vollib's
 * Black–Scholes benchmark rows, and the unrolled normal CDF of the batch kernel against the
 * reference Cody implementation it was written from.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { black76, blackScholes, inverseOption, priceOption } from '../../src/options/price.js';
import { optionGreeks } from '../../src/options/kernel.js';
import { traderGreeks } from '../../src/options/trader-greeks.js';
import { scaledNormalCdf } from '../../src/dists/normal-tail.js';
import { normalCdf } from '../../src/dists/normal.js';
import { thrown } from '../helpers/assert.js';
import { describeWithSharedReferences, readSharedReference } from '../helpers/shared-references.js';

describe('priceOption', () => {
  it('returns the kernel Greeks, d1/d2, the forward and the trader Greeks', () => {
    const v = priceOption({ model: 'black-scholes', type: 'call', spot: 100, strike: 100, expiry: 1, vol: 0.2, rate: 0.05, div: 0.01 });
    const g = optionGreeks('black-scholes', true, 100, 100, 1, 0.2, 0.05, 0.01);
    expect(v).toMatchObject({ model: 'black-scholes', type: 'call', ...g, ...traderGreeks(g, 100) });
    expect(v.forward).toBeCloseTo(100 * Math.exp(0.04), 12);
    expect(v.d1).toBeCloseTo((0.04 + 0.02) / 0.2, 14);
    expect(v.d2).toBeCloseTo((0.04 - 0.02) / 0.2, 14);
    expect(blackScholes({ type: 'call', spot: 100, strike: 100, expiry: 1, vol: 0.2, rate: 0.05, div: 0.01 })).toEqual(v);
  });

  it('black76 and inverseOption take the forward; inverse cashDelta is Deribit\'s coin delta', () => {
    const b = black76({ type: 'put', forward: 100, strike: 100, expiry: 1, vol: 0.2 });
    expect(b.price).toBeCloseTo(7.965567455405804, 13);
    const inv = inverseOption({ type: 'call', forward: 60000, strike: 65000, expiry: 0.25, vol: 0.6 });
    const blackDelta = optionGreeks('black76', true, 60000, 65000, 0.25, 0.6, 0, 0).delta;
    expect(inv.cashDelta).toBeCloseTo(blackDelta - inv.price, 14);
    expect(inv.model).toBe('inverse');
  });

  it('omits d1, d2 at expiry or zero vol, and elasticity when the value is 0', () => {
    const v = priceOption({ model: 'black76', type: 'call', forward: 90, strike: 100, expiry: 0, vol: 0.5 });
    expect(v.price).toBe(0);
    expect(v).not.toHaveProperty('d1');
    expect(v).not.toHaveProperty('elasticity');
    expect(priceOption({ model: 'black76', type: 'call', forward: 90, strike: 100, expiry: 1, vol: 0 })).not.toHaveProperty('d2');
  });

  it('rejects bad input with the field path', () => {
    const base = { model: 'black-scholes', type: 'call', spot: 100, strike: 100, expiry: 1, vol: 0.2 } as const;
    expect(thrown(() => priceOption({ ...base, spot: -1 })).path).toEqual(['spot']);
    expect(thrown(() => priceOption({ ...base, vol: Number.NaN })).path).toEqual(['vol']);
    expect(thrown(() => priceOption({ ...base, expiry: -1 })).path).toEqual(['expiry']);
    expect(thrown(() => priceOption({ ...base, rate: 2 })).path).toEqual(['rate']);
    expect(thrown(() => priceOption({ ...base, model: 'heston' } as never)).path).toEqual(['model']);
    expect(thrown(() => priceOption({ model: 'black76', type: 'call', spot: 100, strike: 100, expiry: 1, vol: 0.2 } as never)).path).toEqual(['forward']);
    expect(thrown(() => priceOption({ ...base, type: 'straddle' } as never)).code).toBe('INVALID_INPUT');
  });
});

describe('traderGreeks', () => {
  it('cash delta Δ·U, cash gamma Γ·U²/100, elasticity Δ·U/V, theta per day, vega and rho per point', () => {
    const g = { price: 4, delta: 0.5, gamma: 0.02, vega: 30, theta: -7.3, rho: 40 };
    expect(traderGreeks(g, 100)).toEqual({ cashDelta: 50, cashGamma: 2, elasticity: 12.5, thetaPerDay: -0.02, vegaPerPoint: 0.3, rhoPerPoint: 0.4 });
  });

  it('cash gamma is the change of Δ·U (U held fixed as the conversion price) for a 1 % move', () => {
    const s = 100;
    const g = optionGreeks('black-scholes', true, s, 105, 0.5, 0.4, 0.03, 0);
    const up = optionGreeks('black-scholes', true, s * 1.0001, 105, 0.5, 0.4, 0.03, 0);
    const down = optionGreeks('black-scholes', true, s * 0.9999, 105, 0.5, 0.4, 0.03, 0);
    expect(traderGreeks(g, s).cashGamma).toBeCloseTo(((up.delta - down.delta) / 0.0002) * s * 0.01, 6);
  });
});

const VOLLIB = 'data/py_vollib_test_data.json';
describeWithSharedReferences('py_vollib Black–Scholes benchmark rows', [VOLLIB], () => {
  it('price and Greeks of all 101 rows (per-1.00 vega and rho, theta per year) to their printed precision', () => {
    const d = readSharedReference<{ columns: string[]; data: number[][] }>(VOLLIB);
    const col = (row: number[], k: string): number => row[d.columns.indexOf(k)] as number;
    expect(d.data.length).toBe(101);
    for (const row of d.data) {
      const [s, k, r, t, v] = row as [number, number, number, number, number];
      const c = optionGreeks('black-scholes', true, s, k, t, v, r, 0);
      const p = optionGreeks('black-scholes', false, s, k, t, v, r, 0);
      const pairs: [string, number][] = [
        ['bs_call', c.price], ['CD', c.delta], ['CG', c.gamma], ['CT', c.theta], ['CV', c.vega], ['CR', c.rho],
        ['bs_put', p.price], ['PD', p.delta], ['PG', p.gamma], ['PT', p.theta], ['PV', p.vega], ['PR', p.rho],
      ];
      for (const [name, got] of pairs) {
        const want = col(row, name);
        expect(Math.abs(got - want), `${name} S=${s}`).toBeLessThanOrEqual(1e-6 * Math.abs(want) + 1e-9);
      }
    }
  });
});

describe('scaledNormalCdf (unrolled Cody, batch kernel)', () => {
  it('equals the reference normalCdf of dists/normal.ts to 6·(1 + d²/2)·2⁻⁵³ relative (the shared single exponential), above the subnormal range', () => {
    fc.assert(
      fc.property(fc.double({ min: -37, max: 37, noNaN: true }), (d) => {
        const ref = normalCdf(d);
        const got = scaledNormalCdf(d, 1, Math.exp(-0.5 * d * d));
        expect(Math.abs(got - ref)).toBeLessThanOrEqual(6 * (1 + 0.5 * d * d) * 2 ** -53 * ref);
      }),
      { numRuns: 20000, seed: 11 },
    );
    expect(scaledNormalCdf(Infinity, 3, 0)).toBe(3);
    expect(scaledNormalCdf(-Infinity, 3, 0)).toBe(0);
  });
});
