import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cornishFisherVarEs,
  gaussianVarEs,
  historicalVarEs,
  quantileType7Sorted,
  riskMeasures,
  sampleMoments,
  studentTVarEs,
  type RiskMethod,
} from '../../src/risk/var-es.js';
import { expectRel, thrown } from '../helpers/assert.js';
import { describeWithSharedData, readFixture, sharedSimpleReturns } from '../helpers/shared-data.js';

interface Pair {
  var: number;
  es: number;
}
interface LevelRow {
  level: number;
  historical: Pair;
  gaussian: Pair;
  'cornish-fisher': Pair & { skew: number; excessKurtosis: number };
}
interface TBlock {
  loc: number;
  scale: number;
  nu: number;
  levels: (Pair & { level: number })[];
}
interface Expected {
  observations: number;
  levels: LevelRow[];
  'student-t'?: TBlock;
  hill: { k: number; tail: 'lower' | 'upper'; xi: number; alpha: number; threshold: number }[];
}
interface RiskFixture {
  seed: number;
  versions: { numpy: string; scipy: string };
  synthetic: (Expected & { name: string; returns: number[] })[];
  real: Expected & { file: string; rows: number; firstTimestamp: string; lastTimestamp: string };
}

const fixture = readFixture<RiskFixture>('risk/risk-measures.json');
/** Fixture tolerance: relative, against numpy/scipy. */
const REL = 1e-12;
const PARAMETRIC = ['historical', 'gaussian', 'cornish-fisher'] as const;

function expectMatches(returns: readonly number[], e: Expected): void {
  for (const row of e.levels) {
    for (const method of PARAMETRIC) {
      const r = riskMeasures(returns, { level: row.level, method });
      expect(r.observations).toBe(e.observations);
      expectRel(r.var, row[method].var, REL);
      expectRel(r.es, row[method].es, REL);
    }
    const cf = riskMeasures(returns, { level: row.level, method: 'cornish-fisher' });
    expectRel(cf.skew as number, row['cornish-fisher'].skew, REL);
    expectRel(cf.excessKurtosis as number, row['cornish-fisher'].excessKurtosis, REL);
  }
  const t = e['student-t'];
  if (t !== undefined) {
    for (const row of t.levels) {
      // Closed form at scipy's fitted parameters: tight.
      const k = studentTVarEs(t.loc, t.scale, t.nu, row.level);
      expectRel(k.var, row.var, REL);
      expectRel(k.es, row.es, REL);
      // Our own MLE fit lands within 1e-3 of scipy.stats.t.fit (see student-t-fit.test.ts).
      const r = riskMeasures(returns, { level: row.level, method: 'student-t' });
      expectRel(r.var, row.var, 2e-3);
      expectRel(r.es, row.es, 2e-3);
    }
  }
}

describe('kernels', () => {
  it('type 7 quantile: R / numpy linear examples', () => {
    expect(quantileType7Sorted([1, 2, 3, 4, 5], 0.1)).toBeCloseTo(1.4, 15);
    expect(quantileType7Sorted([1, 2, 3, 4, 5], 0)).toBe(1);
    expect(quantileType7Sorted([1, 2, 3, 4, 5], 1)).toBe(5);
    expect(quantileType7Sorted([10], 0.3)).toBe(10);
  });

  it('historical: strict tail mean, falling back to ≤ at the sample minimum', () => {
    const r = historicalVarEs([-0.05, -0.02, 0, 0.01, 0.03], 0.9);
    expect(r.var).toBeCloseTo(0.038, 15);
    expect(r.es).toBeCloseTo(0.05, 15);
    // h = (n − 1)·α = 0 lands exactly on the minimum: nothing strictly below, ES = VaR.
    const m = historicalVarEs([-0.02, -0.01, 0.01], 1);
    expect(m).toEqual({ var: 0.02, es: 0.02 });
    // Ties at the quantile are excluded from the strict mean.
    const t = historicalVarEs([-0.04, -0.01, -0.01, -0.01, 0.02], 0.6);
    expect(t.var).toBeCloseTo(0.01, 15);
    expect(t.es).toBeCloseTo(0.04, 15);
  });

  it('gaussian: standard normal values', () => {
    const r = gaussianVarEs(0, 1, 0.95);
    expect(r.var).toBeCloseTo(1.6448536269514722, 14);
    expect(r.es).toBeCloseTo(2.0627128075074257, 14);
    const r99 = gaussianVarEs(0.001, 0.02, 0.99);
    expect(r99.var).toBeCloseTo(-0.001 + 0.02 * 2.3263478740408408, 14);
  });

  it('cornish-fisher reduces to gaussian with zero skew and excess kurtosis', () => {
    for (const p of [0.9, 0.95, 0.99]) {
      const g = gaussianVarEs(0.001, 0.03, p);
      const c = cornishFisherVarEs(0.001, 0.03, 0, 0, p);
      expect(c.var).toBeCloseTo(g.var, 15);
      expect(c.es).toBeCloseTo(g.es, 15);
    }
    expect(cornishFisherVarEs(0, 1, -1, 3, 0.99).var).toBeGreaterThan(gaussianVarEs(0, 1, 0.99).var);
  });

  it('student-t: unit t₄ at 95 % (McNeil–Frey–Embrechts closed form)', () => {
    const r = studentTVarEs(0, 1, 4, 0.95);
    // q = t₄⁻¹(0.95) to 30 digits by mpmath: 2.13184678632664952850…
    expectRel(r.var, 2.1318467863266495, 1e-15);
    expectRel(r.es, 3.2028704020948737, 1e-14);
  });

  it('population moments', () => {
    const m = sampleMoments([1, 2, 3, 10]);
    expect(m.mean).toBe(4);
    expect(m.m2).toBe(12.5);
  });
});

describe('riskMeasures: numpy / scipy reference', () => {
  it(`synthetic samples (numpy ${fixture.versions.numpy}, scipy ${fixture.versions.scipy}, seed ${fixture.seed})`, () => {
    expect(fixture.synthetic.map((c) => c.name)).toEqual(['normal-500', 'student-t4-750', 'skewed-mixture-400', 'small-7']);
    for (const c of fixture.synthetic) expectMatches(c.returns, c);
  });

  it('the skewed mixture has negative skew and its Cornish–Fisher VaR99 exceeds the Gaussian one', () => {
    const c = fixture.synthetic.find((s) => s.name === 'skewed-mixture-400');
    const row = c?.levels.find((l) => l.level === 0.99);
    expect(row?.['cornish-fisher'].skew).toBeLessThan(0);
    expect(row?.['cornish-fisher'].var).toBeGreaterThan(row?.gaussian.var ?? Infinity);
  });
});

describeWithSharedData('riskMeasures: BTC/USDT daily simple returns', [fixture.real.file], () => {
  it(`matches numpy/scipy on ${fixture.real.file} (${fixture.real.rows} rows)`, () => {
    const returns = sharedSimpleReturns(fixture.real);
    expect(returns.length).toBe(fixture.real.observations);
    expectMatches(returns, fixture.real);
    // Fat tails: kurtosis well above the normal's, CF ES99 above the Gaussian ES99.
    const row = fixture.real.levels.find((l) => l.level === 0.99) as LevelRow;
    expect(row['cornish-fisher'].excessKurtosis).toBeGreaterThan(3);
    expect(row.historical.es).toBeGreaterThan(row.gaussian.es);
  });
});

describe('riskMeasures: typed errors', () => {
  const r = [0.01, -0.02, 0.03, -0.01];
  it.each([0, 1, -0.5, 1.5, Number.NaN])('level %s outside (0, 1) → INVALID_INPUT at level', (level) => {
    const e = thrown(() => riskMeasures(r, { level }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['level']);
  });
  it('unknown method → INVALID_INPUT at method', () => {
    const e = thrown(() => riskMeasures(r, { level: 0.95, method: 'monte-carlo' as RiskMethod }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['method']);
  });
  it.each([[[]], [[0.01]]])('too few observations %j → INSUFFICIENT_DATA at returns', (x) => {
    for (const method of PARAMETRIC) {
      const e = thrown(() => riskMeasures(x, { level: 0.95, method }));
      expect(e.code).toBe('INSUFFICIENT_DATA');
      expect(e.path).toEqual(['returns']);
    }
  });
  it('a non-finite return → INVALID_INPUT at its index', () => {
    const e = thrown(() => riskMeasures([0.01, Number.POSITIVE_INFINITY, 0.02], { level: 0.95 }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['returns', 1]);
  });
  it('constant returns: cornish-fisher refuses (skew undefined), gaussian gives −mean', () => {
    const e = thrown(() => riskMeasures([0.01, 0.01, 0.01], { level: 0.95, method: 'cornish-fisher' }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['returns']);
    const g = riskMeasures([0.01, 0.01, 0.01], { level: 0.95, method: 'gaussian' });
    expect(g.var).toBeCloseTo(-0.01, 15);
    expect(g.es).toBeCloseTo(-0.01, 15);
  });
});

describe('riskMeasures: properties (fast-check)', () => {
  // Returns and shifts on a 2⁻¹⁶ grid: shifting is exact and scaling keeps the order and ties,
  // so the historical tail set is the same before and after (no ties made or broken by rounding).
  const GRID = 2 ** -16;
  const ret = fc.integer({ min: -32768, max: 32768 }).map((i) => i * GRID);
  const sample = fc.array(ret, { minLength: 2, maxLength: 60 });
  const varying = sample.filter((a) => Math.max(...a) - Math.min(...a) > 1e-6);
  const level = fc.double({ min: 0.5, max: 0.999, noNaN: true });
  const close = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-9 * Math.max(1e-6, scale);

  it('ES ≥ VaR for every method', () => {
    fc.assert(
      fc.property(varying, level, fc.constantFrom(...PARAMETRIC), (x, p, method) => {
        const r = riskMeasures(x, { level: p, method });
        return r.es >= r.var - 1e-12 * Math.max(1, Math.abs(r.var));
      }),
      { numRuns: 1000 },
    );
  });

  it('positive homogeneity: VaR and ES of c·r are c times those of r (historical, gaussian)', () => {
    fc.assert(
      fc.property(sample, level, fc.double({ min: 0.01, max: 100, noNaN: true }), fc.constantFrom('historical', 'gaussian' as const), (x, p, c, method) => {
        const a = riskMeasures(x, { level: p, method });
        const b = riskMeasures(x.map((v) => c * v), { level: p, method });
        const s = c * Math.max(...x.map(Math.abs));
        return close(b.var, c * a.var, s) && close(b.es, c * a.es, s);
      }),
      { numRuns: 1000 },
    );
  });

  it('translation: shifting returns by −k raises VaR and ES by k (all methods)', () => {
    fc.assert(
      fc.property(varying, level, fc.integer({ min: -13107, max: 13107 }).map((i) => i * GRID), fc.constantFrom(...PARAMETRIC), (x, p, k, method) => {
        const a = riskMeasures(x, { level: p, method });
        const b = riskMeasures(x.map((v) => v - k), { level: p, method });
        const s = 1 + Math.max(...x.map(Math.abs));
        return close(b.var, a.var + k, s) && close(b.es, a.es + k, s);
      }),
      { numRuns: 1000 },
    );
  });

  it('historical VaR is non-decreasing in the level', () => {
    fc.assert(
      fc.property(sample, level, level, (x, p1, p2) => {
        const [lo, hi] = p1 <= p2 ? [p1, p2] : [p2, p1];
        return riskMeasures(x, { level: hi }).var >= riskMeasures(x, { level: lo }).var - 1e-15;
      }),
      { numRuns: 1000 },
    );
  });
});
