import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { brentMinimize } from '../../src/numerics/brent.js';
import { readFixture } from '../helpers/shared-data.js';

interface BrentCase {
  readonly name: string;
  readonly lower: number;
  readonly upper: number;
  readonly tol: number;
  readonly x: number;
  readonly value: number;
  readonly evaluations: number;
  readonly exact: number | null;
}

/** scipy.optimize.fminbound (Brent's localmin) on these functions: scripts/fixtures/numerics_dists.py. */
const fixture = readFixture<{ brent: BrentCase[] }>('numerics/optimizers.json');
const functions: Record<string, (x: number) => number> = {
  quadratic: (x) => (x - 2) ** 2,
  cosine: Math.cos,
  quartic: (x) => x ** 4 - 3 * x ** 3 + 2,
  abs: (x) => Math.abs(x - 1.3),
  'exp-linear': (x) => Math.exp(x) - 5 * x,
  boundary: (x) => x,
  'x-log-x': (x) => x * Math.log(x),
};

describe('brentMinimize (Brent 1973 localmin)', () => {
  it.each(fixture.brent)('$name: the minimiser scipy.optimize.fminbound finds, and the analytic one', (c) => {
    const f = functions[c.name];
    if (f === undefined) throw new Error(`no test function ${c.name}`);
    const r = brentMinimize(f, c.lower, c.upper, c.tol);
    // A smooth minimum pins x only to about √ε relative; at a kink (abs) or an end, f moves by
    // |f′|·tol for an x within tol, and |f′| ≤ 1 there.
    expect(Math.abs(r.x - c.x)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(c.x)));
    expect(r.value).toBeLessThanOrEqual(c.value + c.tol);
    if (c.exact !== null) expect(Math.abs(r.x - c.exact)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(c.exact)));
    expect(r.value).toBe(f(r.x));
    // The same algorithm: the same number of evaluations, give or take the last few steps.
    expect(Math.abs(r.evaluations - c.evaluations)).toBeLessThanOrEqual(2);
  });

  it('finds the vertex of any parabola inside the interval, never evaluating outside it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (lower, width, where, curvature) => {
          const upper = lower + width;
          const vertex = lower + where * width;
          const seen: number[] = [];
          const r = brentMinimize((x) => { seen.push(x); return curvature * (x - vertex) ** 2; }, lower, upper, 1e-10);
          expect(Math.abs(r.x - vertex)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(vertex)));
          expect(seen.every((x) => x > lower && x < upper)).toBe(true);
          expect(r.evaluations).toBe(seen.length);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('stops after maxIterations evaluations beyond the first', () => {
    let calls = 0;
    const r = brentMinimize((x) => { calls++; return Math.sin(1 / x); }, 0.001, 1, 1e-14, 5);
    expect(calls).toBe(6);
    expect(r.evaluations).toBe(6);
  });
});
