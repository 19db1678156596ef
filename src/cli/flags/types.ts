/**
 * The typed flag table of a CLI command: one row per flag, from which the commander options
 * (help text, defaults, `.choices()`, `requiredOption`), the refusal of flags that have no effect
 * and the library error path → flag mapping are all derived (see ./build.ts, ./refuse.ts,
 * ./paths.ts). Data only: this module imports nothing, so the tables load with the CLI's start-up.
 *
 * @example
 * const table: CommandSpec = {
 *   name: 'risk', description: 'VaR and ES',
 *   flags: [{ flags: '--level <p>', description: 'confidence level', default: '0.95', paths: ['level'] }],
 *   examples: ['tradesize risk --data examples/btc.csv --level 0.99'],
 * };
 */

/** The options commander hands to an action: strings, `true` for boolean flags, the values of a repeatable flag, else undefined. */
export type Opts = Readonly<Record<string, string | boolean | readonly string[] | undefined>>;

/** A mode of a command: conditions on its options that all hold. Keys are commander option keys. */
export interface Mode {
  /** At least one of these options is set (given, or with a default). */
  readonly with?: readonly string[];
  /** None of these options is given. */
  readonly without?: readonly string[];
  /** Option `key` (given, by its default, or undefined when absent) has one of the values `in`. */
  readonly when?: { readonly key: string; readonly in: readonly (string | undefined)[] };
}

/**
 * When a flag has an effect: in any of the `modes`. Given outside them, the flag is refused
 * with CONFLICTING_OPTIONS naming it, the message ending with `why` (`--years ${why}`).
 */
export interface Meaningful {
  readonly modes: readonly Mode[];
  readonly why: string;
}

/** One flag of a command. */
export interface FlagSpec {
  /** commander's flag string: `--fee-rate <rate>` (a value) or `--inverse` (a boolean). */
  readonly flags: string;
  readonly description: string;
  /** The default value, as typed on the command line. */
  readonly default?: string;
  /** The values an enumerated flag accepts, listed in `--help` and checked by commander. */
  readonly choices?: readonly string[];
  /**
   * Values listed in `--help` (as choices are) but checked by the library, which refuses others
   * with its own error code (an unknown --venue is UNKNOWN_VENUE, not INVALID_INPUT).
   */
  readonly listed?: readonly string[];
  /** The flag may be given several times; its value is then the list of values (read with {@link list}). */
  readonly repeatable?: boolean;
  /** The command cannot run without this flag (commander's `requiredOption`). */
  readonly required?: boolean;
  /** Library error paths (dot-joined, `contract.size`) that this flag's value became. */
  readonly paths?: readonly string[];
  /** When the flag has an effect (absent: always). */
  readonly meaningful?: Meaningful;
}

/** A command: its flags and two or three example invocations that run on a fresh clone. */
export interface CommandSpec {
  readonly name: string;
  readonly description: string;
  readonly flags: readonly FlagSpec[];
  /** Full command lines starting with `tradesize `, shown at the end of `--help`. */
  readonly examples: readonly string[];
}

/** The long flag of a flag string: `--fee-rate <rate>` → `--fee-rate`. */
export function longFlag(spec: FlagSpec): string {
  return spec.flags.split(' ')[0] as string;
}

/** commander's option key of a flag: `--fee-rate` → `feeRate`. */
export function keyOf(spec: FlagSpec): string {
  return longFlag(spec).slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** A repeatable option's values, in the order given (empty when absent). */
export const list = (v: string | boolean | readonly string[] | undefined): readonly string[] => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []);

/** A string option's value (undefined for absent and boolean options). */
export const str = (v: string | boolean | readonly string[] | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
