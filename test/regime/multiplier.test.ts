/**
 * regimeMultiplier: default tables (inverse vol for an HMM, low/normal/high steps for the
 * classifier), user tables, probability weighting, range (0, 1] and errors.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { regimeMultiplier } from '../../src/regime/multiplier.js';
import type { RegimeReport } from '../../src/regime/report.js';
import type { VolRegimeReport } from '../../src/regime/vol-regime.js';
import { thrown } from '../helpers/assert.js';

function hmmReport(vols: number[], probabilities: number[]): RegimeReport {
  const labels = vols.length === 2 ? ['calm', 'turbulent'] : ['calm', 'normal', 'turbulent'];
  let current = 0;
  probabilities.forEach((p, s) => (current = p > (probabilities[current] as number) ? s : current));
  return {
    method: 'hmm',
    states: vols.map((vol, s) => ({ state: s, label: labels[s] as string, mean: 0, vol, annualizedMean: 0, annualizedVol: vol * Math.sqrt(365), persistence: 0.9, share: 1 / vols.length })),
    transitionMatrix: vols.map((_, i) => vols.map((__, j) => (i === j ? 1 : 0))),
    initialDistribution: probabilities,
    current,
    currentLabel: labels[current] as string,
    probabilities,
    viterbiCurrent: current,
    logLikelihood: 0,
    iterations: 1,
    converged: true,
    observations: 100,
    periodsPerYear: 365,
    periodsPerYearSource: 'given',
  };
}

const volReport = (current: 'low' | 'normal' | 'high', percentile: number): VolRegimeReport => ({
  method: 'vol',
  current,
  percentile,
  periodVol: 0.03,
  annualizedVol: 0.03 * Math.sqrt(365),
  thresholdVols: [0.4, 0.55],
  thresholds: [1 / 3, 2 / 3],
  lambda: 0.94,
  window: 365,
  observations: 1000,
  periodsPerYear: 365,
  periodsPerYearSource: 'inferred',
});

describe('regimeMultiplier', () => {
  it('HMM default: σ_calm/σ_k weighted by the filtered probabilities', () => {
    const m = regimeMultiplier(hmmReport([0.01, 0.04], [0.25, 0.75]));
    expect(m.multiplier).toBeCloseTo(0.25 * 1 + 0.75 * 0.25, 15);
    expect(m.regime).toBe('hmm-state-1 of 2 (turbulent)');
    expect(m.explanation).toContain('probability-weighted');
    const c = regimeMultiplier(hmmReport([0.01, 0.04], [0.25, 0.75]), undefined, { weighting: 'current' });
    expect(c.multiplier).toBe(0.25);
    expect(c.explanation).toContain('current state turbulent');
  });

  it('HMM user table; weighted multipliers stay in [min table, max table] ⊂ (0, 1]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-3, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }).filter((w) => w.some((x) => x > 0)),
        (table, w) => {
          const s = w.reduce((a, b) => a + b, 0);
          const m = regimeMultiplier(hmmReport([0.01, 0.02, 0.05], w.map((x) => x / s)), table).multiplier;
          expect(m).toBeGreaterThanOrEqual(Math.min(...table));
          expect(m).toBeLessThanOrEqual(Math.max(...table));
          expect(m > 0 && m <= 1).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('volatility regimes: default low 1, normal 0.75, high 0.5, or a user table', () => {
    expect(regimeMultiplier(volReport('low', 0.1)).multiplier).toBe(1);
    expect(regimeMultiplier(volReport('normal', 0.5)).multiplier).toBe(0.75);
    const high = regimeMultiplier(volReport('high', 0.9));
    expect(high.multiplier).toBe(0.5);
    expect(high.regime).toBe('vol-high');
    expect(high.explanation).toContain('percentile 90');
    expect(regimeMultiplier(volReport('high', 0.9), { low: 1, normal: 0.8, high: 0.3 }).multiplier).toBe(0.3);
  });

  it('bad tables name the entry', () => {
    const cases: [() => unknown, (string | number)[]][] = [
      [() => regimeMultiplier(hmmReport([0.01, 0.04], [0.5, 0.5]), [1, 0]), ['table', 1]],
      [() => regimeMultiplier(hmmReport([0.01, 0.04], [0.5, 0.5]), [1, 1.2]), ['table', 1]],
      [() => regimeMultiplier(hmmReport([0.01, 0.04], [0.5, 0.5]), [1, 0.5, 0.2]), ['table']],
      [() => regimeMultiplier(volReport('low', 0.1), [1, 0.5, 0.2]), ['table']],
      [() => regimeMultiplier(volReport('low', 0.1), { low: 1, normal: 0.5 }), ['table', 'high']],
      [() => regimeMultiplier(volReport('low', 0.1), { low: 1, normal: 0.5, high: 0.2, extreme: 0.1 }), ['table', 'extreme']],
      [() => regimeMultiplier(hmmReport([0.01, 0.04], [0.5, 0.5]), undefined, { weighting: 'max' as 'current' }), ['weighting']],
    ];
    for (const [f, path] of cases) {
      const e = thrown(f);
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.path).toEqual(path);
    }
  });
});
