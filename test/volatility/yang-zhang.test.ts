import { describe, expect, it } from 'vitest';
import { yangZhangK, yangZhangVariance, yangZhangVol } from '../../src/volatility/yang-zhang.js';
import { expectRel } from '../helpers/assert.js';
import { rangeEstimatorSuite } from './ohlc-fixture.js';

/** Sample variance (n − 1), written out. */
function sampleVar(xs: number[]): number {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
}

describe('yangZhangVol', () => {
  it('k = 0.34 / (1.34 + (n + 1)/(n − 1))', () => {
    expectRel(yangZhangK(2), 0.34 / 4.34, 1e-15);
    expectRel(yangZhangK(21), 0.34 / (1.34 + 22 / 20), 1e-15);
  });

  it('hand example: V_o + k·V_c + (1 − k)·V_RS over the bars after the first', () => {
    const open = [100, 101, 99, 100.5];
    const high = [102, 104, 101, 103];
    const low = [99, 100, 97, 99.5];
    const close = [101, 100, 98, 102];
    const o = [1, 2, 3].map((t) => Math.log((open[t] as number) / (close[t - 1] as number)));
    const c = [1, 2, 3].map((t) => Math.log((close[t] as number) / (open[t] as number)));
    const rs =
      [1, 2, 3]
        .map((t) => {
          const [h, l, op, cl] = [high[t], low[t], open[t], close[t]] as [number, number, number, number];
          return Math.log(h / cl) * Math.log(h / op) + Math.log(l / cl) * Math.log(l / op);
        })
        .reduce((s, x) => s + x, 0) / 3;
    const k = 0.34 / (1.34 + 4 / 2);
    const want = sampleVar(o) + k * sampleVar(c) + (1 - k) * rs;
    const bars = { open, high, low, close };
    expectRel(yangZhangVariance(bars), want, 1e-14);
    const r = yangZhangVol(bars);
    expectRel(r.periodVol, Math.sqrt(want), 1e-14);
    expect(r.observations).toBe(3);
    expectRel(r.k, k, 1e-15);
  });

  it('the close-to-open jump counts: the same bars with gaps have a higher estimate', () => {
    const continuous = { open: [100, 101, 100, 102], high: [101.5, 102, 102.5, 103], low: [99.5, 99.8, 99.6, 101], close: [101, 100, 102, 102.5] };
    const gapped = { ...continuous, open: [100, 103, 98, 104], high: [101.5, 104, 102.5, 105], low: [99.5, 99.8, 97, 101] };
    expect(yangZhangVol(gapped).periodVol).toBeGreaterThan(yangZhangVol(continuous).periodVol);
  });
});

rangeEstimatorSuite('yang-zhang', yangZhangVol, 3);
