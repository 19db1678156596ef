import { describe, expect, it } from 'vitest';
import { firstPassageChunk, TALLY, TALLY_SIZE } from '../../src/simulation/first-passage-kernel.js';
import type { PathSpec } from '../../src/simulation/path-spec.js';
import { Stream } from '../../src/simulation/stream.js';

/** The GBM first-passage tally written with Stream.normal() (the stats/random.ts step, not inlined). */
function referenceTally(spec: PathSpec, seed: number, chunk: number, paths: number): Float64Array {
  const out = new Float64Array(TALLY_SIZE);
  const stream = new Stream(seed, chunk);
  for (let p = 0; p < paths; p++) {
    let x = 0;
    let hit = 0;
    let t = spec.steps * spec.dt;
    for (let i = 0; i < spec.steps; i++) {
      const y = x + spec.drift + spec.scale * stream.normal();
      if (y <= -spec.lower || y >= spec.upper) {
        hit = y <= -spec.lower ? -1 : 1;
        t = (i + 1) * spec.dt;
        break;
      }
      x = y;
    }
    if (hit < 0) out[TALLY.lower]! += 1;
    if (hit > 0) {
      out[TALLY.upper]! += 1;
      out[TALLY.sumUpperTime]! += t;
      out[TALLY.sumUpperTime2]! += t * t;
    }
    out[TALLY.sumTime]! += t;
    out[TALLY.sumTime2]! += t * t;
  }
  return out;
}

describe('firstPassageChunk (GBM loop with the xoshiro128** step and ziggurat inlined)', () => {
  it('draws exactly the stream Stream.normal() draws: identical tallies, including slow-branch draws', () => {
    const spec: PathSpec = {
      dynamics: 'gbm', steps: 400, dt: 1 / 365, drift: -0.0001, scale: 0.03, nu: 0, omega: 0, alpha: 0, beta: 0, h0: 0,
      bridge: false, lower: 0.4, upper: 0.5,
    };
    for (const [seed, chunk] of [[1, 0], [42, 7], [2 ** 40 + 3, 123]] as const) {
      const out = new Float64Array(TALLY_SIZE);
      firstPassageChunk(spec, seed, chunk, 300, out, 0);
      const ref = referenceTally(spec, seed, chunk, 300);
      expect(out[TALLY.lower]! + out[TALLY.upper]!).toBeGreaterThan(0);
      expect(Array.from(out)).toEqual(Array.from(ref));
    }
  });
});
