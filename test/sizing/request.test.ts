import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSizeRequestFast, sizeRequestSchema } from '../../src/sizing/request.js';

const SizeRequest = sizeRequestSchema();
import { roundDownToStep, stepDecimals } from '../../src/core/rounding.js';

/** Values that are sometimes valid and sometimes not, to probe both parsers. */
const num = fc.oneof(
  { weight: 12, arbitrary: fc.double({ min: 1e-6, max: 0.09, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: -2, max: 2e5 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1, 0.5, 0.1, 1e-9, Number.NaN, Number.POSITIVE_INFINITY) },
  { weight: 1, arbitrary: fc.constantFrom('1', null, true) },
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
/** An unknown key, now and then (1 in 20), at any level: both parsers must reject it. */
const typo = fc.oneof({ weight: 19, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: num });

const candidate = fc.record(
  {
    side: maybe(fc.constantFrom('long', 'short', 'long', 'short', 'sideways')),
    equity: num, entry: num, stop: num,
    risk: maybe(num), riskAmount: maybe(num), slippage: maybe(num), maxLeverage: maybe(num), kellyFraction: maybe(num),
    contract: maybe(fc.record({ kind: maybe(fc.constantFrom('linear', 'inverse', 'quanto')), size: maybe(num), typo }, { requiredKeys: [] })),
    fees: maybe(fc.record({ entry: maybe(num), exit: maybe(num), typo }, { requiredKeys: [] })),
    volTarget: maybe(fc.record({ target: num, sigma: num, source: maybe(fc.constantFrom('garch-t forecast', '', 3)), typo }, { requiredKeys: ['target', 'sigma'] })),
    regime: maybe(fc.record({ multiplier: maybe(num), name: maybe(fc.constantFrom('turbulent', '', 0)), explanation: maybe(fc.constantFrom('why', '', 1)), typo }, { requiredKeys: [] })),
    venue: maybe(fc.record({ lotStep: maybe(num), minQty: maybe(num), maxQty: maybe(num), minNotional: maybe(num), typo }, { requiredKeys: [] })),
    typo: fc.option(num, { nil: undefined, freq: 10 }),
  },
  { requiredKeys: ['equity', 'entry', 'stop'] },
);

/** Drops keys whose value is undefined (how fc.record's optional keys arrive). */
function clean(o: unknown): unknown {
  if (o === null || typeof o !== 'object') return o;
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => [k, clean(v)]));
}

describe('parseSizeRequestFast', () => {
  it('accepts only what the zod schema accepts, with the same output (2,000 runs)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(candidate, (raw) => {
        const x = clean(raw);
        const fast = parseSizeRequestFast(x);
        const slow = SizeRequest.safeParse(x);
        if (fast === null) return true;
        accepted++;
        expect(slow.success).toBe(true);
        if (slow.success) expect(fast).toEqual(slow.data);
        return true;
      }),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(25);
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
