import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { annualizeVol, DAYS_PER_YEAR_CRYPTO, inferPeriodsPerYear } from '../../src/market/periods.js';
import { parseSeriesCsv } from '../../src/market/csv.js';
import { describeWithSharedData, readFixture, readSharedData } from '../helpers/shared-data.js';
import { thrown } from '../helpers/assert.js';

const T0 = Date.parse('2024-01-01T00:00:00Z');
const MINUTE = 60_000;

/** ISO timestamps at T0 + offsets (minutes). */
function isoAt(offsetsMinutes: readonly number[]): string[] {
  return offsetsMinutes.map((m) => new Date(T0 + m * MINUTE).toISOString());
}

/** Regular series every `step` minutes, `n` bars, with the bars at `drop` indices missing (gaps). */
function regular(step: number, n: number, drop: ReadonlySet<number> = new Set()): string[] {
  const offsets: number[] = [];
  for (let i = 0; i < n; i++) if (!drop.has(i)) offsets.push(i * step);
  return isoAt(offsets);
}

describe('inferPeriodsPerYear', () => {
  it('hourly → 8760, 4-hour → 2190, daily → 365 with 365 days a year', () => {
    expect(DAYS_PER_YEAR_CRYPTO).toBe(365);
    expect(inferPeriodsPerYear(regular(60, 48))).toBe(8760);
    expect(inferPeriodsPerYear(regular(240, 30))).toBe(2190);
    expect(inferPeriodsPerYear(regular(1440, 10))).toBe(365);
    expect(inferPeriodsPerYear(['2024-01-01', '2024-01-02'], 252)).toBe(252);
  });

  it('the median ignores a few gaps (missing bars are not filled)', () => {
    expect(inferPeriodsPerYear(regular(60, 100, new Set([5, 6, 7, 40, 41, 77])))).toBe(8760);
  });

  it('needs at least 2 timestamps', () => {
    const e = thrown(() => inferPeriodsPerYear(['2024-01-01T00:00:00Z']));
    expect(e.code).toBe('INSUFFICIENT_DATA');
    expect(e.path).toEqual(['timestamps']);
    expect(thrown(() => inferPeriodsPerYear([])).code).toBe('INSUFFICIENT_DATA');
  });

  it('an unreadable timestamp is a PARSE_ERROR with its index', () => {
    const e = thrown(() => inferPeriodsPerYear(['2024-01-01T00:00:00Z', 'yesterday', '2024-01-01T02:00:00Z']));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.path).toEqual(['timestamps', 1]);
  });

  it('timestamps must be strictly increasing', () => {
    const e = thrown(() => inferPeriodsPerYear(['2024-01-02', '2024-01-03', '2024-01-03']));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['timestamps', 2]);
    expect(thrown(() => inferPeriodsPerYear(['2024-01-02', '2024-01-01'])).path).toEqual(['timestamps', 1]);
  });

  it('daysPerYear must be finite and positive', () => {
    expect(thrown(() => inferPeriodsPerYear(regular(60, 3), 0)).path).toEqual(['daysPerYear']);
    expect(thrown(() => inferPeriodsPerYear(regular(60, 3), Number.NaN)).path).toEqual(['daysPerYear']);
  });

  it('property: a regular grid where gaps are under half of the steps gives daysPerYear·1440/step (1,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_080 }),
        fc.integer({ min: 20, max: 60 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { maxLength: 3 }),
        fc.constantFrom(365, 360, 252),
        (step, n, dropped, days) => {
          const got = inferPeriodsPerYear(regular(step, n, new Set(dropped)), days);
          return Math.abs(got - (days * 1440) / step) <= 1e-12 * got;
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('annualizeVol', () => {
  it('σ·√periodsPerYear', () => {
    expect(annualizeVol(0.02, 365)).toBeCloseTo(0.02 * Math.sqrt(365), 15);
    expect(annualizeVol(0.01, 8760)).toBeCloseTo(0.936, 3);
  });
});

interface RealFixture {
  readonly real: readonly { readonly file: string; readonly periodsPerYear: number }[];
}

describeWithSharedData('inferPeriodsPerYear on real OHLCV files', ['ohlcv/btc-usdt-1d.csv', 'ohlcv/btc-usdt-1h.csv'], () => {
  const fixture = readFixture<RealFixture>('volatility/volatility.json');
  it('daily → 365 and hourly (with real gaps) → 8760, as pandas infers from the same files', () => {
    expect(fixture.real.map((r) => r.periodsPerYear)).toEqual([365, 8760]);
    for (const { file, periodsPerYear } of fixture.real) {
      const { timestamps } = parseSeriesCsv(readSharedData(file));
      expect(timestamps).not.toBeNull();
      expect(inferPeriodsPerYear(timestamps ?? [])).toBe(periodsPerYear);
    }
  });
});
