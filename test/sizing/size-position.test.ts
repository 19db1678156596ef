import { describe, expect, it } from 'vitest';
import { sizePosition, type SizeDecision, type SizeResult } from '../../src/sizing/size-position.js';
import { sizePositions } from '../../src/sizing/batch.js';
import { TradesizeError } from '../../src/core/errors.js';
import { linearCap } from '../../src/sizing/constraints/types.js';

function sized(r: SizeResult): SizeDecision {
  if (r.status !== 'sized') throw new Error(`expected a size, got ${r.code}: ${r.message}`);
  return r;
}

describe('sizePosition: stop-risk', () => {
  it('risks 1% to the stop: 100 / 2000 = 0.05 BTC', () => {
    const d = sized(sizePosition({ equity: 10000, entry: 65000, stop: 63000, risk: 0.01 }));
    expect(d.quantity).toBeCloseTo(0.05, 15);
    expect(d.notional).toBeCloseTo(3250, 9);
    expect(d.leverage).toBeCloseTo(0.325, 15);
    expect(d.riskAtStop).toBeLessThanOrEqual(100);
    expect(d.binding).toBe('stop-risk');
  });

  it('counts the entry fee and the exit fee once each: 2000 + 0.0005·(65000 + 63000) = 2064 per BTC', () => {
    const d = sized(sizePosition({ equity: 10000, entry: 65000, stop: 63000, risk: 0.01, fees: { entry: 0.0005, exit: 0.0005 } }));
    expect(d.unroundedQuantity).toBeCloseTo(100 / 2064, 15);
    expect(d.riskAtStop).toBeCloseTo(100, 9);
  });

  it('adds the slippage allowance at the stop: a long fills at stop·(1 − s)', () => {
    const d = sized(sizePosition({ equity: 10000, entry: 100, stop: 90, risk: 0.02, slippage: 0.01 }));
    expect(d.stopFill).toBeCloseTo(89.1, 12);
    expect(d.unroundedQuantity).toBeCloseTo(200 / 10.9, 12);
  });

  it('shorts: the stop is above the entry and fills at stop·(1 + s)', () => {
    const d = sized(sizePosition({ side: 'short', equity: 5000, entry: 2000, stop: 2100, riskAmount: 50, slippage: 0.001 }));
    expect(d.stopFill).toBeCloseTo(2102.1, 10);
    expect(d.unroundedQuantity).toBeCloseTo(50 / 102.1, 12);
  });

  it('applies the contract size exactly once: 0.001-BTC contracts give 1000× the contract count', () => {
    const base = sized(sizePosition({ equity: 10000, entry: 65000, stop: 63000, risk: 0.01 }));
    const small = sized(sizePosition({ equity: 10000, entry: 65000, stop: 63000, risk: 0.01, contract: { kind: 'linear', size: 0.001 } }));
    expect(small.quantity).toBeCloseTo(base.quantity * 1000, 9);
    expect(small.notional).toBeCloseTo(base.notional, 9);
  });

  it('inverse contracts: equity and risk in the coin, quantity in 100-USD contracts', () => {
    // Long 120 contracts of 100 USD from 50 000 to 48 000 loses 12 000·(1/48 000 − 1/50 000) = 0.01 BTC.
    const d = sized(sizePosition({ equity: 1, entry: 50000, stop: 48000, risk: 0.01, contract: { kind: 'inverse', size: 100 }, venue: { lotStep: 1 } }));
    expect(d.quantity).toBe(120);
    expect(d.notional).toBe(12000);
    expect(d.positionValue).toBeCloseTo(0.24, 15);
    expect(d.riskAtStop).toBeCloseTo(0.01, 12);
    expect(d.riskAtStop).toBeLessThanOrEqual(0.01);
  });

  it('inverse short with fees charged on the coin value at entry and exit', () => {
    const fe = 0.0005;
    const d = sized(sizePosition({ side: 'short', equity: 2, entry: 40000, stop: 44000, risk: 0.005, contract: { kind: 'inverse', size: 10 }, fees: { entry: fe, exit: fe } }));
    const perContract = 10 * (1 / 40000 - 1 / 44000) + fe * (10 / 40000) + fe * (10 / 44000);
    expect(d.unroundedQuantity).toBeCloseTo(0.01 / perContract, 9);
  });
});

describe('sizePosition: caps and binding constraint', () => {
  const base = { equity: 10000, entry: 100, stop: 99.9, risk: 0.01 } as const; // stop-risk allows 1000 units = 10× equity

  it('defaults to unlevered (1×) when no maximum leverage is given', () => {
    const d = sized(sizePosition(base));
    expect(d.binding).toBe('leverage');
    expect(d.quantity).toBeCloseTo(100, 9);
    expect(d.constraints.find((c) => c.name === 'leverage')?.explanation).toMatch(/unlevered/);
  });

  it('allows leverage up to --max-leverage, with initial margin = value / max leverage', () => {
    const d = sized(sizePosition({ ...base, maxLeverage: 5 }));
    expect(d.binding).toBe('leverage');
    expect(d.quantity).toBeCloseTo(500, 9);
    expect(d.leverage).toBeCloseTo(5, 12);
    expect(d.initialMargin).toBeCloseTo(10000, 9);
  });

  it('caps the value at the Kelly fraction × equity', () => {
    const d = sized(sizePosition({ ...base, maxLeverage: 20, kellyFraction: 2.5 }));
    expect(d.binding).toBe('kelly');
    expect(d.positionValue).toBeCloseTo(25000, 9);
  });

  it('targets volatility: σ·value/equity ≤ target', () => {
    const d = sized(sizePosition({ ...base, maxLeverage: 20, volTarget: { target: 0.5, sigma: 0.8 } }));
    expect(d.binding).toBe('vol-target');
    expect((0.8 * d.positionValue) / 10000).toBeCloseTo(0.5, 12);
  });

  it('respects the venue maximum quantity', () => {
    expect(sized(sizePosition({ ...base, maxLeverage: 20, venue: { maxQty: 42 } })).binding).toBe('venue-max-qty');
  });

  it('reports every applicable constraint with an explanation', () => {
    const d = sized(sizePosition({ ...base, maxLeverage: 20, kellyFraction: 3, volTarget: { target: 0.5, sigma: 0.8 }, venue: { maxQty: 1e6 } }));
    expect(d.constraints.map((c) => c.name)).toEqual(['stop-risk', 'leverage', 'kelly', 'vol-target', 'venue-max-qty']);
    for (const c of d.constraints) expect(c.explanation.length).toBeGreaterThan(10);
    const wire = JSON.parse(JSON.stringify(d)).constraints[0];
    expect(Object.keys(wire)).toEqual(['name', 'maxQuantity', 'explanation']);
    expect(wire.maxQuantity).toBeCloseTo(1000, 9);
  });

  it('accepts extra pluggable constraints', () => {
    const halfEquity = linearCap({ name: 'custom', perUnit: (ctx) => ctx.unitValue, cap: (ctx) => ctx.equity / 2, explain: () => 'half equity' });
    const d = sized(sizePosition({ ...base, maxLeverage: 20 }, { constraints: [halfEquity] }));
    expect(d.binding).toBe('custom');
    expect(d.positionValue).toBeCloseTo(5000, 9);
  });
});

describe('sizePosition: rounding and venue minimums', () => {
  it('rounds down to the lot step last', () => {
    const d = sized(sizePosition({ equity: 10000, entry: 65000, stop: 63000, risk: 0.01, fees: { entry: 0.0005, exit: 0.0005 }, venue: { lotStep: 0.001 } }));
    expect(d.quantity).toBe(0.048);
    expect(d.unroundedQuantity).toBeGreaterThan(0.048);
  });

  it('keeps an exact multiple of the step (0.3 with step 0.1 stays 0.3)', () => {
    const d = sized(sizePosition({ equity: 1000, entry: 100, stop: 90, riskAmount: 3, venue: { lotStep: 0.1 } }));
    expect(d.quantity).toBe(0.3);
  });
});

describe('sizePosition: refusals with reason codes', () => {
  it.each([
    ['STOP_ON_WRONG_SIDE', { equity: 10000, entry: 65000, stop: 66000, risk: 0.01 }],
    ['STOP_ON_WRONG_SIDE', { side: 'short' as const, equity: 10000, entry: 65000, stop: 64000, risk: 0.01 }],
    ['STOP_ON_WRONG_SIDE', { equity: 10000, entry: 65000, stop: 65000, risk: 0.01 }],
    ['NO_EDGE', { equity: 10000, entry: 65000, stop: 63000, risk: 0.01, kellyFraction: 0 }],
    ['BELOW_LOT_STEP', { equity: 10, entry: 65000, stop: 63000, risk: 0.01, venue: { lotStep: 0.001 } }],
    ['BELOW_MIN_QTY', { equity: 1000, entry: 65000, stop: 63000, risk: 0.01, venue: { lotStep: 0.001, minQty: 0.01 } }],
    ['BELOW_MIN_NOTIONAL', { equity: 1000, entry: 65000, stop: 63000, risk: 0.01, venue: { lotStep: 0.001, minNotional: 500 } }],
  ] as const)('%s', (code, req) => {
    const r = sizePosition(req);
    expect(r.status).toBe('refused');
    if (r.status === 'refused') {
      expect(r.code).toBe(code);
      expect(r.message.length).toBeGreaterThan(20);
    }
  });
});

describe('sizePosition: input errors', () => {
  it.each([
    [{ equity: -1, entry: 1, stop: 0.9, risk: 0.01 }, ['equity']],
    [{ equity: 1, entry: Number.NaN, stop: 0.9, risk: 0.01 }, ['entry']],
    [{ equity: 1, entry: 1, stop: 0.9, risk: 2 }, ['risk']],
    [{ equity: 1, entry: 1, stop: 0.9 }, ['risk']],
    [{ equity: 1, entry: 1, stop: 0.9, risk: 0.01, riskAmount: 1 }, ['risk']],
    [{ equity: 1, entry: 1, stop: 0.9, risk: 0.01, venue: { lotStep: 0 } }, ['venue', 'lotStep']],
    [{ equity: 1, entry: 1, stop: 0.9, risk: 0.01, fees: { entry: 0.5 } }, ['fees', 'entry']],
  ])('%j → INVALID_INPUT at %j', (req, path) => {
    try {
      sizePosition(req as never);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TradesizeError);
      expect((e as TradesizeError).code).toBe('INVALID_INPUT');
      expect((e as TradesizeError).path).toEqual(path);
    }
  });

  it('rejects unknown fields (a typo is not silently ignored)', () => {
    expect(() => sizePosition({ equity: 1, entry: 1, stop: 0.9, risk: 0.01, riskFraction: 0.01 } as never)).toThrow(/riskFraction/);
  });
});

describe('sizePositions (batch)', () => {
  it('sizes many requests in order and isolates bad ones', () => {
    const out = sizePositions([
      { equity: 10000, entry: 100, stop: 95, risk: 0.01 },
      { equity: -1, entry: 100, stop: 95, risk: 0.01 },
      { equity: 10000, entry: 100, stop: 105, risk: 0.01 },
    ]);
    expect(out.map((r) => r.status)).toEqual(['sized', 'invalid', 'refused']);
    const bad = out[1];
    if (bad?.status === 'invalid') expect(bad.error.path).toEqual([1, 'equity']);
  });
});

describe('sizePosition: contract values beyond the range of a double', () => {
  const base = { equity: 10000, entry: 65000, stop: 63000, risk: 0.01 };
  it.each([
    [{ ...base, contract: { kind: 'linear' as const, size: 1e308 } }, ['contract', 'size']],
    [{ ...base, contract: { kind: 'inverse' as const, size: 1e-320 } }, ['contract', 'size']],
    [{ ...base, entry: 1e-300, stop: 2e-300, side: 'short' as const, contract: { kind: 'inverse' as const, size: 1e300 } }, ['contract', 'size']],
  ])('is INVALID_INPUT at the input (%#), not a NO_EDGE refusal with NaN limits', (req, path) => {
    let err: unknown;
    try {
      sizePosition(req);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TradesizeError);
    expect(err).toMatchObject({ code: 'INVALID_INPUT', path });
    expect((err as Error).message).not.toMatch(/NaN|Infinity/);
  });
});
