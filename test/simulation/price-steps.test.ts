/**
 * The SIMD price step (src/simulation/price-steps.ts) against the scalar form it replaced —
 * S′ = S·e^u with e^u the degree-9 Taylor polynomial for |u| ≤ 1/16 and Math.exp beyond,
 * ln S′ = ln S + u, and the change S′ − S — to the bit, on increments inside, at and beyond
 * ±1/16 (and NaN); and the polynomial's e^u against Math.exp.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kernelWorkspace } from '../../src/options/delta-wasm.js';
import { applyIncrements } from '../../src/simulation/price-steps.js';

function expIncrement(u: number): number {
  if (!(u <= 0.0625 && u >= -0.0625)) return Math.exp(u);
  return 1 + u * (1 + u * (1 / 2 + u * (1 / 6 + u * (1 / 24 + u * (1 / 120 + u * (1 / 720 + u * (1 / 5040 + u * (1 / 40320 + u / 362880))))))));
}

const LEN = 12;
const increment = fc.oneof(fc.double({ min: -0.0625, max: 0.0625, noNaN: true }), fc.constantFrom(0.0625, -0.0625, 0.0626, Number.NaN, 3), fc.double({ min: -1, max: 1, noNaN: true }));

describe('applyIncrements', () => {
  it('gives the scalar step\'s bits on [lo, hi) and leaves the rest outside the pairs (property, 1,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(increment, { minLength: LEN, maxLength: LEN }), fc.array(fc.double({ min: 1, max: 1e5, noNaN: true }), { minLength: LEN, maxLength: LEN }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 12 }),
        (us, prices, half, count) => {
          const lo = 2 * half;
          const hi = Math.min(LEN, lo + count);
          const ws = kernelWorkspace(3 * LEN);
          const [x, s, u] = [0, 1, 2].map((k) => ws.subarray(k * LEN, (k + 1) * LEN)) as [Float64Array, Float64Array, Float64Array];
          s.set(prices);
          x.set(prices.map(Math.log));
          u.set(us);
          applyIncrements(x, s, u, lo, hi);
          const pairsEnd = lo + 2 * Math.ceil((hi - lo) / 2);
          for (let p = 0; p < LEN; p++) {
            if (p >= hi && p < pairsEnd) continue;
            const inside = p >= lo && p < hi;
            const sp = prices[p] as number;
            const up = us[p] as number;
            const next = sp * expIncrement(up);
            expect(Object.is(s[p], inside ? next : sp), `s ${p}`).toBe(true);
            expect(Object.is(x[p], inside ? Math.log(sp) + up : Math.log(sp)), `x ${p}`).toBe(true);
            expect(Object.is(u[p], inside ? next - sp : up), `u ${p}`).toBe(true);
          }
        }),
      { numRuns: 1000 },
    );
  });

  it('S′ = e^u from S = 1 is Math.exp(u) to 2 ulp on [−1/16, 1/16]', () => {
    const n = 2002;
    const ws = kernelWorkspace(3 * n);
    const [x, s, u] = [0, 1, 2].map((k) => ws.subarray(k * n, (k + 1) * n)) as [Float64Array, Float64Array, Float64Array];
    s.fill(1);
    u.set(Float64Array.from({ length: n }, (_, k) => ((k - 1000) / 1000) * 0.0625));
    const us = u.slice();
    applyIncrements(x, s, u, 0, n);
    us.forEach((v, k) => expect(Math.abs((s[k] as number) - Math.exp(v)), `u = ${v}`).toBeLessThanOrEqual(4.5e-16 * Math.exp(v)));
  });
});
