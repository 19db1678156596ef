import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  kellyMultiAssetExact,
  portfolioGrowth,
  type KellyMultiAssetExactInput,
  type KellyMultiAssetExactResult,
} from '../../src/kelly/multi-asset-exact/index.js';
import { kellyMultiAsset } from '../../src/kelly/multi-asset.js';
import { kellyDiscrete } from '../../src/kelly/discrete.js';
import { TradesizeError } from '../../src/core/errors.js';
import { describeWithSharedData, readFixture, readSharedData } from '../helpers/shared-data.js';

/** Options of a case, as stored by scripts/fixtures/kelly_multi_asset.py. */
type Options = Omit<KellyMultiAssetExactInput, 'scenarios'>;
interface ExactCase {
  name: string;
  options: Options;
  weights: number[];
  growthRate: number;
  grossLeverage: number;
  method: string;
  crossCheck: { method: string; maxWeightDiff: number; growthDiff: number };
}
interface Fixture {
  exact: { name: string; scenarios: number[][]; cases: ExactCase[] }[];
  realData: {
    files: string[];
    nReturns: number;
    firstTimestamp: string;
    lastTimestamp: string;
    returnSums: number[];
    gaussian: { weights: number[]; growthRate: number; sharpe: number };
    cases: ExactCase[];
  };
}
const fixture = readFixture<Fixture>('kelly/multi-asset.json');

/** scipy's accuracy on these problems: weights to ~1e-5, growth to ~1e-8. */
const WEIGHT_TOLERANCE = 1e-5;
const GROWTH_TOLERANCE = 1e-8;

/**
 * Close-to-close simple returns of several daily OHLCV files, as the fixture script builds them:
 * keep the timestamps present in every file, in ascending order; r_t = close_t / close_{t−1} − 1
 * between consecutive kept timestamps; one row (one scenario) per date.
 */
function closeToCloseReturns(csvs: readonly string[]): { dates: string[]; rows: number[][] } {
  const closes = csvs.map((text) => {
    const lines = text.trim().split('\n');
    const header = lines[0]!.split(',');
    const [t, c] = [header.indexOf('timestamp'), header.indexOf('close')];
    return new Map(lines.slice(1).map((line) => line.split(',')).map((f) => [f[t]!, Number(f[c])] as const));
  });
  const dates = [...closes[0]!.keys()].filter((d) => closes.every((m) => m.has(d))).sort();
  const rows = dates.slice(1).map((d, k) => closes.map((m) => m.get(d)! / m.get(dates[k]!)! - 1));
  return { dates, rows };
}

/** Labels of the constraints that scipy's weights hold within 1e-6 of their bound. */
function bindingAt(weights: readonly number[], o: Options): string[] {
  const near = (a: number, b: number) => Number.isFinite(b) && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
  const labels: string[] = [];
  const gross = weights.reduce((s, w) => s + Math.abs(w), 0);
  if (o.maxGrossLeverage !== undefined && near(gross, o.maxGrossLeverage)) labels.push('maxGrossLeverage');
  weights.forEach((w, i) => {
    const caps = o.assetCaps;
    let lo = Array.isArray(caps) ? -caps[i]! : caps === undefined ? Number.NEGATIVE_INFINITY : caps.min[i]!;
    const hi = Array.isArray(caps) ? caps[i]! : caps === undefined ? Number.POSITIVE_INFINITY : caps.max[i]!;
    let loLabel = Array.isArray(caps) ? `assetCaps[${i}]` : `assetCaps.min[${i}]`;
    if (o.longOnly && !(lo > 0)) [lo, loLabel] = [0, `longOnly[${i}]`];
    if (near(w, lo)) labels.push(loLabel);
    if (near(w, hi)) labels.push(Array.isArray(caps) ? `assetCaps[${i}]` : `assetCaps.max[${i}]`);
  });
  return labels;
}

/** Every constraint of `o` holds at `r.weights` and every scenario is solvent. */
function feasible(r: KellyMultiAssetExactResult, scenarios: readonly (readonly number[])[], o: Options): boolean {
  const w = r.weights;
  const slack = 1e-12;
  const gross = w.reduce((s, x) => s + Math.abs(x), 0);
  if (o.maxGrossLeverage !== undefined && !(gross <= o.maxGrossLeverage + slack)) return false;
  if (o.longOnly && !w.every((x) => x >= 0)) return false;
  const caps = o.assetCaps;
  if (Array.isArray(caps) && !w.every((x, i) => Math.abs(x) <= caps[i]! + slack)) return false;
  if (caps !== undefined && !Array.isArray(caps) && !w.every((x, i) => caps.min[i]! - slack <= x && x <= caps.max[i]! + slack)) {
    return false;
  }
  return scenarios.every((row) => 1 + row.reduce((s, x, i) => s + x * w[i]!, 0) > 0);
}

function compareWithScipy(r: KellyMultiAssetExactResult, c: ExactCase): void {
  r.weights.forEach((w, i) => expect(Math.abs(w - c.weights[i]!)).toBeLessThan(WEIGHT_TOLERANCE));
  expect(Math.abs(r.growthRate - c.growthRate)).toBeLessThan(GROWTH_TOLERANCE);
  // Never worse than the independent optimiser (beyond the barrier's duality gap).
  expect(r.growthRate).toBeGreaterThanOrEqual(c.growthRate - 1e-10);
}

function expectCode(input: KellyMultiAssetExactInput, code: string, path: readonly (string | number)[]): void {
  try {
    kellyMultiAssetExact(input);
  } catch (e) {
    expect(e).toBeInstanceOf(TradesizeError);
    expect((e as TradesizeError).code).toBe(code);
    expect((e as TradesizeError).path).toEqual(path);
    return;
  }
  expect.unreachable('expected a TradesizeError');
}

describe('portfolioGrowth', () => {
  it('is the mean log wealth factor, −∞ when a scenario is ruined', () => {
    expect(portfolioGrowth([0.2], [[1], [1], [1], [-0.999], [-0.999]])).toBeCloseTo(
      (3 * Math.log(1.2) + 2 * Math.log(1 - 0.1998)) / 5,
      15,
    );
    expect(portfolioGrowth([0.5, 0.5], [[0.1, -0.1], [0.2, 0]])).toBeCloseTo(Math.log(1.1) / 2, 15);
    expect(portfolioGrowth([2], [[0.1], [-0.6]])).toBe(Number.NEGATIVE_INFINITY);
    expect(portfolioGrowth([0, 0], [[0.3, -0.5]])).toBe(0);
  });
});

describe('kellyMultiAssetExact: analytic cases', () => {
  it('a two-outcome bet reproduces the discrete Kelly fraction p/a − q/b (Thorp 2006 §3)', () => {
    // p = 0.6, win b = 1, lose a = 0.5 of the stake.
    const bet = kellyMultiAssetExact({ scenarios: [[1], [1], [1], [-0.5], [-0.5]] });
    const discrete = kellyDiscrete({ p: 0.6, b: 1, a: 0.5 });
    expect(bet.weights[0]).toBeCloseTo(discrete.fraction, 9);
    expect(bet.growthRate).toBeCloseTo(discrete.growthRate, 14);
    expect(bet.activeConstraints).toEqual([]);
    expect(bet.iterations).toBe(1);
    expect(kellyMultiAssetExact({ scenarios: [[2], [-0.5]] }).weights[0]).toBeCloseTo(0.75, 9);
  });

  it('small symmetric returns: the exact weights approach the Gaussian closed form C⁻¹μ', () => {
    // ±σ scenarios for two uncorrelated assets (all four sign combinations) with drift m.
    const [m1, m2, s] = [0.001, 0.0005, 0.01];
    const scenarios = [
      [m1 + s, m2 + s],
      [m1 + s, m2 - s],
      [m1 - s, m2 + s],
      [m1 - s, m2 - s],
    ];
    const exact = kellyMultiAssetExact({ scenarios });
    const gaussian = kellyMultiAsset({ mu: [m1, m2], cov: [[s * s, 0], [0, s * s]] });
    exact.weights.forEach((w, i) => expect(Math.abs(w / gaussian.weights[i]! - 1)).toBeLessThan(0.05));
  });

  it('a cap below the optimum binds and is reported', () => {
    const scenarios = [[1], [1], [1], [-0.5], [-0.5]];
    const gross = kellyMultiAssetExact({ scenarios, maxGrossLeverage: 0.3 });
    expect(gross.weights[0]).toBeCloseTo(0.3, 9);
    expect(gross.grossLeverage).toBeLessThanOrEqual(0.3);
    expect(gross.activeConstraints).toEqual(['maxGrossLeverage']);
    expect(kellyMultiAssetExact({ scenarios, assetCaps: [0.25] }).activeConstraints).toEqual(['assetCaps[0]']);
    // A floor that excludes 0 (phase I starts inside [0.9, 2]).
    const floor = kellyMultiAssetExact({ scenarios, assetCaps: { min: [0.9], max: [2] } });
    expect(floor.weights[0]).toBeCloseTo(0.9, 9);
    expect(floor.activeConstraints).toEqual(['assetCaps.min[0]']);
    // A losing bet long-only: stay out.
    const out = kellyMultiAssetExact({ scenarios: [[0.5], [-0.5], [-0.5]], longOnly: true });
    expect(out.weights[0]).toBeCloseTo(0, 9);
    expect(out.activeConstraints).toEqual(['longOnly[0]']);
  });
});

describe('kellyMultiAssetExact vs scipy (test/fixtures/kelly/multi-asset.json)', () => {
  for (const set of fixture.exact) {
    it.each(set.cases.map((c) => [c.name, c] as const))(`${set.name}: %s`, (_, c) => {
      const r = kellyMultiAssetExact({ scenarios: set.scenarios, ...c.options });
      compareWithScipy(r, c);
      expect(feasible(r, set.scenarios, c.options)).toBe(true);
      expect([...r.activeConstraints].sort()).toEqual(bindingAt(c.weights, c.options).sort());
      expect(r.grossLeverage).toBeCloseTo(c.grossLeverage, 4);
    });
  }
});

describeWithSharedData('kellyMultiAssetExact on BTC, ETH, SOL daily returns', fixture.realData.files, () => {
  const real = fixture.realData;
  const built = () => closeToCloseReturns(real.files.map(readSharedData));

  it('rebuilds the same returns as the fixture script', () => {
    const { dates, rows } = built();
    expect(rows).toHaveLength(real.nReturns);
    expect(dates[1]).toBe(real.firstTimestamp);
    expect(dates.at(-1)).toBe(real.lastTimestamp);
    real.returnSums.forEach((sum, i) => expect(rows.reduce((s, r) => s + r[i]!, 0)).toBeCloseTo(sum, 12));
  });

  it.each(real.cases.map((c) => [c.name, c] as const))('matches scipy: %s', (_, c) => {
    const { rows } = built();
    const r = kellyMultiAssetExact({ scenarios: rows, ...c.options });
    compareWithScipy(r, c);
    expect(feasible(r, rows, c.options)).toBe(true);
  });

  it('the Gaussian closed form on the sample moments matches numpy and sits near the exact optimum', () => {
    const { rows } = built();
    const N = rows.length;
    const mean = [0, 1, 2].map((i) => rows.reduce((s, r) => s + r[i]!, 0) / N);
    const cov = mean.map((mi, i) => mean.map((mj, j) => rows.reduce((s, r) => s + (r[i]! - mi) * (r[j]! - mj), 0) / (N - 1)));
    const gaussian = kellyMultiAsset({ mu: mean, cov });
    gaussian.weights.forEach((w, i) => expect(Math.abs(w / real.gaussian.weights[i]! - 1)).toBeLessThan(1e-9));
    expect(gaussian.growthRate).toBeCloseTo(real.gaussian.growthRate, 12);
    expect(gaussian.sharpe).toBeCloseTo(real.gaussian.sharpe, 10);
    // The exact optimum does at least as well on the scenarios as the Gaussian weights.
    const exact = kellyMultiAssetExact({ scenarios: rows });
    expect(exact.growthRate).toBeGreaterThanOrEqual(portfolioGrowth(gaussian.weights, rows));
  });
});

describe('kellyMultiAssetExact: typed errors', () => {
  const bet = [[1], [1], [1], [-0.5], [-0.5]];
  it('rejects malformed input, naming the field', () => {
    expectCode({ scenarios: [] }, 'INVALID_INPUT', ['scenarios']);
    expectCode({ scenarios: [[0.1], [-1]] }, 'INVALID_INPUT', ['scenarios', 1, 0]);
    expectCode({ scenarios: [[0.1, 0.2], [0.3]] }, 'INVALID_INPUT', ['scenarios', 1]);
    expectCode({ scenarios: [[0.1], [Number.NaN]] }, 'INVALID_INPUT', ['scenarios', 1, 0]);
    expectCode({ scenarios: bet, maxGrossLeverage: 0 }, 'INVALID_INPUT', ['maxGrossLeverage']);
    expectCode({ scenarios: bet, assetCaps: [0.5, 0.5] }, 'INVALID_INPUT', ['assetCaps']);
    expectCode({ scenarios: bet, assetCaps: { min: [0], max: [1, 2] } }, 'INVALID_INPUT', ['assetCaps', 'max']);
    expectCode({ scenarios: bet, assetCaps: { min: [1], max: [1] } }, 'INVALID_INPUT', ['assetCaps', 'max', 0]);
    expectCode({ scenarios: bet, assetCaps: { min: [-1], max: [-0.5] }, longOnly: true }, 'INVALID_INPUT', ['assetCaps', 'max', 0]);
    expectCode({ scenarios: bet, tolerance: 0 }, 'INVALID_INPUT', ['tolerance']);
  });

  it('refuses caps that cannot be met: the gross cap, or ruin at the least-exposure weights', () => {
    expectCode({ scenarios: [[0.1, 0.2], [-0.1, 0]], assetCaps: { min: [1, 1], max: [2, 2] }, maxGrossLeverage: 1.5 }, 'INVALID_INPUT', [
      'maxGrossLeverage',
    ]);
    expectCode({ scenarios: [[-0.6], [0.5]], assetCaps: { min: [2], max: [3] } }, 'NO_SOLVENT_FRACTION', ['assetCaps']);
  });

  it('NO_SOLVENT_FRACTION when growth is unbounded without caps', () => {
    // Never loses: lever up forever.
    expectCode({ scenarios: [[0.1], [0.2]] }, 'NO_SOLVENT_FRACTION', ['scenarios']);
    expectCode({ scenarios: [[0.1], [0.2]], longOnly: true }, 'NO_SOLVENT_FRACTION', ['scenarios']);
    // Asset 0 never loses, asset 1 is a fair coin: the direction (1, 0) loses nowhere.
    expectCode({ scenarios: [[0.1, 0.3], [0, -0.2], [0.2, 0.1], [0, 0.05]] }, 'NO_SOLVENT_FRACTION', ['scenarios']);
    // Two copies of one asset: growth is flat along (1, −1).
    expectCode({ scenarios: [[0.1, 0.1], [-0.1, -0.1], [0.2, 0.2]] }, 'NO_SOLVENT_FRACTION', ['scenarios']);
    // Caps make the same problems well posed.
    expect(kellyMultiAssetExact({ scenarios: [[0.1], [0.2]], maxGrossLeverage: 2 }).weights[0]).toBeCloseTo(2, 8);
    expect(kellyMultiAssetExact({ scenarios: [[0.1, 0.1], [-0.1, -0.1], [0.2, 0.2]], maxGrossLeverage: 2 }).grossLeverage).toBeLessThan(2);
  });
});

describe('kellyMultiAssetExact: properties', () => {
  /** Small scenario sets (N ≤ 12, n ≤ 3) with a bounding constraint, plus random candidate weights. */
  const problem = fc
    .record({ n: fc.integer({ min: 1, max: 3 }), count: fc.integer({ min: 2, max: 12 }) })
    .chain(({ n, count }) =>
      fc.record({
        scenarios: fc.array(fc.array(fc.double({ min: -0.9, max: 0.9, noNaN: true }), { minLength: n, maxLength: n }), {
          minLength: count,
          maxLength: count,
        }),
        gross: fc.option(fc.double({ min: 0.1, max: 5, noNaN: true }), { nil: undefined }),
        caps: fc.array(fc.double({ min: 0.05, max: 3, noNaN: true }), { minLength: n, maxLength: n }),
        floors: fc.option(fc.array(fc.double({ min: -3, max: -0.05, noNaN: true }), { minLength: n, maxLength: n }), {
          nil: undefined,
        }),
        useCaps: fc.boolean(),
        longOnly: fc.boolean(),
        candidates: fc.array(
          fc.record({
            v: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
            scale: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          { minLength: 5, maxLength: 5 },
        ),
      }),
    )
    .map(({ scenarios, gross, caps, floors, useCaps, longOnly, candidates }) => {
      const options: Options = { longOnly };
      if (gross !== undefined || !useCaps) options.maxGrossLeverage = gross ?? 2;
      if (useCaps) options.assetCaps = floors === undefined ? caps : { min: floors, max: caps };
      return { scenarios, options, candidates };
    });

  /** A feasible point: v made long-only, clipped to the caps, then scaled towards 0 inside the gross cap. */
  function feasiblePoint(v: readonly number[], scale: number, o: Options): number[] {
    const caps = o.assetCaps;
    const w = v.map((x, i) => {
      const y = o.longOnly ? Math.abs(x) : x;
      if (caps === undefined) return y;
      const [lo, hi] = Array.isArray(caps) ? [-caps[i]!, caps[i]!] : [caps.min[i]!, caps.max[i]!];
      return Math.max(lo, Math.min(hi, y));
    });
    const gross = w.reduce((s, x) => s + Math.abs(x), 0);
    const room = o.maxGrossLeverage === undefined || gross === 0 ? 1 : Math.min(1, o.maxGrossLeverage / gross);
    return w.map((x) => x * room * scale);
  }

  it('the solution is feasible and solvent, and G(w*) ≥ G(w) for random feasible w (1,000 runs)', () => {
    fc.assert(
      fc.property(problem, ({ scenarios, options, candidates }) => {
        const r = kellyMultiAssetExact({ scenarios, ...options });
        if (!feasible(r, scenarios, options)) return false;
        if (Math.abs(r.growthRate - portfolioGrowth(r.weights, scenarios)) > 1e-15) return false;
        return candidates.every(({ v, scale }) => r.growthRate >= portfolioGrowth(feasiblePoint(v, scale, options), scenarios) - 1e-10);
      }),
      { numRuns: 1000 },
    );
  });

  /**
   * Unconstrained problems that have an optimum: random rows (N ≤ 12, n ≤ 3) plus, for each asset i,
   * one row +u·eᵢ and one row −v·eᵢ (u, v ∈ [0.05, 0.9]). Every direction d ≠ 0 then loses in some
   * scenario (the one with the sign of a nonzero dᵢ against it), so G → −∞ along every ray and the
   * maximum exists (Boyd & Vandenberghe 2004 §4.1: a closed concave function with bounded superlevel sets).
   */
  const solvable = fc.integer({ min: 1, max: 3 }).chain((n) =>
    fc
      .record({
        rows: fc.array(fc.array(fc.double({ min: -0.9, max: 0.9, noNaN: true }), { minLength: n, maxLength: n }), { maxLength: 10 }),
        up: fc.array(fc.double({ min: 0.05, max: 0.9, noNaN: true }), { minLength: n, maxLength: n }),
        down: fc.array(fc.double({ min: 0.05, max: 0.9, noNaN: true }), { minLength: n, maxLength: n }),
      })
      .map(({ rows, up, down }) => [
        ...rows,
        ...up.map((u, i) => Array.from({ length: n }, (_, j) => (j === i ? u : 0))),
        ...down.map((v, i) => Array.from({ length: n }, (_, j) => (j === i ? -v : 0))),
      ]),
  );

  it('unconstrained with an optimum: it solves, and the first-order condition mean(R_k/(1 + w*ᵀR_k)) = 0 holds (1,000 runs)', () => {
    fc.assert(
      fc.property(solvable, (rows) => {
        const r = kellyMultiAssetExact({ scenarios: rows });
        const wealth = rows.map((row) => 1 + row.reduce((s, x, i) => s + x * r.weights[i]!, 0));
        if (!wealth.every((u) => u > 0)) return false;
        return rows[0]!.every((_, i) => Math.abs(rows.reduce((s, row, k) => s + row[i]! / wealth[k]!, 0) / rows.length) < 1e-7);
      }),
      { numRuns: 1000 },
    );
  });

  /**
   * Problems whose growth really is unbounded or flat: every row has dᵀR_k ≥ 0 for a random unit
   * direction d (rows with a negative projection are reflected across d's hyperplane), so
   * G(t·d) is nondecreasing in t and no maximiser exists.
   */
  const unbounded = fc.integer({ min: 1, max: 3 }).chain((n) =>
    fc
      .record({
        d: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }).filter((v) => v.some((x) => Math.abs(x) > 0.1)),
        rows: fc.array(fc.array(fc.double({ min: -0.4, max: 0.4, noNaN: true }), { minLength: n, maxLength: n }), { minLength: 2, maxLength: 12 }),
      })
      .map(({ d, rows }) => {
        const norm2 = d.reduce((s, x) => s + x * x, 0);
        return rows.map((row) => {
          const dot = row.reduce((s, x, i) => s + x * d[i]!, 0);
          return dot >= 0 ? row : row.map((x, i) => x - (2 * dot * d[i]!) / norm2);
        });
      }),
  );

  it('unconstrained without an optimum (a direction that never loses): NO_SOLVENT_FRACTION naming scenarios (1,000 runs)', () => {
    fc.assert(
      fc.property(unbounded, (rows) => {
        try {
          kellyMultiAssetExact({ scenarios: rows });
        } catch (e) {
          return e instanceof TradesizeError && e.code === 'NO_SOLVENT_FRACTION' && e.path.length === 1 && e.path[0] === 'scenarios';
        }
        return false;
      }),
      { numRuns: 1000 },
    );
  });
});
