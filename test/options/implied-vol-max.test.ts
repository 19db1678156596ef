/**
 * Implied vols above MAX_VOL (10, the largest vol `greeks` and the pricers accept) are refused at
 * `price` with the price at σ = MAX_VOL (issue "Foundation before the engine" §6: `iv` returned
 * 16.5 and 1.18e161).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { impliedVol } from '../../src/options/implied-vol.js';
import { optionPrice } from '../../src/options/kernel.js';
import { MAX_VOL } from '../../src/options/schema.js';
import { cli } from '../cli/run.js';
import { thrown } from '../helpers/assert.js';


describe('implied vol above MAX_VOL', () => {
  it('property: a black-scholes price made with σ in (10, 40] is refused at price (above-max-vol or above-upper-bound), one made with σ ≤ 9.9 is recovered', () => {
    fc.assert(
      fc.property(fc.double({ min: 10.01, max: 40, noNaN: true }), fc.double({ min: 0.05, max: 9.9, noNaN: true }), fc.double({ min: 0.5, max: 2, noNaN: true }), fc.double({ min: 0.1, max: 2, noNaN: true }), fc.boolean(), (high, ok, moneyness, t, call) => {
        const args = { model: 'black-scholes' as const, type: call ? ('call' as const) : ('put' as const), spot: 100, strike: 100 * moneyness, expiry: t, rate: 0.01 };
        const refused = thrown(() => impliedVol({ ...args, price: optionPrice('black-scholes', call, 100, 100 * moneyness, t, high, 0.01, 0) }));
        expect(refused.path).toEqual(['price']);
        expect(['above-max-vol', 'above-upper-bound']).toContain(refused.details?.reason);
        const p = optionPrice('black-scholes', call, 100, 100 * moneyness, t, ok, 0.01, 0);
        const lower = Math.exp(-0.01 * t) * Math.max(call ? 100 * Math.exp(0.01 * t) - 100 * moneyness : 100 * moneyness - 100 * Math.exp(0.01 * t), 0);
        if (p - lower > 1e-6 * p) expect(impliedVol({ ...args, price: p }).impliedVol).toBeLessThanOrEqual(MAX_VOL);
      }),
      { numRuns: 1000 },
    );
  });

  it('the refusal states the price at σ = 10 (greeks refuses vols above 10 too)', () => {
    const e = thrown(() => impliedVol({ model: 'black-scholes', type: 'call', price: optionPrice('black-scholes', true, 100, 100, 1, 16.5, 0.05, 0), spot: 100, strike: 100, expiry: 1, rate: 0.05 }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.details?.reason).toBe('above-max-vol');
    expect(e.details?.maxPrice).toBeCloseTo(optionPrice('black-scholes', true, 100, 100, 1, MAX_VOL, 0.05, 0), 12);
  });

  it('tradesize iv exits 2 at --price instead of printing σ = 16.5', async () => {
    const price = String(optionPrice('black76', true, 100, 100, 1, 16.5, 0, 0));
    const run = await cli('iv', '--model', 'black76', '--type', 'call', '--price', price, '--forward', '100', '--strike', '100', '--expiry', '1', '--json');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stderr).error).toMatchObject({ code: 'INVALID_INPUT', path: ['--price'] });
    const greeks = await cli('greeks', '--model', 'black76', '--type', 'call', '--vol', '16.5', '--forward', '100', '--strike', '100', '--expiry', '1', '--json');
    expect(greeks.code).toBe(2);
  });
});
