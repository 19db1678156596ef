/**
 * The square-root law's Y fitted on the real books of ../shared/data/orderbook, against the
 * independent numpy fit of scripts/fixtures/liquidity_impact.py (test/fixtures/liquidity/impact.json),
 * and the constant the library ships (BOOK_IMPACT_Y) against both.
 */
import { describe, expect, it } from 'vitest';
import { describeWithSharedData, readFixture, readSharedData } from '../helpers/shared-data.js';
import { dailyScale, fitImpact, type CalibrationBook, type ImpactFit } from '../../src/liquidity/calibrate.js';
import { parseTardisSnapshots } from '../../src/liquidity/tardis.js';
import { bybitBooks } from '../../src/liquidity/bybit.js';
import { BOOK_IMPACT_Y } from '../../src/liquidity/impact.js';
import { makeBook } from '../../src/liquidity/book.js';

interface Scale {
  readonly sigma: number;
  readonly dailyVolume: number;
  readonly ohlcv: string;
  readonly before: string;
}
interface Fit {
  y: number;
  standardError: number;
  observations: number;
  clusters: number;
  outOfSample: { rmseBps: number; meanAbsErrorBps: number; observations: number };
}
interface ImpactFixture {
  readonly scale: { readonly binance: Scale; readonly bybit: Scale };
  readonly fit: Fit;
  readonly perVenue: { readonly binance: Fit; readonly bybit: Fit };
}

function expectFit(fit: ImpactFit, ref: Fit): void {
  expect(fit.y).toBeCloseTo(ref.y, 10);
  expect(fit.standardError).toBeCloseTo(ref.standardError, 10);
  expect(fit.observations).toBe(ref.observations);
  expect(fit.clusters).toBe(ref.clusters);
  expect(fit.outOfSample.rmseBps).toBeCloseTo(ref.outOfSample.rmseBps, 8);
  expect(fit.outOfSample.meanAbsErrorBps).toBeCloseTo(ref.outOfSample.meanAbsErrorBps, 8);
  expect(fit.outOfSample.observations).toBe(ref.outOfSample.observations);
}
const fixture = readFixture<ImpactFixture>('liquidity/impact.json');

/** σ and V from the 31 daily bars before `before` (30 returns). */
function scaleOf(s: Scale): { sigma: number; dailyVolume: number } {
  const lines = readSharedData(s.ohlcv).trim().split('\n');
  const head = (lines[0] as string).split(',');
  const rows = lines.slice(1).map((l) => l.split(',')).filter((r) => (r[0] as string) < s.before).slice(-31);
  const closes = rows.map((r) => Number(r[head.indexOf('close')]));
  const volumes = rows.slice(1).map((r) => Number(r[head.indexOf('volume')]));
  return dailyScale(closes, volumes);
}

describe('dailyScale', () => {
  it('σ is the n − 1 standard deviation of the log returns, V the mean volume', () => {
    const r = [Math.log(1.1), Math.log(0.9)];
    const m = (r[0] as number + (r[1] as number)) / 2;
    const s = dailyScale([100, 110, 99], [5, 7]);
    expect(s.sigma).toBeCloseTo(Math.sqrt((r[0] as number - m) ** 2 + (r[1] as number - m) ** 2), 14);
    expect(s.dailyVolume).toBe(6);
  });
});

describe('fitImpact', () => {
  it('recovers Y from books whose walked slippage is exactly Y·σ·√(Q/V) at the grid (two levels, flat beyond)', () => {
    // One level per side at the mid ± h: slippage h/mid for every Q, so Ŷ = Σx·(h/mid) / Σx² and the fit is exact
    // only in its normal equations; check them rather than a value.
    const book = makeBook({ bids: [[99, 10]], asks: [[101, 10]] });
    const fit = fitImpact([
      { group: 'a', holdOut: false, book, sigma: 0.02, dailyVolume: 1000 },
      { group: 'a', holdOut: true, book, sigma: 0.02, dailyVolume: 1000 },
    ]);
    const xs = Array.from({ length: 19 }, (_, j) => 0.02 * Math.sqrt((10 * (j + 1)) / 20 / 1000));
    const sxx = xs.reduce((a, x) => a + x * x, 0);
    expect(fit.y).toBeCloseTo((xs.reduce((a, x) => a + x, 0) * 0.01) / sxx, 12);
    expect(fit.clusters).toBe(2);
    expect(fit.observations).toBe(38);
  });

  it('needs a fitting and a held-out book', () => {
    const book = makeBook({ bids: [[99, 10]], asks: [[101, 10]] });
    expect(() => fitImpact([{ group: 'a', holdOut: false, book, sigma: 0.02, dailyVolume: 1000 }])).toThrow(/held-out/);
  });
});

describeWithSharedData(
  'Y calibrated on the real books (Binance BTCUSDT book25, Bybit XRPUSDT ob500 + deltas)',
  [
    'orderbook/binance-futures-btcusdt-book25-20200901.csv',
    'orderbook/bybit-linear-xrpusdt-ob500-snapshot-20241201.csv',
    'orderbook/bybit-linear-xrpusdt-ob500-deltas-20241201.csv',
    'ohlcv/btc-usdt-1d.csv',
    'ohlcv/xrp-usdt-1d.csv',
  ],
  () => {
    const bn = scaleOf(fixture.scale.binance);
    const bb = scaleOf(fixture.scale.bybit);
    const books: CalibrationBook[] = [
      ...parseTardisSnapshots(readSharedData('orderbook/binance-futures-btcusdt-book25-20200901.csv'), 'binance').map((b, i) => ({ group: 'binance', holdOut: i >= 5, book: b.book, ...bn })),
      ...bybitBooks(readSharedData('orderbook/bybit-linear-xrpusdt-ob500-snapshot-20241201.csv'), readSharedData('orderbook/bybit-linear-xrpusdt-ob500-deltas-20241201.csv')).map((b, i) => ({
        group: 'bybit',
        holdOut: i >= 25,
        book: b.book,
        ...bb,
      })),
    ];
    const fit = fitImpact(books);

    it('σ and V of the 30 days before each book match numpy', () => {
      expect(bn.sigma).toBeCloseTo(fixture.scale.binance.sigma, 13);
      expect(bn.dailyVolume).toBeCloseTo(fixture.scale.binance.dailyVolume, 6);
      expect(bb.sigma).toBeCloseTo(fixture.scale.bybit.sigma, 13);
      expect(bb.dailyVolume).toBeCloseTo(fixture.scale.bybit.dailyVolume, 3);
    });

    it(`Y = ${fixture.fit.y.toFixed(3)} ± ${fixture.fit.standardError.toFixed(4)} (out-of-sample RMSE ${fixture.fit.outOfSample.rmseBps.toFixed(1)} bps) as numpy fits it`, () => {
      expectFit(fit, fixture.fit);
    });

    it(`per venue as numpy fits it: Binance BTCUSDT Y = ${fixture.perVenue.binance.y.toFixed(3)}, Bybit XRPUSDT Y = ${fixture.perVenue.bybit.y.toFixed(3)}`, () => {
      expectFit(fitImpact(books.filter((b) => b.group === 'binance')), fixture.perVenue.binance);
      expectFit(fitImpact(books.filter((b) => b.group === 'bybit')), fixture.perVenue.bybit);
      // The venues disagree far beyond either standard error: one Y does not carry across books.
      const gap = Math.abs(fixture.perVenue.bybit.y - fixture.perVenue.binance.y);
      expect(gap).toBeGreaterThan(10 * (fixture.perVenue.bybit.standardError + fixture.perVenue.binance.standardError));
    });
  },
);

describe('BOOK_IMPACT_Y', () => {
  it('is the committed fit, rounded as documented', () => {
    expect(BOOK_IMPACT_Y.y).toBeCloseTo(fixture.fit.y, 3);
    expect(BOOK_IMPACT_Y.standardError).toBeCloseTo(fixture.fit.standardError, 4);
    expect(BOOK_IMPACT_Y.outOfSampleRmseBps).toBeCloseTo(fixture.fit.outOfSample.rmseBps, 1);
  });
});
