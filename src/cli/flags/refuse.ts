/**
 * Refusal of flags that have no effect: a flag given outside the mode its table row declares
 * meaningful (`--years` with `--p`, `--block` without `--bootstrap`) is CONFLICTING_OPTIONS at
 * that flag instead of being silently ignored.
 */
import { TradesizeError } from '../../core/errors.js';
import { keyOf, longFlag, type CommandSpec, type Mode, type Opts } from './types.js';

function holds(m: Mode, o: Opts, given: ReadonlySet<string>): boolean {
  if (m.with !== undefined && !m.with.some((k) => o[k] !== undefined)) return false;
  if (m.without !== undefined && m.without.some((k) => given.has(k))) return false;
  if (m.when !== undefined) {
    const v = o[m.when.key];
    if (typeof v === 'boolean' || typeof v === 'object' || !m.when.in.includes(v)) return false;
  }
  return true;
}

/**
 * Throws CONFLICTING_OPTIONS at the first given flag of `spec` whose `meaningful` rule fails.
 *
 * @param o - the command's options, defaults included
 * @param given - the keys the user typed (commander value source 'cli')
 * @example
 * refuseIneffective(KELLY, { p: '0.6', b: '1', years: '3' }, new Set(['p', 'b', 'years']));
 * // throws CONFLICTING_OPTIONS (--years): --years has no effect without --mu/--sigma (continuous Kelly)
 */
export function refuseIneffective(spec: CommandSpec, o: Opts, given: ReadonlySet<string>): void {
  for (const f of spec.flags) {
    if (f.meaningful === undefined || !given.has(keyOf(f)) || f.meaningful.modes.some((m) => holds(m, o, given))) continue;
    const flag = longFlag(f);
    throw new TradesizeError('CONFLICTING_OPTIONS', `${flag} ${f.meaningful.why}`, [flag]);
  }
}
