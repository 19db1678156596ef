/**
 * Properties of the walk, the budget and the split (fast-check, 1,000 runs each): slippage never
 * falls as the quantity grows (inside the book and beyond it under the square-root law); the
 * budget's answer is on the budget's edge; with the square-root law beyond the book the budget
 * allows at least as much, holds at the answer and grows with the budget; a split never costs more than the best single venue;
 * moving any quantity from one venue to another never lowers the split's cost.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeBook, sideDepth, takenSide, type OrderBook, type OrderSide } from '../../src/liquidity/book.js';
import { walkBook, walkNotional } from '../../src/liquidity/walk.js';
import { expectedSlippage } from '../../src/liquidity/impact.js';
import { maxQuantityWithinBudget } from '../../src/liquidity/budget.js';
import { splitOrder } from '../../src/liquidity/split.js';
import type { Venue } from '../../src/liquidity/venues.js';

/** A book around `center`: ticks of 0.01 × integer gaps ≥ 1 from a positive half-spread, sizes in (0.001, 50]. */
const levels = fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0.001, max: 50, noNaN: true })), { minLength: 1, maxLength: 30 });
const bookArb = fc.record({ center: fc.double({ min: 50, max: 200, noNaN: true }), bids: levels, asks: levels }).map(({ center, bids, asks }) => {
  let p = center;
  const a = asks.map(([gap, q]) => ((p += gap * 0.01), [p, q] as const));
  p = center;
  const b = bids.map(([gap, q]) => ((p -= gap * 0.01), [p, q] as const));
  return makeBook({ bids: b, asks: a });
});
const sideArb = fc.constantFrom<OrderSide>('buy', 'sell');
const venueArb = fc.record({ book: bookArb, feeRate: fc.constantFrom(0, 0.0002, 0.0005, 0.001, 0.004) });
const RUNS = { numRuns: 1000, seed: 12 };

/** One venue's cost of q against the reference M: s·(Σ p·q·(1 + s·f) − M·q). */
function venueCost(v: Venue, side: OrderSide, q: number, m: number): number {
  if (q === 0) return 0;
  const s = side === 'buy' ? 1 : -1;
  return s * (walkNotional(takenSide(v.book, side), q, new Float64Array(3)) * (1 + s * v.feeRate) - m * q);
}
const depthOf = (b: OrderBook, side: OrderSide) => sideDepth(takenSide(b, side));

describe('liquidity properties', () => {
  it('slippage never falls as quantity grows, in the book and beyond it', () => {
    fc.assert(
      fc.property(bookArb, sideArb, fc.double({ min: 0.01, max: 2, noNaN: true }), fc.double({ min: 0.01, max: 2, noNaN: true }), (book, side, u, v) => {
        const depth = depthOf(book, side);
        const [lo, hi] = u <= v ? [u * depth, v * depth] : [v * depth, u * depth];
        const tol = 1e-9;
        if (hi <= depth) expect(walkBook(book, side, lo).slippageBps).toBeLessThanOrEqual(walkBook(book, side, hi).slippageBps + tol);
        const impact = { y: 1, sigma: 0.03, dailyVolume: depth * 100 };
        expect(expectedSlippage(book, side, lo, impact).slippageBps).toBeLessThanOrEqual(expectedSlippage(book, side, hi, impact).slippageBps + tol);
      }),
      RUNS,
    );
  });

  it('the budget answer is on its edge: within budget at q*, over it just above (unless limited by depth)', () => {
    fc.assert(
      fc.property(venueArb, sideArb, fc.double({ min: 0, max: 300, noNaN: true }), (venue, side, bps) => {
        const sol = maxQuantityWithinBudget([venue], side, bps);
        const allIn = (q: number) => venueCost(venue, side, q, sol.referencePrice) / (sol.referencePrice * q) * 1e4;
        if (sol.maxQuantity > 0) {
          expect(allIn(sol.maxQuantity)).toBeLessThanOrEqual(bps + 1e-7);
          // Without a fee the printed slippage at q* is within the budget exactly, not just up to rounding.
          if (venue.feeRate === 0) expect(splitOrder([venue], side, sol.maxQuantity).slippageBps).toBeLessThanOrEqual(bps);
        }
        if (!sol.limitedByDepth) {
          const above = sol.maxQuantity + Math.max(1e-6, sol.maxQuantity * 1e-6);
          if (above <= depthOf(venue.book, side)) expect(allIn(above)).toBeGreaterThan(bps - 1e-9);
        } else {
          expect(sol.maxQuantity).toBeCloseTo(depthOf(venue.book, side), 9);
        }
      }),
      RUNS,
    );
  });

  it('with the law beyond the book: maxQuantity ≥ without it, the all-in budget holds there, just above it does not, and it never falls as the budget grows', () => {
    const impactArb = fc.record({ y: fc.double({ min: 0.1, max: 2, noNaN: true }), sigma: fc.double({ min: 0.005, max: 0.1, noNaN: true }), volumeScale: fc.double({ min: 1, max: 1e4, noNaN: true }) });
    fc.assert(
      fc.property(venueArb, sideArb, fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0, max: 500, noNaN: true }), impactArb, (venue, side, b1, b2, m) => {
        const impact = { y: m.y, sigma: m.sigma, dailyVolume: depthOf(venue.book, side) * m.volumeScale };
        const with1 = maxQuantityWithinBudget([venue], side, b1, impact);
        const without = maxQuantityWithinBudget([venue], side, b1);
        expect(with1.maxQuantity).toBeGreaterThanOrEqual(without.maxQuantity);
        expect(with1.limitedByDepth).toBe(false);
        const s = side === 'buy' ? 1 : -1;
        const allIn = (q: number) => {
          const e = expectedSlippage(venue.book, side, q, impact);
          return (s * ((e.notional * (1 + s * venue.feeRate)) / q - e.mid) * 1e4) / e.mid;
        };
        if (with1.impactQuantity > 0) {
          expect(allIn(with1.maxQuantity)).toBeLessThanOrEqual(b1);
          expect(allIn(with1.maxQuantity * (1 + 1e-9))).toBeGreaterThan(b1);
        }
        const [lo, hi] = b1 <= b2 ? [b1, b2] : [b2, b1];
        expect(maxQuantityWithinBudget([venue], side, lo, impact).maxQuantity).toBeLessThanOrEqual(maxQuantityWithinBudget([venue], side, hi, impact).maxQuantity);
      }),
      RUNS,
    );
  });

  it('the split is the greedy merge: every level in fee-adjusted price order (ties to the lower venue), taken until filled', () => {
    fc.assert(
      fc.property(fc.array(venueArb, { minLength: 1, maxLength: 5 }), sideArb, fc.double({ min: 0.001, max: 1.2, noNaN: true }), (venues, side, u) => {
        const s = side === 'buy' ? 1 : -1;
        const levels = venues.flatMap((v, k) => {
          const t = takenSide(v.book, side);
          return [...t.prices].map((p, i) => ({ k, key: s * p * (1 + s * v.feeRate), q: t.quantities[i] as number }));
        });
        levels.sort((a, b) => a.key - b.key || a.k - b.k);
        const total = levels.reduce((a, l) => a + l.q, 0);
        const want = new Array<number>(venues.length).fill(0);
        let left = u * total;
        for (const l of levels) {
          if (left <= 0) break;
          const take = Math.min(l.q, left);
          want[l.k] = (want[l.k] as number) + take;
          left -= take;
        }
        const got = splitOrder(venues, side, u * total).split.map((p) => p.quantity);
        got.forEach((g, k) => expect(Math.abs(g - (want[k] as number))).toBeLessThanOrEqual(1e-9 * (1 + total)));
      }),
      RUNS,
    );
  });

  it('a split never costs more than the best single venue that can fill the order', () => {
    fc.assert(
      fc.property(fc.array(venueArb, { minLength: 1, maxLength: 5 }), sideArb, fc.double({ min: 0.01, max: 1, noNaN: true }), (venues, side, u) => {
        const q = u * Math.max(...venues.map((v) => depthOf(v.book, side)));
        const s = splitOrder(venues, side, q);
        expect(s.unfilledQuantity).toBe(0);
        for (const v of venues) {
          if (depthOf(v.book, side) < q) continue;
          expect(s.totalCost).toBeLessThanOrEqual(venueCost(v, side, q, s.referencePrice) + 1e-9 * (1 + Math.abs(s.totalCost)));
        }
      }),
      RUNS,
    );
  });

  it('moving any quantity from one venue to another never lowers the split cost', () => {
    fc.assert(
      fc.property(
        fc.array(venueArb, { minLength: 2, maxLength: 5 }),
        sideArb,
        fc.double({ min: 0.01, max: 0.9, noNaN: true }),
        fc.nat(),
        fc.nat(),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        (venues, side, u, from, to, share) => {
          const total = venues.reduce((a, v) => a + depthOf(v.book, side), 0);
          const s = splitOrder(venues, side, u * total);
          const i = from % venues.length;
          const j = (i + 1 + (to % (venues.length - 1))) % venues.length;
          const qi = s.split[i]?.quantity ?? 0;
          const qj = s.split[j]?.quantity ?? 0;
          const room = depthOf((venues[j] as Venue).book, side) - qj;
          const delta = Math.min(qi, room) * share;
          if (!(delta > 0)) return;
          const m = s.referencePrice;
          const before = venueCost(venues[i] as Venue, side, qi, m) + venueCost(venues[j] as Venue, side, qj, m);
          const after = venueCost(venues[i] as Venue, side, qi - delta, m) + venueCost(venues[j] as Venue, side, qj + delta, m);
          expect(after).toBeGreaterThanOrEqual(before - 1e-9 * (1 + Math.abs(before)));
        },
      ),
      RUNS,
    );
  });
});
