/**
 * Runs the CLI in-process and captures what it prints, its exit code and whether stdout held
 * exactly one JSON object.
 */
import { runCli } from '../../src/cli/main.js';
import { TradesizeError, type ErrorCode } from '../../src/core/errors.js';

export interface CliRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

export async function cli(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  process.exitCode = 0;
  try {
    await runCli(['node', 'tradesize', ...args]);
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stdout, stderr, code };
}

/** Parses stdout as exactly one JSON object (throws otherwise). */
export function json(run: CliRun): Record<string, unknown> {
  const lines = run.stdout.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected one JSON line on stdout, got ${lines.length}: ${run.stdout}`);
  return JSON.parse(lines[0] as string) as Record<string, unknown>;
}

/** Recursively asserts no NaN/Infinity-like tokens leaked into output text. */
export function hasNonFinite(text: string): boolean {
  return /\bNaN\b|\bInfinity\b|\bnull\b/.test(text);
}

/** `--flag` for an options key as commander names it (camelCase → kebab-case). */
const flagOf = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** Command-line arguments for an options object as commander would hand it to an action. */
export function argsOf(opts: Readonly<Record<string, string | boolean | undefined>>): string[] {
  return Object.entries(opts).flatMap(([k, v]) => (v === undefined || v === false ? [] : v === true ? [flagOf(k)] : [flagOf(k), v]));
}

/**
 * Runs `tradesize <command>` with an options object as commander would hand it to the action,
 * returning stdout; exit code 2 is rethrown as the TradesizeError the CLI printed on stderr
 * (its JSON form with `json: true`, else the text line `tradesize: error CODE (path): message`).
 */
export async function cliWith(command: string, opts: Readonly<Record<string, string | boolean | undefined>>): Promise<string> {
  const run = await cli(command, ...argsOf(opts));
  if (run.code === 0) return run.stdout;
  if (run.stderr.startsWith('{')) {
    const e = (JSON.parse(run.stderr) as { error: { code: ErrorCode; message: string; path: (string | number)[] } }).error;
    throw new TradesizeError(e.code, e.message, e.path);
  }
  const m = /^tradesize: error (\w+)(?: \(([^)]*)\))?: (.*)$/m.exec(run.stderr);
  if (m === null) throw new Error(`unexpected stderr: ${run.stderr}`);
  throw new TradesizeError(m[1] as ErrorCode, m[3] ?? '', m[2] === undefined ? [] : m[2].split('.'));
}

/**
 * `tradesize <command>` with an options object and --json: its one JSON object. Fails on
 * NaN/Infinity in the output, on more than one line, and on a non-zero exit.
 */
export async function cliJson(command: string, opts: Readonly<Record<string, string | boolean | undefined>>): Promise<Record<string, unknown>> {
  const text = await cliWith(command, { ...opts, json: true });
  if (hasNonFinite(text)) throw new Error(`non-finite token in the output of tradesize ${command}: ${text}`);
  const lines = text.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected one JSON line from tradesize ${command}, got ${lines.length}`);
  return JSON.parse(lines[0] as string) as Record<string, unknown>;
}

/** The TradesizeError `tradesize <command> --json` exits 2 with; fails when the command succeeds. */
export async function cliError(command: string, opts: Readonly<Record<string, string | boolean | undefined>>): Promise<TradesizeError> {
  try {
    await cliWith(command, { ...opts, json: true });
  } catch (e) {
    if (e instanceof TradesizeError) return e;
    throw e;
  }
  throw new Error(`expected tradesize ${command} to fail`);
}
