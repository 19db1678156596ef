/**
 * File flags on the built bin (a fresh process, dist/ — run `npm run build` first): a named pipe,
 * a device or a directory is refused at once with FILE_NOT_FOUND naming the flag, a file over
 * 512 MiB with FILE_TOO_LARGE — never a hang, never a read of /dev/zero until memory runs out.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/tradesize.cjs', import.meta.url));
/** A refusal must come back well before this; a blocking read would hit it. */
const TIMEOUT_MS = 15_000;
const dir = mkdtempSync(join(tmpdir(), 'tradesize-file-input-'));
const fifo = join(dir, 'pipe');
execFileSync('mkfifo', [fifo]);
const huge = join(dir, 'huge.csv');
const fd = openSync(huge, 'w');
ftruncateSync(fd, 512 * 1024 * 1024 + 1); // sparse: no disk used
closeSync(fd);

function errorOf(args: readonly string[]): { code: string; path: unknown[]; message: string; ms: number } {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [bin, ...args, '--json'], { encoding: 'utf8', timeout: TIMEOUT_MS });
  const ms = Date.now() - t0;
  expect(r.signal, `${args.join(' ')} did not finish in ${TIMEOUT_MS} ms`).toBeNull();
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/RangeError|\n\s+at /);
  return { ...(JSON.parse(r.stderr) as { error: { code: string; path: unknown[]; message: string } }).error, ms };
}

const size = ['size', '--equity', '10000', '--entry', '65000', '--stop', '63000', '--risk', '0.01'];
const liquidation = ['liquidation', '--venue', 'binance-usdm', '--symbol', 'BTCUSDT', '--side', 'long', '--entry', '65000', '--quantity', '1', '--margin-mode', 'isolated', '--collateral', '6500'];
/** Every flag that reads a file, with a command line around it. */
const FLAGS: readonly (readonly [string, (file: string) => string[]])[] = [
  ['--data', (f) => ['vol', '--model', 'close', '--data', f]],
  ['--data', (f) => ['risk', '--data', f]],
  ['--data', (f) => ['regime', '--data', f]],
  ['--returns', (f) => ['kelly', '--returns', f]],
  ['--vol-data', (f) => [...size, '--vol-target', '0.5', '--vol-data', f]],
  ['--portfolio', (f) => ['stress', '--portfolio', f]],
  ['--history', (f) => ['stress', '--portfolio', 'examples/portfolio-btc.json', '--history', `BTC=${f}`]],
  ['--tiers', (f) => [...liquidation, '--tiers', f]],
];

describe('file flags refuse what is not a bounded regular file', () => {
  it.each(FLAGS)('%s: a named pipe (mkfifo) is refused at once', (flag, args) => {
    const e = errorOf(args(fifo));
    expect(e).toMatchObject({ code: 'FILE_NOT_FOUND', path: [flag] });
    expect(e.message).toMatch(/named pipe/);
  });

  it.each(FLAGS)('%s: /dev/zero is refused at once as a device', (flag, args) => {
    const e = errorOf(args('/dev/zero'));
    expect(e).toMatchObject({ code: 'FILE_NOT_FOUND', path: [flag] });
    expect(e.message).toMatch(/device/);
    expect(e.ms).toBeLessThan(TIMEOUT_MS);
  });

  it('a directory is FILE_NOT_FOUND "is a directory"', () => {
    const e = errorOf(['vol', '--model', 'close', '--data', dir]);
    expect(e).toMatchObject({ code: 'FILE_NOT_FOUND', path: ['--data'] });
    expect(e.message).toMatch(/is a directory/);
  });

  it.each(FLAGS)('%s: a file over 512 MiB is FILE_TOO_LARGE before any read', (flag, args) => {
    const e = errorOf(args(huge));
    expect(e).toMatchObject({ code: 'FILE_TOO_LARGE', path: [flag] });
    expect(e.message).toMatch(/512 MiB/);
  });
});
