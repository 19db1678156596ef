import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { monteCarloPortfolio, correlationMatrix } from '../../src/stress/monte-carlo-portfolio.js';
import { studentTJointReturns, bootstrapJointReturns, gammaVariate, scalesFromVols } from '../../src/stress/joint-returns.js';
import { fitJointStudentT, kendallTau } from '../../src/stress/fit-joint.js';
import { alignedLogReturns } from '../../src/stress/history.js';
import { parsePortfolio } from '../../src/portfolio/schema.js';
import { createRng } from '../../src/stats/random.js';
import { TradesizeError } from '../../src/core/errors.js';
import { describeWithSharedData, readFixture, readSharedData } from '../helpers/shared-data.js';
import { parseOhlcCsv } from '../../src/market/ohlc-csv.js';

const all = readFixture<{ monteCarlo: { portfolio: unknown; nu: number; threshold: number; pLiquidation: number }; fit: { sample: number[][]; kendallTau: number[][]; tFit: { loc: number; scale: number; nu: number }[] } }>('risk/stress-grid.json');
const fixture = all.monteCarlo;
const multi = JSON.parse(readFileSync(new URL('../../examples/portfolio-multi.json', import.meta.url), 'utf8')) as Record<string, unknown>;

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof TradesizeError) return [e.code, e.path];
    throw e;
  }
  return null;
};

describe('Monte Carlo stress', () => {
  it('one-day liquidation probability of a linear perpetual matches scipy.stats.t.cdf at the threshold (within 4 standard errors)', () => {
    const r = monteCarloPortfolio(fixture.portfolio, { paths: 20_000, days: 1, nu: fixture.nu, seed: 11 });
    expect(Math.abs(r.pLiquidation - fixture.pLiquidation)).toBeLessThan(4 * r.standardError);
    expect(r.standardError).toBeCloseTo(Math.sqrt((r.pLiquidation * (1 - r.pLiquidation)) / 20_000), 15);
  });

  it('is seeded (same seed, same result) and reports ordered tail losses', () => {
    const a = monteCarloPortfolio(multi, { paths: 500, days: 5, seed: 3 });
    expect(monteCarloPortfolio(multi, { paths: 500, days: 5, seed: 3 })).toEqual(a);
    expect(a.var99).toBeGreaterThanOrEqual(a.var95);
    expect(a.es95).toBeGreaterThanOrEqual(a.var95);
    expect(a.es99).toBeGreaterThanOrEqual(a.var99);
  });

  it('Student-t draws: daily sd σ/√365 and the target correlation, within 4 standard errors (60,000 draws)', () => {
    const [paths, nu, rho] = [60_000, 6, 0.7];
    const x = studentTJointReturns({ scales: scalesFromVols([0.6, 0.9], nu), correlation: [1, rho, rho, 1], nu, days: 1, paths, seed: 5 });
    let sa = 0, sb = 0, sab = 0;
    for (let i = 0; i < paths; i++) {
      const a = x[2 * i] as number;
      const b = x[2 * i + 1] as number;
      sa += a * a; sb += b * b; sab += a * b;
    }
    // t_ν has kurtosis 3 + 6/(ν − 4) = 6, so Var(x²) = 5σ⁴ and, by the delta method, sd(s/σ) = √(5/n)/2.
    const kurtosis = 3 + 6 / (nu - 4);
    const sdError = Math.sqrt((kurtosis - 1) / paths) / 2;
    expect(Math.abs(Math.sqrt(sa / paths) / (0.6 / Math.sqrt(365)) - 1)).toBeLessThan(4 * sdError);
    expect(Math.abs(Math.sqrt(sb / paths) / (0.9 / Math.sqrt(365)) - 1)).toBeLessThan(4 * sdError);
    // Elliptical law with kurtosis parameter κ = (kurtosis − 3)/3: √n(r − ρ) → N(0, (1 + κ)(1 − ρ²)²)
    // (Muirhead, "Aspects of Multivariate Statistical Theory", 1982, §5.1: r under elliptical sampling).
    const corrError = Math.sqrt((1 + (kurtosis - 3) / 3) / paths) * (1 - rho * rho);
    expect(Math.abs(sab / Math.sqrt(sa * sb) - rho)).toBeLessThan(4 * corrError);
  });

  it('fitted multivariate t: Kendall τ equals scipy.stats.kendalltau (1e-12); per-column t fits match scipy.stats.t.fit (scale 1e-3, ν 1e-2 relative)', () => {
    const { sample, kendallTau: tau, tFit } = all.fit;
    const cols = [0, 1, 2].map((u) => sample.map((row) => row[u] as number));
    for (let u = 0; u < 3; u++) for (let v = 0; v < u; v++) expect(kendallTau(cols[u] as number[], cols[v] as number[])).toBeCloseTo((tau[u] as number[])[v] as number, 12);
    const fit = fitJointStudentT({ underlyings: ['A', 'B', 'C'], dates: sample.map((_, i) => String(i)), returns: Float64Array.from(sample.flat()) });
    fit.perUnderlying.forEach((f, u) => {
      const ref = tFit[u] as { scale: number; nu: number };
      expect(Math.abs(f.scale / ref.scale - 1)).toBeLessThan(1e-3);
      expect(Math.abs(f.nu / ref.nu - 1)).toBeLessThan(1e-2);
    });
    expect(fit.correlation[1]).toBeCloseTo(Math.sin((Math.PI / 2) * ((tau[1] as number[])[0] as number)), 12);
  });

  it('fitted multivariate t recovers the model it was simulated from (4,000 days: ν, scales, correlation)', () => {
    const scales = [0.02, 0.03, 0.05];
    const correlation = [1, 0.6, 0.4, 0.6, 1, 0.5, 0.4, 0.5, 1];
    const returns = studentTJointReturns({ scales, correlation, nu: 4, days: 1, paths: 4_000, seed: 21 });
    const fit = fitJointStudentT({ underlyings: ['A', 'B', 'C'], dates: Array.from({ length: 4_000 }, (_, i) => String(i)), returns });
    expect(Math.abs(fit.nu - 4)).toBeLessThan(0.8);
    fit.scales.forEach((s, u) => expect(Math.abs(s / (scales[u] as number) - 1)).toBeLessThan(0.05));
    for (const k of [1, 2, 5]) expect(Math.abs((fit.correlation[k] as number) - (correlation[k] as number))).toBeLessThan(0.05);
  });

  it('Gamma variates have mean a and variance a, within 4 standard errors (shapes 0.5, 2, 7.5; 40,000 draws)', () => {
    const rng = createRng(9);
    for (const a of [0.5, 2, 7.5]) {
      const n = 40_000;
      let s = 0, s2 = 0;
      for (let i = 0; i < n; i++) {
        const g = gammaVariate(rng, a);
        s += g; s2 += g * g;
      }
      const mean = s / n;
      expect(Math.abs(mean - a)).toBeLessThan(4 * Math.sqrt(a / n));
      // Gamma(a, 1): central fourth moment μ4 = 3a² + 6a, so Var(s²) ≈ (μ4 − σ⁴)/n = (2a² + 6a)/n
      // (Cramér, "Mathematical Methods of Statistics", 1946, ch. 27; Gamma cumulants κ_r = (r − 1)!·a).
      expect(Math.abs(s2 / n - mean * mean - a)).toBeLessThan(4 * Math.sqrt((2 * a * a + 6 * a) / n));
    }
  });

  it('the bootstrap draws whole dates in blocks: every drawn row is a row of the history, consecutive within a block', () => {
    const history = Float64Array.from({ length: 40 }, (_, i) => i); // 20 dates × 2
    const out = bootstrapJointReturns({ history, underlyings: 2, days: 12, paths: 3, blockLength: 4, seed: 1 });
    for (let t = 0; t < out.length / 2; t++) {
      const a = out[2 * t] as number;
      expect(out[2 * t + 1]).toBe(a + 1);
      if (t % 12 % 4 !== 0) expect(a).toBe((out[2 * (t - 1)] as number) + 2);
    }
  });

  it('correlations fill a symmetric matrix with a unit diagonal; errors name the field', () => {
    expect(Array.from(correlationMatrix(parsePortfolio(multi)))).toEqual([1, 0.85, 0.75, 0.85, 1, 0.8, 0.75, 0.8, 1]);
    expect(code(() => monteCarloPortfolio({ ...multi, correlations: { 'BTC/ETH': 0.99, 'BTC/SOL': -0.99, 'ETH/SOL': 0.99 } }, { paths: 100 }))).toEqual(['INVALID_INPUT', ['correlations']]);
    expect(code(() => monteCarloPortfolio(multi, { paths: 10 }))).toEqual(['INVALID_INPUT', ['paths']]);
    expect(code(() => monteCarloPortfolio(multi, { method: 'bootstrap', paths: 100 }))).toEqual(['MISSING_OPTION', ['history']]);
    expect(code(() => monteCarloPortfolio(multi, { method: 'fitted-t', paths: 100 }))).toEqual(['MISSING_OPTION', ['history']]);
    const linearSol = (multi.positions as { kind: string; underlying: string }[]).filter((x) => !(x.kind === 'option' && x.underlying === 'SOL'));
    const noVol = { ...multi, positions: linearSol, underlyings: { ...(multi.underlyings as object), SOL: { spot: 150 } } };
    expect(code(() => monteCarloPortfolio(noVol, { paths: 100 }))).toEqual(['INVALID_INPUT', ['underlyings', 'SOL', 'vol']]);
  });

  it('alignedLogReturns keeps only common dates', () => {
    const h = alignedLogReturns([
      { name: 'A', timestamps: ['d1', 'd2', 'd3', 'd4'], closes: [1, 2, 4, 8] },
      { name: 'B', timestamps: ['d2', 'd3', 'd4', 'd5'], closes: [10, 5, 5, 1] },
    ]);
    expect(h.dates).toEqual(['d3', 'd4']);
    expect(Array.from(h.returns)).toEqual([Math.log(2), Math.log(0.5), Math.log(2), 0]);
    expect(code(() => alignedLogReturns([{ name: 'A', timestamps: ['x'], closes: [1] }]))).toEqual(['INSUFFICIENT_DATA', []]);
  });
});

const FILES = ['ohlcv/btc-usdt-1d.csv', 'ohlcv/eth-usdt-1d.csv', 'ohlcv/sol-usdt-1d.csv'];
describeWithSharedData('Monte Carlo stress bootstrapped from ../shared/data daily history', FILES, () => {
  it('aligns BTC, ETH and SOL by date and gives a fatter-tailed 10-day loss than its own 1-day loss, seeded', () => {
    const series = ['BTC', 'ETH', 'SOL'].map((name, i) => {
      const csv = parseOhlcCsv(readSharedData(FILES[i] as string));
      return { name, timestamps: csv.timestamps ?? [], closes: csv.close };
    });
    const history = alignedLogReturns(series);
    expect(history.dates.length).toBeGreaterThan(1000);
    const ten = monteCarloPortfolio(multi, { method: 'bootstrap', history, paths: 2_000, days: 10, blockLength: 5, seed: 2 });
    const one = monteCarloPortfolio(multi, { method: 'bootstrap', history, paths: 2_000, days: 1, blockLength: 1, seed: 2 });
    expect(ten.var99).toBeGreaterThan(one.var99);
    expect(monteCarloPortfolio(multi, { method: 'bootstrap', history, paths: 2_000, days: 10, blockLength: 5, seed: 2 })).toEqual(ten);
    const fitted = monteCarloPortfolio(multi, { method: 'fitted-t', history, paths: 2_000, days: 10, seed: 2 });
    // The ν it simulates is the joint fit of the same history (fitJointStudentT is checked against scipy above).
    expect(fitted.nu).toBe(fitJointStudentT(history).nu);
  });

  it('one-day bootstrap liquidation probability of the linear perpetual equals the share of BTC days at or below its threshold (within 4 standard errors)', () => {
    const csv = parseOhlcCsv(readSharedData(FILES[0] as string));
    const history = alignedLogReturns([{ name: 'BTC', timestamps: csv.timestamps ?? [], closes: csv.close }]);
    // scripts/fixtures/portfolio_stress.py: liquidation iff the day's log return r ≤ threshold.
    const days = Array.from(history.returns);
    const share = days.filter((r) => r <= fixture.threshold).length / days.length;
    expect(share).toBeGreaterThan(0.05);
    const paths = 20_000;
    const r = monteCarloPortfolio(fixture.portfolio, { method: 'bootstrap', history, paths, days: 1, blockLength: 1, seed: 4 });
    expect(Math.abs(r.pLiquidation - share)).toBeLessThan(4 * Math.sqrt((share * (1 - share)) / paths));
  });
});
