/**
 * The option kernels against QuantLib (AnalyticEuropeanEngine / blackFormula / BlackCalculator)
 * and against the same closed forms at 50 digits with Greeks by 50-digit numerical
 * differentiation (mpmath), from scripts/fixtures/options_quantlib.py; degenerate inputs; the
 * batch form equals the single-option kernel.
 */
import { describe, expect, it } from 'vitest';
import { optionGreeks, optionPrice, type Greeks, type OptionModel } from '../../src/options/kernel.js';
import { greeksBatch } from '../../src/options/batch.js';
import { readFixture } from '../helpers/shared-data.js';
import { thrown } from '../helpers/assert.js';

type Field = keyof Greeks;
const FIELDS: readonly Field[] = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'];
interface Row extends Greeks {
  type: 'call' | 'put';
  spot?: number;
  forward?: number;
  strike: number;
  expiry: number;
  vol: number;
  rate: number;
  div?: number;
  mp: Greeks;
}
interface Fixture {
  blackScholes: Row[];
  black76: Row[];
  inverse: Row[];
}
const fx = readFixture<Fixture>('options/quantlib.json');

const MODELS: readonly [keyof Fixture, OptionModel, number][] = [
  ['blackScholes', 'black-scholes', 100],
  ['black76', 'black76', 100],
  ['inverse', 'inverse', 1],
];

const greeksOf = (model: OptionModel, r: Row): Greeks =>
  optionGreeks(model, r.type === 'call', (r.spot ?? r.forward) as number, r.strike, r.expiry, r.vol, r.rate, r.div ?? 0);

describe.each(MODELS)('%s against QuantLib and 50-digit references', (key, model, scale) => {
  const rows = fx[key];

  it('has the grid (1 day … 5 years, vol 1 % … 300 %, strikes 0.5 … 2 × underlying)', () => {
    expect(rows.length).toBeGreaterThanOrEqual(560);
    expect(Math.min(...rows.map((r) => r.expiry))).toBeCloseTo(1 / 365, 15);
    expect(Math.max(...rows.map((r) => r.vol))).toBe(3);
  });

  it('matches QuantLib to 1e-10 relative or 1e-12 of the underlying scale (QuantLib cancels in the far tails)', () => {
    for (const r of rows) {
      const g = greeksOf(model, r);
      for (const f of FIELDS) {
        expect(Math.abs(g[f] - r[f]), `${f} ${JSON.stringify(r)}`).toBeLessThanOrEqual(1e-10 * Math.abs(r[f]) + 1e-12 * scale);
      }
    }
  });

  it('matches the 50-digit closed form and its numerical derivatives to 2e-12 relative (1e-40 of the scale absolute)', () => {
    for (const r of rows) {
      const g = greeksOf(model, r);
      for (const f of FIELDS) {
        expect(Math.abs(g[f] - r.mp[f]), `${f} ${JSON.stringify(r)}`).toBeLessThanOrEqual(2e-12 * Math.abs(r.mp[f]) + 1e-40 * scale);
      }
    }
  });

  it('optionPrice equals optionGreeks(...).price and the batch equals the single-option kernel bit for bit', () => {
    const n = rows.length;
    const col = (f: (r: Row) => number) => Float64Array.from(rows, f);
    const out = { price: new Float64Array(n), delta: new Float64Array(n), gamma: new Float64Array(n), vega: new Float64Array(n), theta: new Float64Array(n), rho: new Float64Array(n) };
    greeksBatch(model, Uint8Array.from(rows, (r) => (r.type === 'call' ? 1 : 0)), col((r) => (r.spot ?? r.forward) as number), col((r) => r.strike),
      col((r) => r.expiry), col((r) => r.vol), col((r) => r.rate), col((r) => r.div ?? 0), out);
    rows.forEach((r, i) => {
      const g = greeksOf(model, r);
      expect(optionPrice(model, r.type === 'call', (r.spot ?? r.forward) as number, r.strike, r.expiry, r.vol, r.rate, r.div ?? 0)).toBe(g.price);
      for (const f of FIELDS) expect(out[f][i]).toBe(g[f]);
    });
  });
});

describe('greeksBatch input checks', () => {
  it('rejects arrays of different lengths, naming the array', () => {
    const a = (n: number) => new Float64Array(n);
    const out = { price: a(2), delta: a(2), gamma: a(2), vega: a(2), theta: a(2), rho: a(2) };
    expect(thrown(() => greeksBatch('black76', new Uint8Array(2), a(2), a(3), a(2), a(2), a(2), a(2), out)).path).toEqual(['strike']);
    expect(thrown(() => greeksBatch('black76', new Uint8Array(2), a(2), a(2), a(2), a(2), a(2), a(2), { ...out, rho: a(1) })).path).toEqual(['out.rho']);
  });
});

describe('inverse (coin-settled) Greeks by finite differences of the coin price', () => {
  const cases = [
    { isCall: true, f: 60000, k: 65000, t: 0.25, vol: 0.6, r: 0.01 },
    { isCall: false, f: 60000, k: 50000, t: 0.05, vol: 0.9, r: 0 },
    { isCall: true, f: 3000, k: 2000, t: 1.5, vol: 0.7, r: 0.03 },
  ];
  it.each(cases)('delta = ∂V/∂F, gamma = ∂²V/∂F², vega, theta = −∂V/∂T, rho (%o)', ({ isCall, f, k, t, vol, r }) => {
    const v = (ff: number, tt = t, vv = vol, rr = r) => optionPrice('inverse', isCall, ff, k, tt, vv, rr, 0);
    const g = optionGreeks('inverse', isCall, f, k, t, vol, r, 0);
    const h = f * 1e-4;
    expect(g.delta).toBeCloseTo((v(f + h) - v(f - h)) / (2 * h), 12);
    expect(Math.abs(g.gamma - (v(f + h) - 2 * v(f) + v(f - h)) / (h * h))).toBeLessThan(1e-6 * Math.abs(g.gamma) + 1e-14);
    expect(g.vega).toBeCloseTo((v(f, t, vol + 1e-6) - v(f, t, vol - 1e-6)) / 2e-6, 8);
    expect(g.theta).toBeCloseTo(-(v(f, t + 1e-7) - v(f, t - 1e-7)) / 2e-7, 6);
    expect(g.rho).toBeCloseTo((v(f, t, vol, r + 1e-6) - v(f, t, vol, r - 1e-6)) / 2e-6, 8);
    // Deribit's displayed delta (coin) = F·∂V/∂F = Black delta − coin price.
    const black = optionGreeks('black76', isCall, f, k, t, vol, r, 0);
    expect(g.delta * f).toBeCloseTo(black.delta - g.price, 14);
  });
});

describe('degenerate inputs', () => {
  it('expiry ≤ 0: intrinsic value, step delta (½ at the strike), no time value', () => {
    expect(optionGreeks('black-scholes', true, 110, 100, 0, 0.5, 0.05, 0.01)).toEqual({ price: 10, delta: 1, gamma: 0, vega: 0, theta: 0, rho: 0 });
    expect(optionGreeks('black76', false, 110, 100, -1, 0.5, 0.05, 0)).toEqual({ price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 });
    expect(optionGreeks('black76', false, 100, 100, 0, 0.5, 0, 0).delta).toBe(-0.5);
    const inv = optionGreeks('inverse', true, 125, 100, 0, 0.5, 0, 0);
    expect(inv.price).toBe(0.2);
    expect(inv.delta).toBeCloseTo(100 / 125 ** 2, 15);
    expect(inv.gamma).toBeCloseTo((-2 * 100) / 125 ** 3, 15);
  });

  it('vol = 0: the discounted forward intrinsic value with its deterministic theta and rho', () => {
    const [s, k, t, r, q] = [110, 100, 1, 0.05, 0.01];
    const g = optionGreeks('black-scholes', true, s, k, t, 0, r, q);
    expect(g.price).toBeCloseTo(s * Math.exp(-q * t) - k * Math.exp(-r * t), 13);
    expect(g.delta).toBeCloseTo(Math.exp(-q * t), 15);
    expect(g.theta).toBeCloseTo(q * s * Math.exp(-q * t) - r * k * Math.exp(-r * t), 13);
    expect(g.rho).toBeCloseTo(k * t * Math.exp(-r * t), 13);
    expect([g.gamma, g.vega]).toEqual([0, 0]);
    const otm = optionGreeks('black76', true, 90, 100, 1, 0, 0.05, 0);
    expect(otm).toEqual({ price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: -0 });
    // At the strike the vega keeps its σ → 0 limit D·F·√T/√(2π).
    expect(optionGreeks('black76', true, 100, 100, 1, 0, 0, 0).vega).toBeCloseTo(100 / Math.sqrt(2 * Math.PI), 12);
  });

  it('never returns NaN or ±∞ across extreme but valid inputs', () => {
    for (const model of ['black-scholes', 'black76', 'inverse'] as const) {
      for (const k of [1e-6, 1, 100, 1e6]) {
        for (const t of [0, 1e-9, 1 / 365, 30]) {
          for (const vol of [0, 1e-8, 0.5, 10]) {
            for (const isCall of [true, false]) {
              const g = optionGreeks(model, isCall, 100, k, t, vol, 0.05, 0.02);
              for (const f of FIELDS) expect(Number.isFinite(g[f]), `${model} ${isCall} K=${k} T=${t} σ=${vol} ${f}`).toBe(true);
            }
          }
        }
      }
    }
  });
});
