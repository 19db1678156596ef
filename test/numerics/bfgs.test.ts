import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bfgsMinimize, type ValueAndGradient } from '../../src/numerics/bfgs.js';
import { readFixture } from '../helpers/shared-data.js';

interface BfgsCase {
  readonly name: string;
  readonly x0: number[];
  readonly x: number[];
  readonly value: number;
  readonly exact: number[];
}

/** scipy.optimize.minimize(method='BFGS', gtol 1e-10) on these functions: scripts/fixtures/numerics_dists.py. */
const fixture = readFixture<{ bfgs: BfgsCase[] }>('numerics/optimizers.json');

const A = [[4, 1, 0.5, 0], [1, 3, 0.2, 0.1], [0.5, 0.2, 2, 0.3], [0, 0.1, 0.3, 1]];
const B = [1, -2, 0.5, 3];

/** ½xᵀMx − cᵀx and its gradient Mx − c. */
const quadratic = (m: readonly (readonly number[])[], c: readonly number[]): ValueAndGradient => (x, g) => {
  let f = 0;
  for (let i = 0; i < c.length; i++) {
    let mx = 0;
    for (let j = 0; j < c.length; j++) mx += m[i]![j]! * x[j]!;
    g[i] = mx - c[i]!;
    f += 0.5 * x[i]! * mx - c[i]! * x[i]!;
  }
  return f;
};

const functions: Record<string, ValueAndGradient> = {
  rosenbrock: ([x = 0, y = 0], g) => {
    g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
    g[1] = 200 * (y - x * x);
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
  },
  beale: ([x = 0, y = 0], g) => {
    const a = 1.5 - x + x * y;
    const b = 2.25 - x + x * y * y;
    const c = 2.625 - x + x * y ** 3;
    g[0] = 2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y ** 3 - 1);
    g[1] = 2 * a * x + 4 * b * x * y + 6 * c * x * y * y;
    return a * a + b * b + c * c;
  },
  'quadratic-4d': quadratic(A, B),
};

describe('bfgsMinimize (Nocedal & Wright §6.1, backtracking Armijo line search)', () => {
  it.each(fixture.bfgs)('$name: the minimum scipy BFGS finds, and the analytic one', (c) => {
    const fg = functions[c.name];
    if (fg === undefined) throw new Error(`no test function ${c.name}`);
    const r = bfgsMinimize(fg, c.x0, { gtol: 1e-10, maxIterations: 2000 });
    expect(r.converged).toBe(true);
    r.x.forEach((v, i) => {
      expect(Math.abs(v - c.x[i]!)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(c.x[i]!)));
      expect(Math.abs(v - c.exact[i]!)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(c.exact[i]!)));
    });
    expect(r.value).toBeLessThanOrEqual(c.value + 1e-14 * Math.max(1, Math.abs(c.value)));
  });

  it('solves Mx = c for a random symmetric positive-definite M (the quadratic’s minimiser)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: n * n, maxLength: n * n }),
            fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
          ),
        ),
        ([n, entries, c]) => {
          // M = LLᵀ + I is symmetric positive definite with eigenvalues ≥ 1.
          const m = Array.from({ length: n }, (_, i) =>
            Array.from({ length: n }, (_, j) => {
              let s = i === j ? 1 : 0;
              for (let k = 0; k < n; k++) s += entries[i * n + k]! * entries[j * n + k]!;
              return s;
            }),
          );
          const r = bfgsMinimize(quadratic(m, c), new Array<number>(n).fill(0), { gtol: 1e-9, maxIterations: 500 });
          expect(r.converged).toBe(true);
          for (let i = 0; i < n; i++) {
            const residual = m[i]!.reduce((s, mij, j) => s + mij * r.x[j]!, 0) - c[i]!;
            expect(Math.abs(residual)).toBeLessThanOrEqual(1e-6);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('backtracks out of a region where f is +∞ (x − ln x, minimum at 1, undefined for x ≤ 0)', () => {
    const fg: ValueAndGradient = ([x = 0], g) => {
      if (!(x > 0)) return Infinity;
      g[0] = 1 - 1 / x;
      return x - Math.log(x);
    };
    const r = bfgsMinimize(fg, [20]);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0]! - 1)).toBeLessThanOrEqual(1e-6);
    expect(r.value).toBeCloseTo(1, 12);
  });

  it('reports converged = false when maxIterations runs out', () => {
    const r = bfgsMinimize(functions.rosenbrock!, [-1.2, 1], { maxIterations: 3 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(3);
  });
});
