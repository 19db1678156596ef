import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSizeRequestFast, sizeRequestSchema } from '../../src/sizing/request.js';
import { sizePosition } from '../../src/sizing/size-position.js';

const SizeRequest = sizeRequestSchema();
import { roundDownToStep, stepDecimals } from '../../src/core/rounding.js';

/** Values that are sometimes valid and sometimes not (nulls, wrong types, edges), to probe both parsers. */
const num = fc.oneof(
  { weight: 12, arbitrary: fc.double({ min: 1e-6, max: 0.09, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: -2, max: 2e5 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1, 0.5, 0.1, 1e-9, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_VALUE) },
  { weight: 1, arbitrary: fc.constantFrom('1', null, true, [], {}) },
);
/** Absent (often), or a value; an absent key is now and then present with the value undefined. */
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
/** A nested object, or now and then something that is not one (null, an array, a string, a number). */
const objectOr = <T>(a: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 12, arbitrary: a }, { weight: 1, arbitrary: fc.constantFrom(null, [], 'linear', 1, Object.create(null) as object) });
/** An unknown key, now and then (1 in 20), at any level: both parsers must reject it. */
const typo = fc.oneof({ weight: 19, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: num });
const text = (valid: string) => fc.constantFrom(valid, '', 3, null);

const candidate = fc.record(
  {
    side: maybe(fc.constantFrom('long', 'short', 'long', 'short', 'sideways', null, 1)),
    equity: num, entry: num, stop: num,
    risk: maybe(num), riskAmount: maybe(num), slippage: maybe(num), maxLeverage: maybe(num), kellyFraction: maybe(num),
    contract: maybe(objectOr(fc.record({ kind: maybe(fc.constantFrom('linear', 'inverse', 'quanto', null)), size: maybe(num), typo }, { requiredKeys: [] }))),
    fees: maybe(objectOr(fc.record({ entry: maybe(num), exit: maybe(num), typo }, { requiredKeys: [] }))),
    volTarget: maybe(objectOr(fc.record({ target: num, sigma: num, source: maybe(text('garch-t forecast')), typo }, { requiredKeys: ['target', 'sigma'] }))),
    regime: maybe(objectOr(fc.record({ multiplier: maybe(num), name: maybe(text('turbulent')), explanation: maybe(text('why')), typo }, { requiredKeys: [] }))),
    venue: maybe(objectOr(fc.record({ lotStep: maybe(num), minQty: maybe(num), maxQty: maybe(num), minNotional: maybe(num), typo }, { requiredKeys: [] }))),
    typo: fc.option(num, { nil: undefined, freq: 10 }),
  },
  { requiredKeys: ['equity', 'entry', 'stop'] },
);

/** Drops keys whose value is undefined, except `keep` ones (a key present with the value undefined). */
function clean(o: unknown, keep: ReadonlySet<string>): unknown {
  if (o === null || typeof o !== 'object' || Array.isArray(o) || Object.getPrototypeOf(o) === null) return o;
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined || (keep.has(k) && k !== 'typo')).map(([k, v]) => [k, clean(v, keep)]));
}
/** A request the schema accepts: every field in range, exactly one risk budget. */
const frac = fc.double({ min: 1e-6, max: 0.09, noNaN: true });
const pos = fc.double({ min: 1e-3, max: 1e6, noNaN: true });
const valid = fc.record(
  {
    side: fc.constantFrom('long', 'short'), equity: pos, entry: pos, stop: pos,
    budget: fc.oneof(frac.map((risk) => ({ risk })), pos.map((riskAmount) => ({ riskAmount }))),
    slippage: frac, maxLeverage: pos, kellyFraction: pos,
    contract: fc.record({ kind: fc.constantFrom('linear', 'inverse'), size: pos }, { requiredKeys: [] }),
    fees: fc.record({ entry: frac, exit: frac }, { requiredKeys: [] }),
    volTarget: fc.record({ target: pos, sigma: pos, source: fc.constant('given') }, { requiredKeys: ['target', 'sigma'] }),
    regime: fc.record({ multiplier: frac, name: fc.constant('calm'), explanation: fc.constant('why') }, { requiredKeys: ['multiplier', 'name'] }),
    venue: fc.record({ lotStep: pos, minQty: frac, maxQty: pos, minNotional: frac }, { requiredKeys: [] }),
  },
  { requiredKeys: ['equity', 'entry', 'stop', 'budget'], noNullPrototype: true },
).map(({ budget, ...rest }) => ({ ...rest, ...budget }) as Record<string, unknown>);
/** A bad value for a field: null, a wrong type, out of range, or an object where a number goes. */
const bad = fc.constantFrom(null, '1', true, -1, 0, Number.NaN, Number.POSITIVE_INFINITY, 2, [], {});
/** A valid request with one field (at the top or one level down) replaced by a bad value, or an extra key. */
const corrupted = fc.tuple(valid, fc.nat(), fc.nat(), bad, fc.boolean()).map(([req, i, j, value, extra]) => {
  const keys = Object.keys(req);
  const key = keys[i % keys.length] as string;
  const inner = req[key];
  if (typeof inner === 'object' && inner !== null && Object.keys(inner).length > 0) {
    const innerKeys = Object.keys(inner);
    const k = extra ? 'typo' : (innerKeys[j % innerKeys.length] as string);
    return { ...req, [key]: { ...inner, [k]: value } };
  }
  return extra ? { ...req, typo: value } : { ...req, [key]: value };
});

const kept = fc.uniqueArray(fc.constantFrom('side', 'risk', 'riskAmount', 'slippage', 'contract', 'kind', 'size', 'fees', 'entry', 'exit', 'source', 'venue', 'minQty'), { maxLength: 3 });

describe('parseSizeRequestFast', () => {
  it('accepts exactly what the zod schema accepts, with the same output (5,000 runs)', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(fc.oneof(candidate, valid, corrupted), kept, (raw, keep) => {
        const x = clean(raw, new Set(keep));
        const fast = parseSizeRequestFast(x);
        const slow = SizeRequest.safeParse(x);
        expect(fast !== null).toBe(slow.success);
        if (slow.success) {
          accepted++;
          expect(fast).toEqual(slow.data);
        } else rejected++;
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(1000);
    expect(rejected).toBeGreaterThan(1000);
  });

  it('rejects null where the schema has a default, as the schema does', () => {
    const ok = { equity: 1000, entry: 100, stop: 95, risk: 0.01 };
    for (const bad of [{ ...ok, side: null }, { ...ok, contract: { kind: null, size: 1 } }, { ...ok, fees: { entry: null } }]) {
      expect(parseSizeRequestFast(bad)).toBeNull();
      expect(SizeRequest.safeParse(bad).success).toBe(false);
    }
  });

  it('sizePosition refuses contract.kind null and side null as the schema does, instead of sizing them', () => {
    const ok = { equity: 1000, entry: 100, stop: 95, risk: 0.01 };
    expect(() => sizePosition({ ...ok, contract: { kind: null as never, size: 1 } })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', path: ['contract', 'kind'] }));
    expect(() => sizePosition({ ...ok, side: null as never })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', path: ['side'] }));
  });

  it('leaves an unknown key at any level to the schema', () => {
    const ok = { equity: 1, entry: 2, stop: 1, risk: 0.01 };
    expect(parseSizeRequestFast(ok)).not.toBeNull();
    for (const bad of [
      { ...ok, typo: 1 },
      { ...ok, contract: { kind: 'linear', size: 1, typo: 1 } },
      { ...ok, fees: { entry: 0.001, typo: 1 } },
      { ...ok, volTarget: { target: 0.5, sigma: 0.6, typo: 1 } },
      { ...ok, regime: { multiplier: 0.5, name: 'x', typo: 1 } },
      { ...ok, venue: { lotStep: 0.001, typo: 1 } },
    ]) {
      expect(parseSizeRequestFast(bad)).toBeNull();
      expect(SizeRequest.safeParse(bad).success).toBe(false);
    }
  });

  it('takes a request that sets every key the schema has, at every level, as the schema does', () => {
    const full = {
      side: 'long', equity: 1000, entry: 100, stop: 95, riskAmount: 10, contract: { kind: 'linear', size: 1 },
      fees: { entry: 0.001, exit: 0.001 }, slippage: 0.001, maxLeverage: 5, kellyFraction: 1,
      volTarget: { target: 0.5, sigma: 0.6, source: 'given' }, regime: { multiplier: 0.5, name: 'x', explanation: 'why' },
      venue: { lotStep: 0.001, minQty: 0.001, maxQty: 10, minNotional: 5 },
    };
    const shape = SizeRequest.shape;
    // A key added to the schema fails here until the fast path (and this request) knows it.
    expect(Object.keys(full).sort()).toEqual(Object.keys(shape).filter((k) => k !== 'risk').sort());
    for (const [k, v] of Object.entries(full)) {
      if (typeof v === 'object') {
        const inner = (shape[k as keyof typeof shape] as unknown as { unwrap(): { shape: object } }).unwrap().shape;
        expect(Object.keys(v).sort()).toEqual(Object.keys(inner).sort());
      }
    }
    expect(parseSizeRequestFast(full)).toEqual(SizeRequest.parse(full));
    const { riskAmount: _amount, ...rest } = full;
    const withRisk = { ...rest, risk: 0.01 };
    expect(parseSizeRequestFast(withRisk)).toEqual(SizeRequest.parse(withRisk));
  });

  it('accepts every well-formed request the schema accepts', () => {
    const req = { side: 'short', equity: 1, entry: 2, stop: 3, risk: 0.01, contract: { kind: 'inverse', size: 100 }, fees: { entry: 0.001 }, venue: { lotStep: 1 } };
    expect(parseSizeRequestFast(req)).toEqual(SizeRequest.parse(req));
  });
});

describe('roundDownToStep', () => {
  it('reads the decimals of a step', () => {
    expect([0.001, 1, 5, 0.25, 1e-8, 2.5e-7].map(stepDecimals)).toEqual([3, 0, 0, 2, 8, 8]);
  });

  it('rounds down, never up', () => {
    expect(roundDownToStep(0.04999, 0.001)).toBe(0.049);
    expect(roundDownToStep(0.3, 0.1)).toBe(0.3);
    expect(roundDownToStep(0.0004, 0.001)).toBe(0);
    expect(roundDownToStep(7.5, 5)).toBe(5);
  });

  it('terminates at magnitudes beyond double precision on the lot grid', () => {
    expect(roundDownToStep(1e17, 0.0001)).toBe(1e17);
    expect(roundDownToStep(123456789.123456, 0.001)).toBe(123456789.123);
  });
});
