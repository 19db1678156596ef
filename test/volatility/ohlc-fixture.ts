/**
 * The committed OHLC volatility fixture (scripts/fixtures/volatility_ohlc.R: R's TTR::volatility),
 * typed once, and the checks every range estimator shares: TTR on synthetic and real bars, typed
 * errors, and fast-check properties (price-scale invariance, non-negative estimates).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { OhlcBars } from '../../src/market/ohlc-csv.js';
import { parseOhlcCsv } from '../../src/market/ohlc-csv.js';
import { estimateVolatility, type RangeMethod } from '../../src/volatility/estimate.js';
import { describeWithSharedData, readFixture, readSharedData, type SharedFileFingerprint } from '../helpers/shared-data.js';
import { expectRel, thrown } from '../helpers/assert.js';

export interface RangeExpected {
  readonly periodVol: number;
  readonly annualizedVol: number;
  readonly observations: number;
}

type ExpectedByMethod = Readonly<Record<RangeMethod, RangeExpected>>;

export interface OhlcFixture {
  readonly versions: { readonly R: string; readonly TTR: string };
  readonly tolerance: { readonly relative: number };
  readonly synthetic: readonly (OhlcBars & {
    readonly name: string;
    readonly periodsPerYear: number;
    readonly open: number[];
    readonly high: number[];
    readonly low: number[];
    readonly close: number[];
    readonly expected: ExpectedByMethod;
  })[];
  readonly real: readonly (SharedFileFingerprint & { readonly periodsPerYear: number; readonly expected: ExpectedByMethod })[];
}

export const ohlcFixture = readFixture<OhlcFixture>('volatility/ohlc.json');
/** Relative tolerance the generator recorded. */
export const OHLC_REL = ohlcFixture.tolerance.relative;

/** A range estimator's validated function, as the shared suite calls it. */
export type RangeVol = (bars: OhlcBars, options?: { periodsPerYear?: number }) => RangeExpected;

/** Bars from a real shared file, after checking it is the file the fixture was generated from. */
export function sharedBars(meta: SharedFileFingerprint): OhlcBars {
  const csv = parseOhlcCsv(readSharedData(meta.file));
  expect(csv.rows).toBe(meta.rows);
  expect(csv.timestamps?.[0]).toBe(meta.firstTimestamp);
  expect(csv.timestamps?.at(-1)).toBe(meta.lastTimestamp);
  return csv;
}

/** One bar from integer steps of 1e-6 in log space: gap from the previous close, body, wicks. */
const barSteps = fc.tuple(
  fc.integer({ min: -50_000, max: 50_000 }),
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.integer({ min: 0, max: 80_000 }),
  fc.integer({ min: 0, max: 80_000 }),
);

/** Consistent OHLC bars (low ≤ open, close ≤ high) starting near 100, at least `min` of them. */
export function arbitraryBars(min: number): fc.Arbitrary<OhlcBars & { open: number[]; high: number[]; low: number[]; close: number[] }> {
  return fc.array(barSteps, { minLength: min, maxLength: 60 }).map((steps) => {
    const open: number[] = [];
    const high: number[] = [];
    const low: number[] = [];
    const close: number[] = [];
    let prev = 100;
    for (const [g, c, up, down] of steps) {
      const o = prev * Math.exp(g * 1e-6);
      const cl = o * Math.exp(c * 1e-6);
      open.push(o);
      close.push(cl);
      high.push(Math.max(o, cl) * Math.exp(up * 1e-6));
      low.push(Math.min(o, cl) * Math.exp(-down * 1e-6));
      prev = cl;
    }
    return { open, high, low, close };
  });
}

/** The checks shared by the four range estimators. */
export function rangeEstimatorSuite(method: RangeMethod, vol: RangeVol, minBars: number): void {
  describe(`${method}: TTR::volatility reference (TTR ${ohlcFixture.versions.TTR})`, () => {
    for (const c of ohlcFixture.synthetic) {
      it(`matches TTR on "${c.name}" (${c.high.length} bars)`, () => {
        const want = c.expected[method];
        const got = vol(c, { periodsPerYear: c.periodsPerYear });
        expect(got.observations).toBe(want.observations);
        expectRel(got.periodVol, want.periodVol, OHLC_REL);
        expectRel(got.annualizedVol, want.annualizedVol, OHLC_REL);
        expectRel(vol(c).annualizedVol, want.periodVol * Math.sqrt(365), OHLC_REL);
      });
    }

    it('estimateVolatility with this method returns the same estimate', () => {
      const c = ohlcFixture.synthetic[0];
      if (c === undefined) throw new Error('empty fixture');
      const { open, high, low, close } = c;
      const est = estimateVolatility({ ohlc: { open, high, low, close }, method, periodsPerYear: c.periodsPerYear });
      expect(est.method).toBe(method);
      expect(est.periodsPerYearSource).toBe('given');
      expect(est.observations).toBe(c.expected[method].observations);
      expectRel(est.sigma, c.expected[method].annualizedVol, OHLC_REL);
    });
  });

  describeWithSharedData(
    `${method} on real OHLC bars`,
    ohlcFixture.real.map((r) => r.file),
    () => {
      for (const r of ohlcFixture.real) {
        it(`${r.file}: matches TTR on the same file`, () => {
          const want = r.expected[method];
          const got = vol(sharedBars(r), { periodsPerYear: r.periodsPerYear });
          expect(got.observations).toBe(want.observations);
          expectRel(got.periodVol, want.periodVol, OHLC_REL);
          expectRel(got.annualizedVol, want.annualizedVol, OHLC_REL);
        });
      }
    },
  );

  describe(`${method}: typed errors`, () => {
    const ok = { open: [100, 101, 102], high: [102, 103, 104], low: [99, 100, 101], close: [101, 102, 103] };

    it('high below low is INVALID_INPUT at the bar', () => {
      const e = thrown(() => vol({ ...ok, high: [102, 99.5, 104] }));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.path).toEqual(['ohlc', 'high', 1]);
    });

    it('a non-positive or non-finite price is INVALID_INPUT at the bar', () => {
      for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        const e = thrown(() => vol({ ...ok, low: [99, bad, 101] }));
        expect(e.code).toBe('INVALID_INPUT');
        expect(e.path).toEqual(['ohlc', 'low', 1]);
      }
      expect(thrown(() => vol({ ...ok, high: [102, 103, 0] })).path).toEqual(['ohlc', 'high', 2]);
    });

    it('unequal lengths, non-arrays, too few bars and a bad periodsPerYear are refused', () => {
      expect(thrown(() => vol({ ...ok, low: [99, 100] })).path).toEqual(['ohlc', 'low']);
      expect(thrown(() => vol({ ...ok, high: 'x' as unknown as number[] })).path).toEqual(['ohlc', 'high']);
      const few = thrown(() => vol({ open: ok.open.slice(0, minBars - 1), high: ok.high.slice(0, minBars - 1), low: ok.low.slice(0, minBars - 1), close: ok.close.slice(0, minBars - 1) }));
      expect(few.code).toBe('INSUFFICIENT_DATA');
      expect(thrown(() => vol(ok, { periodsPerYear: 0 })).path).toEqual(['periodsPerYear']);
    });

    it('estimateVolatility refuses values with a range method and a missing ohlc', () => {
      const conflict = thrown(() => estimateVolatility({ ohlc: ok, values: [1, 2, 3], input: 'prices', method }));
      expect(conflict.code).toBe('CONFLICTING_OPTIONS');
      expect(conflict.path).toEqual(['values']);
      const missing = thrown(() => estimateVolatility({ method }));
      expect(missing.code).toBe('MISSING_OPTION');
      expect(missing.path).toEqual(['ohlc']);
      const flat = thrown(() => estimateVolatility({ ohlc: { open: [1, 1, 1], high: [1, 1, 1], low: [1, 1, 1], close: [1, 1, 1] }, method }));
      expect(flat.code).toBe('INSUFFICIENT_DATA');
    });
  });

  describe(`${method}: properties`, () => {
    it('scaling every price by a constant leaves the estimate unchanged (1,000 runs)', () => {
      fc.assert(
        fc.property(arbitraryBars(minBars), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (bars, k) => {
          const scale = (xs: number[]) => xs.map((x) => k * x);
          const scaled = { open: scale(bars.open), high: scale(bars.high), low: scale(bars.low), close: scale(bars.close) };
          const a = vol(bars).periodVol;
          const b = vol(scaled).periodVol;
          // Rounding k·P changes each log ratio by ~1e-16 absolute, whatever the volatility.
          return Math.abs(a - b) <= 1e-10 * a + 1e-12;
        }),
        { numRuns: 1000 },
      );
    });

    it('estimates are finite and ≥ 0 (1,000 runs)', () => {
      fc.assert(
        fc.property(arbitraryBars(minBars), (bars) => {
          const r = vol(bars, { periodsPerYear: 8760 });
          return Number.isFinite(r.periodVol) && r.periodVol >= 0 && r.annualizedVol >= 0;
        }),
        { numRuns: 1000 },
      );
    });
  });
}
