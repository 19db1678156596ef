import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../src/stats/random.js';
import { abmFirstPassage, abmHitProbability } from '../../src/risk/first-passage/index.js';

/** Standard normal by Box–Muller (one of the pair; simple and adequate for a test). */
function gauss(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * Monte Carlo exit frequencies of X_t = νt + σW_t from (−a, b) within T, with the Brownian-bridge
 * correction: between grid points x_i, x_{i+1} (both inside) the path crossed the lower barrier
 * with probability exp(−2(x_i + a)(x_{i+1} + a)/(σ²Δt)), the upper with exp(−2(b − x_i)(b − x_{i+1})/(σ²Δt))
 * (Beaglehole, Dybvig and Zhou 1997; Glasserman 2004 §6.4). Crossing both within one step is
 * O(Δt-small) rare and resolved toward the likelier barrier.
 */
function simulate(a: number, b: number, nu: number, sigma: number, T: number, paths: number, steps: number, seed: number) {
  const rng = createRng(seed);
  const dt = T / steps;
  const sd = sigma * Math.sqrt(dt);
  const denom = sigma * sigma * dt;
  let lower = 0;
  let upper = 0;
  for (let p = 0; p < paths; p++) {
    let x = 0;
    for (let i = 0; i < steps; i++) {
      const y = x + nu * dt + sd * gauss(rng);
      if (y <= -a) { lower++; break; }
      if (y >= b) { upper++; break; }
      const pl = Math.exp((-2 * (x + a) * (y + a)) / denom);
      const pu = Math.exp((-2 * (b - x) * (b - y)) / denom);
      const hitL = rng.next() < pl;
      const hitU = rng.next() < pu;
      if (hitL && hitU) { if (pl >= pu) lower++; else upper++; break; }
      if (hitL) { lower++; break; }
      if (hitU) { upper++; break; }
      x = y;
    }
  }
  return { pLower: lower / paths, pUpper: upper / paths };
}

const se = (p: number, n: number) => Math.sqrt((p * (1 - p)) / n);

describe('first passage vs seeded Monte Carlo with Brownian-bridge correction', () => {
  const N = 20_000;
  const cases = [
    { name: 'stop 10% / target 20%, 3 months, σ = 0.6', a: Math.log(100 / 90), b: Math.log(1.2), nu: 0.1, sigma: 0.6, T: 0.25, seed: 11 },
    { name: 'tight band, strong up drift', a: 0.05, b: 0.08, nu: 1.5, sigma: 0.4, T: 0.05, seed: 12 },
    { name: 'wide band, negative drift, long horizon', a: 0.3, b: 0.2, nu: -0.4, sigma: 0.5, T: 0.4, seed: 13 },
  ];
  for (const c of cases) {
    it(`${c.name}: within 3 standard errors`, () => {
      const mc = simulate(c.a, c.b, c.nu, c.sigma, c.T, N, 50, c.seed);
      const cf = abmFirstPassage(c.a, c.b, c.nu, c.sigma, c.T);
      expect(Math.abs(mc.pLower - cf.pLowerFirst)).toBeLessThan(3 * se(cf.pLowerFirst, N) + 1e-12);
      expect(Math.abs(mc.pUpper - cf.pUpperFirst)).toBeLessThan(3 * se(cf.pUpperFirst, N) + 1e-12);
    });
  }

  it('one barrier (upper moved out of reach) within 3 standard errors', () => {
    const a = 0.15, nu = 0.2, sigma = 0.7, T = 0.5;
    const mc = simulate(a, 50, nu, sigma, T, N, 50, 14);
    const p = abmHitProbability(a, nu, sigma, T);
    expect(Math.abs(mc.pLower - p)).toBeLessThan(3 * se(p, N));
  });
});
