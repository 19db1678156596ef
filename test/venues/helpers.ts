/**
 * Test helpers for the venue models: unrealised PnL written out per contract kind (independent of
 * the solver), the relative check "margin balance equals maintenance margin", and error capture.
 */
import { expect } from 'vitest';
import { TradesizeError } from '../../src/core/errors.js';
import type { Instrument, Position } from '../../src/venues/types.js';

/** PnL of a position at `price`: s·c·q·(P − E) (linear), s·c·q·(1/E − 1/P) (inverse, in the coin). */
export function pnlAt(inst: Instrument, pos: Position, price: number): number {
  const cq = inst.contractSize * pos.quantity;
  const s = pos.side === 'long' ? 1 : -1;
  return inst.kind === 'linear' ? s * cq * (price - pos.entryPrice) : s * cq * (1 / pos.entryPrice - 1 / price);
}

/** Asserts |a − b| ≤ rel·|b|, printing both and the relative gap. */
export function expectRelClose(a: number, b: number, rel = 1e-9, what = ''): void {
  const gap = Math.abs(a - b) / Math.abs(b);
  expect(gap <= rel, `${what} ${a} vs ${b}: relative gap ${gap} > ${rel}`).toBe(true);
}

/** The TradesizeError that `f` throws (fails the test when it throws nothing or something else). */
export function thrown(f: () => unknown): TradesizeError {
  try {
    f();
  } catch (e) {
    if (e instanceof TradesizeError) return e;
    throw e;
  }
  throw new Error('expected a TradesizeError');
}
