import { describe, expect, it } from 'vitest';
import { engineConfig } from '../../src/engine/config.js';
import { currentVolatility, newVolatility, sampleVolatility } from '../../src/engine/volatility.js';

const YEAR_MS = 365 * 86_400_000;

describe('engine σ: EWMA per unit time (./volatility.ts)', () => {
  it('equals the explicitly weighted sum Σ λ^{(T−tᵢ)/S} rᵢ² / Σ λ^{(T−tᵢ)/S} Δtᵢ on an irregular grid', () => {
    const cfg = engineConfig({ risk: { minVolatilitySamples: 1 } }).risk;
    const v = newVolatility();
    // Prices at irregular times (ms), with a gap of 7 s and a tick under a second that is not sampled.
    const ticks: [number, number][] = [[0, 100], [1000, 101], [2000, 100.5], [2500, 130], [3000, 99.8], [10_000, 102], [11_500, 101.1]];
    for (const [t, p] of ticks) sampleVolatility(v, p, t, cfg);
    const sampled = ticks.filter(([t]) => t !== 2500);
    const end = sampled[sampled.length - 1]![0];
    let num = 0;
    let den = 0;
    for (let i = 1; i < sampled.length; i++) {
      const [t, p] = sampled[i]!;
      const [t0, p0] = sampled[i - 1]!;
      const w = cfg.volatilityLambda ** ((end - t) / cfg.volatilitySampleMs);
      num += w * Math.log(p / p0) ** 2;
      den += w * (t - t0);
    }
    expect(v.samples).toBe(sampled.length - 1);
    expect(currentVolatility(v, cfg).sigma).toBeCloseTo(Math.sqrt((num / den) * YEAR_MS), 12);
  });

  it('sampled once per volatilitySampleMs it is RiskMetrics’ recursion σ² ← λσ² + (1 − λ)r² once the start has decayed', () => {
    const cfg = engineConfig({ risk: { minVolatilitySamples: 1, volatilitySampleMs: 1000 } }).risk;
    const v = newVolatility();
    let price = 100;
    let riskMetrics = NaN;
    let seed = 7;
    for (let i = 0; i <= 600; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const next = price * Math.exp(0.001 * (seed / 2 ** 31 - 0.5));
      if (i > 0) {
        const x = (Math.log(next / price) ** 2 * YEAR_MS) / 1000;
        riskMetrics = Number.isNaN(riskMetrics) ? x : 0.94 * riskMetrics + 0.06 * x;
      }
      sampleVolatility(v, next, i * 1000, cfg);
      price = next;
    }
    // Both forget their start like 0.94^n: after 600 returns the two agree to rounding.
    expect(v.variance / riskMetrics).toBeCloseTo(1, 12);
  });

  it('a minute of decay is a half-life of ln 0.5 / ln 0.94 ≈ 11.2 minutes: one second of a jump moves σ by a small fraction', () => {
    const cfg = engineConfig({ risk: { minVolatilitySamples: 1 } }).risk;
    const v = newVolatility();
    let price = 100;
    for (let i = 0; i <= 3600; i++) sampleVolatility(v, (price *= i % 2 === 0 ? 1.0001 : 1 / 1.0001), i * 1000, cfg);
    const before = currentVolatility(v, cfg).sigma;
    sampleVolatility(v, price * 1.001, 3601 * 1000, cfg); // a 10× return
    const after = currentVolatility(v, cfg).sigma;
    // The new return's weight is 1 s over Σ decayed seconds ≈ 60 / (−ln 0.94) ≈ 970 s: σ² rises by (100 − 1) / 970 ≈ 10 %.
    expect(after / before).toBeGreaterThan(1.04);
    expect(after / before).toBeLessThan(1.06);
  });
});

describe('engine σ: sampling slots offset per market', () => {
  it('one sample per one-second slot shifted by the phase; phases of different names spread over the second', async () => {
    const { volatilityPhase } = await import('../../src/engine/volatility.js');
    const cfg = engineConfig({ risk: { minVolatilitySamples: 1 } }).risk;
    const v = newVolatility(300);
    // Slots [−700, 300), [300, 1300), [1300, 2300): 0 and 299 share one, 300 starts the next, 1299 is in it, 1300 is the next.
    for (const t of [0, 299, 300, 1299, 1300]) sampleVolatility(v, 100 + t / 1000, t, cfg);
    expect(v.samples).toBe(2);
    expect(v.lastTime).toBe(1300);
    const phases = Array.from({ length: 200 }, (_, i) => volatilityPhase(`M${String(i).padStart(3, '0')}`));
    expect(new Set(phases).size).toBeGreaterThan(150);
    for (const p of phases) expect(p >= 0 && p < 1000 && Number.isInteger(p)).toBe(true);
    // Spread: no 100 ms window holds more than a fifth of them.
    for (let w = 0; w < 1000; w += 100) expect(phases.filter((p) => p >= w && p < w + 100).length).toBeLessThan(40);
  });
});
