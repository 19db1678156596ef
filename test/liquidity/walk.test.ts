import { describe, expect, it } from 'vitest';
import { makeBook, bookMid } from '../../src/liquidity/book.js';
import { walkBook } from '../../src/liquidity/walk.js';
import { maxQuantityWithinBudget } from '../../src/liquidity/budget.js';
import { splitOrder } from '../../src/liquidity/split.js';
import { expectedSlippage, sqrtImpact } from '../../src/liquidity/impact.js';
import { TradesizeError } from '../../src/core/errors.js';

// Hand-worked book: mid (100 + 101)/2 = 100.5.
const book = makeBook({ bids: [[99, 3], [100, 2], [97, 5]], asks: [[104, 4], [101, 1], [102, 2]] });

describe('makeBook', () => {
  it('sorts bids down and asks up; mid is (best bid + best ask)/2', () => {
    expect([...book.bids.prices]).toEqual([100, 99, 97]);
    expect([...book.asks.prices]).toEqual([101, 102, 104]);
    expect([...book.asks.quantities]).toEqual([1, 2, 4]);
    expect(bookMid(book)).toBe(100.5);
  });

  it('refuses a crossed book, a repeated price and a non-positive quantity, naming the level', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return [(e as TradesizeError).code, (e as TradesizeError).path];
      }
      return null;
    };
    expect(code(() => makeBook({ bids: [[101, 1]], asks: [[101, 1]] }))).toEqual(['INVALID_INPUT', ['bids', 0, 0]]);
    expect(code(() => makeBook({ bids: [[99, 1], [99, 2]], asks: [[101, 1]] }))?.[0]).toBe('INVALID_INPUT');
    expect(code(() => makeBook({ bids: [[99, 0]], asks: [[101, 1]] }))).toEqual(['INVALID_INPUT', ['bids', 0, 1]]);
    expect(code(() => makeBook({ bids: [[Number.NaN, 1]], asks: [[101, 1]] }))).toEqual(['INVALID_INPUT', ['bids', 0, 0]]);
    expect(code(() => makeBook({ bids: [], asks: [] }))?.[0]).toBe('INVALID_INPUT');
  });
});

describe('walkBook: hand-worked walks', () => {
  it('a buy inside the first level fills at the best ask: (101 − 100.5)/100.5 = 49.75 bps', () => {
    const w = walkBook(book, 'buy', 0.5);
    expect(w).toMatchObject({ averagePrice: 101, worstPrice: 101, filledQuantity: 0.5, unfilledQuantity: 0, levels: 1 });
    expect(w.slippageBps).toBeCloseTo((0.5 / 100.5) * 1e4, 10);
  });

  it('a buy of 5 takes 1 @ 101, 2 @ 102, 2 @ 104: average 513/5 = 102.6, worst 104', () => {
    const w = walkBook(book, 'buy', 5);
    expect(w.averagePrice).toBeCloseTo(102.6, 12);
    expect(w.worstPrice).toBe(104);
    expect(w.notional).toBeCloseTo(513, 10);
    expect(w.slippageBps).toBeCloseTo((2.1 / 100.5) * 1e4, 9);
  });

  it('a sell of 4 takes 2 @ 100, 2 @ 99: average 99.5, slippage (100.5 − 99.5)/100.5', () => {
    const w = walkBook(book, 'sell', 4);
    expect(w.averagePrice).toBeCloseTo(99.5, 12);
    expect(w.worstPrice).toBe(99);
    expect(w.slippageBps).toBeCloseTo((1 / 100.5) * 1e4, 9);
  });

  it('never fills silently in part: a buy of 10 against 7 shown fills 7 (721/7 = 103) and reports 3 unfilled', () => {
    const w = walkBook(book, 'buy', 10);
    expect(w.filledQuantity).toBe(7);
    expect(w.unfilledQuantity).toBe(3);
    expect(w.averagePrice).toBeCloseTo(103, 12);
    expect(w.worstPrice).toBe(104);
  });

  it('refuses a quantity that is not positive, and a side the book does not have', () => {
    expect(() => walkBook(book, 'buy', 0)).toThrow(TradesizeError);
    expect(() => walkBook(book, 'buy', Number.POSITIVE_INFINITY)).toThrow(/finite positive/);
    const asksOnly = makeBook({ bids: [], asks: [[101, 1]] });
    expect(bookMid(asksOnly)).toBe(101);
    expect(() => walkBook(asksOnly, 'sell', 1)).toThrow(/no bids/);
  });
});

describe('maxQuantityWithinBudget: exact on the piecewise-linear cost', () => {
  it('150 bps: P* = 100.5·1.015 = 102.0075; all of 101 and 102, then 1.0225/1.9925 of the 104 level', () => {
    const s = maxQuantityWithinBudget([{ book, feeRate: 0 }], 'buy', 150);
    expect(s.limitPrice).toBeCloseTo(102.0075, 12);
    expect(s.maxQuantity).toBeCloseTo(3 + 1.0225 / 1.9925, 12);
    expect(s.limitedByDepth).toBe(false);
    expect(walkBook(book, 'buy', s.maxQuantity).slippageBps).toBeCloseTo(150, 8);
  });

  it('a budget below the half-spread allows nothing; a budget beyond the book is limited by its depth', () => {
    expect(maxQuantityWithinBudget([{ book, feeRate: 0 }], 'buy', 0).maxQuantity).toBe(0);
    expect(maxQuantityWithinBudget([{ book, feeRate: 0 }], 'sell', 1e4)).toMatchObject({ maxQuantity: 10, limitedByDepth: true });
  });

  it('counts the taker fee: with 10 bp fee the all-in limit is reached earlier', () => {
    const withFee = maxQuantityWithinBudget([{ book, feeRate: 0.001 }], 'buy', 150).maxQuantity;
    // All-in prices 101.101, 102.102, 104.104 against P* = 102.0075: g = −0.9065 after the first level,
    // −0.9065 + 2·0.0945 = −0.7175 after the second, then 0.7175 / (104.104 − 102.0075) of the third.
    expect(withFee).toBeCloseTo(3 + 0.7175 / (104.104 - 102.0075), 9);
    expect(withFee).toBeLessThan(maxQuantityWithinBudget([{ book, feeRate: 0 }], 'buy', 150).maxQuantity);
  });

  it('refuses a negative or non-finite budget', () => {
    expect(() => maxQuantityWithinBudget([{ book, feeRate: 0 }], 'buy', -1)).toThrow(TradesizeError);
  });
});

describe('splitOrder: hand-worked splits', () => {
  const a = makeBook({ bids: [[99, 5]], asks: [[100, 1], [103, 5]] });
  const b = makeBook({ bids: [[98, 5]], asks: [[101, 5]] });

  it('takes the cheapest levels across venues: 1 @ 100 on A, then 2 @ 101 on B', () => {
    const s = splitOrder([{ book: a, feeRate: 0 }, { book: b, feeRate: 0 }], 'buy', 3);
    expect(s.split.map((p) => p.quantity)).toEqual([1, 2]);
    expect(s.split.map((p) => p.averagePrice)).toEqual([100, 101]);
    // Reference M = (99.5 + 99.5)/2 = 99.5: costs 100 − 99.5 = 0.5 and 2·(101 − 99.5) = 3.
    expect(s.referencePrice).toBe(99.5);
    expect(s.split.map((p) => p.cost)).toEqual([0.5, 3]);
    expect(s.totalCost).toBe(3.5);
    expect(s.averagePrice).toBeCloseTo(302 / 3, 12);
  });

  it('fees move the order: a 2 % taker fee on A makes its 100 cost 102 > 101 on B', () => {
    const s = splitOrder([{ book: a, feeRate: 0.02 }, { book: b, feeRate: 0 }], 'buy', 3);
    expect(s.split.map((p) => p.quantity)).toEqual([0, 3]);
    expect(s.split[1]?.marginalPrice).toBe(101);
  });

  it('a sell takes the highest fee-adjusted bids and reports what no venue could fill', () => {
    const s = splitOrder([{ book: a, feeRate: 0 }, { book: b, feeRate: 0 }], 'sell', 12);
    expect(s.split.map((p) => p.quantity)).toEqual([5, 5]);
    expect(s.unfilledQuantity).toBe(2);
    // Sell costs: M·q − proceeds = 99.5·5 − 99·5 = 2.5 and 99.5·5 − 98·5 = 7.5.
    expect(s.totalCost).toBeCloseTo(10, 12);
  });
});

describe('expectedSlippage: the walk inside the book, the square-root law beyond it', () => {
  const impact = { y: 1, sigma: 0.04, dailyVolume: 10_000 };

  it('Y·σ·√(Q/V): 1 · 0.04 · √(100/10000) = 0.004', () => {
    expect(sqrtImpact(impact, 100)).toBeCloseTo(0.004, 15);
  });

  it('within the book it is the walk', () => {
    expect(expectedSlippage(book, 'buy', 5, impact).slippageBps).toBe(walkBook(book, 'buy', 5).slippageBps);
  });

  it('beyond the 7 shown, the 3 left cost ∫₇¹⁰ 104·(1 + I(x) − I(7)) dx; the book still reports 3 it cannot fill', () => {
    // k = Y·σ/√V = 0.04/100 = 0.0004; ∫ = 104·[3 + 0.0004·(⅔(10^1.5 − 7^1.5) − √7·3)] = 312.0331867…
    const e = expectedSlippage(book, 'buy', 10, impact);
    const k = 0.0004;
    const rest = 104 * (3 + k * ((2 / 3) * (10 ** 1.5 - 7 ** 1.5) - Math.sqrt(7) * 3));
    expect(rest).toBeCloseTo(312.0331867196, 9);
    expect(e.filledQuantity).toBe(7);
    expect(e.unfilledQuantity).toBe(3);
    expect(e.beyondBookQuantity).toBe(3);
    expect(e.averagePrice).toBeCloseTo((721 + rest) / 10, 12);
    expect(e.notional).toBeCloseTo(721 + rest, 10);
    // The marginal price at 10: 104·(1 + 0.0004·(√10 − √7)).
    expect(e.worstPrice).toBeCloseTo(104 * (1 + k * (Math.sqrt(10) - Math.sqrt(7))), 12);
    expect(e.slippageBps).toBeCloseTo(((e.averagePrice - 100.5) / 100.5) * 1e4, 9);
  });

  it('a sell: the bids 100×2, 99×3, 97×5 (notional 982) continued down from 97; refused where the law would price at 0', () => {
    // ∫₁₀¹² 97·(1 − (I(x) − I(10))) dx = 97·[2 − 0.0004·(⅔(12^1.5 − 10^1.5) − √10·2)]
    const k = 0.0004;
    const rest = 97 * (2 - k * ((2 / 3) * (12 ** 1.5 - 10 ** 1.5) - Math.sqrt(10) * 2));
    expect(expectedSlippage(book, 'sell', 12, impact).averagePrice).toBeCloseTo((982 + rest) / 12, 12);
    // p(x) = 0 at √x = √10 + 1/k = √10 + 2500.
    expect(() => expectedSlippage(book, 'sell', (Math.sqrt(10) + 2500) ** 2, impact)).toThrow(/range/);
  });
});

describe('maxQuantityWithinBudget with the square-root law beyond the book', () => {
  const impact = { y: 1, sigma: 0.04, dailyVolume: 10_000 };

  it('400 bps: P* = 104.52; the book\'s 7 cost 721 (g(7) = −10.64), then g(Q) = 721 + N_rest(Q) − 104.52·Q = 0 at Q = 536.9174…', () => {
    // Root of 721 + 104·[(Q − 7) + 0.0004·(⅔(Q^1.5 − 7^1.5) − √7·(Q − 7))] − 104.52·Q (scipy brentq: 536.9174027078957).
    const s = maxQuantityWithinBudget([{ book, feeRate: 0 }], 'buy', 400, impact);
    expect(s.limitedByDepth).toBe(false);
    expect(s.maxQuantity).toBeCloseTo(536.9174027078957, 9);
    expect(s.impactQuantity).toBeCloseTo(536.9174027078957 - 7, 9);
    const e = expectedSlippage(book, 'buy', s.maxQuantity, impact);
    expect(e.slippageBps).toBeLessThanOrEqual(400);
    expect(e.slippageBps).toBeCloseTo(400, 8);
    // Without the law the same budget stops at the depth.
    expect(maxQuantityWithinBudget([{ book, feeRate: 0 }], 'buy', 400)).toMatchObject({ maxQuantity: 7, limitedByDepth: true, impactQuantity: 0 });
  });

  it('a budget the book already binds is the book\'s answer: the law is not used', () => {
    expect(maxQuantityWithinBudget([{ book, feeRate: 0 }], 'buy', 150, impact)).toEqual(maxQuantityWithinBudget([{ book, feeRate: 0 }], 'buy', 150));
  });

  it('refuses an impact model with several books', () => {
    expect(() => maxQuantityWithinBudget([{ book, feeRate: 0 }, { book, feeRate: 0 }], 'buy', 400, impact)).toThrow(/several books/);
  });
});
;
