/**
 * Warnings on a decision: valid input that is probably not meant is sized, and flagged with a
 * code from WARNING_CODES and a message; ordinary input carries no warnings.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sizePosition, type SizeDecision } from '../../src/sizing/size-position.js';
import { liquidationConstraint } from '../../src/sizing/constraints/liquidation.js';
import { LARGE_RISK_FRACTION } from '../../src/sizing/warnings.js';
import { WARNING_CODES } from '../../src/core/errors.js';
import type { SizeRequestInput } from '../../src/sizing/request.js';
import { BTCUSDT, stubVenue } from '../venues/stub-venue.js';

const base: SizeRequestInput = { equity: 10_000, entry: 65_000, stop: 63_000, risk: 0.01, maxLeverage: 20, venue: { lotStep: 0.001 } };
const sized = (req: SizeRequestInput, venue = false): SizeDecision => {
  const constraints = venue ? [liquidationConstraint({ model: stubVenue, instrument: BTCUSDT, marginMode: 'cross' })] : [];
  const d = sizePosition(req, { constraints });
  if (d.status !== 'sized') throw new Error(`expected a size, got ${d.code}`);
  return d;
};
const codes = (d: SizeDecision) => d.warnings.map((w) => w.code);

describe('decision warnings', () => {
  it('an ordinary request has none', () => {
    expect(sized(base).warnings).toEqual([]);
    expect(sized(base, true).warnings).toEqual([]);
  });

  it('flags a risk fraction of 0.2 or more (and a risk amount that large), and not below', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1, noNaN: true }), (risk) => {
        const flagged = codes(sized({ ...base, risk })).includes('LARGE_RISK_FRACTION');
        expect(flagged).toBe(risk >= LARGE_RISK_FRACTION);
      }),
    );
    const d = sized({ ...base, risk: 1 });
    expect(d.warnings).toEqual([{ code: 'LARGE_RISK_FRACTION', message: expect.stringMatching(/100% of equity/) }]);
    const amount = sized({ ...base, risk: undefined, riskAmount: 2500 });
    expect(amount.warnings[0]?.message).toMatch(/risk amount 2500 is 25% of equity 10000/);
  });

  it("flags a leverage above the venue tier's maximum at the decided size", () => {
    // Tier 1 of the stub's BTCUSDT (value ≤ 50,000) allows 125×; tier 2 (≤ 600,000) 100×.
    expect(codes(sized({ ...base, maxLeverage: 125 }, true))).toEqual([]);
    const over = sized({ ...base, maxLeverage: 150 }, true);
    expect(codes(over)).toEqual(['LEVERAGE_ABOVE_VENUE_MAX']);
    expect(over.warnings[0]?.message).toMatch(/150× is above binance-usdm BTCUSDT's maximum 125×.*\(tier 1\)/);
    // 1.2 BTC at 65,000 = 78,000 of value is in tier 2 (max 100×): 110× is above it there.
    const big = sized({ ...base, equity: 100_000, risk: 0.05, maxLeverage: 110, stop: 62_000 }, true);
    expect(big.positionValue).toBeGreaterThan(50_000);
    expect(codes(big)).toContain('LEVERAGE_ABOVE_VENUE_MAX');
    expect(big.warnings.find((w) => w.code === 'LEVERAGE_ABOVE_VENUE_MAX')?.message).toMatch(/maximum 100×.*\(tier 2\)/);
  });

  it('flags a stop closer to the entry than one tick (0.1 on BTCUSDT)', () => {
    expect(codes(sized({ ...base, stop: 64_999.9 }, true))).toEqual([]);
    const close = sized({ ...base, stop: 64_999.95 }, true);
    expect(codes(close)).toEqual(['STOP_WITHIN_TICK']);
    expect(close.warnings[0]?.message).toMatch(/stop 64999\.95 is 0\.05 from entry 65000, less than one tick \(0\.1\)/);
  });

  it('every warning code is one of WARNING_CODES, and several warnings come in constraint order', () => {
    const d = sized({ ...base, risk: 0.5, maxLeverage: 150, stop: 64_999.95 }, true);
    expect(codes(d)).toEqual(['LARGE_RISK_FRACTION', 'LEVERAGE_ABOVE_VENUE_MAX', 'STOP_WITHIN_TICK']);
    for (const c of codes(d)) expect(Object.keys(WARNING_CODES)).toContain(c);
  });
});
