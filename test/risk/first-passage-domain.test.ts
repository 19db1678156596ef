/**
 * The closed-form first-passage probabilities on extreme inputs (issue "Foundation before the
 * engine" §6: `--mu 1e308`, `--sigma 5e-324` or `1e-300` summed series terms for minutes): every
 * input either gives finite probabilities in [0, 1] that sum to 1, or a coded INVALID_INPUT naming
 * mu or sigma — and comes back (no wall-clock assertion: vitest's test timeout bounds the run).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { barrierHitProbability, firstPassage, firstPassageAbm } from '../../src/risk/first-passage/index.js';
import { TradesizeError } from '../../src/core/errors.js';
import { cli } from '../cli/run.js';

const logUniform = (lo: number, hi: number) => fc.double({ min: Math.log10(lo), max: Math.log10(hi), noNaN: true }).map((e) => 10 ** e);
const signed = (x: fc.Arbitrary<number>) => fc.tuple(x, fc.constantFrom(-1, 0, 1)).map(([v, s]) => v * s);

function outcome(fn: () => { pLowerFirst: number; pUpperFirst: number; pNeither: number }): void {
  let r;
  try {
    r = fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TradesizeError);
    expect((e as TradesizeError).code).toBe('INVALID_INPUT');
    expect([['mu'], ['sigma']]).toContainEqual((e as TradesizeError).path);
    return;
  }
  for (const p of [r.pLowerFirst, r.pUpperFirst, r.pNeither]) {
    expect(Number.isFinite(p)).toBe(true);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
  }
  expect(r.pLowerFirst + r.pUpperFirst + r.pNeither).toBeCloseTo(1, 12);
}

describe('first-passage closed forms on extreme inputs', () => {
  it.each([
    [{ mu: 1e308, sigma: 0.6 }, 'mu'],
    [{ mu: -1e308, sigma: 0.6 }, 'mu'],
    [{ mu: 0.1, sigma: 5e-324 }, 'sigma'],
    [{ mu: 0.1, sigma: 1e-300 }, 'sigma'],
    [{ mu: 0, sigma: 1e-300 }, 'sigma'],
  ])('%o is refused at %s for every horizon', (c, field) => {
    for (const horizon of [0.25, 1e-9, 1e6, 'infinite' as const]) {
      const e = (() => {
        try {
          firstPassage({ price: 100, lower: 90, upper: 120, horizon, ...c });
        } catch (err) {
          return err as TradesizeError;
        }
        throw new Error('accepted');
      })();
      expect([e.code, e.path]).toEqual(['INVALID_INPUT', [field]]);
    }
  });

  it('property: finite probabilities summing to 1, or INVALID_INPUT at mu/sigma (two barriers, 400 runs)', () => {
    fc.assert(
      fc.property(signed(logUniform(1e-300, 1e300)), logUniform(1e-300, 1e300), fc.oneof(logUniform(1e-12, 1e8), fc.constant('infinite' as const)), logUniform(1e-6, 10), logUniform(1e-6, 10), (mu, sigma, horizon, dn, up) => {
        outcome(() => firstPassage({ price: 100, lower: 100 * Math.exp(-dn), upper: 100 * Math.exp(up), mu, sigma, horizon }));
        outcome(() => firstPassageAbm({ start: 0, lower: -dn, upper: up, mu, sigma, horizon }));
      }),
      { numRuns: 1000 },
    );
  });

  it('σ near the top of its domain (7.56e153, where π·σ² overflows) gives the immediate-exit answer', () => {
    // Found by the property above (seed 104275757): the spectral series' scale πσ²/w² was formed as
    // (π·σ²)/w² = ∞, and ∞·0 made every vanishing term NaN. With σ√T ≫ w the strip is left at once,
    // each side with probability b/w (the drift is negligible against σ²): 1/2 for a = b = 1.
    for (const sigma of [7.564545572283105e153, 1.3e154]) {
      const r = firstPassageAbm({ start: 0, lower: -1, upper: 1, mu: -1, sigma, horizon: 1 });
      expect(r).toEqual({ pLowerFirst: 0.5, pUpperFirst: 0.5, pNeither: 0 });
    }
  });

  it('property: the one-barrier probability is finite in [0, 1] or INVALID_INPUT at mu/sigma (400 runs)', () => {
    fc.assert(
      fc.property(signed(logUniform(1e-300, 1e300)), logUniform(1e-300, 1e300), fc.oneof(logUniform(1e-12, 1e8), fc.constant('infinite' as const)), logUniform(1e-6, 10), (mu, sigma, horizon, d) => {
        try {
          const p = barrierHitProbability({ price: 100, barrier: 100 * Math.exp(-d), mu, sigma, horizon }).probability;
          expect(p >= 0 && p <= 1).toBe(true);
        } catch (e) {
          expect([['mu'], ['sigma']]).toContainEqual((e as TradesizeError).path);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it.each([['--mu', '1e308'], ['--sigma', '5e-324'], ['--sigma', '1e-300']])('tradesize first-passage %s %s exits 2 naming the flag', async (flag, value) => {
    const args = ['first-passage', '--price', '100', '--lower', '90', '--upper', '120', '--mu', '0', '--sigma', '0.6', '--horizon', '0.25', flag, value, '--json'];
    const run = await cli(...args);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stderr).error).toMatchObject({ code: 'INVALID_INPUT', path: [flag] });
  });
});
