/**
 * The adverse barrier of a position (src/risk/first-passage/adverse.ts): its probability against
 * the fixture-checked closed forms `firstPassage` / `barrierHitProbability` (a short position's
 * price is mirrored through 1/S, itself a GBM with drift −ν), and the inverse problem.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { adverseLevelForProbability, adverseProbability, type AdverseSetting } from '../../src/risk/first-passage/adverse.js';
import { barrierHitProbability, firstPassage } from '../../src/risk/first-passage/index.js';

const RUNS = { numRuns: 1000 };

const setting = fc.record({
  side: fc.constantFrom('long' as const, 'short' as const),
  price: fc.double({ min: 1, max: 1e5, noNaN: true }),
  mu: fc.double({ min: -2, max: 2, noNaN: true }),
  sigma: fc.double({ min: 0.05, max: 3, noNaN: true }),
  horizon: fc.oneof(fc.double({ min: 1 / 365, max: 5, noNaN: true }), fc.constant(Infinity)),
  adverseLog: fc.double({ min: 0.001, max: 1.5, noNaN: true }),
  targetLog: fc.option(fc.double({ min: 0.001, max: 1.5, noNaN: true }), { nil: undefined }),
});

type Gen = typeof setting extends fc.Arbitrary<infer T> ? T : never;

function levels(g: Gen): { s: AdverseSetting; adverse: number } {
  const sign = g.side === 'long' ? -1 : 1;
  const s: AdverseSetting = {
    side: g.side, price: g.price, mu: g.mu, sigma: g.sigma, horizon: g.horizon,
    ...(g.targetLog === undefined ? {} : { target: g.price * Math.exp(-sign * g.targetLog) }),
  };
  return { s, adverse: g.price * Math.exp(sign * g.adverseLog) };
}

describe('adverseProbability', () => {
  it('is firstPassage (two barriers) or barrierHitProbability (one) for a long, and their mirror image through 1/S for a short', () => {
    fc.assert(
      fc.property(setting, (g) => {
        const { s, adverse } = levels(g);
        const horizon = s.horizon === Infinity ? 'infinite' : s.horizon;
        const p = adverseProbability({ ...s, adverse });
        const long = s.side === 'long';
        const price = long ? s.price : 1 / s.price;
        const stop = long ? adverse : 1 / adverse;
        const mu = long ? s.mu : -s.mu;
        const ref =
          s.target === undefined
            ? barrierHitProbability({ price, barrier: stop, mu, sigma: s.sigma, horizon }).probability
            : firstPassage({ price, lower: stop, upper: long ? s.target : 1 / s.target, mu, sigma: s.sigma, horizon }).pLowerFirst;
        expect(Math.abs(p - ref)).toBeLessThanOrEqual(1e-12);
      }),
      RUNS,
    );
  });

  it('driftless, no horizon: P(stop first) = b/(a + b)', () => {
    const p = adverseProbability({ side: 'long', price: 100, adverse: 90, target: 110, mu: 0, sigma: 0.5, horizon: Infinity });
    expect(p).toBeCloseTo(Math.log(1.1) / Math.log(110 / 90), 12);
  });
});

describe('adverseLevelForProbability', () => {
  it('solves P(level) = p: the level qualifies and a nearer one does not', () => {
    fc.assert(
      fc.property(setting, fc.double({ min: 0.01, max: 0.9, noNaN: true }), (g, p) => {
        const { s } = levels(g);
        const level = adverseLevelForProbability(s, p);
        if (level === null) {
          // Only when even a level e^{±50} away is reached first with probability above p (no
          // horizon and a drift against the position).
          expect(s.horizon).toBe(Infinity);
          expect(adverseProbability({ ...s, adverse: s.price * Math.exp(s.side === 'long' ? -50 : 50) })).toBeGreaterThan(p);
          return;
        }
        expect(s.side === 'long' ? level < s.price : level > s.price).toBe(true);
        const at = adverseProbability({ ...s, adverse: level });
        expect(at).toBeLessThanOrEqual(p + 1e-9);
        const nearer = s.price + (level - s.price) * (1 - 1e-6);
        expect(adverseProbability({ ...s, adverse: nearer })).toBeGreaterThanOrEqual(at);
        expect(Math.abs(at - p)).toBeLessThanOrEqual(1e-6);
      }),
      RUNS,
    );
  });

  it('closed form without drift: P = b/(a + b) = 1/4 ⇔ a = 3b', () => {
    const level = adverseLevelForProbability({ side: 'long', price: 100, target: 110, mu: 0, sigma: 0.5, horizon: Infinity }, 0.25);
    expect(level).toBeCloseTo(100 * Math.exp(-3 * Math.log(1.1)), 8);
    const short = adverseLevelForProbability({ side: 'short', price: 100, target: 100 / 1.1, mu: 0, sigma: 0.5, horizon: Infinity }, 0.25);
    expect(short).toBeCloseTo(100 * Math.exp(3 * Math.log(1.1)), 8);
  });

  it('one barrier with drift in the position\'s favour and no horizon: P = e^{−2νa/σ²}', () => {
    const level = adverseLevelForProbability({ side: 'long', price: 100, mu: 0.5, sigma: 0.5, horizon: Infinity }, 0.1) as number;
    expect(Math.exp((-2 * 0.5 * Math.log(100 / level)) / 0.25)).toBeCloseTo(0.1, 9);
    expect(adverseLevelForProbability({ side: 'long', price: 100, mu: 0, sigma: 0.5, horizon: Infinity }, 0.1)).toBeNull();
    expect(adverseLevelForProbability({ side: 'short', price: 100, mu: 0.5, sigma: 0.5, horizon: Infinity }, 0.1)).toBeNull();
  });
});
