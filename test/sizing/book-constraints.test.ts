/**
 * `sizePosition`'s `book` option: stop-risk counts the exit at the stop walked through the book
 * (hand-worked), the slippage constraint on the entry, and two properties (fast-check): the
 * decided size never risks more than the budget at the stop, slippage included, and the size
 * never grows as the book at the stop thins.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sizePosition, type SizeDecision, type SizeResult } from '../../src/sizing/size-position.js';
import { makeBook, type OrderBook } from '../../src/liquidity/book.js';
import { walkBook } from '../../src/liquidity/walk.js';

function sized(r: SizeResult): SizeDecision {
  if (r.status !== 'sized') throw new Error(`expected a size, got ${r.code}: ${r.message}`);
  return r;
}

// mid 100; a long's exit sells into the bids, its entry buys from the asks.
const book = makeBook({ bids: [[99, 5], [98, 10]], asks: [[101, 5], [102, 10]] });
const request = { equity: 10_000, entry: 100, stop: 90, risk: 0.01 } as const;

describe('sizePosition with a book', () => {
  it('without a book the decision is the built-in one (stop-risk 100 / 10 = 10)', () => {
    const d = sized(sizePosition(request));
    expect(d.quantity).toBe(10);
    expect(d.riskAtStop).toBe(100);
    expect(d.constraints.map((c) => c.name)).toEqual(['stop-risk', 'leverage']);
  });

  it('stop-risk walks the bids moved to 90; for q in (5, 15] riskAtStop = 10q + 0.9(2q − 5) = 100 → q = 104.5/11.8', () => {
    // slip(q) = (100 − (495 + 98(q − 5))/q)/100 = (2q − 5)/(100q); fill 90(1 − slip); loss q(100 − fill) = 10q + 0.9(2q − 5).
    const d = sized(sizePosition(request, { book: { book } }));
    expect(d.binding).toBe('stop-risk');
    expect(d.constraints.map((c) => c.name)).toEqual(['stop-risk', 'leverage']);
    expect(d.quantity).toBeCloseTo(104.5 / 11.8, 12);
    expect(d.riskAtStop).toBeLessThanOrEqual(100);
    expect(d.riskAtStop).toBeCloseTo(100, 9);
    // The fill at 104.5/11.8: slip = (2q − 5)/(100q), 90·(1 − slip).
    const q = 104.5 / 11.8;
    expect(d.stopFill).toBeCloseTo(90 * (1 - (2 * q - 5) / (100 * q)), 9);
    expect(d.constraints[0]?.explanation).toMatch(/walks the bids moved to 90/);
  });

  it('fees count at the walked fill: fee 0.001 each way adds 0.1 + 0.001·F per contract', () => {
    const d = sized(sizePosition({ ...request, fees: { entry: 0.001, exit: 0.001 } }, { book: { book } }));
    const q = d.quantity;
    const fill = 90 * (1 - (2 * q - 5) / (100 * q));
    expect(d.riskAtStop).toBeCloseTo(q * (100 - fill + 0.1 + 0.001 * fill), 9);
    expect(d.riskAtStop).toBeLessThanOrEqual(100);
  });

  it('a thinner book at the stop (θ = 0.5) caps the size at the depth it can absorb: 15 × 0.5 = 7.5', () => {
    const d = sized(sizePosition(request, { book: { book, stopDepthFactor: 0.5 } }));
    expect(d.binding).toBe('stop-risk');
    expect(d.quantity).toBeCloseTo(7.5, 12);
    // All 15 of today's bids sold: average (495 + 980)/15 = 98.333…, slip 1.6667 %, fill 88.5.
    expect(d.stopFill).toBeCloseTo(88.5, 9);
    expect(d.riskAtStop).toBeCloseTo(7.5 * 11.5, 9);
  });

  it('beyond the depth, an impact model prices the rest instead of capping', () => {
    const impact = { y: 1, sigma: 0.03, dailyVolume: 1000 };
    const capped = sized(sizePosition(request, { book: { book, stopDepthFactor: 0.5 } })).quantity;
    const d = sized(sizePosition(request, { book: { book, stopDepthFactor: 0.5, impact } }));
    expect(d.quantity).toBeGreaterThan(capped);
    expect(d.quantity).toBeLessThan(10);
    expect(d.riskAtStop).toBeLessThanOrEqual(100);
  });

  it('slippage: the entry buy within 150 bps of the mid: P* = 101.5, 5 @ 101 then 2.5/0.5 more → 10', () => {
    const d = sized(sizePosition({ ...request, risk: 0.05 }, { book: { book, maxSlippageBps: 150 } }));
    const limit = d.constraints.find((c) => c.name === 'slippage');
    expect(limit?.maxQuantity).toBeCloseTo(10, 12);
    expect(d.binding).toBe('slippage');
    expect(d.quantity).toBeLessThanOrEqual(10);
  });

  it('a short enters by selling into the bids and exits by buying the asks', () => {
    const d = sized(sizePosition({ ...request, side: 'short', stop: 110 }, { book: { book, maxSlippageBps: 150 } }));
    // Sell 150 bps below 100: P* = 98.5; 5 @ 99 then 2.5/0.5 of the 98 level → 10.
    expect(d.constraints.find((c) => c.name === 'slippage')?.maxQuantity).toBeCloseTo(10, 12);
    expect(d.constraints.find((c) => c.name === 'stop-risk')?.maxQuantity).toBeLessThan(10);
    expect(d.stopFill).toBeGreaterThan(110);
  });

  it('refuses a depth factor outside (0, 1] and a negative slippage limit', () => {
    expect(() => sizePosition(request, { book: { book, stopDepthFactor: 0 } })).toThrow(/stopDepthFactor/);
    expect(() => sizePosition(request, { book: { book, maxSlippageBps: -1 } })).toThrow(/maxSlippageBps/);
  });
});

/** A book around 100: gaps of 0.05 × integers from the mid, sizes in (0.01, 20]. */
const levels = fc.array(fc.tuple(fc.integer({ min: 1, max: 20 }), fc.double({ min: 0.01, max: 20, noNaN: true })), { minLength: 1, maxLength: 20 });
const bookArb = fc.record({ bids: levels, asks: levels }).map(({ bids, asks }) => {
  let p = 100;
  const a = asks.map(([gap, q]) => ((p += gap * 0.05), [p, q] as const));
  p = 100;
  const b = bids.map(([gap, q]) => ((p -= gap * 0.05), [p, q] as const));
  return makeBook({ bids: b, asks: a });
});
const caseArb = fc.record({
  book: bookArb,
  side: fc.constantFrom('long' as const, 'short' as const),
  distance: fc.double({ min: 0.005, max: 0.3, noNaN: true }),
  risk: fc.double({ min: 1e-4, max: 0.05, noNaN: true }),
  fee: fc.constantFrom(0, 0.0002, 0.0005),
  lot: fc.constantFrom(undefined, 0.001, 0.01, 0.1),
  kind: fc.constantFrom('linear' as const, 'inverse' as const),
  theta: fc.double({ min: 0.05, max: 1, noNaN: true }),
  impact: fc.boolean(),
});

/** The loss at the stop written out independently: the walk of q·c/θ on today's book, moved to the stop. */
function independentRisk(b: OrderBook, side: 'long' | 'short', entry: number, stop: number, q: number, c: number, fee: number, theta: number, inverse: boolean): number {
  const w = walkBook(b, side === 'long' ? 'sell' : 'buy', (q * c) / theta);
  if (w.unfilledQuantity > 0) return Infinity;
  const fill = stop * (1 + ((side === 'long' ? -1 : 1) * w.slippageBps) / 1e4);
  const dir = side === 'long' ? 1 : -1;
  if (inverse) return q * c * (dir * (1 / fill - 1 / entry) + fee / entry + fee / fill);
  return q * c * (dir * (entry - fill) + fee * entry + fee * fill);
}

describe('properties of stop-risk with a book (1,000 runs each)', () => {
  const RUNS = { numRuns: 1000, seed: 12 };
  type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;
  const make = (x: Case, theta: number) => {
    const entry = 100;
    const stop = x.side === 'long' ? entry * (1 - x.distance) : entry * (1 + x.distance);
    const c = x.kind === 'inverse' ? 100 : 1;
    const req = { side: x.side, equity: 10_000, entry, stop, risk: x.risk, fees: { entry: x.fee, exit: x.fee }, contract: { kind: x.kind, size: c }, ...(x.lot === undefined ? {} : { venue: { lotStep: x.lot } }) };
    const impact = x.impact ? { impact: { y: 1, sigma: 0.03, dailyVolume: 5000 } } : {};
    return { req, stop, c, r: sizePosition(req, { book: { book: x.book, stopDepthFactor: theta, ...impact } }) };
  };

  it('the decided size never has riskAtStop above the budget (after lot rounding), and riskAtStop is the walked loss', () => {
    fc.assert(
      fc.property(caseArb, (x) => {
        const { r, stop, c } = make(x, x.theta);
        if (r.status !== 'sized') return;
        expect(r.riskAtStop).toBeLessThanOrEqual(r.riskBudget);
        if (!x.impact) {
          const risk = independentRisk(x.book, x.side, 100, stop, r.quantity, c, x.fee, x.theta, x.kind === 'inverse');
          expect(Math.abs(risk - r.riskAtStop)).toBeLessThanOrEqual(1e-9 * r.riskBudget);
        }
      }),
      RUNS,
    );
  });

  // Up to the last bits of the bisection (the two roots are each exact to adjacent doubles).
  it('the size never grows as the book at the stop thins', () => {
    fc.assert(
      fc.property(caseArb, fc.double({ min: 0.05, max: 1, noNaN: true }), (x, t) => {
        const [thin, thick] = t <= x.theta ? [t, x.theta] : [x.theta, t];
        const q = (r: SizeResult) => (r.status === 'sized' ? r.quantity : 0);
        const hi = q(make(x, thick).r);
        expect(q(make(x, thin).r)).toBeLessThanOrEqual(hi * (1 + 1e-12));
      }),
      RUNS,
    );
  });
});
