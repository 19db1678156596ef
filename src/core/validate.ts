/**
 * Schema validation at public boundaries: zod schemas are the single source of truth for input
 * types and their error messages; this turns zod's issues into a {@link TradesizeError} that
 * names the first offending field and lists every issue in `details.issues`.
 */
import type { z } from 'zod';
import { TradesizeError, type FieldPath } from './errors.js';

/** One validation issue as reported in `details.issues`: zod's issue code, its message and path. */
export interface ValidationIssue {
  readonly code: string;
  readonly message: string;
  readonly path: FieldPath;
}

/** zod's issues as {@link ValidationIssue}s (symbol keys, which JSON cannot carry, as strings). */
function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((i) => ({ code: i.code, message: i.message, path: i.path.map((k) => (typeof k === 'symbol' ? String(k) : k)) }));
}

/**
 * Parses `input` with `schema`, or throws INVALID_INPUT at the first offending field, with all
 * of zod's issues (each `{code, message, path}`) in `details.issues` and the first one's
 * message in `details.reason`.
 *
 * @param schema - the zod schema of the public input
 * @param input - untrusted input
 * @param where - the function or command name, prefixed to the message
 * @example
 * const req = parseInput(KellyDiscreteInput, { p: 0.6, b: 1 }, 'kellyDiscrete');
 * // parseInput(KellyDiscreteInput, { p: 2, b: -1 }, 'kellyDiscrete') throws with
 * // path ['p'] and details.issues = [{ code: 'too_big', path: ['p'], … }, { code: 'too_small', path: ['b'], … }]
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  const first = issues[0];
  const path = first ? [...first.path] : [];
  const at = path.length > 0 ? ` (at ${path.join('.')})` : '';
  const reason = first?.message ?? 'invalid input';
  throw new TradesizeError('INVALID_INPUT', `${where}: ${reason}${at}`, path, { reason, issues });
}
