/**
 * `tradesize risk` through the registered command (in-process runner), with --json: stdout
 * holds the one JSON object, errors come back as the TradesizeError the CLI printed.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliError, cliJson, cliWith } from './run.js';
import { TradesizeError } from '../../src/core/errors.js';
import { expectRel } from '../helpers/assert.js';
import { riskMeasures } from '../../src/risk/var-es.js';
import { describeWithSharedData, readFixture, sharedDataPath } from '../helpers/shared-data.js';

type Opts = Record<string, string | boolean | undefined>;

const run = (opts: Opts): Promise<string> => cliWith('risk', opts);

const runJson = (opts: Opts): Promise<Record<string, unknown>> => cliJson('risk', opts);
const runError = (opts: Opts): Promise<TradesizeError> => cliError('risk', opts);

const dir = mkdtempSync(join(tmpdir(), 'tradesize-risk-'));
const returnsFile = join(dir, 'returns.csv');
writeFileSync(returnsFile, 'date,ret\n2024-01-01,-0.05\n2024-01-02,-0.02\n2024-01-03,0\n2024-01-04,0.01\n2024-01-05,0.03\n');
const pricesFile = join(dir, 'prices.csv');
writeFileSync(pricesFile, 'timestamp,close\n1,100\n2,95\n3,93.1\n4,93.1\n5,94.031\n6,96.85193\n');

describe('tradesize risk', () => {
  it('historical on a returns column: positive losses, type-7 quantile, strict tail mean', async () => {
    const r = await runJson({ data: returnsFile, input: 'returns', level: '0.9', method: 'historical' });
    expect(r.method).toBe('historical');
    expect(r.level).toBe(0.9);
    expect(r.observations).toBe(5);
    expect(r.var as number).toBeCloseTo(0.038, 15);
    expect(r.es as number).toBeCloseTo(0.05, 15);
    expect(r.column).toBe('ret');
    expect(r.returns).toBe('simple');
  });

  it('prices become simple returns P_t/P_{t−1} − 1', async () => {
    // Returns −0.05, −0.02, 0, 0.01, 0.03: the same sample as the returns file.
    const a = await runJson({ data: pricesFile, level: '0.9' });
    expect(a.input).toBe('prices');
    expect(a.observations).toBe(5);
    expect(a.var as number).toBeCloseTo(0.038, 12);
    expect(a.es as number).toBeCloseTo(0.05, 12);
  });

  it('cornish-fisher adds skew and excessKurtosis; gaussian does not', async () => {
    // The library on the same five returns (riskMeasures is checked against PerformanceAnalytics in test/risk).
    const sample = [-0.05, -0.02, 0, 0.01, 0.03];
    const cf = await runJson({ data: returnsFile, input: 'returns', level: '0.95', method: 'cornish-fisher' });
    const cfRef = riskMeasures(sample, { level: 0.95, method: 'cornish-fisher' });
    expect(cf).toMatchObject({ var: cfRef.var, es: cfRef.es, skew: cfRef.skew, excessKurtosis: cfRef.excessKurtosis });
    const g = await runJson({ data: returnsFile, input: 'returns', level: '0.95', method: 'gaussian' });
    expect(g.skew).toBeUndefined();
    const gRef = riskMeasures(sample, { level: 0.95, method: 'gaussian' });
    expect(g).toMatchObject({ var: gRef.var, es: gRef.es });
  });

  it('defaults: --level 0.95, --method historical, --input prices; a text table without --json', async () => {
    const text = await run({ data: pricesFile });
    expect(text).toMatch(/^method\s+historical$/m);
    expect(text).toMatch(/^level\s+0\.95$/m);
    expect(text).toMatch(/^VaR \(loss\)/m);
  });

  it('typed errors name the flag', async () => {
    const cases: [Opts, string, (string | number)[]][] = [
      [{}, 'MISSING_OPTION', ['--data']],
      [{ data: returnsFile, input: 'returns', level: '1' }, 'INVALID_INPUT', ['--level']],
      [{ data: returnsFile, input: 'returns', level: '0' }, 'INVALID_INPUT', ['--level']],
      [{ data: returnsFile, input: 'returns', level: 'abc' }, 'INVALID_INPUT', ['--level']],
      [{ data: returnsFile, input: 'returns', method: 'var' }, 'INVALID_INPUT', ['--method']],
      [{ data: returnsFile, input: 'bars' }, 'INVALID_INPUT', ['--input']],
      [{ data: join(dir, 'missing.csv') }, 'FILE_NOT_FOUND', ['--data']],
    ];
    for (const [opts, code, path] of cases) {
      const e = await runError(opts);
      expect(e.code).toBe(code);
      expect(e.path).toEqual(path);
    }
  });

  it('too few observations → INSUFFICIENT_DATA at --data', async () => {
    const one = join(dir, 'one.csv');
    writeFileSync(one, 'date,ret\n2024-01-01,0.01\n');
    const e = await runError({ data: one, input: 'returns' });
    expect(e.code).toBe('INSUFFICIENT_DATA');
    expect(e.path).toEqual(['--data']);
  });
});

interface Fx {
  real: {
    file: string;
    levels: { level: number; historical: { var: number; es: number }; 'cornish-fisher': { var: number; es: number; skew: number } }[];
  };
}
const fx = readFixture<Fx>('risk/risk-measures.json');

describeWithSharedData('tradesize risk on BTC/USDT daily closes', [fx.real.file], () => {
  it('matches the numpy / scipy fixture (historical and cornish-fisher at 99 %)', async () => {
    const file = sharedDataPath(fx.real.file) as string;
    const row = fx.real.levels.find((l) => l.level === 0.99);
    if (row === undefined) throw new Error('fixture has no 0.99 row');
    const h = await runJson({ data: file, level: '0.99', method: 'historical' });
    expectRel(h.var as number, row.historical.var, 1e-12);
    expectRel(h.es as number, row.historical.es, 1e-12);
    const cf = await runJson({ data: file, level: '0.99', method: 'cornish-fisher' });
    expectRel(cf.var as number, row['cornish-fisher'].var, 1e-12);
    expectRel(cf.es as number, row['cornish-fisher'].es, 1e-12);
    expectRel(cf.skew as number, row['cornish-fisher'].skew, 1e-12);
  });
});
