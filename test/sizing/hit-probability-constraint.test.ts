/**
 * The `hit-probability` sizing constraint: a gate on P(stop first), and on a venue the largest
 * size whose liquidation price is reached first with probability at most p; plus the regime
 * multiplier and the vol-target source in the decision's explanations.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sizePosition, type SizeDecision } from '../../src/sizing/size-position.js';
import { hitProbabilityConstraint } from '../../src/sizing/constraints/hit-probability.js';
import { sizeRequestSchema, type SizeRequestInput } from '../../src/sizing/request.js';
import type { SizingContext } from '../../src/sizing/constraints/types.js';
import { adverseProbability } from '../../src/risk/first-passage/adverse.js';
import { BTCUSD, BTCUSDT, stubVenue } from '../venues/stub-venue.js';

const RUNS = { numRuns: 1000 };
const request: SizeRequestInput = { equity: 1000, entry: 65_000, stop: 62_000, risk: 0.5, maxLeverage: 20, venue: { lotStep: 0.001 } };
const venue = { model: stubVenue, instrument: BTCUSDT, marginMode: 'cross' as const };
const model = { mu: 0, sigma: 0.6, target: 72_000, horizon: 0.25 };

function contextOf(req: SizeRequestInput): SizingContext {
  const r = sizeRequestSchema().parse(req);
  return { request: r, side: r.side, terms: r.contract ?? { kind: 'linear', size: 1 }, equity: r.equity } as SizingContext;
}

describe('hitProbabilityConstraint, barrier stop: a gate', () => {
  const pStop = adverseProbability({ side: 'long', price: 65_000, adverse: 62_000, ...model });

  it('passes any size when P(stop first) ≤ p: unbounded, written as such in JSON', () => {
    const gate = hitProbabilityConstraint({ maxProbability: pStop + 0.01, barrier: 'stop', ...model });
    const d = sizePosition(request, { constraints: [gate] }) as SizeDecision;
    const limit = d.constraints.find((c) => c.name === 'hit-probability');
    expect(limit?.maxQuantity).toBe(Infinity);
    expect(JSON.parse(JSON.stringify(limit))).toEqual({ name: 'hit-probability', unbounded: true, explanation: limit?.explanation });
    expect(limit?.explanation).toMatch(/^P\(stop 62000 first before target 72000 within 0\.25 y \(GBM μ 0, σ 60%\)\) = [\d.]+% ≤ [\d.]+% → no limit on size$/);
    expect(d.binding).not.toBe('hit-probability');
  });

  it('refuses every size when P(stop first) > p', () => {
    const gate = hitProbabilityConstraint({ maxProbability: pStop - 0.01, barrier: 'stop', ...model });
    const d = sizePosition(request, { constraints: [gate] });
    expect(d).toMatchObject({ status: 'refused', code: 'NO_EDGE', binding: 'hit-probability' });
    expect(gate.allows(contextOf(request), 0.001)).toBe(false);
    expect(gate.allows(contextOf(request), 0)).toBe(true);
  });

  it('a target on the wrong side and bad options are typed errors', () => {
    const wrong = hitProbabilityConstraint({ maxProbability: 0.5, barrier: 'stop', mu: 0, sigma: 0.6, target: 60_000 });
    expect(() => sizePosition(request, { constraints: [wrong] })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', path: ['target'] }));
    expect(() => hitProbabilityConstraint({ maxProbability: 1, barrier: 'stop', mu: 0, sigma: 0.6 })).toThrow(expect.objectContaining({ path: ['maxProbability'] }));
    expect(() => hitProbabilityConstraint({ maxProbability: 0.1, barrier: 'liquidation', mu: 0, sigma: 0.6 })).toThrow(expect.objectContaining({ path: ['barrier'] }));
  });
});

describe('hitProbabilityConstraint, barrier liquidation', () => {
  it('sizes up to the liquidation price whose probability is p, and binds when it is the smallest', () => {
    const c = hitProbabilityConstraint({ maxProbability: 0.1, barrier: 'liquidation', ...model }, venue);
    const d = sizePosition(request, { constraints: [c] }) as SizeDecision;
    expect(d).toMatchObject({ status: 'sized', binding: 'hit-probability' });
    const q = d.quantity;
    const lp = (qty: number) => stubVenue.liquidation({ instrument: BTCUSDT, position: { symbol: 'BTCUSDT', side: 'long', entryPrice: 65_000, quantity: qty }, marginMode: 'cross', collateral: 1000 }).liquidationPrice as number;
    expect(adverseProbability({ side: 'long', price: 65_000, adverse: lp(q), ...model })).toBeLessThanOrEqual(0.1);
    expect(adverseProbability({ side: 'long', price: 65_000, adverse: lp(q + 0.001), ...model })).toBeGreaterThan(0.1);
    expect(d.constraints.find((x) => x.name === 'hit-probability')?.explanation).toMatch(/≤ 10% ⇔ liquidation ≤ [\d.]+ .*has P = [\d.]+% → at most/);
  });

  it('no position when every liquidation price is reached first almost surely', () => {
    const c = hitProbabilityConstraint({ maxProbability: 0.1, barrier: 'liquidation', mu: -0.5, sigma: 0.6 }, venue);
    const d = sizePosition(request, { constraints: [c] });
    expect(d).toMatchObject({ status: 'refused', binding: 'hit-probability' });
    expect(d.constraints.find((x) => x.name === 'hit-probability')?.explanation).toMatch(/almost surely/);
  });

  const gen = fc.record({
    side: fc.constantFrom('long' as const, 'short' as const),
    inverse: fc.boolean(),
    entry: fc.double({ min: 5000, max: 100_000, noNaN: true }),
    distance: fc.double({ min: 0.01, max: 0.3, noNaN: true }),
    targetDistance: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
    p: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
    sigma: fc.double({ min: 0.1, max: 2, noNaN: true }),
    mu: fc.double({ min: -1, max: 1, noNaN: true }),
    horizon: fc.double({ min: 0.01, max: 2, noNaN: true }),
    mode: fc.constantFrom('isolated' as const, 'cross' as const),
  });

  it('property: the sized position\'s liquidation price is reached first with probability ≤ p', () => {
    fc.assert(
      fc.property(gen, (g) => {
        const instrument = g.inverse ? BTCUSD : BTCUSDT;
        const sign = g.side === 'long' ? 1 : -1;
        const stop = g.entry * (1 - sign * g.distance);
        const target = g.entry * (1 + sign * g.targetDistance);
        const equity = g.inverse ? 0.02 : 1000;
        const req: SizeRequestInput = {
          side: g.side, equity, entry: g.entry, stop, risk: 1, maxLeverage: 125,
          contract: g.inverse ? { kind: 'inverse', size: 100 } : { kind: 'linear', size: 1 }, venue: { lotStep: instrument.lotStep },
        };
        const settings = { mu: g.mu, sigma: g.sigma, target, horizon: g.horizon };
        const c = hitProbabilityConstraint({ maxProbability: g.p, barrier: 'liquidation', ...settings }, { model: stubVenue, instrument, marginMode: g.mode });
        const d = sizePosition(req, { constraints: [c] });
        if (d.status !== 'sized') return;
        expect(c.allows(contextOf(req), d.quantity)).toBe(true);
        const lp = stubVenue.liquidation({ instrument, position: { symbol: instrument.symbol, side: g.side, entryPrice: g.entry, quantity: d.quantity * req.contract!.size! / instrument.contractSize }, marginMode: g.mode, collateral: equity }).liquidationPrice;
        if (lp !== null && lp > 0) expect(adverseProbability({ side: g.side, price: g.entry, adverse: lp, ...settings })).toBeLessThanOrEqual(g.p * (1 + 1e-9));
      }),
      RUNS,
    );
  });
});

describe('regime multiplier and vol-target source', () => {
  const base: SizeRequestInput = { equity: 10_000, entry: 65_000, stop: 63_000, risk: 0.01, maxLeverage: 20, kellyFraction: 1.5, volTarget: { target: 0.5, sigma: 0.6 } };

  it('scales the risk budget and the Kelly and vol-target caps, says so in each explanation and in the decision', () => {
    const plain = sizePosition(base) as SizeDecision;
    const half = sizePosition({ ...base, regime: { multiplier: 0.5, name: 'turbulent' } }) as SizeDecision;
    expect(half.riskBudget).toBe(50);
    expect(half.regime).toEqual({ multiplier: 0.5, name: 'turbulent' });
    expect(plain.regime).toBeUndefined();
    for (const name of ['stop-risk', 'kelly', 'vol-target']) {
      const a = plain.constraints.find((c) => c.name === name)?.maxQuantity as number;
      const b = half.constraints.find((c) => c.name === name);
      expect(b?.maxQuantity).toBeCloseTo(a / 2, 12);
      expect(b?.explanation).toMatch(/regime turbulent 0\.5/);
    }
    expect(half.constraints.find((c) => c.name === 'leverage')?.maxQuantity).toBe(plain.constraints.find((c) => c.name === 'leverage')?.maxQuantity);
  });

  it('property: the size never grows when the multiplier falls (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), (m1, m2) => {
        const [lo, hi] = m1 < m2 ? [m1, m2] : [m2, m1];
        const a = sizePosition({ ...base, venue: { lotStep: 0.001 }, regime: { multiplier: lo, name: 'a' } });
        const b = sizePosition({ ...base, venue: { lotStep: 0.001 }, regime: { multiplier: hi, name: 'b' } });
        const qa = a.status === 'sized' ? a.quantity : 0;
        const qb = b.status === 'sized' ? b.quantity : 0;
        expect(qa).toBeLessThanOrEqual(qb);
      }),
      RUNS,
    );
  });

  it('a multiplier outside (0, 1] is an error naming the field', () => {
    expect(() => sizePosition({ ...base, regime: { multiplier: 1.5, name: 'x' } })).toThrow(expect.objectContaining({ path: ['regime', 'multiplier'] }));
    expect(() => sizePosition({ ...base, regime: { multiplier: 0, name: 'x' } })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('the vol-target explanation names the source of σ', () => {
    const d = sizePosition({ ...base, volTarget: { target: 0.5, sigma: 0.6, source: 'garch-t forecast over 30 periods' } });
    expect(d.constraints.find((c) => c.name === 'vol-target')?.explanation).toMatch(/^position vol 60% \(garch-t forecast over 30 periods\) × value/);
  });
});
