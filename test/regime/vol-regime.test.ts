/**
 * volRegime: the EWMA percentile classifier, checked against a direct computation, causality
 * (appending data never changes an earlier label), thresholds and errors.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { volRegime } from '../../src/regime/vol-regime.js';
import { ewmaVariance } from '../../src/volatility/ewma.js';
import { thrown } from '../helpers/assert.js';
import { simulateHmm } from './arbitraries.js';

const CALM_THEN_WILD = { means: [0, 0], variances: [1e-4, 2.5e-3], transition: [[0.99, 0.01], [0.01, 0.99]], initial: [1, 0] };
const returns = simulateHmm(3, 800, CALM_THEN_WILD).map((r) => Math.expm1(r));

describe('volRegime', () => {
  it('ranks the EWMA forecast in the w forecasts before it (mid-rank) and annualises with √periods', () => {
    const r = volRegime({ values: returns, input: 'returns', window: 100, periodsPerYear: 365 });
    const logs = returns.map(Math.log1p);
    const v = ewmaVariance(logs, 0.94);
    const current = Math.sqrt(v[logs.length] as number);
    const history = Array.from(v.slice(logs.length - 100, logs.length)).map(Math.sqrt);
    const below = history.filter((s) => s < current).length;
    const equal = history.filter((s) => s === current).length;
    expect(r.percentile).toBe((below + 0.5 * equal) / 100);
    expect(r.periodVol).toBe(current);
    expect(r.annualizedVol).toBeCloseTo(current * Math.sqrt(365), 14);
    expect(r.window).toBe(100);
    expect(r.observations).toBe(800);
    expect(r.current).toBe(r.percentile < 1 / 3 ? 'low' : r.percentile > 2 / 3 ? 'high' : 'normal');
    expect(r.thresholdVols[0]).toBeLessThanOrEqual(r.thresholdVols[1]);
  });

  it('labels a jump in volatility high and a quiet stretch after turbulence low', () => {
    const quiet = Array.from({ length: 300 }, (_, i) => 0.01 * Math.sin(i * 1.7));
    const jump = [...quiet, 0.12, -0.1];
    expect(volRegime({ values: jump, input: 'returns' }).current).toBe('high');
    const wild = Array.from({ length: 300 }, (_, i) => 0.06 * Math.sin(i * 1.3));
    const calmed = [...wild, ...Array.from({ length: 60 }, (_, i) => 0.002 * Math.sin(i))];
    expect(volRegime({ values: calmed, input: 'returns' }).current).toBe('low');
  });

  it('is causal: the current forecast on the first t returns is the full series’ forecast σ_t (t ≥ 75, same backcast)', () => {
    const full = ewmaVariance(returns.map(Math.log1p), 0.94);
    fc.assert(
      fc.property(fc.integer({ min: 75, max: 800 }), (t) => {
        const r = volRegime({ values: returns.slice(0, t), input: 'returns', window: 60 });
        expect(r.periodVol).toBe(Math.sqrt(full[t] as number));
      }),
      { numRuns: 1000 },
    );
  });

  it('percentile in [0, 1] and the label follows the thresholds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 30, max: 800 }), fc.double({ min: 0.05, max: 0.45, noNaN: true }), fc.double({ min: 0.55, max: 0.95, noNaN: true }), (t, lo, hi) => {
        const r = volRegime({ values: returns.slice(0, t), input: 'returns', thresholds: [lo, hi], window: 50 });
        expect(r.percentile).toBeGreaterThanOrEqual(0);
        expect(r.percentile).toBeLessThanOrEqual(1);
        expect(r.current).toBe(r.percentile < lo ? 'low' : r.percentile > hi ? 'high' : 'normal');
      }),
      { numRuns: 1000 },
    );
  });

  it('prices are turned into log returns; timestamps give the periods per year', () => {
    const prices = [100];
    returns.forEach((r) => prices.push((prices.at(-1) as number) * (1 + r)));
    const timestamps = prices.map((_, i) => new Date(Date.UTC(2024, 0, 1, i)).toISOString());
    const p = volRegime({ values: prices, input: 'prices', timestamps });
    const q = volRegime({ values: returns, input: 'returns' });
    expect(p.periodsPerYear).toBeCloseTo(8760, 9);
    expect(p.periodsPerYearSource).toBe('inferred');
    expect(p.percentile).toBe(q.percentile);
    expect(Math.abs(p.periodVol - q.periodVol)).toBeLessThanOrEqual(1e-12 * q.periodVol);
  });

  it('errors name the field', () => {
    const cases: [unknown, string, (string | number)[]][] = [
      [{ values: returns.slice(0, 29), input: 'returns' }, 'INSUFFICIENT_DATA', ['values']],
      [{ values: new Array<number>(50).fill(0), input: 'returns' }, 'INSUFFICIENT_DATA', ['values']],
      [{ values: returns, input: 'returns', thresholds: [0.7, 0.3] }, 'INVALID_INPUT', ['thresholds']],
      [{ values: returns, input: 'returns', lambda: 1 }, 'INVALID_INPUT', ['lambda']],
      [{ values: returns, input: 'returns', window: 5 }, 'INVALID_INPUT', ['window']],
      [{ values: [...returns.slice(0, 40), -1.5], input: 'returns' }, 'INVALID_INPUT', ['values', 40]],
      [{ values: returns, input: 'returns', timestamps: ['2024-01-01'] }, 'INVALID_INPUT', ['timestamps']],
    ];
    for (const [input, code, path] of cases) {
      const e = thrown(() => volRegime(input as Parameters<typeof volRegime>[0]));
      expect(e.code).toBe(code);
      expect(e.path).toEqual(path);
    }
  });
});
