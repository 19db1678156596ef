/**
 * The hedging delta/gamma kernel against QuantLib (test/fixtures/options/quantlib.json, from
 * scripts/fixtures/options_quantlib.py), mapped to USD per 1 USD of the underlying: black-scholes
 * as is; black76 and inverse with S = F (carry q = r): black76 Δ = δ_F, Γ = γ_F; inverse
 * Δ = V + F·δ_F, Γ = 2δ_F + F·γ_F (quotient rule on S·V_coin). Then: the portfolio's own
 * Greeks (portfolio/valuation.ts), a range of elements, expired options, a finite-difference
 * property, and the WebAssembly loop's two ways in (arrays copied through its tiles or read in
 * place in its memory) against one call per element.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDeltaGamma, type DeltaPosition } from '../../src/options/delta-kernel.js';
import { BLACK76, BLACK_SCHOLES, INVERSE, type ModelCode } from '../../src/options/black-core.js';
import { optionPrice } from '../../src/options/kernel.js';
import { kernelWorkspace, TILE } from '../../src/options/delta-wasm.js';
import { readFixture } from '../helpers/shared-data.js';

interface Row {
  type: 'call' | 'put';
  spot?: number;
  forward?: number;
  strike: number;
  expiry: number;
  vol: number;
  rate: number;
  div?: number;
  price: number;
  delta: number;
  gamma: number;
}
const fx = readFixture<{ blackScholes: Row[]; black76: Row[]; inverse: Row[] }>('options/quantlib.json');

/** The kernel at one price: [Δ, Γ] for quantity 1. */
function at(model: ModelCode, r: Row, s: number, div: number): [number, number] {
  const d = new Float64Array(1);
  const g = new Float64Array(1);
  const p: DeltaPosition = { model, isCall: r.type === 'call', quantity: 1, strike: r.strike, rate: r.rate, div };
  addDeltaGamma(p, r.vol, r.expiry, Float64Array.of(Math.log(s)), Float64Array.of(s), 0, 1, d, g);
  return [d[0] as number, g[0] as number];
}

const close = (got: number, want: number, scale: number, what: string) => expect(Math.abs(got - want), what).toBeLessThanOrEqual(1e-10 * Math.abs(want) + 1e-12 * scale);

describe('addDeltaGamma against QuantLib (1e-10 relative or 1e-12 of the underlying scale, as the Greeks kernel)', () => {
  it('black-scholes: Δ and Γ on spot', () => {
    expect(fx.blackScholes.length).toBeGreaterThanOrEqual(560);
    for (const r of fx.blackScholes) {
      const [d, g] = at(BLACK_SCHOLES, r, r.spot as number, r.div ?? 0);
      close(d, r.delta, 100, `delta ${JSON.stringify(r)}`);
      close(g, r.gamma, 100, `gamma ${JSON.stringify(r)}`);
    }
  });
  it('black76: Δ = ∂V/∂F and Γ at S = F', () => {
    for (const r of fx.black76) {
      const [d, g] = at(BLACK76, r, r.forward as number, r.rate);
      close(d, r.delta, 100, `delta ${JSON.stringify(r)}`);
      close(g, r.gamma, 100, `gamma ${JSON.stringify(r)}`);
    }
  });
  it('inverse: the USD delta V + F·δ and gamma 2δ + F·γ of S·V_coin', () => {
    for (const r of fx.inverse) {
      const f = r.forward as number;
      const [d, g] = at(INVERSE, r, f, r.rate);
      close(d, r.price + f * r.delta, 1, `delta ${JSON.stringify(r)}`);
      // Γ·F puts the coin gamma on the scale of a coin delta (the scale-1 tolerance of the Greeks kernel).
      close(g * f, (2 * r.delta + f * r.gamma) * f, 1, `gamma ${JSON.stringify(r)}`);
    }
  });
});

describe('addDeltaGamma', () => {
  it('adds q × the Greeks into [from, to) only, and gamma may be skipped', () => {
    const p: DeltaPosition = { model: BLACK_SCHOLES, isCall: false, quantity: -3, strike: 100, rate: 0.02, div: 0.01 };
    const s = Float64Array.of(80, 90, 100, 110);
    const d = Float64Array.of(1, 1, 1, 1);
    const g = new Float64Array(4);
    addDeltaGamma(p, 0.4, 0.5, s.map(Math.log), s, 1, 3, d, g);
    expect(d[0]).toBe(1);
    expect(d[3]).toBe(1);
    expect(g[0]).toBe(0);
    const one = new Float64Array(1);
    addDeltaGamma({ ...p, quantity: 1 }, 0.4, 0.5, Float64Array.of(Math.log(90)), Float64Array.of(90), 0, 1, one, null);
    expect(d[1]).toBeCloseTo(1 - 3 * (one[0] as number), 14);
  });

  it('arrays copied through the tiles, arrays in the kernel\'s memory (read in place, across a memory growth) and one call per element give the same bits', () => {
    const n = 2 * TILE + 901;
    const x = Float64Array.from({ length: n }, (_, i) => Math.log(100) + (i % 97 === 5 ? 6 : 1.2) * Math.sin(i)); // now and then |d1| beyond the table
    const s = x.map(Math.exp);
    const p: DeltaPosition = { model: INVERSE, isCall: false, quantity: -2, strike: 95, rate: 0.03, div: 0 };
    const one = (i: number): [number, number] => {
      const d = Float64Array.of(0.5);
      const g = Float64Array.of(-0.25);
      addDeltaGamma(p, 0.7, 0.3, x.subarray(i, i + 1), s.subarray(i, i + 1), 0, 1, d, g);
      return [d[0] as number, g[0] as number];
    };
    for (const [from, to] of [[0, n], [3, n - 2], [7, 8], [TILE - 1, TILE + 2]] as const) {
      const d = new Float64Array(n).fill(0.5);
      const g = new Float64Array(n).fill(-0.25);
      addDeltaGamma(p, 0.7, 0.3, x, s, from, to, d, g);
      for (const grow of [0, 400_000]) {
        kernelWorkspace(grow);
        const ws = kernelWorkspace(4 * n);
        const [wx, ws2, wd, wg] = [0, 1, 2, 3].map((k) => ws.subarray(k * n, (k + 1) * n)) as [Float64Array, Float64Array, Float64Array, Float64Array];
        wx.set(x);
        ws2.set(s);
        wd.fill(0.5);
        wg.fill(-0.25);
        addDeltaGamma(p, 0.7, 0.3, wx, ws2, from, to, wd, wg);
        expect(wd).toEqual(d);
        expect(wg).toEqual(g);
      }
      for (let i = 0; i < n; i++) {
        const [di, gi] = i >= from && i < to ? one(i) : [0.5, -0.25];
        if (d[i] !== di || g[i] !== gi) expect([i, d[i], g[i]]).toEqual([i, di, gi]);
      }
    }
  });

  it('an expired option has the step delta (½ at the strike) and no gamma', () => {
    const s = Float64Array.of(90, 100, 110);
    const d = new Float64Array(3);
    const g = new Float64Array(3);
    addDeltaGamma({ model: INVERSE, isCall: true, quantity: 2, strike: 100, rate: 0, div: 0 }, 0.5, 0, s.map(Math.log), s, 0, 3, d, g);
    expect([...d]).toEqual([0, 1, 2]);
    expect([...g]).toEqual([0, 0, 0]);
  });

  it('Δ and Γ are the central differences of the USD value (property, 1,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(BLACK_SCHOLES, BLACK76, INVERSE), fc.boolean(), fc.double({ min: 0.6, max: 1.6, noNaN: true }),
        fc.double({ min: 0.02, max: 2, noNaN: true }), fc.double({ min: 0.1, max: 1.5, noNaN: true }), fc.double({ min: 0, max: 0.05, noNaN: true }),
        (model: ModelCode, isCall, moneyness, t, vol, rate) => {
          const k = 100;
          const s = k * moneyness;
          const usd = (x: number) => {
            const f = x * Math.exp(rate * t); // q = 0
            if (model === BLACK_SCHOLES) return optionPrice('black-scholes', isCall, x, k, t, vol, rate, 0);
            if (model === BLACK76) return optionPrice('black76', isCall, f, k, t, vol, rate, 0);
            return x * optionPrice('inverse', isCall, f, k, t, vol, rate, 0);
          };
          const d = new Float64Array(1);
          const g = new Float64Array(1);
          addDeltaGamma({ model, isCall, quantity: 1, strike: k, rate, div: 0 }, vol, t, Float64Array.of(Math.log(s)), Float64Array.of(s), 0, 1, d, g);
          const e = 1e-5 * s;
          expect(d[0]).toBeCloseTo((usd(s + e) - usd(s - e)) / (2 * e), 7);
          // The central second difference, Richardson-extrapolated (h and h/2) so that its O(h²) truncation error, large for short-dated low-σ options, cancels.
          const second = (h: number) => (usd(s + h) - 2 * usd(s) + usd(s - h)) / (h * h);
          const h = 2e-4 * s;
          const fd = ((4 * second(h / 2) - second(h)) / 3) * s;
          expect(Math.abs((g[0] as number) * s - fd)).toBeLessThanOrEqual(1e-4 * Math.abs(fd) + 1e-5);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
