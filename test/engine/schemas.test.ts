import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engineSchemas, plainTick } from '../../src/engine/schemas.js';

const name = fc.oneof(fc.stringMatching(/^[A-Za-z0-9._~-]{1,64}$/), fc.string({ maxLength: 70 }));
const time = fc.oneof(fc.integer({ min: -10, max: 2 ** 53 - 1 }), fc.double(), fc.constant(8.64e15), fc.constant(8.64e15 + 1), fc.constant('2026-01-05T12:00:00Z'));
const tick = fc.oneof(
  fc.record({ market: name, source: name, price: fc.double(), time }),
  fc.record({ market: name, source: name, price: fc.oneof(fc.double(), fc.string()), time, extra: fc.anything() }, { requiredKeys: [] }),
  fc.anything(),
);

describe('plainTick: the tick schema without zod for the plain case', () => {
  it('property: whatever it accepts the schema accepts, with the same data; what it refuses is left to the schema', () => {
    fc.assert(
      fc.property(tick, (raw) => {
        const fast = plainTick(raw);
        if (fast === null) return;
        const r = engineSchemas().tick.safeParse(raw);
        expect(r.success).toBe(true);
        expect(fast).toEqual(r.data);
      }),
      { numRuns: 20_000 },
    );
  });

  it('takes every valid tick with a numeric time (the feed adapters’ ticks), NaN and negative prices included (the price book refuses those with their own codes)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9._~-]{1,64}$/), fc.stringMatching(/^[A-Za-z0-9._~-]{1,64}$/), fc.double(), fc.integer({ min: 0, max: 8.64e15 }), (market, source, price, t) => {
        expect(plainTick({ market, source, price, time: t })).toEqual({ market, source, price, time: t });
      }),
    );
    // Left to the schema: an ISO time (transformed by zod), an unknown key, a class instance, a bad name.
    expect(plainTick({ market: 'BTCUSDT', source: 'a', price: 1, time: '2026-01-05T12:00:00Z' })).toBeNull();
    expect(plainTick({ market: 'BTCUSDT', source: 'a', price: 1, time: 0, venue: 'x' })).toBeNull();
    expect(plainTick(Object.assign(Object.create({ inherited: 1 }), { market: 'BTCUSDT', source: 'a', price: 1, time: 0 }))).toBeNull();
    expect(plainTick({ market: 'BTC/USDT', source: 'a', price: 1, time: 0 })).toBeNull();
    expect(plainTick({ market: 'BTCUSDT', source: 'a', price: 1, time: 1.5 })).toBeNull();
  });
});
