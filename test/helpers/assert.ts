/**
 * Assertion helpers shared by the test files.
 */
import { expect } from 'vitest';
import { TradesizeError } from '../../src/core/errors.js';

/** Runs `f`, expecting a TradesizeError; returns it for checks on code and path. */
export function thrown(f: () => unknown): TradesizeError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TradesizeError);
    return e as TradesizeError;
  }
  throw new Error('expected a TradesizeError, nothing was thrown');
}

/** |actual − expected| ≤ rel · |expected|. */
export function expectRel(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}
