/**
 * hmmRegimes: the report built from fitHmm (annualisation, current = argmax of the filtered
 * probabilities at the last return, shares) and its input handling.
 */
import { describe, expect, it } from 'vitest';
import { hmmRegimes } from '../../src/regime/report.js';
import { fitHmm } from '../../src/regime/hmm.js';
import { thrown } from '../helpers/assert.js';
import { simulateHmm } from './arbitraries.js';

const P = { means: [0.001, -0.002], variances: [1e-4, 1.6e-3], transition: [[0.97, 0.03], [0.06, 0.94]], initial: [0.5, 0.5] };
const logs = simulateHmm(21, 700, P);
const simple = logs.map(Math.expm1);

describe('hmmRegimes', () => {
  it('reports the fit on the log returns, annualised, with current = argmax of the last filtered row', () => {
    const r = hmmRegimes({ values: simple, input: 'returns', periodsPerYear: 365 });
    const fit = fitHmm(simple.map(Math.log1p));
    expect(r.method).toBe('hmm');
    expect(r.logLikelihood).toBe(fit.logLikelihood);
    const last = Array.from(fit.filtered.at(-1) as Float64Array);
    expect(r.probabilities).toEqual(last);
    expect(r.current).toBe(last.indexOf(Math.max(...last)));
    expect(r.currentLabel).toBe(['calm', 'turbulent'][r.current]);
    r.states.forEach((s, k) => {
      expect(s.mean).toBe(fit.means[k]);
      expect(s.vol).toBe(fit.vols[k]);
      expect(s.annualizedMean).toBeCloseTo((fit.means[k] as number) * 365, 14);
      expect(s.annualizedVol).toBeCloseTo((fit.vols[k] as number) * Math.sqrt(365), 14);
      expect(s.persistence).toBe(fit.transition[k]?.[k]);
    });
    expect(r.states.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 12);
    expect(r.transitionMatrix).toEqual(fit.transition);
    expect(r.viterbiCurrent).toBe(fit.viterbi.at(-1));
    expect(r.observations).toBe(700);
    expect(r.periodsPerYearSource).toBe('given');
  });

  it('3 states are labelled calm, normal, turbulent; prices and hourly timestamps work', () => {
    const prices = [50_000];
    logs.forEach((x) => prices.push((prices.at(-1) as number) * Math.exp(x)));
    const timestamps = prices.map((_, i) => new Date(Date.UTC(2024, 0, 1, i)).toISOString());
    const r = hmmRegimes({ values: prices, timestamps, states: 3 });
    expect(r.states.map((s) => s.label)).toEqual(['calm', 'normal', 'turbulent']);
    expect(r.periodsPerYear).toBeCloseTo(8760, 9);
    expect(r.periodsPerYearSource).toBe('inferred');
    expect(r.observations).toBe(700);
  });

  it('errors are reported on values (not the internal returns)', () => {
    const cases: [unknown, string, (string | number)[]][] = [
      [{ values: simple.slice(0, 19), input: 'returns' }, 'INSUFFICIENT_DATA', ['values']],
      [{ values: simple, input: 'returns', states: 4 }, 'INVALID_INPUT', ['states']],
      [{ values: [100, 0, 100], input: 'prices' }, 'INVALID_INPUT', ['values', 1]],
      [{ values: new Array<number>(40).fill(0.01), input: 'returns' }, 'INSUFFICIENT_DATA', ['values']],
    ];
    for (const [input, code, path] of cases) {
      const e = thrown(() => hmmRegimes(input as Parameters<typeof hmmRegimes>[0]));
      expect(e.code).toBe(code);
      expect(e.path).toEqual(path);
    }
  });
});
