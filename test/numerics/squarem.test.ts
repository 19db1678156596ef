import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sqs3StepLength, squaremPoint } from '../../src/numerics/squarem.js';

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true });

describe('SQUAREM SqS3 (Varadhan & Roland 2008)', () => {
  it('step length is −‖r‖/‖v‖ clamped to at most −1, and −1 (plain EM) without curvature', () => {
    expect(sqs3StepLength(9, 1)).toBe(-3);
    expect(sqs3StepLength(1, 9)).toBe(-1);
    expect(sqs3StepLength(5, 0)).toBe(-1);
    expect(sqs3StepLength(0, 0)).toBe(-1);
    expect(sqs3StepLength(1, Number.NaN)).toBe(-1);
    fc.assert(
      fc.property(finite(0, 1e6), finite(1e-12, 1e6), (rr, vv) => {
        const alpha = sqs3StepLength(rr, vv);
        expect(alpha).toBeLessThanOrEqual(-1);
        const expected = Math.min(-1, -Math.sqrt(rr) / Math.sqrt(vv));
        expect(Math.abs(alpha - expected)).toBeLessThanOrEqual(1e-14 * Math.abs(expected));
      }),
    );
  });

  it('α = −1 lands on θ₂ (two plain updates)', () => {
    fc.assert(
      fc.property(finite(-1e3, 1e3), finite(-1e3, 1e3), finite(-1e3, 1e3), (x0, x1, x2) => {
        expect(Math.abs(squaremPoint(x0, x1, x2, -1) - x2)).toBeLessThanOrEqual(1e-12 * (Math.abs(x0) + Math.abs(x1) + Math.abs(x2)));
      }),
    );
  });

  it('one SqS3 jump solves a linear contraction θ ↦ λθ + c exactly (θ* = c/(1 − λ)), in any dimension', () => {
    fc.assert(
      fc.property(
        finite(0, 0.99),
        fc.array(fc.tuple(finite(-100, 100), finite(-100, 100)), { minLength: 1, maxLength: 6 }),
        (lambda, coords) => {
          const update = (t: number, c: number): number => lambda * t + c;
          const t0 = coords.map(([t]) => t);
          const t1 = coords.map(([t, c]) => update(t, c));
          const t2 = coords.map(([, c], i) => update(t1[i]!, c));
          let rr = 0;
          let vv = 0;
          t0.forEach((x, i) => {
            rr += (t1[i]! - x) ** 2;
            vv += (t2[i]! - 2 * t1[i]! + x) ** 2;
          });
          const alpha = sqs3StepLength(rr, vv);
          coords.forEach(([t, c], i) => {
            const fixed = c / (1 - lambda);
            const error = Math.abs(t - fixed);
            if (error < 1e-6) return; // already there: r and v are rounding noise
            const jumped = squaremPoint(t0[i]!, t1[i]!, t2[i]!, alpha);
            expect(Math.abs(jumped - fixed)).toBeLessThanOrEqual(1e-7 * (1 + Math.abs(fixed) + Math.abs(t)) / (1 - lambda));
          });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
