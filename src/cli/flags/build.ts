/**
 * Builds a commander command from its flag table: every option with its default, `.choices()`
 * and `requiredOption`, the examples at the end of `--help`, and an action that refuses flags
 * without effect (./refuse.ts) before it lazy-loads the command's implementation, and names the
 * input behind a non-finite result (./overflow.ts).
 */
import { Command, Option } from 'commander';
import { keyOf, type CommandSpec, type Opts } from './types.js';

/** A command implementation: the options (defaults included) and the keys the user typed. */
export type Runner = (o: Opts, given: ReadonlySet<string>) => Promise<void>;

/**
 * Adds `spec` as a sub-command of `program`; `load` imports its implementation on first use.
 *
 * @example
 * addCommand(program, RISK, async () => (await import('../commands/risk.js')).runRisk);
 */
export function addCommand(program: Command, spec: CommandSpec, load: () => Promise<Runner>): Command {
  const cmd = program.command(spec.name).description(spec.description);
  for (const f of spec.flags) {
    const listed = f.listed === undefined ? '' : ` (choices: ${f.listed.map((c) => `"${c}"`).join(', ')})`;
    const required = f.required === true ? ' (required)' : '';
    const option = new Option(f.flags, `${f.description}${listed}${required}`);
    if (f.choices !== undefined) option.choices(f.choices);
    if (f.default !== undefined) option.default(f.default);
    if (f.required === true) option.makeOptionMandatory();
    if (f.repeatable === true) option.argParser((v: string, previous: readonly string[] | undefined) => [...(previous ?? []), v]);
    cmd.addOption(option);
  }
  cmd.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}`);
  cmd.action(async (o: Opts, c: Command) => {
    const given = new Set(spec.flags.map(keyOf).filter((k) => c.getOptionValueSource(k) === 'cli'));
    const [{ refuseIneffective }, { blameInput }] = await Promise.all([import('./refuse.js'), import('./overflow.js')]);
    refuseIneffective(spec, o, given);
    try {
      await (await load())(o, given);
    } catch (e) {
      throw blameInput(e, spec, o, given);
    }
  });
  return cmd;
}
