/**
 * Drawdown and ruin of a sized GBM position: the Monte Carlo ruin frequency against the exact
 * finite-horizon hitting probability of ln W (a Brownian motion with drift) and, for a Kelly
 * bettor over a long horizon, Thorp's x^(2/c − 1) (`drawdownProbability`), within 3 standard
 * errors; the ordering P(ruin to x) ≤ P(maxDD ≥ 1 − x) path by path; quantiles ordered.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulateDrawdownSync } from '../../../src/risk/drawdown/index.js';
import { drawdownProbability } from '../../../src/kelly/fractional.js';
import { abmHitProbability } from '../../../src/risk/first-passage/index.js';
import { thrown } from '../../helpers/assert.js';

const se = (p: number, n: number) => Math.sqrt((p * (1 - p)) / n);

describe('ruin of a fractional-Kelly GBM bettor', () => {
  for (const [c, x, seed] of [[0.5, 0.5, 1], [1, 0.6, 2], [0.3, 0.8, 3]] as const) {
    it(`c = ${c}, falls to ${x}·W0: within 3 SE of the closed form and of Thorp's x^(2/c − 1) (horizon 200 y)`, () => {
      const n = 20_000;
      // The in-step minimum is drawn exactly from the Brownian bridge, so a coarse grid is exact for ruin.
      const r = simulateDrawdownSync({ kellyMultiplier: c, mu: 0.3, sigma: 0.6, horizon: 200, steps: 400, ruinLevel: x, paths: n, seed });
      const ruin = r.ruin;
      expect(ruin).not.toBeNull();
      if (ruin === null) return;
      const thorp = drawdownProbability(x, c);
      expect(ruin.kellyInfiniteHorizon).toBe(thorp);
      // The 200-year closed form differs from T = ∞ by far less than a standard error.
      expect(Math.abs((ruin.closedForm as number) - thorp)).toBeLessThan(0.05 * se(thorp, n));
      expect(Math.abs(ruin.probability - thorp)).toBeLessThanOrEqual(3 * se(thorp, n));
      expect(r.fraction).toBeCloseTo((c * (0.3 + 0.18)) / 0.36, 12);
    });
  }

  it('finite horizon, a short and a levered position: ruin within 3 SE of the exact hitting probability', () => {
    const n = 20_000;
    for (const [f, seed] of [[-1, 4], [3, 5]] as const) {
      const r = simulateDrawdownSync({ fraction: f, mu: 0.1, sigma: 0.5, horizon: 1, steps: 50, ruinLevel: 0.7, paths: n, seed });
      const s2 = 0.25;
      const p = abmHitProbability(-Math.log(0.7), f * (0.1 + s2 / 2) - (f * f * s2) / 2, Math.abs(f) * 0.5, 1);
      expect(r.ruin?.closedForm).toBeCloseTo(p, 14);
      expect(Math.abs((r.ruin?.probability as number) - p)).toBeLessThanOrEqual(3 * se(p, n));
    }
  });
});

describe('drawdown distribution properties (fast-check, 1,000 runs, small path counts)', () => {
  it('drawdowns in [0, 1]; quantiles non-decreasing; P(maxDD ≥ 1 − x) ≥ P(ruin to x); exceedance decreasing in the level', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('gbm' as const, 'student-t' as const),
        fc.double({ min: -3, max: 3, noNaN: true }).filter((f) => Math.abs(f) > 1e-3),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 1.5, noNaN: true }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.integer({ min: 1, max: 30 }),
        fc.maxSafeInteger(),
        (model, fraction, mu, sigma, x, paths, seed) => {
          const r = simulateDrawdownSync({
            model, fraction, mu, sigma, horizon: 0.05, ruinLevel: x, levels: [1 - x, Math.min(0.99, 1 - x + 0.005)],
            quantiles: [0, 0.5, 0.9, 1], paths, seed,
          });
          const q = r.quantiles.map((v) => v.maxDrawdown);
          if (!q.every((v, i) => v >= 0 && v <= 1 && (i === 0 || v >= (q[i - 1] as number)))) return false;
          const [e0, e1] = r.exceedance.map((v) => v.probability) as [number, number];
          return e0 >= (r.ruin?.probability as number) && e1 <= e0 && r.meanMaxDrawdown.mean >= (q[0] as number) && r.meanMaxDrawdown.mean <= (q[3] as number);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('drawdown simulation: bad input', () => {
  const ok = { mu: 0.1, sigma: 0.6, horizon: 1, paths: 10 };
  it.each([
    ['neither fraction nor kellyMultiplier', { ...ok }, ['fraction']],
    ['both', { ...ok, fraction: 1, kellyMultiplier: 0.5 }, ['fraction']],
    ['fraction 0', { ...ok, fraction: 0 }, ['fraction']],
    ['ruin level 1', { ...ok, fraction: 1, ruinLevel: 1 }, ['ruinLevel']],
    ['level 0', { ...ok, fraction: 1, levels: [0] }, ['levels', 0]],
    ['quantile above 1', { ...ok, fraction: 1, quantiles: [1.5] }, ['quantiles', 0]],
    ['Kelly without edge', { ...ok, mu: -0.18, kellyMultiplier: 0.5 }, ['kellyMultiplier']],
    ['too many paths to keep', { ...ok, fraction: 1, paths: 20_000_001 }, ['paths']],
  ] as const)('%s → INVALID_INPUT', (_name, inp, path) => {
    const e = thrown(() => simulateDrawdownSync(inp as never));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(path);
  });
});
