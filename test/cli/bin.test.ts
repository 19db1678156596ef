/**
 * The installed `tradesize` bin as a user runs it: a fresh process on the built dist/ (npm test
 * builds first). Checks the process-level contract: stdout, stderr and the exit code.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = fileURLToPath(new URL('../../bin/tradesize.cjs', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('bin/tradesize.cjs', () => {
  it('sizes a position and exits 0', () => {
    const r = run('size', '--equity', '10000', '--entry', '65000', '--stop', '63000', '--risk', '0.01', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'sized', quantity: 0.05, binding: 'stop-risk' });
    expect(r.stderr).toBe('');
  });

  it('exits 2 with a JSON error on stderr for bad input', () => {
    const r = run('size', '--equity', 'x', '--entry', '65000', '--stop', '63000', '--risk', '0.01', '--json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toEqual({ error: { code: 'INVALID_INPUT', message: expect.any(String), path: ['--equity'] } });
  });

  it('exits 2 on a refusal, printing the reason code', () => {
    const r = run('size', '--equity', '10000', '--entry', '65000', '--stop', '63000', '--risk', '0.01', '--kelly-fraction', '0');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/NO_EDGE/);
  });

  it('prints help and exits 0', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/kelly/);
    expect(r.stdout).toMatch(/size/);
  });
});

describe('bin/tradesize.cjs in an unbuilt clone', () => {
  it('prints one line saying to run npm ci, without a stack trace', () => {
    const clone = mkdtempSync(join(tmpdir(), 'tradesize-unbuilt-'));
    try {
      mkdirSync(join(clone, 'bin'));
      copyFileSync(bin, join(clone, 'bin', 'tradesize.cjs'));
      const r = spawnSync(process.execPath, [join(clone, 'bin', 'tradesize.cjs'), 'size'], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining('run `npm ci`')]);
      expect(r.stderr).not.toMatch(/\bat \S+ \(|Error:/);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});
