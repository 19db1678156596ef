/**
 * The hedging simulator: what the theory says the simulations must show, asserted with their
 * standard errors — with zero cost the hedging error of interval hedging falls like √Δt
 * (Bertsimas, Kogan & Lo 2000), and at no more hedging error the Whalley–Wilmott band costs less
 * than fixed-interval hedging (Whalley & Wilmott 1997) — plus determinism across thread counts,
 * GARCH-t paths and input refusals.
 */
import { describe, expect, it } from 'vitest';
import { simulateHedging, simulateHedgingSync, type HedgeSimulationInput } from '../../src/hedging/simulate.js';
import { thrown } from '../helpers/assert.js';

const T = 30 / 365;
const shortCall = [{ model: 'black-scholes' as const, type: 'call' as const, quantity: -1, strike: 100, expiry: T }];
const base = { model: 'gbm' as const, spot: 100, vol: 0.6, positions: shortCall };

describe('the √Δt law with zero cost (Bertsimas, Kogan & Lo 2000)', () => {
  it('the log-log slope of the hedging error on the interval is 0.5 within 3 standard errors', () => {
    const ks = [1, 2, 4, 8, 16];
    // Independent seeds per interval, so the points' standard errors are independent.
    const points = ks.map((k, i) => simulateHedgingSync({ ...base, steps: 512, dt: T / 512, costRate: 0, policies: [`interval:${k}`], paths: 2048, seed: 40 + i }).policies[0]!.hedgingError);
    // Weighted least squares of ln(error) on ln(k); Var(ln s) ≈ (se/s)².
    const x = ks.map(Math.log);
    const y = points.map((p) => Math.log(p.value));
    const w = points.map((p) => (p.value / p.stdError) ** 2);
    const W = w.reduce((a, b) => a + b, 0);
    const xb = x.reduce((a, xi, i) => a + (w[i] as number) * xi, 0) / W;
    const yb = y.reduce((a, yi, i) => a + (w[i] as number) * yi, 0) / W;
    const sxx = x.reduce((a, xi, i) => a + (w[i] as number) * (xi - xb) ** 2, 0);
    const slope = x.reduce((a, xi, i) => a + (w[i] as number) * (xi - xb) * ((y[i] as number) - yb), 0) / sxx;
    const se = Math.sqrt(1 / sxx);
    expect(se).toBeLessThan(0.03);
    expect(Math.abs(slope - 0.5)).toBeLessThanOrEqual(3 * se);
  });
});

describe('Whalley–Wilmott against fixed-interval hedging at equal hedging error', () => {
  it('some WW band hedges at most as badly as interval:8 and costs less by more than 3 standard errors', () => {
    const gammas = [0.25, 0.5, 1, 2, 4, 8, 16];
    const r = simulateHedgingSync({ ...base, steps: 720, dt: T / 720, costRate: 0.001, policies: ['interval:8', ...gammas.map((g) => `ww:${g}`)], paths: 2048, seed: 3 });
    const [interval, ...ww] = r.policies as [typeof r.policies[number], ...typeof r.policies];
    // The cheapest band whose hedging error is no larger than the interval's.
    const matched = ww.filter((p) => p.hedgingError.value <= interval.hedgingError.value);
    expect(matched.length).toBeGreaterThan(0);
    const best = matched.reduce((a, b) => (b.cost.value < a.cost.value ? b : a));
    // sd(a − b) ≤ sd(a) + sd(b): a conservative standard error for the difference on common paths.
    expect(interval.cost.value - best.cost.value).toBeGreaterThan(3 * (interval.cost.stdError + best.cost.stdError));
    // and the band trades less in quantity (turnover)
    expect(best.turnover.value).toBeLessThan(interval.turnover.value);
  });

  it('wider bands (smaller γ) cost less and hedge worse', () => {
    const r = simulateHedgingSync({ ...base, steps: 240, dt: T / 240, costRate: 0.001, policies: ['ww:0.1', 'ww:10'], paths: 2048, seed: 5 });
    const [wide, narrow] = r.policies as [typeof r.policies[number], typeof r.policies[number]];
    expect(wide.cost.value + 3 * wide.cost.stdError).toBeLessThan(narrow.cost.value);
    expect(wide.hedgingError.value - 3 * wide.hedgingError.stdError).toBeGreaterThan(narrow.hedgingError.value);
  });
});

describe('simulateHedging', () => {
  const input: HedgeSimulationInput = { ...base, steps: 48, dt: T / 48, costRate: 0.0005, policies: ['interval:1', 'band:0.05', 'ww:1', 'zak:1'], paths: 5000, seed: 9 };

  it('gives the same numbers on 1 and 2 threads (chunks seeded by index)', async () => {
    const one = simulateHedgingSync(input);
    const two = await simulateHedging(input, { threads: 2 });
    expect(two).toEqual(one);
  });

  it('reports, per policy, each figure with its standard error, trades counted from the unhedged start', () => {
    const r = simulateHedgingSync(input);
    expect(r.policies.map((p) => p.policy)).toEqual(input.policies);
    const every = r.policies[0]!;
    // interval:1 trades at every step but the few where the delta did not move (deep in or out of the money).
    expect(every.trades.value).toBeLessThanOrEqual(48);
    expect(every.trades.value).toBeGreaterThan(40);
    for (const p of r.policies) for (const e of [p.hedgingError, p.cost, p.turnover, p.trades, p.meanPnl]) expect(Number.isFinite(e.value) && e.stdError >= 0).toBe(true);
    // The cost of a policy is λ·S·turnover on average, to first order (S stays near 100 over 30 days).
    expect(every.cost.value / (0.0005 * 100 * every.turnover.value)).toBeCloseTo(1, 1);
  });

  it('under the pricing measure (log-drift −σ²/2) the unhedged and the hedged short call earn 0 on average, within 3 standard errors', () => {
    const r = simulateHedgingSync({ ...base, mu: -0.18, steps: 64, dt: T / 64, policies: ['band:1e9', 'interval:1'], paths: 20_000, seed: 11 });
    for (const p of r.policies) expect(Math.abs(p.meanPnl.value)).toBeLessThanOrEqual(3 * p.meanPnl.stdError);
    // never trading: no cost, no turnover; the unhedged error is far above the hedged one
    expect(r.policies[0]!.trades.value).toBe(0);
    expect(r.policies[0]!.hedgingError.value).toBeGreaterThan(5 * r.policies[1]!.hedgingError.value);
  });

  it('runs GARCH-t paths (fat tails hedge worse than GBM of the same unconditional vol)', () => {
    const dt = T / 240;
    const variance = 0.36 * dt;
    const garch = { omega: variance * 0.05, alpha: 0.1, beta: 0.85, nu: 4 };
    const g = simulateHedgingSync({ ...base, model: 'garch-t', garch, steps: 240, dt, policies: ['interval:1'], paths: 4096, seed: 2 }).policies[0]!;
    const n = simulateHedgingSync({ ...base, steps: 240, dt, policies: ['interval:1'], paths: 4096, seed: 2 }).policies[0]!;
    expect(g.hedgingError.value - 3 * g.hedgingError.stdError).toBeGreaterThan(n.hedgingError.value + 3 * n.hedgingError.stdError);
  });

  it('refuses bad inputs and SPECs with a path', () => {
    expect(thrown(() => simulateHedgingSync({ ...input, policies: ['weekly:1'] })).path).toEqual(['policy', 0]);
    expect(thrown(() => simulateHedgingSync({ ...input, positions: [{ ...shortCall[0]!, expiry: T / 2 }] })).path).toEqual(['positions']);
    expect(thrown(() => simulateHedgingSync({ ...input, model: 'garch-t' })).path).toEqual(['garch']);
    expect(thrown(() => simulateHedgingSync({ ...input, model: 'historical' })).path).toEqual(['logPrices']);
    expect(thrown(() => simulateHedgingSync({ ...input, policies: ['ww:1'], costRate: 0 })).code).toBe('INVALID_INPUT');
  });
});
