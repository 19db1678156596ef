/**
 * Runs the CLI in-process and captures what it prints, its exit code and whether stdout held
 * exactly one JSON object.
 */
import { runCli } from '../../src/cli/main.js';

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
