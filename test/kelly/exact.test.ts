import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kellyExact, sampleGrowth } from '../../src/kelly/exact.js';
import { TradesizeError } from '../../src/core/errors.js';
import { describeWithSharedData, readFixture, sharedSimpleReturns } from '../helpers/shared-data.js';

interface ScipyKelly {
  fraction: number;
  growthRate: number;
  fractionBounded: number;
  solventRange: { min: number; max: number };
}
interface ExactFixture {
  scipy: string;
  seed: number;
  cases: (ScipyKelly & { name: string; returns: number[] })[];
  btc: {
    file: string;
    rows: number;
    firstTimestamp: string;
    lastTimestamp: string;
    empirical: ScipyKelly;
    normal: ScipyKelly & { model: { mu: number; sigma: number }; scenarios: number };
    'student-t': ScipyKelly & { model: { loc: number; scale: number; nu: number }; scenarios: number };
  };
}

const fixture = readFixture<ExactFixture>('kelly/exact.json');
const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** Matches scipy's brentq root (1e-9 relative) and bounded Brent (1e-6), growth to 1e-9. */
function expectMatchesScipy(returns: readonly number[], ref: ScipyKelly): void {
  const r = kellyExact({ returns });
  expect(relative(r.fraction, ref.fraction)).toBeLessThan(1e-9);
  expect(relative(r.fraction, ref.fractionBounded)).toBeLessThan(1e-6);
  expect(Math.abs(r.growthRate - ref.growthRate)).toBeLessThan(1e-9 * Math.max(1, Math.abs(ref.growthRate)));
  expect(relative(r.solventRange.min, ref.solventRange.min)).toBeLessThan(1e-15);
  expect(relative(r.solventRange.max, ref.solventRange.max)).toBeLessThan(1e-15);
}


describe('sampleGrowth', () => {
  it('is the mean log growth, −Infinity once a scenario is wiped out', () => {
    expect(sampleGrowth(5, [0.1, -0.05])).toBeCloseTo((Math.log(1.5) + Math.log(0.75)) / 2, 15);
    expect(sampleGrowth(0, [0.1, -0.05])).toBe(0);
    expect(sampleGrowth(20, [0.1, -0.05])).toBe(Number.NEGATIVE_INFINITY);
    expect(sampleGrowth(-10, [0.1, -0.05])).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('kellyExact', () => {
  it('two scenarios: closed form f* = −(a + b)/(2ab)', () => {
    // G'(f) = 0 ⇔ a/(1 + fa) = −b/(1 + fb) ⇔ f = −(a + b)/(2ab); a = 0.1, b = −0.05 gives 5.
    const r = kellyExact({ returns: [0.1, -0.05] });
    expect(r.fraction).toBeCloseTo(5, 13);
    expect(r.growthRate).toBeCloseTo((Math.log(1.5) + Math.log(0.75)) / 2, 14);
    expect(r.solventRange).toEqual({ min: -10, max: 20 });
  });

  it('a discrete bet as a sample: matches Kelly (1956) f* = p − q for even money', () => {
    const returns = [...new Array<number>(6).fill(1), ...new Array<number>(4).fill(-1)];
    const r = kellyExact({ returns });
    expect(r.fraction).toBeCloseTo(0.2, 14);
    expect(r.growthRate).toBeCloseTo(0.6 * Math.log(0.6) + 0.4 * Math.log(0.4) + Math.log(2), 14);
    expect(r.solventRange).toEqual({ min: -1, max: 1 });
  });

  it('no edge: symmetric returns give f* = 0 exactly; a negative drift gives a short', () => {
    expect(kellyExact({ returns: [0.1, -0.1] }).fraction).toBe(0);
    expect(kellyExact({ returns: [0.04, -0.06, -0.01] }).fraction).toBeLessThan(0);
  });

  it(`matches scipy brentq / bounded Brent on seeded samples (scipy ${fixture.scipy}, seed ${fixture.seed})`, () => {
    const names = ['normal-small', 'skewed-mixture', 'fat-tailed-t3', 'mostly-positive', 'negative-drift'];
    expect(fixture.cases.map((c) => c.name)).toEqual(names);
    for (const c of fixture.cases) expectMatchesScipy(c.returns, c);
  });

  it('the curve spans 0 and f*, stays strictly solvent, peaks at f*, and is finite', () => {
    for (const c of fixture.cases) {
      const r = kellyExact({ returns: c.returns, curvePoints: 51 });
      const { fraction: fs, growthRate: gs } = r.curve;
      expect(fs.length).toBeGreaterThanOrEqual(51);
      expect(fs.length).toBeLessThanOrEqual(53);
      expect(gs.length).toBe(fs.length);
      expect(fs).toContain(0);
      expect(fs).toContain(r.fraction);
      expect(gs[fs.indexOf(r.fraction)]).toBe(r.growthRate);
      for (let i = 0; i < fs.length; i++) {
        const f = fs[i] as number;
        expect(f).toBeGreaterThan(r.solventRange.min);
        expect(f).toBeLessThan(r.solventRange.max);
        expect(Number.isFinite(gs[i])).toBe(true);
        expect(gs[i]).toBeLessThanOrEqual(r.growthRate);
        if (i > 0) expect(f).toBeGreaterThan(fs[i - 1] as number);
      }
    }
  });

  it('property: g(f*) ≥ g(f) for every solvent f, and every 1 + f*·Rᵢ > 0 (1,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.95, max: 3, noNaN: true }), { maxLength: 60 }),
        fc.double({ min: -0.95, max: -1e-6, noNaN: true }),
        fc.double({ min: 1e-6, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (rest, loss, gain, u) => {
          const returns = [loss, ...rest, gain];
          const best = kellyExact({ returns, curvePoints: 5 });
          const { min, max } = best.solventRange;
          const f = min + u * (max - min);
          const g = sampleGrowth(f, returns);
          const solvent = returns.every((r) => 1 + best.fraction * r > 0);
          const numbers = [best.fraction, best.growthRate, min, max, ...best.curve.fraction, ...best.curve.growthRate];
          const finite = numbers.every(Number.isFinite);
          return solvent && finite && best.growthRate >= g - 1e-12 * Math.max(1, Math.abs(g));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('property: G′(f*) = 0 to rounding, so no nearby fraction does better (1,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: -0.5, max: -1e-3, noNaN: true }),
        fc.double({ min: 1e-3, max: 0.5, noNaN: true }),
        fc.double({ min: -1e-3, max: 1e-3, noNaN: true }),
        (rest, loss, gain, eps) => {
          const returns = [loss, ...rest, gain];
          const best = kellyExact({ returns, curvePoints: 3 });
          const f = best.fraction * (1 + eps) + eps;
          const g = sampleGrowth(f, returns);
          return g === Number.NEGATIVE_INFINITY || best.growthRate >= g - 1e-15;
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuses samples without a loss or without a gain: NO_SOLVENT_FRACTION', () => {
    for (const returns of [
      [0.01, 0.02, 0],
      [-0.01, -0.02],
      [0, 0],
    ]) {
      try {
        kellyExact({ returns });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(TradesizeError);
        expect((e as TradesizeError).code).toBe('NO_SOLVENT_FRACTION');
        expect((e as TradesizeError).path).toEqual(['returns']);
        expect((e as TradesizeError).message).toMatch(/no finite maximum/);
      }
    }
  });

  it('rejects bad input with typed errors naming the field', () => {
    const cases: [unknown, (string | number)[]][] = [
      [{ returns: [0.1] }, ['returns']],
      [{ returns: [0.1, Number.NaN, -0.1] }, ['returns', 1]],
      [{ returns: Float64Array.from([0.1, -0.1, Number.POSITIVE_INFINITY]) }, ['returns', 2]],
      [{ returns: [0.1, -0.1], curvePoints: 2 }, ['curvePoints']],
      [{ returns: [0.1, -0.1], curvePoints: 10.5 }, ['curvePoints']],
      [{}, ['returns']],
    ];
    for (const [input, path] of cases) {
      try {
        kellyExact(input as { returns: number[] });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(TradesizeError);
        expect((e as TradesizeError).code).toBe('INVALID_INPUT');
        expect((e as TradesizeError).path).toEqual(path);
      }
    }
  });
});

describeWithSharedData('kellyExact on BTC daily simple returns', [fixture.btc.file], () => {
  it('matches scipy on the same file', () => {
    expectMatchesScipy(sharedSimpleReturns(fixture.btc), fixture.btc.empirical);
  });
});
