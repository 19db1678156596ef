import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bootstrapSample } from '../../src/stats/bootstrap.js';
import { TradesizeError } from '../../src/core/errors.js';

const ramp = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('bootstrapSample', () => {
  it('iid: same seed, same resample; draws only values of x; default size n', () => {
    const x = [0.01, -0.02, 0.03, 0.005, -0.01];
    const a = bootstrapSample(x, { seed: 11 });
    expect(a).toBeInstanceOf(Float64Array);
    expect(a.length).toBe(x.length);
    expect(Array.from(a)).toEqual(Array.from(bootstrapSample(x, { seed: 11 })));
    expect(Array.from(bootstrapSample(x, { seed: 12, size: 50 }))).not.toEqual(Array.from(bootstrapSample(x, { seed: 11, size: 50 })));
    for (const v of a) expect(x).toContain(v);
  });

  it('iid: every index is drawn with probability 1/n (chi-square over 10 values)', () => {
    const draws = bootstrapSample(ramp(10), { seed: 5, size: 100_000 });
    const counts = new Array<number>(10).fill(0);
    for (const v of draws) counts[v] = (counts[v] ?? 0) + 1;
    const chi2 = counts.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
    // 9 degrees of freedom: the 0.999 quantile is 27.9.
    expect(chi2).toBeLessThan(27.9);
  });

  it('moving blocks (Künsch 1989): runs of ℓ consecutive values, starts uniform on the n − ℓ + 1 blocks', () => {
    const n = 20;
    const l = 5;
    const draws = bootstrapSample(ramp(n), { seed: 3, size: 16 * 1000 + 3, blockLength: l });
    expect(draws.length).toBe(16_003);
    const starts = new Array<number>(n - l + 1).fill(0);
    for (let b = 0; b < draws.length; b += l) {
      const start = draws[b] as number;
      expect(start).toBeLessThanOrEqual(n - l);
      starts[start] = (starts[start] ?? 0) + 1;
      for (let j = 1; j < l && b + j < draws.length; j++) expect(draws[b + j]).toBe(start + j);
    }
    expect(Math.min(...starts)).toBeGreaterThan(0);
  });

  it('accepts a Float64Array and a block as long as the sample (the sample repeated)', () => {
    const x = Float64Array.from([1, 2, 3]);
    expect(Array.from(bootstrapSample(x, { seed: 1, size: 7, blockLength: 3 }))).toEqual([1, 2, 3, 1, 2, 3, 1]);
  });

  it('property: resample has the requested size and only values of x (1,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer(),
        fc.integer({ min: 1, max: 30 }),
        (x, size, seed, block) => {
          const blockLength = Math.min(block, x.length);
          const out = bootstrapSample(x, { seed, size, blockLength });
          return out.length === size && Array.from(out).every((v) => x.some((y) => Object.is(y, v)));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('rejects bad input with typed errors naming the field', () => {
    const cases: [() => unknown, (string | number)[]][] = [
      [() => bootstrapSample([], { seed: 1 }), ['x']],
      [() => bootstrapSample([1, Number.NaN], { seed: 1 }), ['x', 1]],
      [() => bootstrapSample(Float64Array.from([1, Number.POSITIVE_INFINITY]), { seed: 1 }), ['x', 1]],
      [() => bootstrapSample([1, 2], { seed: 1.5 }), ['seed']],
      [() => bootstrapSample([1, 2], { seed: 1, size: 0 }), ['size']],
      [() => bootstrapSample([1, 2], { seed: 1, blockLength: 3 }), ['blockLength']],
    ];
    for (const [call, path] of cases) {
      try {
        call();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(TradesizeError);
        expect((e as TradesizeError).code).toBe('INVALID_INPUT');
        expect((e as TradesizeError).path).toEqual(path);
      }
    }
  });
});
