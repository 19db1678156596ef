/**
 * `--input log-returns` and `--input returns` across commands: a log-return column is used as
 * given where log returns are measured (vol, regime) and becomes simple returns e^r − 1 where
 * simple ones are needed (risk, kelly); simple returns must be > −1 only where they are
 * compounded (kelly's wealth, regime's ln(1 + R)), not in vol or risk.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, json } from './run.js';
import { expectRel } from '../helpers/assert.js';

const dir = mkdtempSync(join(tmpdir(), 'tradesize-log-returns-'));
const LOG = Array.from({ length: 60 }, (_, i) => 0.03 * Math.sin(1.7 * i) + 0.004);
function file(name: string, values: readonly number[]): string {
  const f = join(dir, name);
  writeFileSync(f, ['ret', ...values.map(String)].join('\n'));
  return f;
}
const logFile = file('log.csv', LOG);
const simpleFile = file('simple.csv', LOG.map(Math.expm1));
const percentFile = file('percent.csv', LOG.map((r) => 100 * r - 2));

describe('--input log-returns', () => {
  it('risk: e^r − 1, the same measures as the simple-return file', async () => {
    for (const method of ['historical', 'gaussian']) {
      const a = json(await cli('risk', '--data', logFile, '--input', 'log-returns', '--method', method, '--json'));
      const b = json(await cli('risk', '--data', simpleFile, '--input', 'returns', '--method', method, '--json'));
      expect(a.input).toBe('log-returns');
      expectRel(a.var as number, b.var as number, 1e-12);
      expectRel(a.es as number, b.es as number, 1e-12);
    }
  });

  it('kelly: e^r − 1, the same fraction as the simple-return file', async () => {
    const a = json(await cli('kelly', '--returns', logFile, '--input', 'log-returns', '--json'));
    const b = json(await cli('kelly', '--returns', simpleFile, '--input', 'returns', '--json'));
    expectRel(a.fraction as number, b.fraction as number, 1e-10);
  });

  it('vol: log returns as given, the same as --input prices on the prices they come from', async () => {
    const prices = LOG.reduce<number[]>((p, r) => [...p, (p[p.length - 1] as number) * Math.exp(r)], [100]);
    const a = json(await cli('vol', '--data', logFile, '--input', 'log-returns', '--model', 'close', '--json'));
    const b = json(await cli('vol', '--data', file('prices.csv', prices), '--model', 'close', '--json'));
    expectRel(a.annualizedVol as number, b.annualizedVol as number, 1e-10);
  });
});

describe('--input returns: > −1 only where compounded', () => {
  it('vol and risk take percent returns below −1 as given', async () => {
    expect((await cli('vol', '--data', percentFile, '--input', 'returns', '--model', 'ewma', '--json')).code).toBe(0);
    expect((await cli('risk', '--data', percentFile, '--input', 'returns', '--json')).code).toBe(0);
  });

  it('kelly and regime compound them and refuse a return ≤ −1, naming --input log-returns', async () => {
    for (const args of [['kelly', '--returns', percentFile], ['regime', '--method', 'vol', '--data', percentFile]]) {
      const run = await cli(...args, '--input', 'returns', '--json');
      expect(run.code).toBe(2);
      const e = JSON.parse(run.stderr).error as { code: string; message: string };
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toMatch(/log-returns/);
    }
  });
});
