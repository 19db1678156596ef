/**
 * Library error path → CLI flag, derived from the flag table: a `TradesizeError` at
 * `contract.size` is re-labelled `--contract-size`, and so is every entry of `details.issues`.
 */
import { TradesizeError, type FieldPath } from '../../core/errors.js';
import { longFlag, type CommandSpec } from './types.js';

const tables = new WeakMap<CommandSpec, ReadonlyMap<string, string>>();

function tableOf(spec: CommandSpec): ReadonlyMap<string, string> {
  let t = tables.get(spec);
  if (t === undefined) {
    const m = new Map<string, string>();
    for (const f of spec.flags) for (const p of f.paths ?? []) m.set(p, longFlag(f));
    tables.set(spec, (t = m));
  }
  return t;
}

/**
 * The flag behind a library path: the longest prefix of `path` a flag of `spec` declares, with
 * the rest of the path after it (`['legs', 2, 'strike']` → `['--legs', 2, 'strike']`).
 *
 * @example
 * flagPath(SIZE, ['contract', 'size']); // => ['--contract-size']
 */
export function flagPath(spec: CommandSpec, path: FieldPath): FieldPath | undefined {
  const t = tableOf(spec);
  for (let n = path.length; n > 0; n--) {
    const flag = t.get(path.slice(0, n).join('.'));
    if (flag !== undefined) return [flag, ...path.slice(n)];
  }
  return undefined;
}

interface Issue {
  readonly code: string;
  readonly message: string;
  readonly path: FieldPath;
}

/**
 * Re-labels a library error with the flag its path names (unchanged when no flag does):
 * `details.issues` paths too. With `prefix`, the message becomes `--flag: reason`.
 *
 * @example
 * try { sizePosition(req); } catch (e) { throw withFlag(e, SIZE, true); } // INVALID_INPUT (--stop)
 */
export function withFlag(e: unknown, spec: CommandSpec, prefix = false): unknown {
  if (!(e instanceof TradesizeError)) return e;
  const path = flagPath(spec, e.path);
  if (path === undefined) return e;
  const details: Record<string, unknown> | undefined = e.details === undefined ? undefined : { ...e.details };
  if (details !== undefined && Array.isArray(details.issues)) {
    details.issues = (details.issues as Issue[]).map((i) => ({ ...i, path: flagPath(spec, i.path) ?? i.path }));
  }
  const reason = typeof details?.reason === 'string' ? details.reason : e.message;
  return new TradesizeError(e.code, prefix ? `${String(path[0])}: ${reason}` : e.message, path, details);
}
