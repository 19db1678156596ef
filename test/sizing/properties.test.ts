/**
 * Invariants of sizePosition, each checked on 1,000 random requests (fast-check).
 */
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { sizePosition, type SizeResult } from '../../src/sizing/size-position.js';
import type { SizeRequestInput } from '../../src/sizing/request.js';
import { roundDownToStep } from '../../src/core/rounding.js';

const RUNS = { numRuns: 1000 };

const qty = (r: SizeResult): number => (r.status === 'sized' ? r.quantity : 0);

/** Independent loss at the stop, written out per contract kind and side. */
function lossAtStop(req: Required<Pick<SizeRequestInput, 'entry' | 'stop'>> & SizeRequestInput, q: number): number {
  const c = req.contract?.size ?? 1;
  const inverse = req.contract?.kind === 'inverse';
  const s = req.slippage ?? 0;
  const long = (req.side ?? 'long') === 'long';
  const fill = long ? req.stop * (1 - s) : req.stop * (1 + s);
  const fe = req.fees?.entry ?? 0;
  const fx = req.fees?.exit ?? 0;
  if (inverse) {
    const pnl = long ? q * c * (1 / req.entry - 1 / fill) : q * c * (1 / fill - 1 / req.entry);
    return -pnl + fe * (q * c) / req.entry + fx * (q * c) / fill;
  }
  const pnl = long ? q * c * (fill - req.entry) : q * c * (req.entry - fill);
  return -pnl + fe * q * c * req.entry + fx * q * c * fill;
}

const request = fc
  .record({
    side: fc.constantFrom('long' as const, 'short' as const),
    equity: fc.double({ min: 10, max: 1e7, noNaN: true }),
    entry: fc.double({ min: 0.01, max: 1e5, noNaN: true }),
    stopDistance: fc.double({ min: 0.001, max: 0.5, noNaN: true }),
    risk: fc.double({ min: 1e-4, max: 0.1, noNaN: true }),
    kind: fc.constantFrom('linear' as const, 'inverse' as const),
    contractSize: fc.constantFrom(1, 0.001, 0.01, 10, 100),
    fee: fc.double({ min: 0, max: 0.002, noNaN: true }),
    slippage: fc.double({ min: 0, max: 0.01, noNaN: true }),
    maxLeverage: fc.option(fc.double({ min: 1, max: 125, noNaN: true }), { nil: undefined }),
    kellyFraction: fc.option(fc.double({ min: 0.05, max: 10, noNaN: true }), { nil: undefined }),
    vol: fc.option(fc.record({ target: fc.double({ min: 0.05, max: 2, noNaN: true }), sigma: fc.double({ min: 0.05, max: 3, noNaN: true }) }), { nil: undefined }),
    lotStep: fc.option(fc.constantFrom(0.001, 0.01, 0.1, 1, 0.0001, 5), { nil: undefined }),
  })
  .map((g) => {
    const stop = g.side === 'long' ? g.entry * (1 - g.stopDistance) : g.entry * (1 + g.stopDistance);
    const req: SizeRequestInput = {
      side: g.side, equity: g.equity, entry: g.entry, stop, risk: g.risk,
      contract: { kind: g.kind, size: g.contractSize }, fees: { entry: g.fee, exit: g.fee }, slippage: g.slippage,
    };
    if (g.maxLeverage !== undefined) req.maxLeverage = g.maxLeverage;
    if (g.kellyFraction !== undefined) req.kellyFraction = g.kellyFraction;
    if (g.vol !== undefined) req.volTarget = g.vol;
    if (g.lotStep !== undefined) req.venue = { lotStep: g.lotStep };
    return req as SizeRequestInput & { entry: number; stop: number };
  });

describe('sizePosition properties', () => {
  it('the loss at the stop never exceeds the risk budget (fees and slippage included)', () => {
    fc.assert(
      fc.property(request, (req) => {
        const r = sizePosition(req);
        if (r.status !== 'sized') return true;
        const budget = (req.risk ?? 0) * req.equity;
        return r.riskAtStop <= budget && lossAtStop(req, r.quantity) <= budget * (1 + 1e-12);
      }),
      RUNS,
    );
  });

  it('rounding never breaks a constraint: the size is on the lot grid and within every limit', () => {
    fc.assert(
      fc.property(request, (req) => {
        const r = sizePosition(req);
        if (r.status !== 'sized') return true;
        const step = req.venue?.lotStep;
        const onGrid = step === undefined || Math.abs(r.quantity / step - Math.round(r.quantity / step)) <= 1e-9 * Math.max(1, r.quantity / step);
        const withinLimits = r.constraints.every((c) => r.quantity <= c.maxQuantity);
        // Recomputed independently, so allow for the rounding of a different operation order.
        const within = (x: number, cap: number) => x <= cap * (1 + 1e-12);
        const leverageOk = within(r.leverage, req.maxLeverage ?? 1);
        const kellyOk = req.kellyFraction === undefined || within(r.positionValue, req.kellyFraction * req.equity);
        const volOk = req.volTarget === undefined || within(req.volTarget.sigma * r.positionValue, req.volTarget.target * req.equity);
        return onGrid && withinLimits && leverageOk && kellyOk && volOk && r.quantity > 0;
      }),
      RUNS,
    );
  });

  it('roundDownToStep returns the largest grid point ≤ q', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(0.001, 0.01, 0.1, 1, 5, 0.00001, 0.25), fc.integer({ min: 0, max: 100000 }), (q, step, k) => {
        const r = roundDownToStep(q, step);
        const exact = roundDownToStep(k * step, step);
        return r <= q && r + step > q * (1 - 1e-12) && Math.abs(exact - k * step) <= 1e-9 * Math.max(1, k * step);
      }),
      RUNS,
    );
  });

  it('size never increases with volatility', () => {
    fc.assert(
      fc.property(request, fc.double({ min: 0.05, max: 2, noNaN: true }), fc.double({ min: 1, max: 5, noNaN: true }), (req, sigma, factor) => {
        const target = req.volTarget?.target ?? 0.5;
        const low = sizePosition({ ...req, volTarget: { target, sigma } });
        const high = sizePosition({ ...req, volTarget: { target, sigma: sigma * factor } });
        return qty(high) <= qty(low);
      }),
      RUNS,
    );
  });

  it('size never increases with the stop distance', () => {
    fc.assert(
      fc.property(request, fc.double({ min: 1, max: 3, noNaN: true }), (req, factor) => {
        const d = Math.abs(req.entry - req.stop);
        const wider = req.side === 'short' ? req.entry + d * factor : req.entry - Math.min(d * factor, req.entry * 0.99);
        return qty(sizePosition({ ...req, stop: wider })) <= qty(sizePosition(req));
      }),
      RUNS,
    );
  });

  it('size never decreases with equity', () => {
    fc.assert(
      fc.property(request, fc.double({ min: 1, max: 10, noNaN: true }), (req, factor) => qty(sizePosition({ ...req, equity: req.equity * factor })) >= qty(sizePosition(req))),
      RUNS,
    );
  });

  it('size never decreases with edge (a larger Kelly fraction)', () => {
    fc.assert(
      fc.property(request, fc.double({ min: 0.01, max: 5, noNaN: true }), fc.double({ min: 1, max: 4, noNaN: true }), (req, f, factor) =>
        qty(sizePosition({ ...req, kellyFraction: f * factor })) >= qty(sizePosition({ ...req, kellyFraction: f })),
      ),
      RUNS,
    );
  });
});
