/**
 * CLI output: exactly one JSON object on stdout with --json, a readable table otherwise; errors
 * on stderr (as `{"error": {code, message, path}}` with --json) with exit code 2. Output is
 * checked before printing: NaN or ±Infinity anywhere is a bug and is never printed.
 */
import { TradesizeError } from '../core/errors.js';
import { fmt } from '../core/format.js';

/** Throws NON_FINITE_RESULT if any number in `value` is NaN or ±Infinity. */
export function assertFiniteDeep(value: unknown, path: (string | number)[] = []): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new TradesizeError('NON_FINITE_RESULT', `internal error: non-finite number at ${path.join('.') || 'result'}`, path);
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertFiniteDeep(v, [...path, i]));
    return;
  }
  if (value !== null && typeof value === 'object') {
    const plain = typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
    if (plain !== value) return assertFiniteDeep(plain, path);
    for (const [k, v] of Object.entries(value)) assertFiniteDeep(v, [...path, k]);
  }
}

/** A table row: a label and a value (number, string or boolean). */
export type Row = readonly [string, unknown];

function cell(v: unknown): string {
  if (typeof v === 'number') return fmt(v, 8);
  if (v === null || v === undefined) return '-';
  return String(v);
}

/** Renders label/value rows as an aligned two-column table. */
export function renderRows(rows: readonly Row[]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${cell(v)}`).join('\n');
}

/** Renders an array of records as a table with a header. */
export function renderTable(headers: readonly string[], records: readonly (readonly unknown[])[]): string {
  const cells = records.map((r) => r.map(cell));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/**
 * Warning lines printed under a table, one per warning (`warning CODE: message`), preceded by a
 * blank line; empty when there are none.
 *
 * @example
 * renderWarnings([{ code: 'LARGE_RISK_FRACTION', message: 'risk 0.5 is 50% of equity…' }]);
 * // => '\n\nwarning LARGE_RISK_FRACTION: risk 0.5 is 50% of equity…'
 */
export function renderWarnings(warnings: readonly { readonly code: string; readonly message: string }[]): string {
  return warnings.map((w) => `\n${warnings[0] === w ? '\n' : ''}warning ${w.code}: ${w.message}`).join('');
}

/** Prints a command's result: JSON object on stdout with --json, else the given text. */
export function emit(result: object, json: boolean, text: () => string): void {
  assertFiniteDeep(result);
  process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${text()}\n`);
}

/** Prints an error to stderr in the CLI's format and sets exit code 2. */
export function emitError(err: TradesizeError, json: boolean): void {
  if (json) process.stderr.write(`${JSON.stringify({ error: err.toJSON() })}\n`);
  else {
    const at = err.path.length > 0 ? ` (${err.path.join('.')})` : '';
    process.stderr.write(`tradesize: error ${err.code}${at}: ${err.message}\n`);
  }
  process.exitCode = 2;
}

/** Prints a sizing refusal to stderr with its reason code as the error code, and sets exit code 2. */
export function emitRefusal(code: string, message: string, json: boolean): void {
  if (json) process.stderr.write(`${JSON.stringify({ error: { code, message, path: [] } })}\n`);
  else process.stderr.write(`tradesize: refused ${code}: ${message}\n`);
  process.exitCode = 2;
}
