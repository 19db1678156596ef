/**
 * No-transaction bands against their closed forms evaluated in numpy/scipy
 * (test/fixtures/hedging/bands.json from scripts/fixtures/hedging_bands.py) and against the
 * published Whalley–Wilmott example of pfhedge (its WhalleyWilmott docstring: the next hedge
 * from 0.5 for five log-moneyness values, with and without cost, to 4 decimals).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wwHalfWidth, zakamoulineBand } from '../../src/options/no-trade-band.js';
import { optionGreeks } from '../../src/options/kernel.js';
import { readFixture } from '../helpers/shared-data.js';

interface Band { costRate: number; riskAversion: number; spot: number; gamma: number; vol: number; tau: number; rate: number; ww: number; h0: number; h1: number; k: number; modifiedVol: number }
interface Pfhedge { strike: number; riskAversion: number; rate: number; inputs: number[][]; withCost: { costRate: number; hedge: number[] }; withoutCost: { costRate: number; hedge: number[] }; decimals: number }
const fx = readFixture<{ bands: Band[]; pfhedge: Pfhedge }>('hedging/bands.json');
const rel = (got: number, want: number, tol: number, what: string) => expect(Math.abs(got - want), what).toBeLessThanOrEqual(tol * Math.abs(want));

describe('Whalley–Wilmott half-width', () => {
  it('matches the closed form (numpy) on 200 seeded cases to 1e-13 relative', () => {
    for (const b of fx.bands) rel(wwHalfWidth(b.costRate, b.riskAversion, b.spot, b.gamma, b.rate, b.tau), b.ww, 1e-13, JSON.stringify(b));
  });

  it("reproduces pfhedge's published example (hedge from 0.5 clamped to Δ ± H, 4 decimals)", () => {
    const p = fx.pfhedge;
    for (const [pass, costRate] of [[p.withCost.hedge, p.withCost.costRate], [p.withoutCost.hedge, p.withoutCost.costRate]] as const) {
      p.inputs.forEach(([logMoneyness, tau, vol, prev], i) => {
        const s = p.strike * Math.exp(logMoneyness as number);
        const g = optionGreeks('black-scholes', true, s, p.strike, tau as number, vol as number, p.rate, 0);
        const h = wwHalfWidth(costRate, p.riskAversion, s, g.gamma, p.rate, tau as number);
        const next = Math.min(Math.max(prev as number, g.delta - h), g.delta + h);
        expect(Math.abs(next - (pass[i] as number))).toBeLessThanOrEqual(0.5 * 10 ** -p.decimals);
      });
    }
  });

  it('scales as λ^{1/3}, γ^{−1/3}, |Γ|^{2/3} (property, 1,000 runs)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e-2, noNaN: true }), fc.double({ min: 1e-3, max: 10, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }).filter((g) => Math.abs(g) > 1e-9),
        (lambda, gamma, g) => {
          const h = wwHalfWidth(lambda, gamma, 100, g, 0.01, 0.5);
          expect(wwHalfWidth(8 * lambda, gamma, 100, g, 0.01, 0.5) / h).toBeCloseTo(2, 12);
          expect(wwHalfWidth(lambda, gamma / 8, 100, g, 0.01, 0.5) / h).toBeCloseTo(2, 12);
          expect(wwHalfWidth(lambda, gamma, 100, -8 * g, 0.01, 0.5) / h).toBeCloseTo(4, 12);
        }),
      { numRuns: 1000 },
    );
  });
});

describe("Zakamouline's band", () => {
  it('matches H0, H1, K and σ_m (numpy) on 200 seeded cases to 1e-12 relative', () => {
    for (const b of fx.bands) {
      const z = zakamoulineBand(b.costRate, b.riskAversion, b.spot, b.gamma, b.vol, b.tau, b.rate);
      rel(z.h0, b.h0, 1e-12, `h0 ${JSON.stringify(b)}`);
      rel(z.h1, b.h1, 1e-12, `h1 ${JSON.stringify(b)}`);
      rel(z.k, b.k, 1e-12, `k ${JSON.stringify(b)}`);
      rel(z.modifiedVol, b.modifiedVol, 1e-12, `σm ${JSON.stringify(b)}`);
      expect(z.halfWidth).toBe(z.h0 + z.h1);
    }
  });

  it('raises the vol of a short option and lowers that of a long one (K < 0)', () => {
    const short = zakamoulineBand(0.001, 1, 100, -0.04, 0.2, 0.25, 0);
    const long = zakamoulineBand(0.001, 1, 100, 0.04, 0.2, 0.25, 0);
    expect(short.k).toBeLessThan(0);
    expect(short.modifiedVol).toBeGreaterThan(0.2);
    expect(long.modifiedVol).toBeLessThan(0.2);
    expect(zakamoulineBand(0.1, 100, 100, 0.04, 0.2, 0.25, 0).modifiedVol).toBe(0);
  });
});
