import { describe, expect, it } from 'vitest';
import { sizePosition, type SizeDecision, type SizeResult } from '../../src/sizing/size-position.js';
import { bookConstraints } from '../../src/sizing/constraints/slippage.js';
import { makeBook } from '../../src/liquidity/book.js';

function sized(r: SizeResult): SizeDecision {
  if (r.status !== 'sized') throw new Error(`expected a size, got ${r.code}: ${r.message}`);
  return r;
}

// mid 100; a long's exit sells into the bids, its entry buys from the asks.
const book = makeBook({ bids: [[99, 5], [98, 10]], asks: [[101, 5], [102, 10]] });
const request = { equity: 10_000, entry: 100, stop: 90, risk: 0.01 } as const;

describe('bookConstraints in sizePosition', () => {
  it('without a book the decision is the built-in one (stop-risk 100 / 10 = 10)', () => {
    const d = sized(sizePosition(request));
    expect(d.quantity).toBe(10);
    expect(d.constraints.map((c) => c.name)).toEqual(['stop-risk', 'leverage']);
  });

  it('stop-slippage: the exit walks the bids moved to 90; for q in (5, 15] loss = 10q + 0.9(2q − 5) = 100 → q = 104.5/11.8', () => {
    // slip(q) = (100 − (495 + 98(q − 5))/q)/100 = (2q − 5)/(100q); fill 90(1 − slip); loss q(100 − fill).
    const d = sized(sizePosition(request, { constraints: bookConstraints({ book }) }));
    expect(d.binding).toBe('stop-slippage');
    expect(d.quantity).toBeCloseTo(104.5 / 11.8, 12);
    expect(d.constraints.find((c) => c.name === 'stop-slippage')?.explanation).toMatch(/walks the bids moved to 90/);
  });

  it('a thinner book at the stop (θ = 0.5) caps the size at the depth it can absorb: 15 × 0.5 = 7.5', () => {
    const d = sized(sizePosition(request, { constraints: bookConstraints({ book, stopDepthFactor: 0.5 }) }));
    expect(d.binding).toBe('stop-slippage');
    expect(d.quantity).toBeCloseTo(7.5, 12);
  });

  it('beyond the depth, an impact model prices the rest instead of capping', () => {
    const impact = { y: 1, sigma: 0.03, dailyVolume: 1000 };
    const capped = sized(sizePosition(request, { constraints: bookConstraints({ book, stopDepthFactor: 0.5 }) })).quantity;
    const priced = sized(sizePosition(request, { constraints: bookConstraints({ book, stopDepthFactor: 0.5, impact }) })).quantity;
    expect(priced).toBeGreaterThan(capped);
    expect(priced).toBeLessThan(10);
  });

  it('slippage: the entry buy within 150 bps of the mid: P* = 101.5, 5 @ 101 then 2.5/0.5 more → 10', () => {
    const d = sized(sizePosition({ ...request, risk: 0.05 }, { constraints: bookConstraints({ book, maxSlippageBps: 150 }) }));
    const limit = d.constraints.find((c) => c.name === 'slippage');
    expect(limit?.maxQuantity).toBeCloseTo(10, 12);
    expect(d.binding).toBe('slippage');
    expect(d.quantity).toBeLessThanOrEqual(10);
  });

  it('a short enters by selling into the bids and exits by buying the asks', () => {
    const d = sized(sizePosition({ ...request, side: 'short', stop: 110 }, { constraints: bookConstraints({ book, maxSlippageBps: 150 }) }));
    // Sell 150 bps below 100: P* = 98.5; 5 @ 99 then 2.5/0.5 of the 98 level → 10.
    expect(d.constraints.find((c) => c.name === 'slippage')?.maxQuantity).toBeCloseTo(10, 12);
    expect(d.constraints.find((c) => c.name === 'stop-slippage')?.maxQuantity).toBeLessThan(10);
  });

  it('refuses a depth factor outside (0, 1] and a negative slippage limit', () => {
    expect(() => bookConstraints({ book, stopDepthFactor: 0 })).toThrow(/stopDepthFactor/);
    expect(() => bookConstraints({ book, maxSlippageBps: -1 })).toThrow(/maxSlippageBps/);
  });
});
