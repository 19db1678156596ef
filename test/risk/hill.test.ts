import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hillTailIndex, hillXi } from '../../src/stats/hill.js';
import { expectRel, thrown } from '../helpers/assert.js';
import { describeWithSharedData, readFixture, sharedSimpleReturns } from '../helpers/shared-data.js';

interface HillRow {
  k: number;
  tail: 'lower' | 'upper';
  xi: number;
  alpha: number;
  threshold: number;
}
interface HillFixture {
  seed: number;
  versions: { numpy: string };
  synthetic: { name: string; returns: number[]; hill: HillRow[] }[];
  real: { file: string; rows: number; firstTimestamp: string; lastTimestamp: string; hill: HillRow[] };
}

const fixture = readFixture<HillFixture>('risk/risk-measures.json');
const REL = 1e-12;

function expectMatches(x: readonly number[], rows: readonly HillRow[]): void {
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    const h = hillTailIndex(x, { k: row.k, tail: row.tail });
    expect(h.k).toBe(row.k);
    expect(h.threshold).toBe(row.threshold);
    expectRel(h.xi, row.xi, REL);
    expectRel(h.alpha, row.alpha, REL);
  }
}

describe('hillTailIndex (Hill 1975)', () => {
  it('worked example: magnitudes 8, 4, 2 over threshold 1 give ξ = 2 ln 2', () => {
    expect(hillXi([8, 4, 2, 1], 3)).toBeCloseTo(2 * Math.LN2, 15);
    const h = hillTailIndex([-8, -4, -2, -1, 0.5], { k: 3 });
    expect(h.xi).toBeCloseTo(2 * Math.LN2, 15);
    expect(h.alpha).toBeCloseTo(1 / (2 * Math.LN2), 15);
    expect(h.threshold).toBe(1);
    expect(hillTailIndex([8, 4, 2, 1, -0.5], { k: 3, tail: 'upper' }).xi).toBeCloseTo(2 * Math.LN2, 15);
  });

  it('exact Pareto quantiles: ξ̂ recovers 1/α as k grows', () => {
    // Order statistics at their expected positions of a Pareto(α = 3): L_(i) = (n/i)^(1/3).
    const n = 100_000;
    const x = Array.from({ length: n }, (_, i) => -((n / (i + 1)) ** (1 / 3)));
    expect(Math.abs(hillTailIndex(x, { k: 5000 }).alpha - 3)).toBeLessThan(0.01);
  });

  it(`matches the numpy formula on seeded samples (numpy ${fixture.versions.numpy}, seed ${fixture.seed})`, () => {
    for (const c of fixture.synthetic) expectMatches(c.returns, c.hill);
    // The t₄ sample: α̂ near 4 (not infinite as for the normal, not < 2).
    const t = fixture.synthetic.find((c) => c.name === 'student-t4-750');
    const a = hillTailIndex(t?.returns ?? [], { k: 75 }).alpha;
    expect(a).toBeGreaterThan(2);
    expect(a).toBeLessThan(7);
  });

  it('scale invariance: α̂ of c·x equals α̂ of x (c > 0)', () => {
    fc.assert(
      fc.property(
        // Losses on a 1e-5 grid: tail values a few ulps apart would make ln(x/threshold) ill-conditioned.
        fc.array(fc.integer({ min: 100, max: 100_000 }).map((i) => -i * 1e-5), { minLength: 5, maxLength: 50 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (x, c) => {
          const k = Math.floor(x.length / 2);
          if (new Set(x).size < x.length) return true;
          const a = hillTailIndex(x, { k }).alpha;
          const b = hillTailIndex(x.map((v) => c * v), { k }).alpha;
          return Math.abs(a - b) <= 1e-9 * a;
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('typed errors', () => {
    const x = [-0.05, -0.03, -0.01, 0.02];
    const cases: [() => unknown, string, (string | number)[]][] = [
      [() => hillTailIndex(x, { k: 0 }), 'INVALID_INPUT', ['k']],
      [() => hillTailIndex(x, { k: 1.5 }), 'INVALID_INPUT', ['k']],
      [() => hillTailIndex(x, { k: 4 }), 'INSUFFICIENT_DATA', ['x']],
      [() => hillTailIndex(x, { k: 3 }), 'INVALID_INPUT', ['k']], // threshold −0.02 ≤ 0
      [() => hillTailIndex([-0.01, -0.01, -0.01], { k: 2 }), 'INVALID_INPUT', ['x']],
      [() => hillTailIndex([-0.01, Number.NaN, -0.02], { k: 1 }), 'INVALID_INPUT', ['x', 1]],
      [() => hillTailIndex(x, { k: 1, tail: 'left' as 'lower' }), 'INVALID_INPUT', ['tail']],
    ];
    for (const [f, code, path] of cases) {
      const e = thrown(f);
      expect(e.code).toBe(code);
      expect(e.path).toEqual(path);
    }
  });
});

describeWithSharedData('hillTailIndex: BTC/USDT daily simple returns', [fixture.real.file], () => {
  it(`matches the numpy formula on ${fixture.real.file}`, () => {
    const returns = sharedSimpleReturns(fixture.real);
    expectMatches(returns, fixture.real.hill);
    // Daily crypto losses: a finite-variance but fat tail, α̂ between 2 and 5.
    const a = hillTailIndex(returns, { k: fixture.real.hill[0]?.k ?? 156 }).alpha;
    expect(a).toBeGreaterThan(2);
    expect(a).toBeLessThan(5);
  });
});
