import { describe, expect, it } from 'vitest';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { kellyFromReturns, quantileScenarios } from '../../src/kelly/distribution.js';
import { kellyExact } from '../../src/kelly/exact.js';
import { fitStudentT } from '../../src/stats/student-t-fit.js';
import { TradesizeError } from '../../src/core/errors.js';
import { describeWithSharedData, readFixture, sharedSimpleReturns } from '../helpers/shared-data.js';

interface ScipyKelly {
  fraction: number;
  growthRate: number;
  solventRange: { min: number; max: number };
}
interface BtcFixture {
  file: string;
  rows: number;
  firstTimestamp: string;
  lastTimestamp: string;
  empirical: ScipyKelly;
  normal: ScipyKelly & { model: { mu: number; sigma: number }; scenarios: number };
  'student-t': ScipyKelly & { model: { loc: number; scale: number; nu: number }; scenarios: number };
}

const fixture = readFixture<{ scipy: string; cases: { name: string; returns: number[] }[]; btc: BtcFixture }>('kelly/exact.json');
const btc = fixture.btc;
const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const sample = (name: string): number[] => fixture.cases.find((c) => c.name === name)?.returns ?? [];

function expectCode(call: () => unknown, code: string, path: (string | number)[]): void {
  try {
    call();
    expect.unreachable();
  } catch (e) {
    expect(e).toBeInstanceOf(TradesizeError);
    expect((e as TradesizeError).code).toBe(code);
    expect((e as TradesizeError).path).toEqual(path);
  }
}

describe('quantileScenarios', () => {
  it('maps the stratum midpoints (i − ½)/n through the quantile and exp − 1', () => {
    expect(Array.from(quantileScenarios((p) => p, 4))).toEqual([0.125, 0.375, 0.625, 0.875].map(Math.expm1));
  });
});

describe('kellyFromReturns', () => {
  const returns = sample('skewed-mixture');

  it('empirical: the exact Kelly of the sample itself', () => {
    const r = kellyFromReturns({ returns, dist: 'empirical' });
    const direct = kellyExact({ returns });
    expect(r.fraction).toBe(direct.fraction);
    expect(r.growthRate).toBe(direct.growthRate);
    expect(r.dist).toBe('empirical');
    expect(r.scenarioCount).toBe(returns.length);
    expect(r.model).toBeUndefined();
    expect(r.tailProbability).toBeUndefined();
  });

  it('empirical + bootstrap: reproducible per seed, sized by `samples`, close to the sample optimum', () => {
    const a = kellyFromReturns({ returns, dist: 'empirical', bootstrap: { seed: 9, samples: 50_000 } });
    const b = kellyFromReturns({ returns, dist: 'empirical', bootstrap: { seed: 9, samples: 50_000 } });
    const blocks = kellyFromReturns({ returns, dist: 'empirical', bootstrap: { seed: 9, samples: 50_000, blockLength: 10 } });
    expect(a.fraction).toBe(b.fraction);
    expect(a.scenarioCount).toBe(50_000);
    const direct = kellyExact({ returns }).fraction;
    expect(relative(a.fraction, direct)).toBeLessThan(0.15);
    expect(relative(blocks.fraction, direct)).toBeLessThan(0.15);
    expect(blocks.fraction).not.toBe(a.fraction);
  });

  it('normal: quantile scenarios of N(mean, sd) of log returns, every scenario > −100 %', () => {
    const r = kellyFromReturns({ returns, dist: 'normal', scenarios: 2000 });
    const x = returns.map(Math.log1p);
    const mu = x.reduce((s, v) => s + v, 0) / x.length;
    expect(r.model).toEqual({ kind: 'normal', mu: expect.closeTo(mu, 15), sigma: expect.any(Number) });
    expect(r.scenarioCount).toBe(2000);
    expect(r.tailProbability).toBe(0.5 / 2000);
    expect(r.solventRange.min).toBeLessThan(0);
    expect(r.solventRange.max).toBeGreaterThan(1);
  });

  it('student-t: scenarios from the ML fit of log returns; the tails shrink the solvent range', () => {
    const x = sample('fat-tailed-t3');
    const t = kellyFromReturns({ returns: x, dist: 'student-t' });
    const fit = fitStudentT(x.map(Math.log1p));
    expect(t.model).toEqual({ kind: 'student-t', loc: fit.loc, scale: fit.scale, nu: fit.nu, logLikelihood: fit.logLikelihood });
    expect(t.scenarioCount).toBe(10_000);
    expect(t.tailProbability).toBe(5e-5);
    const n = kellyFromReturns({ returns: x, dist: 'normal' });
    expect(t.solventRange.max).toBeLessThan(n.solventRange.max);
  });

  it('all-gain scenarios have no Kelly optimum: NO_SOLVENT_FRACTION', () => {
    const gains = Array.from({ length: 50 }, (_, i) => 0.1 + 0.0001 * i);
    expectCode(() => kellyFromReturns({ returns: gains, dist: 'normal', scenarios: 100 }), 'NO_SOLVENT_FRACTION', ['returns']);
  });

  it('rejects bad input with typed errors naming the field', () => {
    expectCode(() => kellyFromReturns({ returns: [0.1, -1, 0.2], dist: 'normal' }), 'INVALID_INPUT', ['returns', 1]);
    expectCode(() => kellyFromReturns({ returns: [0.1, -0.2], dist: 'normal' }), 'INVALID_INPUT', ['returns']);
    expectCode(() => kellyFromReturns({ returns: [0.1, -0.2, 0.3], dist: 'lognormal' as 'normal' }), 'INVALID_INPUT', ['dist']);
    expectCode(() => kellyFromReturns({ returns, dist: 'normal', scenarios: 1 }), 'INVALID_INPUT', ['scenarios']);
    expectCode(
      () => kellyFromReturns({ returns, dist: 'student-t', bootstrap: { seed: 1 } }),
      'CONFLICTING_OPTIONS',
      ['bootstrap'],
    );
    expectCode(
      () => kellyFromReturns({ returns: [0.1, -0.2, 0.3], dist: 'empirical', bootstrap: { seed: 1, blockLength: 4 } }),
      'INVALID_INPUT',
      ['bootstrap', 'blockLength'],
    );
    expectCode(() => kellyFromReturns({ returns: [0.1, -0.2, 0.3], dist: 'empirical', bootstrap: { seed: 0.5 } }), 'INVALID_INPUT', [
      'bootstrap',
      'seed',
    ]);
    expectCode(() => kellyFromReturns({ returns: [0.01, 0.01, 0.01], dist: 'normal' }), 'INSUFFICIENT_DATA', ['returns']);
    expectCode(() => kellyFromReturns({ returns: [0.01, 0.01, -0.01, 0.02], dist: 'student-t' }), 'INSUFFICIENT_DATA', ['returns']);
  });
});

describeWithSharedData('kellyFromReturns on BTC daily simple returns', [btc.file], () => {
  const closesReturns = (): number[] => sharedSimpleReturns(btc);

  it(`empirical and normal match scipy's optimum of the same scenarios (scipy ${fixture.scipy})`, () => {
    const returns = closesReturns();
    const empirical = kellyFromReturns({ returns, dist: 'empirical' });
    expect(relative(empirical.fraction, btc.empirical.fraction)).toBeLessThan(1e-9);
    expect(Math.abs(empirical.growthRate - btc.empirical.growthRate)).toBeLessThan(1e-12);

    const normal = kellyFromReturns({ returns, dist: 'normal', scenarios: btc.normal.scenarios });
    expect(normal.model).toEqual({
      kind: 'normal',
      mu: expect.closeTo(btc.normal.model.mu, 15),
      sigma: expect.closeTo(btc.normal.model.sigma, 14),
    });
    expect(relative(normal.fraction, btc.normal.fraction)).toBeLessThan(1e-9);
    expect(Math.abs(normal.growthRate - btc.normal.growthRate)).toBeLessThan(1e-12);
  });

  it("student-t: stdlib quantiles at scipy's fitted parameters reproduce scipy's optimum", () => {
    const { loc, scale, nu } = btc['student-t'].model;
    const scenarios = quantileScenarios((p) => loc + scale * tQuantile(p, nu), btc['student-t'].scenarios);
    const r = kellyExact({ returns: scenarios });
    expect(relative(r.fraction, btc['student-t'].fraction)).toBeLessThan(1e-9);
    expect(Math.abs(r.growthRate - btc['student-t'].growthRate)).toBeLessThan(1e-12);
  });

  it('student-t end to end: our fit, then Kelly, within 1e-5 of scipy (fit tolerance dominates)', () => {
    const r = kellyFromReturns({ returns: closesReturns(), dist: 'student-t' });
    expect(r.model?.kind).toBe('student-t');
    expect(relative(r.fraction, btc['student-t'].fraction)).toBeLessThan(1e-5);
    expect(Math.abs(r.growthRate - btc['student-t'].growthRate)).toBeLessThan(1e-9);
    // Fat tails: a smaller leveraged fraction than the normal model of the same history.
    expect(r.fraction).toBeLessThan(btc.normal.fraction);
  });
});
