/**
 * Strict parsing of CLI option strings. Commander hands us strings; a number flag must be a
 * plain decimal or exponent literal: "1e-3" and ".5" are fine, "", "abc", "1,5", "NaN" and
 * "Infinity" are errors naming the flag.
 */
import { TradesizeError } from '../core/errors.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Parses a numeric flag value or throws INVALID_INPUT with the flag as the path. */
export function parseNumber(value: string, flag: string): number {
  const x = Number(value);
  if (!NUMBER.test(value.trim()) || !Number.isFinite(x)) {
    throw new TradesizeError('INVALID_INPUT', `${flag} expects a number, got "${value}"`, [flag]);
  }
  return x;
}

/** Parses an optional numeric flag. */
export function optionalNumber(value: string | undefined, flag: string): number | undefined {
  return value === undefined ? undefined : parseNumber(value, flag);
}

/** Parses a positive integer flag. */
export function parseInteger(value: string, flag: string): number {
  const x = parseNumber(value, flag);
  if (!Number.isInteger(x) || x < 1) throw new TradesizeError('INVALID_INPUT', `${flag} expects a positive integer, got "${value}"`, [flag]);
  return x;
}

/** Checks that a flag's value is one of `choices`. */
export function parseChoice<T extends string>(value: string, flag: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) {
    throw new TradesizeError('INVALID_INPUT', `${flag} must be one of ${choices.join(', ')}; got "${value}"`, [flag]);
  }
  return value as T;
}

/** Throws CONFLICTING_OPTIONS when more than one of the given flags is set. */
export function exclusive(opts: Record<string, unknown>, flags: Record<string, string>): void {
  const set = Object.keys(flags).filter((k) => opts[k] !== undefined);
  if (set.length > 1) {
    const names = set.map((k) => flags[k]);
    throw new TradesizeError('CONFLICTING_OPTIONS', `use only one of ${names.join(', ')}`, [names[1] ?? '']);
  }
}

/**
 * Throws MISSING_OPTION "FLAG needs PARENT" (at `parent`) when one of the given flags is set,
 * for flags that only mean something beside another one; call it when `parent` is absent.
 */
export function onlyWith(opts: Record<string, unknown>, flags: Record<string, string>, parent: string): void {
  const given = Object.keys(flags).find((k) => opts[k] !== undefined);
  if (given !== undefined) throw new TradesizeError('MISSING_OPTION', `${flags[given]} needs ${parent}`, [parent]);
}
