/**
 * Access to the reference data in ../shared/references (venue tier tables, ccxt fixtures) for
 * tests, with the same rule as `shared-data.ts`: absent on a user's fresh clone → the tests skip
 * with a visible message; absent under CI=true → a failing test, never a silent skip.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeWithSharedFiles } from './shared-data.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Absolute path of ../shared/references next to the repository root. */
export const SHARED_REFERENCES_DIR = resolve(here, '..', '..', '..', 'shared', 'references');

/** Absolute path of a file under ../shared/references, or null when it is absent. */
export function sharedReferencePath(relative: string): string | null {
  const p = join(SHARED_REFERENCES_DIR, relative);
  return existsSync(p) ? p : null;
}

/** Reads a shared reference file as parsed JSON (call only inside {@link describeWithSharedReferences}). */
export function readSharedReference<T = unknown>(relative: string): T {
  const p = sharedReferencePath(relative);
  if (p === null) throw new Error(`shared reference file missing: ${relative}`);
  return JSON.parse(readFileSync(p, 'utf8')) as T;
}

/** Reads a shared reference file as text (call only inside {@link describeWithSharedReferences}). */
export function readSharedReferenceText(relative: string): string {
  const p = sharedReferencePath(relative);
  if (p === null) throw new Error(`shared reference file missing: ${relative}`);
  return readFileSync(p, 'utf8');
}

/** `describe` that needs the given files under ../shared/references (skip / CI rule of `shared-data.ts`). */
export function describeWithSharedReferences(name: string, files: readonly string[], body: () => void): void {
  describeWithSharedFiles('references', name, files, body);
}
