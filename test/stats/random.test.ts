import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng, xoshiro128ss } from '../../src/stats/random.js';
import { TradesizeError } from '../../src/core/errors.js';

describe('xoshiro128ss', () => {
  it('matches the reference C implementation from state (1, 2, 3, 4) (Blackman & Vigna)', () => {
    // Output of https://prng.di.unimi.it/xoshiro128starstar.c compiled with gcc, s = {1, 2, 3, 4}.
    const s = new Uint32Array([1, 2, 3, 4]);
    const out = Array.from({ length: 8 }, () => xoshiro128ss(s));
    expect(out).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849]);
  });
});

describe('createRng', () => {
  it('is deterministic per seed and differs across seeds (including the high 32 bits)', () => {
    const draw = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 16 }, () => rng.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(1)).not.toEqual(draw(1 + 2 ** 32));
    expect(draw(-1)).not.toEqual(draw(2 ** 32 - 1));
  });

  it('next() is uniform on [0, 1): mean, variance and a chi-square test over 20 bins', () => {
    const rng = createRng(2024);
    const n = 200_000;
    const bins = new Array<number>(20).fill(0);
    let sum = 0;
    let sumSq = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      min = Math.min(min, u);
      max = Math.max(max, u);
      sum += u;
      sumSq += u * u;
      const k = Math.floor(u * 20);
      bins[k] = (bins[k] ?? 0) + 1;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sumSq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
    const expected = n / 20;
    const chi2 = bins.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 19 degrees of freedom: the 0.999 quantile is 43.8.
    expect(chi2).toBeLessThan(43.8);
  });

  it('nextInt(n) covers {0, …, n − 1} without bias (n = 3, chi-square)', () => {
    const rng = createRng(7);
    const counts = [0, 0, 0];
    const n = 90_000;
    for (let i = 0; i < n; i++) {
      const k = rng.nextInt(3);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    const chi2 = counts.reduce((s, c) => s + (c - n / 3) ** 2 / (n / 3), 0);
    // 2 degrees of freedom: the 0.999 quantile is 13.8.
    expect(chi2).toBeLessThan(13.8);
    expect(createRng(1).nextInt(1)).toBe(0);
  });

  it('property: nextInt(n) is an integer in [0, n) and nextUint32 in [0, 2^32) (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 1, max: 2 ** 32 }), (seed, n) => {
        const rng = createRng(seed);
        const k = rng.nextInt(n);
        const u = rng.nextUint32();
        return Number.isInteger(k) && k >= 0 && k < n && Number.isInteger(u) && u >= 0 && u < 2 ** 32;
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects a non-integer seed and a bad n with typed errors', () => {
    for (const seed of [1.5, Number.NaN, 2 ** 60]) {
      expect(() => createRng(seed)).toThrow(TradesizeError);
    }
    try {
      createRng(0.5);
      expect.unreachable();
    } catch (e) {
      expect((e as TradesizeError).code).toBe('INVALID_INPUT');
      expect((e as TradesizeError).path).toEqual(['seed']);
    }
    const rng = createRng(1);
    for (const n of [0, 2.5, 2 ** 32 + 1]) {
      expect(() => rng.nextInt(n)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', path: ['n'] }));
    }
  });
});
