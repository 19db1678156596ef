/**
 * A decision is plain data wherever it is seen: console.log / util.inspect, JSON.stringify and
 * structuredClone show its fields and the constraint explanations, never the lazy machinery
 * (the explanation function, the sizing context, the cache).
 */
import { describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { sizePosition } from '../../src/sizing/size-position.js';
import { ConstraintLimit } from '../../src/sizing/constraints/types.js';

const decision = sizePosition({ equity: 10_000, entry: 65_000, stop: 63_000, risk: 0.01, maxLeverage: 20, fees: { entry: 0.0005, exit: 0.0005 }, venue: { lotStep: 0.001 } });
const explanations = decision.constraints.map((c) => c.explanation);
const internals = /explainFn|ctx|explained|\[Getter|\[Function|ConstraintLimit/;

describe('a decision as plain data', () => {
  it('util.inspect (what console.log prints) shows each explanation text and no internal field', () => {
    const shown = inspect(decision, { depth: Infinity, breakLength: Infinity });
    expect(shown).not.toMatch(internals);
    for (const e of explanations) expect(shown).toContain(inspect(e));
  });

  it('JSON.stringify gives the same data with the explanations', () => {
    const parsed = JSON.parse(JSON.stringify(decision)) as { constraints: { name: string; explanation: string }[] };
    expect(parsed.constraints.map((c) => c.explanation)).toEqual(explanations);
    expect(JSON.stringify(decision)).not.toMatch(internals);
  });

  it('structuredClone works (no function inside) and copies the data fields', () => {
    const clone = structuredClone(decision);
    expect(clone.status).toBe('sized');
    expect(clone.constraints.map((c) => [c.name, c.maxQuantity])).toEqual(decision.constraints.map((c) => [c.name, c.maxQuantity]));
    expect(Object.keys(clone.constraints[0] as object).sort()).toEqual(['maxQuantity', 'name']);
    // toJSON() first carries the explanation text as well.
    const cloneWithText = structuredClone(decision.constraints.map((c) => c.toJSON()));
    expect(cloneWithText.map((c) => c.explanation)).toEqual(explanations);
  });

  it('own enumerable keys of a constraint limit are its data only', () => {
    for (const c of decision.constraints) expect(Object.keys(c).sort()).toEqual(['maxQuantity', 'name']);
  });

  it('the explanation is built once, on first read, and not before', () => {
    let calls = 0;
    const limit = new ConstraintLimit('cap', 2, (_ctx, q) => `at most ${++calls * q}`);
    expect(calls).toBe(0);
    expect(limit.explanation).toBe('at most 2');
    expect(inspect(limit)).toBe("{ name: 'cap', maxQuantity: 2, explanation: 'at most 2' }");
    expect(calls).toBe(1);
  });
});
