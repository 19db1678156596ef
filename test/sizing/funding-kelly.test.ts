import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sizePosition } from '../../src/sizing/size-position.js';
import { fundingKellyConstraint } from '../../src/sizing/constraints/funding-kelly.js';
import { givenFunding } from '../../src/funding/estimate.js';

const base = { equity: 10_000, entry: 65_000, risk: 0.5, maxLeverage: 10 };

describe('funding-kelly constraint', () => {
  it('hand-worked: μ 0.5, σ 0.6, c 0.1095, m 0.5 → value ≤ 0.5 × 1.08472 × 10,000 = 5,423.61 → 0.08344 BTC', () => {
    const d = sizePosition({ ...base, stop: 40_000 }, { constraints: [fundingKellyConstraint({ mu: 0.5, sigma: 0.6, funding: givenFunding(0.0001, 8), multiplier: 0.5 })] });
    expect(d.status).toBe('sized');
    if (d.status !== 'sized') return;
    expect(d.binding).toBe('funding-kelly');
    expect(d.unroundedQuantity).toBeCloseTo((0.5 * (0.3905 / 0.36) * 10_000) / 65_000, 12);
    expect(d.constraints.find((c) => c.name === 'funding-kelly')?.explanation).toContain('funding 10.95%');
  });

  it('a short earns the funding: μ 0, c 0.2 → the short may hold 0.2/0.36 × equity; a long is refused NO_EDGE', () => {
    const k = fundingKellyConstraint({ mu: 0, sigma: 0.6, funding: givenFunding(0.2) });
    const short = sizePosition({ ...base, side: 'short', stop: 90_000 }, { constraints: [k] });
    expect(short.status === 'sized' && short.unroundedQuantity).toBeCloseTo(((0.2 / 0.36) * 10_000) / 65_000, 12);
    const long = sizePosition({ ...base, stop: 40_000 }, { constraints: [k] });
    expect(long.status === 'refused' && long.code).toBe('NO_EDGE');
  });

  it('property: the long cap never rises and the short cap never falls as the funding rate rises (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -0.5, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), (mu, c, dc) => {
        const cap = (side: 'long' | 'short', rate: number) => {
          const k = fundingKellyConstraint({ mu, sigma: 0.6, funding: givenFunding(rate) });
          const ctx = sizePosition({ ...base, side, stop: side === 'long' ? 40_000 : 90_000 }, { constraints: [k] });
          return ctx.constraints.find((x) => x.name === 'funding-kelly')?.maxQuantity ?? Number.NaN;
        };
        return cap('long', c + dc) <= cap('long', c) + 1e-12 && cap('short', c + dc) >= cap('short', c) - 1e-12;
      }),
      { numRuns: 1000 },
    );
  });
});
