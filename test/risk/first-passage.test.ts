import { describe, expect, it } from 'vitest';
import fixture from '../fixtures/risk/first-passage.json' with { type: 'json' };
import {
  abmFirstPassage,
  abmHitProbability,
  abmLowerFirstImages,
  abmLowerFirstInfinite,
  abmLowerFirstSpectral,
  barrierHitProbability,
  erfc,
  erfcx,
  firstPassage,
  firstPassageAbm,
  logDrift,
  normalCdf,
  type FirstPassageInput,
} from '../../src/risk/first-passage/index.js';
import { TradesizeError } from '../../src/core/errors.js';

/**
 * Reference: scripts/fixtures/first_passage.py — Crank–Nicolson on the backward Kolmogorov PDE,
 * Richardson-extrapolated over two grids (an independent method: no series, no normal CDF).
 */
const PDE_TOL = 1e-7;

describe('first passage vs the PDE fixture (scripts/fixtures/first_passage.py)', () => {
  it('records its generator, seed and versions', () => {
    expect(fixture.generator).toBe('scripts/fixtures/first_passage.py');
    expect(fixture.versions.scipy).toMatch(/^\d/);
    expect(fixture.twoBarrier.length).toBeGreaterThanOrEqual(10);
  });

  for (const c of fixture.twoBarrier) {
    it(`two barriers: ${c.name}`, () => {
      const r = firstPassage(c as FirstPassageInput);
      expect(Math.abs(r.pLowerFirst - c.pLowerFirst)).toBeLessThan(PDE_TOL);
      expect(Math.abs(r.pUpperFirst - c.pUpperFirst)).toBeLessThan(PDE_TOL);
      expect(Math.abs(r.pNeither - c.pNeither)).toBeLessThan(2 * PDE_TOL);
    });
  }

  for (const c of fixture.oneBarrier) {
    it(`one barrier: ${c.name}`, () => {
      const r = barrierHitProbability(c as Parameters<typeof barrierHitProbability>[0]);
      expect(r.direction).toBe('down');
      expect(Math.abs(r.probability - c.probability)).toBeLessThan(PDE_TOL);
    });
  }

  it('erfc, erfcx and N match scipy.special to ~1e-14 relative', () => {
    for (const s of fixture.special) {
      const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
      expect(rel(erfc(s.x), s.erfc)).toBeLessThan(1e-14);
      // N(x) = ½erfc(−x/√2): rounding x/√2 costs a relative ~x²·ε in the far tail (conditioning).
      expect(rel(normalCdf(s.x), s.ndtr)).toBeLessThan(1e-14 * Math.max(1, s.x * s.x));
      if (s.erfcx !== null) expect(rel(erfcx(s.x), s.erfcx)).toBeLessThan(1e-14);
    }
  });
});

describe('closed forms (math.md §2.1)', () => {
  it('driftless: P(hit) = 2N(−a/(σ√T)); T = ∞: 1 for μ ≤ 0, e^{−2μa/σ²} for μ > 0', () => {
    expect(abmHitProbability(0.2, 0, 0.5, 1)).toBeCloseTo(2 * normalCdf(-0.4), 15);
    expect(abmHitProbability(0.2, 0.1, 0.5, Infinity)).toBeCloseTo(Math.exp(-0.16), 15);
    expect(abmHitProbability(0.2, -0.1, 0.5, Infinity)).toBe(1);
    expect(abmHitProbability(0.2, 0, 0.5, Infinity)).toBe(1);
    // The finite-horizon formula tends to the T = ∞ limit.
    expect(abmHitProbability(0.2, 0.1, 0.5, 1e6)).toBeCloseTo(Math.exp(-0.16), 12);
  });

  it('strong drifts neither overflow nor leave [0, 1]', () => {
    for (const mu of [-500, -50, 50, 500]) {
      const p = abmHitProbability(1, mu, 0.1, 10);
      expect(Number.isFinite(p)).toBe(true);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
    expect(abmHitProbability(1, -500, 0.1, 10)).toBe(1);
    const r = abmFirstPassage(0.5, 0.5, -300, 0.2, 3);
    expect(r.pLowerFirst).toBeCloseTo(1, 12);
  });

  it('T = ∞ two barriers: gambler\'s ruin b/w driftless; scale-function formula with drift', () => {
    expect(abmLowerFirstInfinite(0.1, 0.3, 0, 0.5)).toBeCloseTo(0.75, 15);
    const a = 0.1, b = 0.2, nu = 0.1, s = 0.6, th = (2 * nu) / (s * s);
    const expected = (Math.exp(-th * a) - Math.exp(-th * (a + b))) / (1 - Math.exp(-th * (a + b)));
    expect(abmLowerFirstInfinite(a, b, nu, s)).toBeCloseTo(expected, 14);
    expect(abmLowerFirstInfinite(a, b, -nu, s)).toBeCloseTo(1 - abmLowerFirstInfinite(b, a, nu, s), 14);
    // Huge drifts: no overflow.
    expect(abmLowerFirstInfinite(1, 1, 1e4, 0.01)).toBe(0);
    expect(abmLowerFirstInfinite(1, 1, -1e4, 0.01)).toBe(1);
    const inf = firstPassageAbm({ start: 0, lower: -1, upper: 3, mu: 0, sigma: 1, horizon: 'infinite' });
    expect(inf.pLowerFirst).toBeCloseTo(0.75, 15);
    expect(inf.pUpperFirst).toBeCloseTo(0.25, 15);
    expect(inf.pNeither).toBe(0);
  });

  it('image and eigenfunction series agree where both are used', () => {
    for (const [a, b, nu, s, T] of [
      [0.1, 0.2, 0.1, 0.6, 0.25],
      [0.05, 0.5, -1, 0.3, 0.01],
      [0.3, 0.1, 2, 1.2, 3],
      [0.02, 0.02, 0, 0.8, 0.001],
    ] as const) {
      expect(abmLowerFirstImages(a, b, nu, s, T)).toBeCloseTo(abmLowerFirstSpectral(a, b, nu, s, T), 13);
    }
  });

  it('GBM entry takes the LOG-drift directly (CLI contract); logDrift converts μ_S', () => {
    const r = firstPassage({ price: 100, lower: 90, upper: 120, mu: 0.1, sigma: 0.6, horizon: 0.25 });
    expect(r).toEqual(abmFirstPassage(Math.log(100 / 90), Math.log(1.2), 0.1, 0.6, 0.25));
    expect(logDrift(0.28, 0.6)).toBeCloseTo(0.1, 15);
    const viaAbm = firstPassageAbm({ start: Math.log(100), lower: Math.log(90), upper: Math.log(120), mu: 0.1, sigma: 0.6, horizon: 0.25 });
    expect(viaAbm.pLowerFirst).toBeCloseTo(r.pLowerFirst, 12);
    const up = barrierHitProbability({ price: 100, barrier: 120, mu: 0.1, sigma: 0.6, horizon: 0.25 });
    expect(up.direction).toBe('up');
    expect(up.probability).toBeCloseTo(abmHitProbability(Math.log(1.2), -0.1, 0.6, 0.25), 15);
  });
});

describe('validation', () => {
  const ok = { price: 100, lower: 90, upper: 120, mu: 0.1, sigma: 0.6, horizon: 0.25 };
  const cases: [string, Record<string, unknown>, string][] = [
    ['lower ≥ price', { ...ok, lower: 100 }, 'lower'],
    ['upper ≤ price', { ...ok, upper: 99 }, 'upper'],
    ['σ = 0', { ...ok, sigma: 0 }, 'sigma'],
    ['T = 0', { ...ok, horizon: 0 }, 'horizon'],
    ['T = Infinity (use "infinite")', { ...ok, horizon: Infinity }, 'horizon'],
    ['price ≤ 0', { ...ok, price: -1 }, 'price'],
    ['NaN drift', { ...ok, mu: NaN }, 'mu'],
  ];
  for (const [name, input, path] of cases) {
    it(`rejects ${name}`, () => {
      try {
        firstPassage(input as FirstPassageInput);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(TradesizeError);
        expect((e as TradesizeError).code).toBe('INVALID_INPUT');
        expect((e as TradesizeError).path[0]).toBe(path);
      }
    });
  }
  it('one barrier rejects barrier = price', () => {
    expect(() => barrierHitProbability({ price: 100, barrier: 100, mu: 0, sigma: 0.5, horizon: 1 })).toThrow(/barrier/);
  });
});
