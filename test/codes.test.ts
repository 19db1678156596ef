/**
 * Error, refusal and warning codes are one typed list (src/core/errors.ts), and the README's
 * table and every code it mentions agree with it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES, REFUSAL_CODES, WARNING_CODES } from '../src/core/errors.js';
import { REFUSAL_CODES as SIZING_REFUSAL_CODES } from '../src/sizing/refusal.js';
import { DENIAL_CODES } from '../src/engine/denial-codes.js';
import { TICK_REFUSALS } from '../src/engine/market-prices.js';
import { HTTP_ERROR_CODES } from '../src/server/http-codes.js';
import { ALERT_CODES } from '../src/engine/engine.js';

const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
/** The service's errors, as the README shows them: "STATUS: description". */
const httpErrors = Object.fromEntries(Object.entries(HTTP_ERROR_CODES).map(([k, [status, d]]) => [k, `${status}: ${d}`]));
const lists = { error: ERROR_CODES, refusal: REFUSAL_CODES, warning: WARNING_CODES, denial: DENIAL_CODES, 'tick refusal': TICK_REFUSALS, 'service error': httpErrors, alert: ALERT_CODES } as const;

/** The README's code tables: for each kind, its rows as [code, description] in order. */
function readmeTables(): Record<string, [string, string][]> {
  const start = readme.indexOf('## Error, refusal and warning codes');
  expect(start).toBeGreaterThan(-1);
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const tables: Record<string, [string, string][]> = {};
  let kind = '';
  for (const line of section.split('\n')) {
    const head = /^\| (error|refusal|warning|denial|tick refusal|service error|alert) \(/.exec(line);
    if (head !== null) kind = head[1] as string;
    const row = /^\| `([A-Z_]+)` \| (.*) \|$/.exec(line);
    if (row !== null) (tables[kind] ??= []).push([row[1] as string, row[2] as string]);
  }
  return tables;
}

describe('codes', () => {
  it('the README tables list exactly the typed codes, in order, with their descriptions', () => {
    const tables = readmeTables();
    for (const [kind, list] of Object.entries(lists)) expect(tables[kind], kind).toEqual(Object.entries(list));
  });

  it('every code the README mentions anywhere is in the typed list', () => {
    const all = new Set<string>(Object.values(lists).flatMap((l) => Object.keys(l)));
    const mentioned = [...readme.matchAll(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`/g)].map((m) => m[1] as string).filter((c) => !c.endsWith('_CODES') && c !== 'TICK_REFUSALS');
    // Codes also appear in printed JSON and text output ("code":"X", "refused X", "error X").
    const printed = [...readme.matchAll(/"code":"([A-Z_]+)"|(?:refused|error|warning) ([A-Z][A-Z_]+[A-Z])\b/g)].map((m) => (m[1] ?? m[2]) as string);
    expect(mentioned.length).toBeGreaterThan(0);
    for (const c of [...mentioned, ...printed]) expect(all, c).toContain(c);
  });

  it('errors, refusals and warnings never share a code, and every description is one line', () => {
    const library = [ERROR_CODES, REFUSAL_CODES, WARNING_CODES].flatMap((l) => Object.keys(l));
    expect(new Set(library).size).toBe(library.length);
    const service = [DENIAL_CODES, TICK_REFUSALS, HTTP_ERROR_CODES, ALERT_CODES].flatMap((l) => Object.keys(l));
    expect(new Set(service).size).toBe(service.length);
    for (const l of Object.values(lists)) for (const d of Object.values(l)) expect(d).toMatch(/^[^\n|]+$/);
  });

  it('sizing keeps its REFUSAL_CODES import path, the same list', () => {
    expect(SIZING_REFUSAL_CODES).toBe(REFUSAL_CODES);
  });
});
