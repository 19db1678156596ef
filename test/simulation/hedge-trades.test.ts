/**
 * The hedging simulator's WebAssembly bookkeeping (src/simulation/hedge-trades.ts) against the
 * rule written out as a scalar loop (src/simulation/hedge-kernel.ts's module doc): the same bits,
 * on random books and bands, with a band sometimes exactly at |N − N*|, and nothing written
 * outside the block's pairs.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kernelWorkspace } from '../../src/options/delta-wasm.js';
import { creditHedge, tradeToTarget } from '../../src/simulation/hedge-trades.js';

const LEN = 16;
const value = fc.double({ min: -3, max: 3, noNaN: true, noDefaultInfinity: true });
const column = fc.array(value, { minLength: LEN, maxLength: LEN });

/** hedge, pnl, cost, turnover, trades, ds, s, delta: 8 arrays of LEN in the kernel's memory. */
function arrays(cols: number[][]): Float64Array[] {
  const ws = kernelWorkspace(8 * LEN);
  return cols.map((c, k) => {
    const a = ws.subarray(k * LEN, (k + 1) * LEN);
    a.set(c);
    return a;
  });
}

describe('hedge-trades', () => {
  it('tradeToTarget and creditHedge give the scalar rule\'s bits on [lo, hi) and leave the rest outside the pairs (property, 1,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(column, { minLength: 8, maxLength: 8 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 8 }), fc.oneof(fc.constant(-1), fc.double({ min: 0, max: 2, noNaN: true }), fc.constant(null)), fc.double({ min: 0, max: 0.01, noNaN: true }), fc.boolean(),
        (cols, half, count, bandOrTie, lambda, credit) => {
          const lo = 2 * half;
          const hi = Math.min(LEN, lo + count);
          // A band exactly at the first path's |N − N*|: no trade there (the rule is size > band).
          const band = bandOrTie ?? Math.abs((cols[0]?.[lo] ?? 0) + (cols[7]?.[lo] ?? 0));
          const want = cols.map((c) => [...c]);
          const [hedge, pnl, cost, turnover, trades, ds, s, delta] = want as [number[], number[], number[], number[], number[], number[], number[], number[]];
          for (let p = lo; p < hi; p++) {
            const held = hedge[p] as number;
            pnl[p] = (pnl[p] as number) + held * (ds[p] as number);
            if (credit) continue;
            const target = -(delta[p] as number);
            const size = held > target ? held - target : target - held;
            if (size > band && size > 0) {
              cost[p] = (cost[p] as number) + lambda * size * (s[p] as number);
              turnover[p] = (turnover[p] as number) + size;
              trades[p] = (trades[p] as number) + 1;
              hedge[p] = target;
            }
          }
          const got = arrays(cols);
          const [gh, gp, gc, gt, gn, gds, gs, gd] = got as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
          if (credit) creditHedge(gh, gp, gds, lo, hi);
          else tradeToTarget({ hedge: gh, cost: gc, turnover: gt, trades: gn }, gp, gds, gs, gd, lo, hi, band, lambda);
          const pairsEnd = lo + 2 * Math.ceil((hi - lo) / 2);
          got.forEach((a, k) => {
            for (let p = 0; p < LEN; p++) {
              if (p >= hi && p < pairsEnd) continue; // the odd block's partner element: padding in the simulator
              expect(Object.is(a[p], (want[k] as number[])[p]), `array ${k} path ${p}`).toBe(true);
            }
          });
        }),
      { numRuns: 1000 },
    );
  });
});
