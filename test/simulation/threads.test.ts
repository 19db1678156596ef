/**
 * Worker threads: the same seed gives bit-identical results on 1 and 2 threads (chunks are
 * seeded by (seed, chunk index) and combined in chunk order), for every model and for the
 * drawdown simulation; progress is reported up to 1. Under vitest the workers load the
 * TypeScript sources through tsx (see src/simulation/spawn-worker.ts).
 */
import { describe, expect, it } from 'vitest';
import { simulateFirstPassage, simulateFirstPassageSync } from '../../src/simulation/index.js';
import { simulateDrawdown } from '../../src/risk/drawdown/index.js';

const base = { price: 100, lower: 90, upper: 115, mu: 0.2, horizon: 0.1, paths: 9_000, seed: 77 };

describe('threads 1 vs 2: identical numbers', () => {
  it('gbm, student-t and garch-t first passage; progress fractions increase to 1', async () => {
    const inputs = [
      { ...base, sigma: 0.7 },
      { ...base, sigma: 0.7, model: 'student-t' as const, nu: 3.5 },
      { ...base, model: 'garch-t' as const, garch: { omega: 2e-5, alpha: 0.1, beta: 0.85, nu: 4, variance: 0.001 } },
    ];
    for (const inp of inputs) {
      const progress: number[] = [];
      const one = await simulateFirstPassage(inp, { threads: 1 });
      const two = await simulateFirstPassage(inp, { threads: 2, onProgress: (f) => progress.push(f) });
      expect(two).toEqual(one);
      expect(simulateFirstPassageSync(inp)).toEqual(one);
      expect(progress.at(-1)).toBe(1);
      expect(progress.every((f, i) => f > 0 && (i === 0 || f > (progress[i - 1] as number)))).toBe(true);
    }
  });

  it('an error thrown by the progress callback rejects the run, and the next run still works', async () => {
    const inp = { ...base, sigma: 0.7 };
    await expect(simulateFirstPassage(inp, { threads: 2, onProgress: () => { throw new Error('stop'); } })).rejects.toThrow('stop');
    expect(await simulateFirstPassage(inp, { threads: 2 })).toEqual(simulateFirstPassageSync(inp));
  });

  it('drawdown distribution', async () => {
    const inp = { fraction: 1.5, mu: 0.1, sigma: 0.6, horizon: 0.2, ruinLevel: 0.7, levels: [0.2], paths: 7_000, seed: 3 };
    expect(await simulateDrawdown(inp, { threads: 2 })).toEqual(await simulateDrawdown(inp, { threads: 1 }));
  });
});
