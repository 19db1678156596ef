/**
 * zod, loaded on first use. Importing zod costs tens of milliseconds at start-up, which would
 * dominate the CLI's cold start on the `size` hot path, where well-formed input never needs the
 * schema (a fast structural check accepts it). The schema, and with it zod, is built only when
 * input must be reported as invalid or parsed the slow way.
 */
import { createRequire } from 'node:module';
import type * as Zod from 'zod';

let zod: typeof Zod | undefined;

/** The zod module (its CommonJS build, loaded synchronously on the first call). */
export function loadZod(): typeof Zod {
  zod ??= createRequire(import.meta.url)('zod') as typeof Zod;
  return zod;
}
