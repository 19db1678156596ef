/**
 * Schema validation at public boundaries: zod schemas are the single source of truth for input
 * types and their error messages; this turns the first zod issue into a {@link TradesizeError}.
 */
import type { z } from 'zod';
import { TradesizeError } from './errors.js';

/**
 * Parses `input` with `schema`, or throws INVALID_INPUT naming the first offending field.
 *
 * @param schema - the zod schema of the public input
 * @param input - untrusted input
 * @param where - the function or command name, prefixed to the message
 * @example
 * const req = parseInput(KellyDiscreteInput, { p: 0.6, b: 1 }, 'kellyDiscrete');
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue ? issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k)) : [];
  const at = path.length > 0 ? ` (at ${path.join('.')})` : '';
  const reason = issue?.message ?? 'invalid input';
  throw new TradesizeError('INVALID_INPUT', `${where}: ${reason}${at}`, path, { reason });
}
