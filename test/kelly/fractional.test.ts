import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { drawdownLimitedMultiplier, drawdownProbability, shrinkageMultiplier } from '../../src/kelly/fractional.js';
import { continuousGrowth, kellyContinuous } from '../../src/kelly/continuous.js';

describe('drawdownProbability (Thorp 2006 eq. 7.13)', () => {
  it('full Kelly reaches x·V0 with probability x; half Kelly with x³', () => {
    expect(drawdownProbability(0.5, 1)).toBeCloseTo(0.5, 15);
    expect(drawdownProbability(0.5, 0.5)).toBeCloseTo(0.125, 15);
    expect(drawdownProbability(0.3, 2)).toBe(1);
  });
});

describe('drawdownLimitedMultiplier', () => {
  it('solves x^(2/c − 1) = ε for c', () => {
    const c = drawdownLimitedMultiplier({ level: 0.5, probability: 0.1 });
    expect(c).toBeCloseTo(2 / (1 + Math.log(0.1) / Math.log(0.5)), 15);
    expect(drawdownProbability(0.5, c)).toBeCloseTo(0.1, 12);
  });

  it('caps at full Kelly when the limit is lax', () => {
    expect(drawdownLimitedMultiplier({ level: 0.5, probability: 0.6 })).toBe(1);
  });

  it('rejects levels outside (0, 1) with the field path', () => {
    expect(() => drawdownLimitedMultiplier({ level: 1.5, probability: 0.1 })).toThrow(/level/);
  });

  it('property: the chosen multiplier keeps P ≤ ε and is the largest such c ≤ 1 (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 1e-6, max: 0.99, noNaN: true }), (x, eps) => {
        const c = drawdownLimitedMultiplier({ level: x, probability: eps });
        const p = drawdownProbability(x, c);
        const ok = p <= eps * (1 + 1e-9);
        const maximal = c === 1 || drawdownProbability(x, c * (1 + 1e-6)) > eps;
        return ok && maximal && c > 0 && c <= 1;
      }),
      { numRuns: 1000 },
    );
  });
});

describe('shrinkageMultiplier (Baker & McHale 2013)', () => {
  it('gaussian: k = nθ²/(nθ² + 1)', () => {
    const r = shrinkageMultiplier({ model: 'gaussian', mean: 0.001, sd: 0.04, n: 1000 });
    const theta = 0.001 / 0.04;
    expect(r.multiplier).toBeCloseTo((1000 * theta ** 2) / (1000 * theta ** 2 + 1), 14);
    expect(r.estimatedFraction).toBeCloseTo(0.625, 14);
  });

  it('discrete: v = p q / n · (1/a + 1/b)²', () => {
    const r = shrinkageMultiplier({ model: 'discrete', p: 0.55, b: 1, n: 100 });
    expect(r.fractionVariance).toBeCloseTo((0.55 * 0.45 / 100) * 4, 15);
    expect(r.multiplier).toBeCloseTo(0.01 / 0.0199, 12);
  });

  it('the shrunk bet beats the raw estimate in expected out-of-sample growth (simulation, fixed seed)', () => {
    // True per-period μ, σ; estimate μ̂ from n draws many times; compare E[g(f̂)] vs E[g(k̂ f̂)].
    const mu = 0.0005, sigma = 0.03, n = 250, trials = 4000;
    let seed = 12345;
    const uniform = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return (seed + 0.5) / 4294967296;
    };
    const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    let raw = 0, shrunk = 0;
    for (let t = 0; t < trials; t++) {
      const meanHat = mu + (sigma / Math.sqrt(n)) * normal();
      const fHat = kellyContinuous({ mu: meanHat, sigma }).fraction;
      const k = shrinkageMultiplier({ model: 'gaussian', mean: meanHat, sd: sigma, n }).multiplier;
      raw += continuousGrowth(fHat, mu, sigma);
      shrunk += continuousGrowth(k * fHat, mu, sigma);
    }
    expect(shrunk / trials).toBeGreaterThan(raw / trials);
  });

  it('property: multiplier in [0, 1], rising with the sample size (1,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.01, max: 0.01, noNaN: true }),
        fc.double({ min: 0.001, max: 0.2, noNaN: true }),
        fc.integer({ min: 2, max: 100000 }),
        (mean, sd, n) => {
          const a = shrinkageMultiplier({ model: 'gaussian', mean, sd, n }).multiplier;
          const b = shrinkageMultiplier({ model: 'gaussian', mean, sd, n: n * 2 }).multiplier;
          return a >= 0 && a <= 1 && b >= a;
        },
      ),
      { numRuns: 1000 },
    );
  });
});
