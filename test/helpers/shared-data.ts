/**
 * Access to the real market data in ../shared/data for tests.
 *
 * A user's fresh clone does not have it: tests that need it skip with a visible message.
 * Under CI=true its absence is a failure, never a silent skip.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
/** Absolute path of ../shared/data next to the repository root. */
export const SHARED_DATA_DIR = resolve(here, '..', '..', '..', 'shared', 'data');

/** Absolute path of a file under ../shared/data, or null when it is absent. */
export function sharedDataPath(relative: string): string | null {
  const p = join(SHARED_DATA_DIR, relative);
  return existsSync(p) ? p : null;
}

/** Reads a shared data file as text (call only inside {@link describeWithSharedData}). */
export function readSharedData(relative: string): string {
  const p = sharedDataPath(relative);
  if (p === null) throw new Error(`shared data file missing: ${relative}`);
  return readFileSync(p, 'utf8');
}

/**
 * `describe` that needs the given files under `dir` (a folder of ../shared). Absent files:
 * skipped with a warning on a user's machine (the body is not even run, so it may read the
 * files while defining its tests); a failing test under CI=true.
 */
export function describeWithSharedFiles(dir: string, name: string, files: readonly string[], body: () => void): void {
  const root = resolve(here, '..', '..', '..', 'shared', dir);
  const missing = files.filter((f) => !existsSync(join(root, f)));
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it(`has the ../shared/${dir} files it needs (required under CI=true)`, () => {
        throw new Error(`missing ../shared/${dir} files: ${missing.join(', ')}`);
      });
    });
    return;
  }
  console.warn(`[tradesize tests] SKIPPED "${name}": ../shared/${dir} not found (${missing.join(', ')})`);
  // The body is not collected: it may read the missing files while it defines its tests.
  describe.skip(name, () => {
    it(`needs ../shared/${dir}: ${missing.join(', ')}`, () => undefined);
  });
}

/** `describe` that needs the given files under ../shared/data (see {@link describeWithSharedFiles}). */
export function describeWithSharedData(name: string, files: readonly string[], body: () => void): void {
  describeWithSharedFiles('data', name, files, body);
}

/** Reads a committed fixture under test/fixtures as parsed JSON. */
export function readFixture<T = unknown>(relative: string): T {
  return JSON.parse(readFileSync(resolve(here, '..', 'fixtures', relative), 'utf8')) as T;
}

/** Where a shared OHLCV file's rows start and end, recorded by a fixture generator. */
export interface SharedFileFingerprint {
  readonly file: string;
  readonly rows: number;
  readonly firstTimestamp: string;
  readonly lastTimestamp: string;
}

/**
 * Simple returns close_t/close_(t−1) − 1 of a shared OHLCV file, after checking it is the file
 * the fixture was generated from (row count, first and last timestamp).
 */
export function sharedSimpleReturns(meta: SharedFileFingerprint): number[] {
  const lines = readSharedData(meta.file).trim().split('\n');
  const closeAt = (lines[0] ?? '').split(',').indexOf('close');
  const rows = lines.slice(1).map((l) => l.split(','));
  expect(rows.length).toBe(meta.rows);
  expect(rows[0]?.[0]).toBe(meta.firstTimestamp);
  expect(rows.at(-1)?.[0]).toBe(meta.lastTimestamp);
  const closes = rows.map((r) => Number(r[closeAt]));
  return closes.slice(1).map((c, i) => c / (closes[i] as number) - 1);
}
