/**
 * The venues' snapshot files of ../shared/data/orderbook parsed to the book a hand reading of
 * the files gives (a few levels picked by eye), and the Bybit delta replay against an
 * independent replay in numpy (scripts/fixtures/liquidity_impact.py).
 */
import { expect, it } from 'vitest';
import { describeWithSharedData, readFixture, readSharedData } from '../helpers/shared-data.js';
import { parseTardisIncremental, parseTardisSnapshots } from '../../src/liquidity/tardis.js';
import { bybitBookAt, bybitBooks, parseBybitSnapshot } from '../../src/liquidity/bybit.js';
import { readBookText } from '../../src/liquidity/read-book.js';
import { bookMid, type OrderBook } from '../../src/liquidity/book.js';

const BINANCE = 'orderbook/binance-futures-btcusdt-book25-20200901.csv';
const BYBIT_SNAP = 'orderbook/bybit-linear-xrpusdt-ob500-snapshot-20241201.csv';
const BYBIT_DELTAS = 'orderbook/bybit-linear-xrpusdt-ob500-deltas-20241201.csv';
const DERIBIT = 'orderbook/deribit-btc-perpetual-l2-20200401-sample.csv';

const level = (b: OrderBook, side: 'bids' | 'asks', i: number) => [b[side].prices[i], b[side].quantities[i]];

interface Replay {
  readonly bybitReplay: readonly { index: number; timeMs: number; bids: number[][]; asks: number[][]; bidLevels: number; askLevels: number }[];
}

describeWithSharedData('venue book files parse to the hand-read books', [BINANCE, BYBIT_SNAP, BYBIT_DELTAS, DERIBIT], () => {
  it('Binance book25: 10 snapshots of 25 levels; first bid 11657.07 × 10.896, first ask 11657.08 × 1.714', () => {
    const snaps = parseTardisSnapshots(readSharedData(BINANCE), 'binance');
    expect(snaps).toHaveLength(10);
    const first = snaps[0]?.book as OrderBook;
    expect(snaps[0]?.time).toBe(1598918403696000);
    expect(level(first, 'bids', 0)).toEqual([11657.07, 10.896]);
    expect(level(first, 'bids', 1)).toEqual([11656.97, 0.2]);
    expect(level(first, 'asks', 0)).toEqual([11657.08, 1.714]);
    expect(level(first, 'asks', 1)).toEqual([11657.54, 5.4]);
    expect(bookMid(first)).toBeCloseTo(11657.075, 9);
    const last = snaps[9]?.book as OrderBook;
    expect(last.asks.prices).toHaveLength(25);
    expect(level(last, 'asks', 24)).toEqual([11659.28, 0.06]);
    expect(level(last, 'asks', 23)).toEqual([11659.22, 0.22]);
    // readBookText takes the latest snapshot.
    expect(level(readBookText(readSharedData(BINANCE), 'binance'), 'asks', 24)).toEqual([11659.28, 0.06]);
  });

  it('Bybit ob500 snapshot: 500 levels a side; bid 1.9531 × 6203, ask 1.9532 × 10480, last ask 2.0031 × 123', () => {
    const { book, time } = parseBybitSnapshot(readSharedData(BYBIT_SNAP), 'bybit');
    expect(time).toBe(1733011200691);
    expect(book.bids.prices).toHaveLength(500);
    expect(level(book, 'bids', 0)).toEqual([1.9531, 6203]);
    expect(level(book, 'bids', 1)).toEqual([1.953, 2409]);
    expect(level(book, 'bids', 24)).toEqual([1.9507, 9734]);
    expect(level(book, 'asks', 0)).toEqual([1.9532, 10480]);
    expect(level(book, 'asks', 499)).toEqual([2.0031, 123]);
  });

  it('Bybit deltas: the first message (693 ms) sets bid 1.9531 to 6198 and 1.9507 to 25457; the second (790 ms) ask 1.9532 to 8761', () => {
    const snap = readSharedData(BYBIT_SNAP);
    const deltas = readSharedData(BYBIT_DELTAS);
    const at693 = bybitBookAt(snap, deltas, 1733011200693).book;
    expect(level(at693, 'bids', 0)).toEqual([1.9531, 6198]);
    expect(at693.bids.quantities[at693.bids.prices.indexOf(1.9507)]).toBe(25457);
    expect(level(at693, 'asks', 0)).toEqual([1.9532, 10480]);
    expect(level(bybitBookAt(snap, deltas, 1733011200790).book, 'asks', 0)).toEqual([1.9532, 8761]);
    expect(() => readBookText(deltas, 'deltas')).toThrow(/not a book by itself/);
  });

  it('Bybit replay: every message applied gives the books of an independent numpy replay', () => {
    const books = bybitBooks(readSharedData(BYBIT_SNAP), readSharedData(BYBIT_DELTAS));
    expect(books).toHaveLength(50);
    for (const ref of readFixture<Replay>('liquidity/impact.json').bybitReplay) {
      const b = books[ref.index] as { time: number; book: OrderBook };
      expect(b.time).toBe(ref.timeMs);
      expect(b.book.bids.prices.length).toBe(ref.bidLevels);
      expect(b.book.asks.prices.length).toBe(ref.askLevels);
      expect(ref.bids.map((_, i) => level(b.book, 'bids', i))).toEqual(ref.bids);
      expect(ref.asks.map((_, i) => level(b.book, 'asks', i))).toEqual(ref.asks);
    }
  });

  it('Deribit L2 sample: 15 ask rows in USD contracts (asks only); best ask 6421.5 × 18640, last 6428.5 × 39950', () => {
    const { book } = parseTardisIncremental(readSharedData(DERIBIT), 'deribit');
    expect(book.bids.prices).toHaveLength(0);
    expect(book.asks.prices).toHaveLength(15);
    expect(level(book, 'asks', 0)).toEqual([6421.5, 18640]);
    expect(level(book, 'asks', 1)).toEqual([6422, 1190]);
    expect(level(book, 'asks', 14)).toEqual([6428.5, 39950]);
    expect(bookMid(book)).toBe(6421.5);
  });
});
