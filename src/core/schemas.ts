/**
 * Shared zod building blocks. Every public schema is composed from these so that the same
 * domain rule (a probability is in [0, 1], a price is positive) has one wording.
 * zod 4's `z.number()` already rejects NaN and ±Infinity.
 */
import { z } from 'zod';

/** A finite real number (NaN and ±Infinity are rejected). */
export const finite = () => z.number();
/** A finite number > 0. */
export const positive = () => z.number().positive();
/** A probability in [0, 1]. */
export const probability = () => z.number().min(0).max(1);
/** A fraction in the open interval (0, 1). */
export const openUnit = () => z.number().gt(0).lt(1);
/**
 * An array (or Float64Array) of at least `min` finite numbers: a return or price sample. Arrays
 * are accepted as given (never copied or frozen); readonly arrays are fine.
 */
export const sample = (min = 2) =>
  z
    .custom<readonly number[] | Float64Array>(
      (v) => (Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x))) || v instanceof Float64Array,
      'expected an array of finite numbers',
    )
    .refine((a) => a.length >= min, `needs at least ${min} values`);
