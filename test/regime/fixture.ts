/**
 * The statsmodels / numpy HMM fixture (scripts/fixtures/regime_hmm.py → test/fixtures/regime/hmm.json)
 * and the series behind each case: stored in the JSON (simulated), or read from ../shared
 * (BTC/USDT daily log returns, Hamilton's GNP growth) after checking the fingerprint.
 */
import { expect } from 'vitest';
import { readFixture, readSharedData, type SharedFileFingerprint } from '../helpers/shared-data.js';
import { readSharedReferenceText } from '../helpers/shared-references.js';
import { parseSeriesCsv } from '../../src/market/csv.js';
import { logReturns } from '../../src/market/returns.js';
import type { HmmParams } from '../../src/regime/params.js';

export interface FixtureParams extends HmmParams {
  readonly logLikelihood: number;
}

export interface StatsmodelsFit extends FixtureParams {
  readonly converged: boolean;
  readonly indices: number[];
  readonly filtered: number[][];
  readonly smoothed: number[][];
  /** Viterbi path at statsmodels' parameters, one digit per observation. */
  readonly viterbi: string;
  readonly viterbiLogProbability: number;
}

export interface HmmCase {
  readonly name: string;
  readonly states: 2 | 3;
  readonly observations: number;
  readonly returns?: number[];
  readonly shared?: SharedFileFingerprint & { returns: 'log' };
  readonly reference?: { file: string; rows: number };
  readonly statsmodels: StatsmodelsFit;
  readonly baumWelch: FixtureParams & { iterations: number };
}

export const hmmFixture = readFixture<{ cases: HmmCase[]; versions: Record<string, string> }>('regime/hmm.json');

export function fixtureCase(name: string): HmmCase {
  const c = hmmFixture.cases.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no fixture case ${name}`);
  return c;
}

/** The series of a case (call inside the matching describeWithShared… block for shared cases). */
export function caseSeries(c: HmmCase): Float64Array {
  if (c.returns !== undefined) return Float64Array.from(c.returns);
  if (c.shared !== undefined) {
    const csv = parseSeriesCsv(readSharedData(c.shared.file));
    expect(csv.rows).toBe(c.shared.rows);
    expect(csv.timestamps?.[0]).toBe(c.shared.firstTimestamp);
    expect(csv.timestamps?.at(-1)).toBe(c.shared.lastTimestamp);
    return logReturns(csv.values);
  }
  if (c.reference !== undefined) {
    const lines = readSharedReferenceText(c.reference.file).split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
    expect(lines.length).toBe(c.reference.rows);
    return Float64Array.from(lines.map(Number));
  }
  throw new Error(`case ${c.name} has no series`);
}
