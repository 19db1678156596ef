/**
 * The series contract for time, the same in every command that reads a timestamped series:
 * shuffled or duplicate timestamps are INVALID_INPUT at [flag, 'timestamps', i] with one message
 * shape, and an unreadable timestamp is PARSE_ERROR — kelly, risk and first-passage as vol,
 * regime and size.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { cli } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'tradesize-timestamps-'));
let count = 0;
function csv(days: readonly number[]): string {
  const file = join(dir, `series-${count++}.csv`);
  // Prices of a gentle zig-zag, one row per day index (2024-01-01 + d); enough rows for every command.
  const rows = days.map((d, i) => `${new Date(Date.UTC(2024, 0, 1 + d)).toISOString()},${100 * (1 + 0.01 * Math.sin(i))}`);
  writeFileSync(file, ['timestamp,close', ...rows].join('\n'));
  return file;
}

/** Every command and flag that reads a timestamped series. */
const READERS: readonly (readonly [string, string, (file: string) => string[]])[] = [
  ['kelly', '--returns', (f) => ['kelly', '--returns', f]],
  ['risk', '--data', (f) => ['risk', '--data', f]],
  ['first-passage', '--data', (f) => ['first-passage', '--price', '100', '--lower', '90', '--mu', '0', '--sigma', '0.5', '--horizon', '0.1', '--model', 'student-t', '--paths', '100', '--data', f]],
  ['vol', '--data', (f) => ['vol', '--model', 'close', '--data', f, '--periods-per-year', '365']],
  ['regime', '--data', (f) => ['regime', '--method', 'vol', '--data', f]],
  ['size --vol-data', '--vol-data', (f) => ['size', '--equity', '10000', '--entry', '65000', '--stop', '63000', '--risk', '0.01', '--vol-target', '0.5', '--vol-data', f]],
];

async function errorOf(args: readonly string[]): Promise<{ code: string; message: string; path: unknown[] }> {
  const run = await cli(...args, '--json');
  expect(run.code).toBe(2);
  return (JSON.parse(run.stderr) as { error: { code: string; message: string; path: unknown[] } }).error;
}

const ordered = Array.from({ length: 120 }, (_, i) => i);

describe('every command refuses out-of-order timestamps alike', () => {
  it.each(READERS)('%s: a duplicate timestamp is INVALID_INPUT at the row', async (_name, flag, args) => {
    const days = [...ordered];
    days[50] = 49;
    const e = await errorOf(args(csv(days)));
    expect(e).toEqual({
      code: 'INVALID_INPUT',
      path: [flag, 'timestamps', 50],
      message: `${flag}: timestamps must be strictly increasing; timestamps[50] "2024-02-19T00:00:00.000Z" is not after timestamps[49] "2024-02-19T00:00:00.000Z" (a duplicate)`,
    });
  });

  it.each(READERS)('%s: shuffled rows are INVALID_INPUT at the first step back', async (_name, flag, args) => {
    const days = [...ordered];
    [days[10], days[11]] = [days[11] as number, days[10] as number];
    const e = await errorOf(args(csv(days)));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual([flag, 'timestamps', 11]);
    expect(e.message).toMatch(new RegExp(`^${flag}: timestamps must be strictly increasing; timestamps\\[11\\] "2024-01-11T00:00:00.000Z" is not after timestamps\\[10\\]`));
  });

  it.each(READERS)('%s: an unreadable timestamp is PARSE_ERROR at the row', async (_name, flag, args) => {
    const file = csv(ordered);
    writeFileSync(file, readFileSync(file, 'utf8').replace('2024-01-02T00:00:00.000Z', 'yesterday'));
    const e = await errorOf(args(file));
    expect(e).toMatchObject({ code: 'PARSE_ERROR', path: [flag, 'timestamps', 1] });
  });

  it.each(READERS)('%s: the same series in order is accepted', async (_name, _flag, args) => {
    const run = await cli(...args(csv(ordered)), '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('property (15 runs: each writes a file and runs two commands; test/market/csv-reader.test.ts runs the check itself 1,000 times): any series with a step back or a repeat is refused by kelly and risk at exactly that row', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 118 }), fc.integer({ min: 0, max: 3 }), async (at, back) => {
        const days = [...ordered];
        days[at] = (days[at - 1] as number) - back; // back = 0: a duplicate
        for (const [, flag, args] of READERS.slice(0, 2)) {
          const e = await errorOf(args(csv(days)));
          expect(e).toMatchObject({ code: 'INVALID_INPUT', path: [flag, 'timestamps', at] });
        }
      }),
      { numRuns: 15 },
    );
  });
});
