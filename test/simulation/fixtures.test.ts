/**
 * Against independent references in test/fixtures/risk/monte-carlo.json
 * (scripts/fixtures/monte_carlo.py): numpy simulations of the student-t and GARCH(1,1)-t first
 * passage and of the maximum drawdown (a different generator and samplers: PCG64,
 * numpy's standard_t), compared within 3 combined standard errors √(se_numpy² + se_ours²); and
 * a Crank–Nicolson solution of the backward PDE for E[τ ∧ T], against the closed form.
 */
import { describe, expect, it } from 'vitest';
import { simulateFirstPassageSync } from '../../src/simulation/index.js';
import { simulateDrawdownSync } from '../../src/risk/drawdown/index.js';
import { meanExitTime } from '../../src/risk/exit-time/index.js';
import { readFixture } from '../helpers/shared-data.js';

interface Estimate { readonly mean: number; readonly stdError: number }
interface FirstPassageCase {
  readonly name: string; readonly model: 'student-t' | 'garch-t'; readonly price: number; readonly lower?: number; readonly upper?: number;
  readonly mu: number; readonly sigma?: number; readonly horizon: number; readonly nu: number;
  readonly omega?: number; readonly alpha?: number; readonly beta?: number; readonly h0?: number; readonly steps: number;
  readonly pLowerFirst: number; readonly pUpperFirst: number; readonly pNeither: number;
  readonly stdErrors: Record<'pLowerFirst' | 'pUpperFirst' | 'pNeither', number>; readonly expectedExitTime: Estimate;
}
interface DrawdownCase {
  readonly name: string; readonly model: 'gbm' | 'student-t'; readonly fraction: number; readonly mu: number; readonly sigma: number;
  readonly horizon: number; readonly nu?: number; readonly ruinLevel: number; readonly levels: number[];
  readonly steps: number; readonly meanMaxDrawdown: Estimate;
  readonly exceedance: { level: number; probability: number; stdError: number }[];
  readonly quantiles: { probability: number; maxDrawdown: number }[]; readonly ruin: { probability: number; stdError: number };
}
interface ExitTimeCase { readonly name: string; readonly a: number | null; readonly b: number | null; readonly nu: number; readonly sigma: number; readonly horizon: number | 'infinite'; readonly expectedExitTime: number; readonly gridError: number }
interface Fixture { readonly firstPassage: FirstPassageCase[]; readonly drawdown: DrawdownCase[]; readonly exitTime: ExitTimeCase[] }

const fx = readFixture<Fixture>('risk/monte-carlo.json');
const within = (ours: number, seOurs: number, ref: number, seRef: number) =>
  expect(Math.abs(ours - ref)).toBeLessThanOrEqual(3 * Math.hypot(seOurs, seRef) + 1e-12);

describe('student-t and GARCH(1,1)-t first passage vs numpy (daily monitoring)', () => {
  fx.firstPassage.forEach((c, i) => {
    it(c.name, () => {
      const model = c.model === 'student-t'
        ? { model: 'student-t' as const, sigma: c.sigma as number, nu: c.nu }
        : { model: 'garch-t' as const, garch: { omega: c.omega as number, alpha: c.alpha as number, beta: c.beta as number, nu: c.nu, variance: c.h0 as number } };
      const r = simulateFirstPassageSync({
        price: c.price, ...(c.lower === undefined ? {} : { lower: c.lower }), ...(c.upper === undefined ? {} : { upper: c.upper }),
        mu: c.mu, horizon: c.horizon, ...model, paths: 60_000, seed: 500 + i,
      });
      expect(r.steps).toBe(c.steps);
      for (const k of ['pLowerFirst', 'pUpperFirst', 'pNeither'] as const) within(r[k], r.stdErrors[k], c[k], c.stdErrors[k]);
      within(r.expectedExitTime.mean, r.expectedExitTime.stdError, c.expectedExitTime.mean, c.expectedExitTime.stdError);
    });
  });
});

describe('maximum drawdown of a sized position vs numpy', () => {
  fx.drawdown.forEach((c, i) => {
    it(c.name, () => {
      const r = simulateDrawdownSync({
        model: c.model, fraction: c.fraction, mu: c.mu, sigma: c.sigma, horizon: c.horizon, ...(c.nu === undefined ? {} : { nu: c.nu }),
        steps: c.steps, ruinLevel: c.ruinLevel, levels: c.levels, quantiles: c.quantiles.map((q) => q.probability), paths: 30_000, seed: 600 + i,
      });
      within(r.meanMaxDrawdown.mean, r.meanMaxDrawdown.stdError, c.meanMaxDrawdown.mean, c.meanMaxDrawdown.stdError);
      c.exceedance.forEach((e, j) => within(r.exceedance[j]?.probability as number, r.exceedance[j]?.stdError as number, e.probability, e.stdError));
      within(r.ruin?.probability as number, r.ruin?.stdError as number, c.ruin.probability, c.ruin.stdError);
      // Quantiles: the sample p-quantile has sd ≈ √(p(1 − p)/n)/density; a 0.02 band (in drawdown units) is ≥ 4 of them here.
      c.quantiles.forEach((q, j) => expect(Math.abs((r.quantiles[j]?.maxDrawdown as number) - q.maxDrawdown)).toBeLessThan(0.02));
    });
  });
});

describe('expected exit time E[τ ∧ T]: closed form vs the PDE', () => {
  for (const c of fx.exitTime) {
    it(c.name, () => {
      const T = c.horizon === 'infinite' ? Infinity : c.horizon;
      const ours = meanExitTime(c.a ?? Infinity, c.b ?? Infinity, c.nu, c.sigma, T);
      expect(Math.abs(ours - c.expectedExitTime)).toBeLessThanOrEqual(1e-7 * c.expectedExitTime + 10 * c.gridError);
    });
  }
});
