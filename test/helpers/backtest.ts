/** Shared fixtures of the backtest tests: random consistent bars and a traced run of the bar loop. */
import fc from 'fast-check';
import type { Bars } from '../../src/backtest/bars.js';
import { newTrace, simulateBars, type KernelInput, type KernelParams } from '../../src/backtest/kernel.js';

/**
 * Random consistent bars, one a day from 2024-01-01: closes from bounded log returns (plus `drift`)
 * starting at `start`, open = previous close × a gap, high/low around them.
 */
export const barsArb = (min: number, max: number, { start = 100, drift = 0 }: { start?: number; drift?: number } = {}) =>
  fc
    .array(fc.record({ r: fc.double({ min: -0.15, max: 0.15, noNaN: true }), gap: fc.double({ min: -0.05, max: 0.05, noNaN: true }), up: fc.double({ min: 0, max: 0.1, noNaN: true }), down: fc.double({ min: 0, max: 0.1, noNaN: true }) }), { minLength: min, maxLength: max })
    .map((rows): Bars => {
      const n = rows.length;
      const b = { time: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), signal: null };
      let c = start;
      rows.forEach((row, i) => {
        const o = c * Math.exp(row.gap);
        c = o * Math.exp(row.r + drift);
        b.time[i] = Date.UTC(2024, 0, 1) + i * 86_400_000;
        b.open[i] = o;
        b.close[i] = c;
        b.high[i] = Math.max(o, c) * (1 + row.up);
        b.low[i] = Math.min(o, c) * (1 - row.down);
      });
      return b;
    });

/** The bar loop over `input` (open, high and low default to the closes, the target to 1×), with its curve and trace. */
export function runBars(input: Partial<KernelInput> & { close: number[] }, p: KernelParams) {
  const n = input.close.length;
  const curve = new Float64Array(n);
  const trace = newTrace(n);
  const k = simulateBars({ open: input.close, high: input.close, low: input.close, target: new Array<number>(n).fill(1), ...input } as KernelInput, p, curve, trace);
  return { k, curve, trace };
}
