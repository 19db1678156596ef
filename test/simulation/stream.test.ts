import { describe, expect, it } from 'vitest';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { Stream, ZIG_RATIO, ZIG_X } from '../../src/simulation/stream.js';
import { normalCdf } from '../../src/risk/first-passage/index.js';
import { xoshiro128ss } from '../../src/stats/random.js';

/** Chi-square statistic of `n` draws against a distribution function, over equiprobable bins. */
function chiSquare(draw: () => number, cdf: (x: number) => number, n: number, bins: number): number {
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    const k = Math.min(bins - 1, Math.floor(cdf(draw()) * bins));
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts.reduce((s, c) => s + (c - n / bins) ** 2 / (n / bins), 0);
}

describe('Stream (xoshiro128** per chunk, ziggurat normals, Marsaglia–Tsang gamma, Student-t)', () => {
  it('int32 is the xoshiro128** reference step on its state', () => {
    const s = new Stream(42, 3);
    const ref = new Uint32Array(s.state);
    for (let i = 0; i < 100; i++) expect(s.int32() >>> 0).toBe(xoshiro128ss(ref));
  });

  it('depends only on (seed, chunk): equal for equal keys, different across chunks and seeds', () => {
    const draw = (seed: number, chunk: number) => {
      const s = new Stream(seed, chunk);
      return Array.from({ length: 8 }, () => s.int32());
    };
    expect(draw(7, 5)).toEqual(draw(7, 5));
    expect(draw(7, 5)).not.toEqual(draw(7, 6));
    expect(draw(7, 5)).not.toEqual(draw(8, 5));
    expect(draw(1, 0)).not.toEqual(draw(1 + 2 ** 32, 0));
  });

  it('ziggurat tables: X_1 = R, decreasing edges, X_128 = 0, and every layer has area V', () => {
    expect(ZIG_X[1]).toBe(3.442619855899);
    expect(ZIG_X[128]).toBe(0);
    for (let i = 1; i < 128; i++) expect(ZIG_X[i + 1] as number).toBeLessThan(ZIG_X[i] as number);
    const f = (x: number) => Math.exp(-0.5 * x * x);
    for (let i = 1; i < 127; i++) {
      const area = (ZIG_X[i] as number) * (f(ZIG_X[i + 1] as number) - f(ZIG_X[i] as number));
      expect(Math.abs(area - 9.91256303526217e-3)).toBeLessThan(1e-12);
    }
    for (let i = 0; i < 128; i++) expect(ZIG_RATIO[i] as number).toBeLessThan(1);
  });

  it('uniform() lies in (0, 1)', () => {
    const s = new Stream(3, 0);
    for (let i = 0; i < 10_000; i++) {
      const u = s.uniform();
      expect(u > 0 && u < 1).toBe(true);
    }
  });

  it('normal(): mean 0, variance 1, kurtosis 3, and a chi-square test over 50 equiprobable bins', () => {
    const s = new Stream(11, 0);
    const n = 400_000;
    let m1 = 0;
    let m2 = 0;
    let m4 = 0;
    let tail = 0;
    for (let i = 0; i < n; i++) {
      const z = s.normal();
      m1 += z;
      m2 += z * z;
      m4 += z ** 4;
      if (Math.abs(z) > 3.442619855899) tail++;
    }
    expect(Math.abs(m1 / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(m2 / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(m4 / n - 3)).toBeLessThan(4 * Math.sqrt(96 / n));
    // The tail beyond R (the base layer's tail branch) has probability 2·N(−R) = 5.76e-4.
    const pTail = 2 * normalCdf(-3.442619855899);
    expect(Math.abs(tail / n - pTail)).toBeLessThan(4 * Math.sqrt(pTail / n));
    const t = new Stream(12, 0);
    // 49 degrees of freedom: the 0.999 quantile is 85.4.
    expect(chiSquare(() => t.normal(), normalCdf, 200_000, 50)).toBeLessThan(85.4);
  });

  it('gamma(α): mean α and variance α for shapes below and above 1 (α < 1 through the U^{1/α} boost)', () => {
    for (const alpha of [0.4, 1, 2.5, 8]) {
      const s = new Stream(14, Math.round(alpha * 10));
      const n = 200_000;
      let m1 = 0;
      let m2 = 0;
      let min = Infinity;
      for (let i = 0; i < n; i++) {
        const g = s.gamma(alpha);
        min = Math.min(min, g);
        m1 += g;
        m2 += g * g;
      }
      expect(min).toBeGreaterThan(0);
      const mean = m1 / n;
      // sd of the sample mean √(α/n); of the sample variance ≈ √((μ4 − σ⁴)/n) = √((6α + 2α²)/n) for a gamma.
      expect(Math.abs(mean - alpha)).toBeLessThan(4 * Math.sqrt(alpha / n));
      expect(Math.abs(m2 / n - mean * mean - alpha)).toBeLessThan(4 * Math.sqrt((6 * alpha + 2 * alpha * alpha) / n));
    }
  });

  it('studentT(ν): quantiles match @stdlib t-quantile (ν = 3, 5) and the variance is ν/(ν − 2)', () => {
    for (const nu of [3, 5]) {
      const s = new Stream(13, nu);
      const n = 200_000;
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) x[i] = s.studentT(nu);
      x.sort();
      for (const p of [0.01, 0.1, 0.5, 0.9, 0.99]) {
        // Standard error of the sample p-quantile: √(p(1 − p)/n)/f(q); a loose 5 % band covers it.
        const q = tQuantile(p, nu);
        expect(Math.abs((x[Math.floor(p * n)] as number) - q)).toBeLessThan(0.05 * Math.max(0.2, Math.abs(q)));
      }
      if (nu === 5) {
        let m2 = 0;
        for (const v of x) m2 += v * v;
        expect(Math.abs(m2 / n - 5 / 3)).toBeLessThan(0.05);
      }
    }
  });
});
