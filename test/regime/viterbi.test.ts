/**
 * Log-space Viterbi decoding against brute-force enumeration of every state path.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { viterbi } from '../../src/regime/viterbi.js';
import { allPaths, hmmParams, pathLogProbability, shortSeries } from './arbitraries.js';

describe('viterbi', () => {
  it('finds a path of maximal joint probability and reports its log-probability (n ≤ 7, brute force)', () => {
    fc.assert(
      fc.property(hmmParams, shortSeries(7), (p, y) => {
        const v = viterbi(y, p);
        const best = Math.max(...allPaths(y.length, p.means.length).map((s) => pathLogProbability(y, p, s)));
        const tol = 1e-10 * Math.max(1, Math.abs(best));
        expect(Math.abs(v.logProbability - best)).toBeLessThanOrEqual(tol);
        expect(Math.abs(pathLogProbability(y, p, Array.from(v.path)) - best)).toBeLessThanOrEqual(tol);
      }),
      { numRuns: 1000 },
    );
  });

  it('never takes a forbidden transition', () => {
    const p = { means: [0, 0], variances: [1e-4, 1e-2], transition: [[0.5, 0.5], [0, 1]], initial: [1, 0] };
    // Once in state 1 the chain cannot return, so the calm tail stays in state 1.
    expect(Array.from(viterbi([0, 0.3, 0, 0, 0], p).path)).toEqual([0, 1, 1, 1, 1]);
  });

  it('decodes an obvious calm / wild / calm sequence', () => {
    const p = { means: [0, 0], variances: [1e-4, 4e-3], transition: [[0.95, 0.05], [0.1, 0.9]], initial: [0.5, 0.5] };
    expect(Array.from(viterbi([0.001, -0.002, 0.08, -0.07, 0.09, 0.001, 0.002, -0.001, 0.0005], p).path)).toEqual([0, 0, 1, 1, 1, 0, 0, 0, 0]);
  });
});
