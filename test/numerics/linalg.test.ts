import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cholesky, choleskySolve, dot, matVec, toRowMajor, tryCholesky } from '../../src/numerics/linalg.js';
import { TradesizeError } from '../../src/core/errors.js';

/** A random symmetric positive-definite matrix B·Bᵀ + δ·I from the entries of B. */
function spd(n: number, entries: readonly number[], delta: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = i === j ? delta : 0;
      for (let k = 0; k < n; k++) s += entries[i * n + k]! * entries[j * n + k]!;
      a[i * n + j] = s;
    }
  }
  return a;
}

const spdArb = fc
  .integer({ min: 1, max: 6 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      b: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n * n, maxLength: n * n }),
      delta: fc.double({ min: 0.01, max: 2, noNaN: true }),
      x: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
    }),
  );

describe('linalg', () => {
  it('factors the textbook example [[4,12,-16],[12,37,-43],[-16,-43,98]] into L = [[2,0,0],[6,1,0],[-8,5,3]]', () => {
    const a = toRowMajor([
      [4, 12, -16],
      [12, 37, -43],
      [-16, -43, 98],
    ]);
    expect(Array.from(cholesky(a, 3))).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
    // A·x = b with x = (1, -2, 3): b = (4 - 24 - 48, 12 - 74 - 129, -16 + 86 + 294).
    const x = choleskySolve(cholesky(a, 3), 3, [-68, -191, 364]);
    [1, -2, 3].forEach((v, i) => expect(x[i]).toBeCloseTo(v, 12));
  });

  it('matVec and dot', () => {
    expect(Array.from(matVec(Float64Array.of(1, 2, 3, 4, 5, 6), 2, 3, [1, 0, -1]))).toEqual([-2, -2]);
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
    expect(Array.from(toRowMajor([[4, 2], [2, 3]]))).toEqual([4, 2, 2, 3]);
  });

  it('rejects matrices that are not positive definite with a typed error', () => {
    expect(tryCholesky(toRowMajor([[1, 2], [2, 1]]), 2)).toBeNull(); // eigenvalues 3 and -1
    expect(tryCholesky(toRowMajor([[1, 1], [1, 1]]), 2)).toBeNull(); // singular
    expect(tryCholesky(toRowMajor([[0]]), 1)).toBeNull();
    expect(tryCholesky(toRowMajor([[Number.NaN]]), 1)).toBeNull();
    try {
      cholesky(toRowMajor([[1, 2], [2, 1]]), 2, ['cov'], 'kellyMultiAsset');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TradesizeError);
      expect((e as TradesizeError).code).toBe('INVALID_INPUT');
      expect((e as TradesizeError).path).toEqual(['cov']);
      expect((e as TradesizeError).message).toBe('kellyMultiAsset: cov is not positive definite');
    }
  });

  it('property: L·Lᵀ = A and A·solve(A, b) = b for random SPD A (1,000 runs)', () => {
    fc.assert(
      fc.property(spdArb, ({ n, b, delta, x }) => {
        const a = spd(n, b, delta);
        const l = cholesky(a, n);
        const scale = Math.max(...a.map(Math.abs));
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let s = 0;
            for (let k = 0; k < n; k++) s += l[i * n + k]! * l[j * n + k]!;
            if (Math.abs(s - a[i * n + j]!) > 1e-12 * scale) return false;
            if (j > i && l[i * n + j] !== 0) return false;
          }
        }
        const rhs = matVec(a, n, n, x);
        const solved = choleskySolve(l, n, rhs);
        const back = matVec(a, n, n, solved);
        const size = Math.max(1, ...rhs.map(Math.abs));
        return back.every((v, i) => Math.abs(v - rhs[i]!) <= 1e-10 * size);
      }),
      { numRuns: 1000 },
    );
  });
});
