/**
 * The README's `$ tradesize ...` examples as a fresh clone runs them: every fenced block whose
 * first line is `$ tradesize <args>` is run as `node bin/tradesize.cjs <args>` with the
 * repository root as the working directory, and what it prints (stdout, then stderr) is
 * compared with the rest of the block.
 *
 *   npm run readme:examples              # report every example whose output differs (exit 1)
 *   npm run readme:examples -- --update  # rewrite the output blocks in README.md
 *
 * test/readme.test.ts runs the same check. An HTML comment on the line before a block marks
 * the rare example that cannot run from a clone (keep them rare):
 *
 *   <!-- readme-example: needs-shared -->  its data is not redistributable and lives in
 *       ../shared/data (or $TRADESIZE_SHARED_DIR); it runs when that folder exists.
 *
 * @example
 * const examples = parseExamples(readFileSync('README.md', 'utf8'));
 * runExample(examples[0]).output; // what `tradesize size ...` prints
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is in scripts/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const README = join(ROOT, 'README.md');
const BIN = join(ROOT, 'bin', 'tradesize.cjs');

/** The marks an example may carry. */
export type ExampleMark = 'needs-shared';

/** One `$ tradesize ...` block of the README. */
export interface Example {
  /** 1-based line of the `$ tradesize` line in README.md. */
  readonly line: number;
  /** The command as written, without the `$ `. */
  readonly command: string;
  /** The output shown in the README (the block's remaining lines). */
  readonly shown: string;
  readonly mark: ExampleMark | undefined;
  /** Index range of the output lines in the README's lines: [start, end). */
  readonly outputLines: readonly [number, number];
}

const MARK = /^<!--\s*readme-example:\s*([\w-]+)\s*-->$/;

/** Every `$ tradesize` example of a README text, in order. */
export function parseExamples(text: string): Example[] {
  const lines = text.split('\n');
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```' || !(lines[i + 1] ?? '').startsWith('$ tradesize ')) continue;
    let end = i + 2;
    while (end < lines.length && lines[end] !== '```') end++;
    if (end === lines.length) throw new Error(`README.md:${i + 1}: unterminated code block`);
    const markText = MARK.exec((lines[i - 1] ?? '').trim())?.[1];
    if (markText !== undefined && markText !== 'needs-shared') throw new Error(`README.md:${i}: unknown readme-example mark "${markText}"`);
    out.push({
      line: i + 2,
      command: (lines[i + 1] as string).slice(2),
      shown: lines.slice(i + 2, end).join('\n'),
      mark: markText,
      outputLines: [i + 2, end],
    });
    i = end;
  }
  return out;
}

/** Splits a command line into arguments: whitespace separated, '…' and "…" quoting (no escapes). */
export function splitArgs(command: string): string[] {
  const args: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(command); m !== null; m = re.exec(command)) args.push(m[1] ?? m[2] ?? m[3] ?? '');
  return args;
}

/** The folder `../shared` of the examples (it holds data that may not be redistributed). */
export function sharedDir(): string {
  return process.env.TRADESIZE_SHARED_DIR ?? resolve(ROOT, '..', 'shared');
}

/** Whether an example can run here: unmarked ones always (from a fresh clone). */
export function canRun(example: Example): boolean {
  return example.mark !== 'needs-shared' || existsSync(join(sharedDir(), 'data'));
}

/** What running an example prints: stdout then stderr, without the final newline. */
export function runExample(example: Example): { output: string; status: number | null } {
  const [tool, ...args] = splitArgs(example.command);
  if (tool !== 'tradesize') throw new Error(`README.md:${example.line}: not a tradesize command`);
  const shared = sharedDir();
  const resolved = example.mark === 'needs-shared' ? args.map((a) => (a.startsWith('../shared/') ? join(shared, a.slice('../shared/'.length)) : a)) : args;
  const r = spawnSync(process.execPath, [BIN, ...resolved], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true' }, timeout: 120_000 });
  const text = `${r.stdout}${r.stderr}`.replace(/\n$/, '');
  // A needs-shared example prints its file path as written in the README.
  const output = example.mark === 'needs-shared' ? text.split(join(shared, '/')).join('../shared/') : text;
  return { output, status: r.status };
}

/** A readable line diff of the shown and actual output (`-` shown in the README, `+` printed). */
export function lineDiff(shown: string, actual: string): string {
  const a = shown.split('\n');
  const b = actual.split('\n');
  const rows: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) rows.push(`  ${a[i]}`);
    else {
      if (a[i] !== undefined) rows.push(`- ${a[i]}`);
      if (b[i] !== undefined) rows.push(`+ ${b[i]}`);
    }
  }
  return rows.join('\n');
}

/** The README text with each example's output block replaced by `outputs[i]` (null: unchanged). */
export function withOutputs(text: string, examples: readonly Example[], outputs: readonly (string | null)[]): string {
  const lines = text.split('\n');
  for (let i = examples.length - 1; i >= 0; i--) {
    const out = outputs[i];
    const ex = examples[i] as Example;
    if (out === null || out === undefined) continue;
    lines.splice(ex.outputLines[0], ex.outputLines[1] - ex.outputLines[0], ...(out === '' ? [] : out.split('\n')));
  }
  return lines.join('\n');
}

function main(argv: readonly string[]): number {
  const update = argv.includes('--update');
  const text = readFileSync(README, 'utf8');
  const examples = parseExamples(text);
  const outputs: (string | null)[] = [];
  let differ = 0;
  for (const ex of examples) {
    if (!canRun(ex)) {
      process.stdout.write(`README.md:${ex.line}: not run (needs ${sharedDir()}/data): ${ex.command}\n`);
      outputs.push(null);
      continue;
    }
    const { output } = runExample(ex);
    outputs.push(output);
    if (output !== ex.shown) {
      differ++;
      process.stdout.write(`README.md:${ex.line}: ${ex.command}\n${lineDiff(ex.shown, output)}\n\n`);
    }
  }
  if (update) {
    writeFileSync(README, withOutputs(text, examples, outputs));
    process.stdout.write(`${differ} of ${examples.length} example outputs rewritten in README.md\n`);
    return 0;
  }
  const run = outputs.filter((o) => o !== null).length;
  const notRun = examples.length - run;
  process.stdout.write(`${run - differ} of ${run} examples run match${notRun === 0 ? '' : ` (${notRun} not run: no shared data)`}\n`);
  return differ === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
