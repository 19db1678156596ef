import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kellyMultiAsset, multiAssetGrowth } from '../../src/kelly/multi-asset.js';
import { kellyContinuous } from '../../src/kelly/continuous.js';
import { TradesizeError } from '../../src/core/errors.js';
import { readFixture } from '../helpers/shared-data.js';

/** The closed-form part of test/fixtures/kelly/multi-asset.json (scripts/fixtures/kelly_multi_asset.py). */
interface GaussianCase {
  name: string;
  mu: number[];
  cov: number[][];
  rf: number;
  carry?: number[];
  weights: number[];
  growthRate: number;
  sharpe: number;
  grossLeverage: number;
}
const fixture = readFixture<{ gaussian: GaussianCase[] }>('kelly/multi-asset.json');

function expectCode(f: () => unknown, code: string, path: readonly (string | number)[]): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TradesizeError);
    expect((e as TradesizeError).code).toBe(code);
    expect((e as TradesizeError).path).toEqual(path);
    return;
  }
  expect.unreachable('expected a TradesizeError');
}

describe('kellyMultiAsset', () => {
  it("one asset equals (μ − r)/σ²: Thorp's μ = 0.11, σ = 0.15, r = 0.06 → 2.22, g = 0.1156 (Thorp 2006 §7.1)", () => {
    const r = kellyMultiAsset({ mu: [0.11], cov: [[0.0225]], rf: 0.06 });
    expect(r.weights[0]).toBeCloseTo(0.05 / 0.0225, 14);
    expect(r.growthRate).toBeCloseTo(0.06 + 0.05 ** 2 / (2 * 0.0225), 14);
    expect(r.sharpe).toBeCloseTo(0.05 / 0.15, 14);
    expect(r.grossLeverage).toBeCloseTo(0.05 / 0.0225, 14);
  });

  it('diagonal covariance: each weight is the one-asset Kelly fraction, with carry', () => {
    const mu = [0.3, 0.05, 0.12];
    const sigma = [0.6, 0.2, 0.35];
    const carry = [0.1, -0.01, 0.02];
    const cov = sigma.map((s, i) => sigma.map((_, j) => (i === j ? s * s : 0)));
    const r = kellyMultiAsset({ mu, cov, rf: 0.03, carry });
    let g = 0.03;
    mu.forEach((m, i) => {
      const one = kellyContinuous({ mu: m, sigma: sigma[i]!, rf: 0.03, carry: carry[i]! });
      expect(r.weights[i]).toBeCloseTo(one.fraction, 13);
      g += one.growthRate - 0.03;
    });
    expect(r.growthRate).toBeCloseTo(g, 13);
    expect(r.sharpe).toBeCloseTo(Math.hypot(...mu.map((m, i) => (m - 0.03 - carry[i]!) / sigma[i]!)), 13);
  });

  it('g(w*) = r + w*ᵀCw* / 2 and equals the growth kernel at w* (Thorp 2006 §8.4)', () => {
    const input = { mu: [0.1, 0.15], cov: [[0.04, 0.01], [0.01, 0.09]], rf: 0.02 };
    const r = kellyMultiAsset(input);
    const [w0, w1] = r.weights as [number, number];
    const quad = 0.04 * w0 * w0 + 2 * 0.01 * w0 * w1 + 0.09 * w1 * w1;
    expect(r.growthRate).toBeCloseTo(0.02 + quad / 2, 14);
    expect(multiAssetGrowth(r.weights, input.mu, input.cov, input.rf)).toBeCloseTo(r.growthRate, 14);
  });

  it.each(fixture.gaussian.map((c) => [c.name, c] as const))('matches numpy.linalg.solve: %s', (_, c) => {
    const r = kellyMultiAsset({ mu: c.mu, cov: c.cov, rf: c.rf, carry: c.carry });
    r.weights.forEach((w, i) => expect(w).toBeCloseTo(c.weights[i]!, 10));
    expect(r.growthRate).toBeCloseTo(c.growthRate, 11);
    expect(r.sharpe).toBeCloseTo(c.sharpe, 11);
    expect(r.grossLeverage).toBeCloseTo(c.grossLeverage, 10);
  });

  it('rejects malformed input with typed errors naming the field', () => {
    expectCode(() => kellyMultiAsset({ mu: [], cov: [] }), 'INVALID_INPUT', ['mu']);
    expectCode(() => kellyMultiAsset({ mu: [0.1, 0.2], cov: [[1]] }), 'INVALID_INPUT', ['cov']);
    expectCode(() => kellyMultiAsset({ mu: [0.1, 0.2], cov: [[1, 0], [0]] }), 'INVALID_INPUT', ['cov', 1]);
    expectCode(() => kellyMultiAsset({ mu: [0.1, 0.2], cov: [[1, 0.5], [0.4, 1]] }), 'INVALID_INPUT', ['cov', 1, 0]);
    expectCode(() => kellyMultiAsset({ mu: [0.1, 0.2], cov: [[1, 2], [2, 1]] }), 'INVALID_INPUT', ['cov']);
    expectCode(() => kellyMultiAsset({ mu: [0.1, 0.2], cov: [[1, 1], [1, 1]] }), 'INVALID_INPUT', ['cov']);
    expectCode(() => kellyMultiAsset({ mu: [0.1], cov: [[1]], carry: [0, 0] }), 'INVALID_INPUT', ['carry']);
    expectCode(() => kellyMultiAsset({ mu: [Number.NaN], cov: [[1]] }), 'INVALID_INPUT', ['mu', 0]);
    expect(() => kellyMultiAsset({ mu: [0.1, 0.2], cov: [[1, 2], [2, 1]] })).toThrow(/cov is not positive definite/);
    // Asymmetry within the tolerance (1e-9 of the largest variance) is accepted.
    expect(() => kellyMultiAsset({ mu: [0.1, 0.2], cov: [[1, 0.5], [0.5 + 1e-12, 1]] })).not.toThrow();
  });

  it('property: the gradient μ − r − c − Cw* vanishes and w* beats nearby weights (1,000 runs)', () => {
    const arb = fc.integer({ min: 1, max: 5 }).chain((n) =>
      fc.record({
        b: fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: n * n, maxLength: n * n }),
        mu: fc.array(fc.double({ min: -0.2, max: 0.5, noNaN: true }), { minLength: n, maxLength: n }),
        carry: fc.array(fc.double({ min: -0.05, max: 0.1, noNaN: true }), { minLength: n, maxLength: n }),
        step: fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: n, maxLength: n }),
        rf: fc.double({ min: 0, max: 0.1, noNaN: true }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ b, mu, carry, step, rf }) => {
        const n = mu.length;
        const cov = mu.map((_, i) =>
          mu.map((__, j) => (i === j ? 0.01 : 0) + b.slice(i * n, i * n + n).reduce((s, x, k) => s + x * b[j * n + k]!, 0)),
        );
        const r = kellyMultiAsset({ mu, cov, rf, carry });
        const residual = mu.map((m, i) => m - rf - carry[i]! - cov[i]!.reduce((s, c, j) => s + c * r.weights[j]!, 0));
        const near = r.weights.map((w, i) => w + step[i]!);
        return (
          residual.every((x) => Math.abs(x) < 1e-9 * Math.max(1, ...r.weights.map(Math.abs))) &&
          Math.abs(multiAssetGrowth(r.weights, mu, cov, rf, carry) - r.growthRate) < 1e-9 * Math.max(1, r.growthRate) &&
          r.growthRate >= multiAssetGrowth(near, mu, cov, rf, carry) - 1e-9 * Math.max(1, r.growthRate)
        );
      }),
      { numRuns: 1000 },
    );
  });
});
