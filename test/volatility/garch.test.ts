/**
 * GARCH(1,1) (src/volatility/garch.ts) against R fGarch::garchFit (scripts/fixtures/garch_fgarch.R)
 * on a seeded simulated series and on BTC daily log returns, plus kernels, forecasts, typed errors
 * and fast-check properties of the variance filter and the forecast.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitGarch, garchForecast, garchLogLikelihood, garchVariances, GARCH_MIN_OBSERVATIONS, type GarchFit } from '../../src/volatility/garch.js';
import { estimateVolatility } from '../../src/volatility/estimate.js';
import { describeWithSharedData, readFixture, readSharedData, sharedSimpleReturns, type SharedFileFingerprint } from '../helpers/shared-data.js';
import { parseSeriesCsv } from '../../src/market/csv.js';
import { expectRel, thrown } from '../helpers/assert.js';

interface RefFit {
  readonly mu: number;
  readonly omega: number;
  readonly alpha: number;
  readonly beta: number;
  readonly nu?: number;
  readonly logLikelihood: number;
  readonly standardErrors: Readonly<Record<string, number>>;
  readonly hNext: number;
  /** fGarch `predict(fit, n.ahead = 30)` variances h_{T+1} … h_{T+30}. */
  readonly hAhead: readonly number[];
}
interface GarchFixture {
  readonly R: string;
  readonly fGarch: string;
  readonly simulated: { readonly returns: number[]; readonly norm: RefFit; readonly std: RefFit };
  readonly real: readonly (SharedFileFingerprint & { readonly returns: number; readonly norm: RefFit; readonly std: RefFit })[];
}

const fixture = readFixture<GarchFixture>('volatility/garch.json');

/** Tolerances against fGarch: its optimiser (nlminb) stops at a slightly different point. */
const LL_REL = 1e-4;
const PARAM_REL = 1e-3;
const SE_REL = 0.05;

function compare(fit: GarchFit, ref: RefFit): void {
  // Our maximum is at least as high as fGarch's, and in fact equal to ~1e-9 relative.
  expect(fit.logLikelihood).toBeGreaterThanOrEqual(ref.logLikelihood - LL_REL * Math.abs(ref.logLikelihood));
  expectRel(fit.logLikelihood, ref.logLikelihood, 1e-8);
  expectRel(fit.mu, ref.mu, 1e-2);
  for (const k of ['omega', 'alpha', 'beta'] as const) expectRel(fit[k], ref[k], PARAM_REL);
  if (ref.nu !== undefined) expectRel(fit.nu as number, ref.nu, PARAM_REL);
  expectRel(fit.nextVariance, ref.hNext, PARAM_REL);
  const se = fit.standardErrors;
  expect(se).not.toBeNull();
  for (const k of ['mu', 'omega', 'alpha', 'beta'] as const) expectRel(se?.[k] as number, ref.standardErrors[k] as number, SE_REL);
  if (ref.nu !== undefined) expectRel(se?.nu as number, ref.standardErrors.shape as number, SE_REL);
  expect(fit.converged).toBe(true);
  expect(fit.persistence).toBeCloseTo(fit.alpha + fit.beta, 15);
}

describe('fitGarch against fGarch::garchFit on a simulated GARCH(1,1)-t series (3000 points)', () => {
  const x = fixture.simulated.returns;

  it('normal innovations', () => {
    const fit = fitGarch(x);
    compare(fit, fixture.simulated.norm);
    expect(fit.nu).toBeUndefined();
    expect(fit.innovations).toBe('normal');
  });

  it('Student-t innovations', () => {
    const fit = fitGarch(x, { innovations: 'student-t', horizon: 5, periodsPerYear: 252 });
    compare(fit, fixture.simulated.std);
    expect(fit.stationary).toBe(true);
    expect(fit.unconditionalVariance).toBeCloseTo(fit.omega / (1 - fit.alpha - fit.beta), 12);
    expect(fit.annualizedVol).toBeCloseTo(Math.sqrt(fit.nextVariance * 252), 12);
    expect(fit.forecasts).toHaveLength(5);
    const v = fit.unconditionalVariance as number;
    fit.forecasts.forEach((h, i) => expectRel(h, v + fit.persistence ** i * (fit.nextVariance - v), 1e-12));
  });

  it('30-step variance forecasts match fGarch predict(n.ahead = 30)', () => {
    for (const [innovations, ref] of [['normal', fixture.simulated.norm], ['student-t', fixture.simulated.std]] as const) {
      const fit = fitGarch(x, { innovations, horizon: 30 });
      expect(fit.forecasts).toHaveLength(30);
      fit.forecasts.forEach((h, i) => expectRel(h, ref.hAhead[i] as number, PARAM_REL));
    }
  });

  it('the log-likelihood at fGarch\'s own estimates equals fGarch\'s (same presample)', () => {
    for (const ref of [fixture.simulated.norm, fixture.simulated.std]) {
      expectRel(garchLogLikelihood(x, ref), ref.logLikelihood, 1e-10);
    }
  });
});

describeWithSharedData('fitGarch against fGarch::garchFit on BTC daily log returns', ['ohlcv/btc-usdt-1d.csv'], () => {
  const real = fixture.real.find((r) => r.file === 'ohlcv/btc-usdt-1d.csv');

  it('normal and Student-t innovations', () => {
    if (real === undefined) throw new Error('fixture has no btc-usdt-1d entry');
    const x = sharedSimpleReturns(real).map((r) => Math.log1p(r));
    expect(x).toHaveLength(real.returns);
    compare(fitGarch(x), real.norm);
    compare(fitGarch(x, { innovations: 'student-t' }), real.std);
  });

  it('estimateVolatility with a horizon: √(mean of fGarch\'s 30 forecasts × 365)', () => {
    if (real === undefined) throw new Error('fixture has no btc-usdt-1d entry');
    const closes = parseSeriesCsv(readSharedData('ohlcv/btc-usdt-1d.csv')).values;
    for (const [method, ref] of [['garch', real.norm], ['garch-t', real.std]] as const) {
      const est = estimateVolatility({ values: closes, input: 'prices', method, horizon: 30, periodsPerYear: 365 });
      const mean = ref.hAhead.reduce((a, h) => a + h, 0) / ref.hAhead.length;
      expect(est.horizon).toBe(30);
      expectRel(est.sigma, Math.sqrt(mean * 365), PARAM_REL);
      expectRel(est.periodVol, Math.sqrt(mean), PARAM_REL);
    }
  });
});

describe('GARCH kernels', () => {
  it('garchVariances starts at ω + (α+β)·mean(e²) and follows the recursion', () => {
    expect(Array.from(garchVariances([1, -1], { mu: 0, omega: 0.1, alpha: 0.1, beta: 0.8 }))).toEqual([1, 1, 1].map((v, i) => (i === 0 ? 0.1 + 0.9 * 1 : v)));
    const h = garchVariances([0.5, 1.5, -1], { mu: 0.5, omega: 0.2, alpha: 0.3, beta: 0.5 });
    const m2 = (0 + 1 + 2.25) / 3;
    expect(h[0]).toBeCloseTo(0.2 + 0.8 * m2, 15);
    expect(h[1]).toBeCloseTo(0.2 + 0 + 0.5 * (h[0] as number), 15);
    expect(h[2]).toBeCloseTo(0.2 + 0.3 * 1 + 0.5 * (h[1] as number), 15);
    expect(h[3]).toBeCloseTo(0.2 + 0.3 * 2.25 + 0.5 * (h[2] as number), 15);
  });

  it('garchLogLikelihood: normal closed form; −∞ outside the domain', () => {
    expect(garchLogLikelihood([1, -1], { mu: 0, omega: 0.1, alpha: 0.1, beta: 0.8 })).toBeCloseTo(-(Math.log(2 * Math.PI) + 1), 14);
    expect(garchLogLikelihood([1, -1], { mu: 0, omega: -5, alpha: 0.1, beta: 0.8 })).toBe(-Infinity);
    expect(garchLogLikelihood([1, -1], { mu: 0, omega: 0.1, alpha: 0.1, beta: 0.8, nu: 2 })).toBe(-Infinity);
  });

  it('garchForecast matches v + (α+β)^{k−1}(h − v)', () => {
    expect(garchForecast({ mu: 0, omega: 0.1, alpha: 0.1, beta: 0.8 }, 2, 3)).toEqual([2, 0.1 + 0.9 * 2, 0.1 + 0.9 * (0.1 + 0.9 * 2)]);
    const p = { mu: 0, omega: 0.02, alpha: 0.07, beta: 0.9 };
    const v = p.omega / (1 - p.alpha - p.beta);
    garchForecast(p, 3, 50).forEach((h, i) => expectRel(h, v + (p.alpha + p.beta) ** i * (3 - v), 1e-12));
  });
});

describe('fitGarch typed errors', () => {
  it('too few observations, constant series, non-finite values, bad options', () => {
    const short = Array.from({ length: GARCH_MIN_OBSERVATIONS - 1 }, (_, i) => Math.sin(i));
    expect(thrown(() => fitGarch(short))).toMatchObject({ code: 'INSUFFICIENT_DATA', path: ['returns'] });
    expect(thrown(() => fitGarch(new Array<number>(200).fill(0.01)))).toMatchObject({ code: 'INSUFFICIENT_DATA', path: ['returns'] });
    const bad = Array.from({ length: 200 }, (_, i) => Math.sin(i));
    bad[7] = Number.NaN;
    expect(thrown(() => fitGarch(bad))).toMatchObject({ code: 'INVALID_INPUT', path: ['returns', 7] });
    const ok = Array.from({ length: 200 }, (_, i) => Math.sin(i * 1.3));
    expect(thrown(() => fitGarch(ok, { innovations: 'cauchy' as 'normal' })).code).toBe('INVALID_INPUT');
    expect(thrown(() => fitGarch(ok, { horizon: 0 })).code).toBe('INVALID_INPUT');
  });

  it('estimateVolatility reports the errors on values', () => {
    const prices = Array.from({ length: 50 }, (_, i) => 100 + Math.sin(i));
    expect(thrown(() => estimateVolatility({ values: prices, input: 'prices', method: 'garch' }))).toMatchObject({ code: 'INSUFFICIENT_DATA', path: ['values'] });
    expect(thrown(() => estimateVolatility({ values: new Array<number>(300).fill(100), input: 'prices', method: 'garch-t' }))).toMatchObject({
      code: 'INSUFFICIENT_DATA',
      path: ['values'],
    });
  });
});

describe('estimateVolatility with method garch and garch-t', () => {
  it('annualises √h_{T+1} and carries the fit', () => {
    const x = fixture.simulated.returns.slice(0, 1000).map((r) => r / 100);
    const prices = [100];
    for (const r of x) prices.push((prices.at(-1) as number) * Math.exp(r));
    for (const method of ['garch', 'garch-t'] as const) {
      const est = estimateVolatility({ values: prices, input: 'prices', method, periodsPerYear: 252 });
      const fit = fitGarch(x, { innovations: method === 'garch' ? 'normal' : 'student-t', periodsPerYear: 252 });
      expect(est.method).toBe(method);
      expect(est.observations).toBe(1000);
      expectRel(est.sigma, fit.annualizedVol, 1e-6);
      expectRel(est.garch?.logLikelihood as number, fit.logLikelihood, 1e-9);
    }
  });
});

const paramsArb = fc
  .record({
    mu: fc.double({ min: -0.01, max: 0.01, noNaN: true }),
    omega: fc.double({ min: 1e-8, max: 1e-3, noNaN: true }),
    alpha: fc.double({ min: 0, max: 0.5, noNaN: true }),
    beta: fc.double({ min: 0, max: 0.99, noNaN: true }),
  })
  .filter((p) => p.alpha + p.beta < 0.999);

describe('GARCH properties (fast-check)', () => {
  it('h_t > 0 for every series and admissible parameters', () => {
    fc.assert(
      fc.property(paramsArb, fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 1, maxLength: 40 }), (p, r) => {
        for (const h of garchVariances(r, p)) if (!(h > 0)) return false;
        return Number.isFinite(garchLogLikelihood(r, p)) && Number.isFinite(garchLogLikelihood(r, { ...p, nu: 4 }));
      }),
      { numRuns: 1000 },
    );
  });

  it('stationary forecasts converge monotonically to the unconditional variance', () => {
    fc.assert(
      fc.property(paramsArb, fc.double({ min: 1e-8, max: 1, noNaN: true }), (p, hNext) => {
        const v = p.omega / (1 - p.alpha - p.beta);
        const f = garchForecast(p, hNext, 60);
        const tol = 1e-12 * Math.max(v, hNext);
        for (let i = 1; i < f.length; i++) {
          const prev = Math.abs((f[i - 1] as number) - v);
          const cur = Math.abs((f[i] as number) - v);
          if (cur > prev + tol) return false;
          // Never crosses v: the gap keeps its sign.
          if (((f[i] as number) - v) * (hNext - v) < 0 && cur > tol) return false;
        }
        return true;
      }),
      { numRuns: 1000 },
    );
  });
});
