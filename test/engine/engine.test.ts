import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RiskEngine, type EngineEvent } from '../../src/engine/engine.js';
import { applyFill, FLAT, unrealised } from '../../src/engine/position.js';
import { sizePosition } from '../../src/sizing/size-position.js';
import { TradesizeError } from '../../src/core/errors.js';

const T0 = Date.UTC(2026, 0, 5, 12); // noon UTC
const LINEAR = { kind: 'linear', size: 1 } as const;

/** An engine with account `a` (10,000 USDT) and BTCUSDT priced by three sources at `price`. */
function setup(price = 65000, limits: Record<string, number> = {}, config: object = {}) {
  const e = new RiskEngine(config);
  e.putAccount('a', { equity: 10000, currency: 'USDT', limits: { riskPerTrade: 0.01, maxLeverage: 20, ...limits } }, T0);
  e.putMarket('BTCUSDT', { kind: 'linear', contractSize: 1, lotStep: 0.001 }, T0);
  tick(e, 'BTCUSDT', price, T0);
  return e;
}

function tick(e: RiskEngine, market: string, price: number, t: number, sources = ['x', 'y', 'z']) {
  const r = e.submitPrices(sources.map((source) => ({ market, source, price, time: t })), t);
  expect(r.rejected).toEqual([]);
}

/** The account after time has advanced to `t` (what the service's timer does). */
function view(e: RiskEngine, t: number) {
  e.advance(t);
  return e.getAccount('a');
}

const states = (e: RiskEngine): [string, string | null][] =>
  e.events('a').filter((x): x is Extract<EngineEvent, { type: 'state' }> => x.type === 'state').map((x) => [x.state, x.cause]);

describe('positions from fills', () => {
  it('average entry, realised PnL and a flip through zero (linear)', () => {
    const a = applyFill(LINEAR, FLAT, 1, 100);
    const b = applyFill(LINEAR, a.position, 1, 110);
    expect(b.position).toEqual({ quantity: 2, entryPrice: 105 });
    const c = applyFill(LINEAR, b.position, -3, 120);
    expect(c).toEqual({ position: { quantity: -1, entryPrice: 120 }, realised: 30, closed: 2 });
    expect(unrealised(LINEAR, c.position, 100)).toBe(20);
  });

  it('inverse contracts average the entry harmonically (value c/P) and realise c·(1/entry − 1/exit)', () => {
    const inv = { kind: 'inverse', size: 100 } as const;
    const a = applyFill(inv, applyFill(inv, FLAT, 10, 40000).position, 10, 60000);
    expect(a.position.entryPrice).toBeCloseTo(48000, 9); // 20 / (10/40000 + 10/60000)
    const closed = applyFill(inv, a.position, -20, 50000);
    expect(closed.position).toEqual(FLAT);
    expect(closed.realised).toBeCloseTo(100 * 20 * (1 / 48000 - 1 / 50000), 15);
  });
});

describe('RiskEngine order checks', () => {
  it('without a quantity, a flat account gets the sizePosition decision the CLI gives for the same inputs', () => {
    const e = setup();
    const d = e.checkOrder('a', { market: 'BTCUSDT', side: 'buy', stop: 63000 }, T0);
    const cli = sizePosition({ equity: 10000, entry: 65000, stop: 63000, risk: 0.01, maxLeverage: 20, contract: LINEAR, venue: { lotStep: 0.001 } });
    expect(cli.status).toBe('sized');
    expect(d).toMatchObject({ decision: 'allow', state: 'ACTIVE', reasons: [] });
    expect(d.maxQuantity).toBe(cli.status === 'sized' ? cli.quantity : NaN);
    expect(d.sizing?.status === 'sized' && d.sizing.binding).toBe('stop-risk');
  });

  it('a quantity beyond the risk budget is denied with EXCEEDS_RISK_BUDGET; within it, allowed', () => {
    const e = setup();
    expect(e.checkOrder('a', { market: 'BTCUSDT', side: 'buy', stop: 63000, quantity: 0.051 }, T0).reasons.map((r) => r.code)).toEqual(['EXCEEDS_RISK_BUDGET']);
    expect(e.checkOrder('a', { market: 'BTCUSDT', side: 'buy', stop: 63000, quantity: 0.05 }, T0).decision).toBe('allow'); // 100 / 2000 per BTC
  });

  it('without a stop the leverage left after the open positions caps the order (EXCEEDS_MAX_LEVERAGE)', () => {
    const e = setup(65000, { maxLeverage: 2 });
    e.recordFill('a', { market: 'BTCUSDT', side: 'buy', quantity: 0.2, price: 65000 }, T0);
    const d = e.checkOrder('a', { market: 'BTCUSDT', side: 'buy', quantity: 0.2 }, T0);
    // 2 × 10,000 − 0.2 × 65,000 = 7,000 of headroom → 0.107 BTC on the 0.001 grid
    expect(d).toMatchObject({ decision: 'deny', maxQuantity: 0.107 });
    expect(d.reasons.map((r) => r.code)).toEqual(['EXCEEDS_MAX_LEVERAGE']);
  });

  it('a stop on the wrong side is bad input naming the stop', () => {
    const e = setup();
    expect(() => e.checkOrder('a', { market: 'BTCUSDT', side: 'buy', stop: 66000 }, T0)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', path: ['stop'] }) as TradesizeError);
  });

  it('unknown market and unknown account', () => {
    const e = setup();
    expect(e.checkOrder('a', { market: 'DOGEUSDT', side: 'buy', quantity: 1 }, T0).reasons[0]?.code).toBe('UNKNOWN_MARKET');
    expect(() => e.checkOrder('nobody', { market: 'BTCUSDT', side: 'buy' }, T0)).toThrow(expect.objectContaining({ details: { denial: 'UNKNOWN_ACCOUNT' } }) as TradesizeError);
  });

  it('every decision is recorded as an event with its reasons', () => {
    const e = setup();
    e.checkOrder('a', { market: 'BTCUSDT', side: 'buy', stop: 63000, quantity: 4 }, T0);
    expect(e.events('a').at(-1)).toMatchObject({ type: 'decision', decision: 'deny', reasons: ['EXCEEDS_RISK_BUDGET', 'EXCEEDS_MAX_LEVERAGE'] });
  });
});

describe('RiskEngine price integrity and states', () => {
  it('a stalled feed: an exposed account goes HALTED (STALE_PRICE), adding risk is denied, and after recovery plus the grace period it is ACTIVE again', () => {
    const e = setup();
    e.recordFill('a', { market: 'BTCUSDT', side: 'buy', quantity: 0.01, price: 65000 }, T0);
    const stale = T0 + 10_001;
    e.advance(stale);
    expect(view(e, stale)).toMatchObject({ state: 'HALTED', stateCause: 'STALE_PRICE' });
    expect(e.checkOrder('a', { market: 'BTCUSDT', side: 'sell', quantity: 0.01 }, stale).reasons.map((r) => r.code)).toEqual(['ACCOUNT_HALTED', 'STALE_PRICE']);
    let t = stale;
    for (; t < stale + 60_000; t += 1000) tick(e, 'BTCUSDT', 65000, t);
    expect(view(e, t - 1000).state).toBe('HALTED');
    tick(e, 'BTCUSDT', 65000, t);
    expect(view(e, t).state).toBe('ACTIVE');
    expect(states(e)).toEqual([['HALTED', 'STALE_PRICE'], ['ACTIVE', null]]);
  });

  it('three stalled markets come back one source each: the account stays HALTED until the last one is up, then REDUCING (INSUFFICIENT_SOURCES on every market)', () => {
    const e = setup();
    const markets = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'];
    for (const m of markets.slice(1)) tick(e, m, 100, T0);
    for (const m of markets) e.recordFill('a', { market: m, side: 'buy', quantity: 0.01, price: m === 'BTCUSDT' ? 65000 : 100 }, T0);
    let t = T0 + 10_001;
    e.advance(t);
    expect(view(e, t)).toMatchObject({ state: 'HALTED', stateCause: 'STALE_PRICE' });
    // Market k comes back with one source at 70·k s and then ticks every second; each is suspect once its 60-s grace period has run.
    const start = t;
    for (; t < start + 200_000; t += 1000) {
      markets.forEach((m, k) => t >= start + 70_000 * k && tick(e, m, m === 'BTCUSDT' ? 65000 : 100, t, ['x']));
      const s = view(e, t).state;
      expect(s, `at ${(t - start) / 1000} s`).toBe(t < start + 140_000 + 60_000 ? 'HALTED' : 'REDUCING');
    }
    tick(e, 'SOLUSDT', 100, t, ['x']);
    expect(view(e, t).state).toBe('REDUCING');
    expect(view(e, t)).toMatchObject({ stateCause: 'INSUFFICIENT_SOURCES', conditions: markets.map(() => expect.objectContaining({ cause: 'INSUFFICIENT_SOURCES' })) });
  });

  it('one source of two stalls: the market is suspect, the account REDUCING; a reducing order is allowed, adding is denied', () => {
    const e = new RiskEngine();
    e.putAccount('a', { equity: 10000, currency: 'USDT', limits: { maxLeverage: 5 } }, T0);
    tick(e, 'SOLUSDT', 100, T0, ['x', 'y']);
    e.recordFill('a', { market: 'SOLUSDT', side: 'buy', quantity: 10, price: 100 }, T0);
    for (let t = T0 + 1000; t <= T0 + 11_000; t += 1000) tick(e, 'SOLUSDT', 100, t, ['x']);
    const now = T0 + 11_000;
    expect(view(e, now)).toMatchObject({ state: 'REDUCING', stateCause: 'INSUFFICIENT_SOURCES' });
    expect(e.checkOrder('a', { market: 'SOLUSDT', side: 'sell', quantity: 10 }, now)).toMatchObject({ decision: 'allow', maxQuantity: 10 });
    expect(e.checkOrder('a', { market: 'SOLUSDT', side: 'buy', quantity: 1 }, now).reasons.map((r) => r.code)).toEqual(['ACCOUNT_REDUCING', 'INSUFFICIENT_SOURCES']);
    expect(e.checkOrder('a', { market: 'SOLUSDT', side: 'sell', quantity: 11 }, now).decision).toBe('deny'); // a flip adds risk
  });

  it('a 1000x spike from one of three sources changes nothing: valuation and sizing use the honest two', () => {
    const e = setup();
    e.recordFill('a', { market: 'BTCUSDT', side: 'buy', quantity: 0.01, price: 65000 }, T0);
    e.submitPrices({ market: 'BTCUSDT', source: 'z', price: 65_000_000, time: T0 + 1 }, T0 + 1);
    expect(view(e, T0 + 1)).toMatchObject({ state: 'ACTIVE', equity: 10000 });
    expect(e.getMarket('BTCUSDT', T0 + 1)).toMatchObject({ price: 65000, status: 'ok' });
  });

  it('valid sources that disagree are used conservatively: a long is marked at the lowest, a buy priced at the highest', () => {
    const e = setup();
    e.recordFill('a', { market: 'BTCUSDT', side: 'buy', quantity: 0.1, price: 65000 }, T0);
    e.submitPrices([{ market: 'BTCUSDT', source: 'x', price: 64900, time: T0 + 1 }, { market: 'BTCUSDT', source: 'z', price: 65100, time: T0 + 1 }], T0 + 1);
    expect(view(e, T0 + 1).equity).toBeCloseTo(10000 - 0.1 * 100, 9);
    const d = e.checkOrder('a', { market: 'BTCUSDT', side: 'buy', stop: 63000 }, T0 + 1);
    expect(d.sizing?.status === 'sized' && d.sizing.riskBudget).toBeCloseTo(0.01 * 9990, 9);
    const ref = sizePosition({ equity: 9990, entry: 65100, stop: 63000, risk: 0.01, maxLeverage: 20, contract: LINEAR, venue: { lotStep: 0.001 } });
    expect(d.sizing?.status === 'sized' && ref.status === 'sized' && d.sizing.unroundedQuantity).toBe(ref.status === 'sized' ? ref.unroundedQuantity : NaN);
  });

  it('out-of-order, NaN and negative ticks are refused with their index and code', () => {
    const e = setup();
    const r = e.submitPrices([
      { market: 'BTCUSDT', source: 'x', price: 65010, time: T0 - 1 },
      { market: 'BTCUSDT', source: 'y', price: Number.NaN, time: T0 + 1 },
      { market: 'BTCUSDT', source: 'y', price: -1, time: T0 + 1 },
      { market: 'BTCUSDT', source: 'y', price: 65001, time: T0 + 1 },
      { market: 'BTC USDT', source: 'y', price: 1, time: T0 + 1 },
    ], T0 + 1);
    expect(r).toEqual({ accepted: 1, rejected: [{ index: 0, code: 'OUT_OF_ORDER' }, { index: 1, code: 'NON_FINITE_PRICE' }, { index: 2, code: 'NON_POSITIVE_PRICE' }, { index: 4, code: 'INVALID_INPUT' }] });
  });
});

describe('RiskEngine protections', () => {
  it('kill switch: HALTED with KILL_SWITCH, resumes by itself after pauseSeconds', () => {
    const e = setup();
    e.killSwitch({ account: 'a', pauseSeconds: 30 }, T0);
    expect(view(e, T0 + 29_999)).toMatchObject({ state: 'HALTED', stateCause: 'KILL_SWITCH' });
    expect(e.checkOrder('a', { market: 'BTCUSDT', side: 'buy', quantity: 0.001 }, T0 + 1000).reasons.map((r) => r.code)).toEqual(['ACCOUNT_HALTED', 'KILL_SWITCH']);
    tick(e, 'BTCUSDT', 65000, T0 + 30_000);
    expect(view(e, T0 + 30_000).state).toBe('ACTIVE');
  });

  it('daily loss: REDUCING with DAILY_LOSS_LIMIT once equity falls 5 % below the day start, until the next UTC day', () => {
    const e = setup(65000, { maxDailyLoss: 0.05 }, { prices: { graceMs: 0 } }); // the feed is silent overnight here
    e.recordFill('a', { market: 'BTCUSDT', side: 'buy', quantity: 0.2, price: 65000 }, T0);
    tick(e, 'BTCUSDT', 62600, T0 + 1000); // −480: not yet
    expect(view(e, T0 + 1000).state).toBe('ACTIVE');
    tick(e, 'BTCUSDT', 62495, T0 + 2000); // −501: beyond 5 % of 10,000
    expect(view(e, T0 + 2000)).toMatchObject({ state: 'REDUCING', stateCause: 'DAILY_LOSS_LIMIT' });
    tick(e, 'BTCUSDT', 65000, T0 + 3000); // recovering does not lift it the same day
    expect(view(e, T0 + 3000).state).toBe('REDUCING');
    const tomorrow = Date.UTC(2026, 0, 6);
    tick(e, 'BTCUSDT', 65000, tomorrow);
    expect(view(e, tomorrow).state).toBe('ACTIVE');
  });

  it('drawdown from the high-water mark: REDUCING with DRAWDOWN_LIMIT until the account is put again', () => {
    const e = setup(65000, { maxDrawdown: 0.1, maxDailyLoss: 0.5 });
    e.recordFill('a', { market: 'BTCUSDT', side: 'buy', quantity: 0.5, price: 65000 }, T0);
    tick(e, 'BTCUSDT', 67000, T0 + 1000); // HWM 11,000
    tick(e, 'BTCUSDT', 65000, T0 + 2000); // 10,000 > 9,900
    expect(view(e, T0 + 2000).state).toBe('ACTIVE');
    tick(e, 'BTCUSDT', 64790, T0 + 3000); // 9,895 ≤ 9,900
    expect(view(e, T0 + 3000)).toMatchObject({ state: 'REDUCING', stateCause: 'DRAWDOWN_LIMIT', highWaterMark: 11000 });
    e.putAccount('a', { equity: 9895, currency: 'USDT', limits: { maxDrawdown: 0.1, maxDailyLoss: 0.5 } }, T0 + 4000);
    expect(view(e, T0 + 4000)).toMatchObject({ state: 'ACTIVE', equity: 9895, highWaterMark: 9895 });
  });

  it('a losing reduction is a stop-out: COOLDOWN for stopOutCooldownSeconds', () => {
    const e = setup(65000, { stopOutCooldownSeconds: 60 });
    e.recordFill('a', { market: 'BTCUSDT', side: 'buy', quantity: 0.01, price: 65000 }, T0);
    e.recordFill('a', { market: 'BTCUSDT', side: 'sell', quantity: 0.01, price: 63000, time: T0 + 1000 }, T0 + 1000);
    expect(view(e, T0 + 1000)).toMatchObject({ state: 'REDUCING', stateCause: 'COOLDOWN', positions: [] });
    tick(e, 'BTCUSDT', 65000, T0 + 61_000);
    expect(view(e, T0 + 61_000).state).toBe('ACTIVE');
  });

  it('a protection that throws halts the account rather than letting it carry on', () => {
    const e = new RiskEngine({}, { protections: [(acct) => { if (acct.positions.length > 0) throw new Error('boom'); return null; }] });
    e.putAccount('a', { equity: 10000, currency: 'USDT' }, T0);
    tick(e, 'SOLUSDT', 100, T0);
    e.recordFill('a', { market: 'SOLUSDT', side: 'buy', quantity: 1, price: 100 }, T0);
    expect(view(e, T0)).toMatchObject({ state: 'HALTED', stateCause: 'PROTECTION_ERROR' });
  });
});

describe('RiskEngine determinism', () => {
  it('property: the same commands give the same state hash; a different one a different hash', () => {
    const cmd = fc.oneof(
      fc.record({ k: fc.constant('tick' as const), dt: fc.integer({ min: 0, max: 20_000 }), p: fc.double({ min: 90, max: 110, noNaN: true }), s: fc.constantFrom('x', 'y', 'z') }),
      fc.record({ k: fc.constant('fill' as const), dt: fc.integer({ min: 0, max: 5000 }), q: fc.double({ min: -5, max: 5, noNaN: true }).filter((q) => Math.abs(q) > 1e-6), p: fc.double({ min: 90, max: 110, noNaN: true }) }),
      fc.record({ k: fc.constant('check' as const), dt: fc.integer({ min: 0, max: 5000 }), q: fc.double({ min: 0.01, max: 50, noNaN: true }) }),
    );
    type Cmd = { k: 'tick'; dt: number; p: number; s: string } | { k: 'fill'; dt: number; q: number; p: number } | { k: 'check'; dt: number; q: number };
    const run = (cmds: readonly Cmd[]) => {
      const e = new RiskEngine();
      let t = T0;
      e.putAccount('a', { equity: 10000, currency: 'USDT' }, t);
      for (const c of cmds) {
        t += c.dt;
        if (c.k === 'tick') e.submitPrices({ market: 'SOLUSDT', source: c.s, price: c.p, time: t }, t);
        else if (c.k === 'fill') e.recordFill('a', { market: 'SOLUSDT', side: c.q > 0 ? 'buy' : 'sell', quantity: Math.abs(c.q), price: c.p }, t);
        else e.checkOrder('a', { market: 'SOLUSDT', side: 'buy', quantity: c.q }, t);
      }
      return e.stateHash();
    };
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 40 }), (cmds) => {
        expect(run(cmds)).toBe(run(cmds));
        expect(run([...cmds, { k: 'check', dt: 1, q: 1 }])).not.toBe(run(cmds));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('RiskEngine venue-exact margin', () => {
  it('a market put as {venue, symbol} takes the bundled instrument; the account shows the venue model\'s maintenance margin, liquidation price (cross, wallet = cash) and margin ratio', async () => {
    const { getInstrument, getVenue } = await import('../../src/venues/registry.js');
    const e = new RiskEngine();
    e.putAccount('a', { equity: 10000, currency: 'USDT', limits: { maxLeverage: 20 } }, T0);
    const m = e.putMarket('BTCUSDT', { venue: 'binance-usdm', symbol: 'BTCUSDT' }, T0);
    const inst = getInstrument('binance-usdm', 'BTCUSDT');
    expect(m.spec).toMatchObject({ kind: 'linear', contractSize: inst.contractSize, lotStep: inst.lotStep, venue: 'binance-usdm', symbol: 'BTCUSDT' });
    tick(e, 'BTCUSDT', 65000, T0);
    e.recordFill('a', { market: 'BTCUSDT', side: 'buy', quantity: 1, price: 65000 }, T0);
    tick(e, 'BTCUSDT', 64000, T0 + 1000);
    const v = view(e, T0 + 1000);
    const position = { symbol: 'BTCUSDT', side: 'long' as const, quantity: 1, entryPrice: 65000, markPrice: 64000 };
    const model = getVenue('binance-usdm');
    const mm = model.positionMargin(inst, position, 64000).maintenanceMargin;
    const lp = model.liquidation({ instrument: inst, position, marginMode: 'cross', collateral: 10000 }).liquidationPrice as number;
    expect(v.positions[0]).toMatchObject({ maintenanceMargin: mm, liquidationPrice: lp });
    expect(v.positions[0]?.liquidationDistance).toBeCloseTo((64000 - lp) / 64000, 15);
    expect(v.marginRatio).toBeCloseTo(mm / 9000, 15);
    expect(v.liquidationDistance).toBe(v.positions[0]?.liquidationDistance);
  });

  it('an unknown venue or symbol is refused with its code; a market given by contract fields has null margin numbers', () => {
    const e = setup();
    expect(() => e.putMarket('X', { venue: 'ftx', symbol: 'BTC-PERP' }, T0)).toThrow(expect.objectContaining({ code: 'UNKNOWN_VENUE' }) as TradesizeError);
    expect(() => e.putMarket('X', { venue: 'binance-usdm', symbol: 'NOPE' }, T0)).toThrow(expect.objectContaining({ code: 'UNKNOWN_SYMBOL' }) as TradesizeError);
    expect(() => e.putMarket('X', { venue: 'binance-usdm', symbol: 'BTCUSDT', lotStep: 1 }, T0)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }) as TradesizeError);
    e.recordFill('a', { market: 'BTCUSDT', side: 'buy', quantity: 0.1, price: 65000 }, T0);
    expect(view(e, T0)).toMatchObject({ marginRatio: null, maintenanceMargin: null, liquidationDistance: null, positions: [{ maintenanceMargin: null, liquidationPrice: null }] });
  });
});

describe('RiskEngine liquidation risk in σ and probability', () => {
  it('σ: the configured default until enough samples, then the EWMA of the median price; distance in σ and the GBM probability of reaching the liquidation price within the horizon', async () => {
    const { barrierHitProbability } = await import('../../src/risk/first-passage/index.js');
    const e = new RiskEngine({ risk: { minVolatilitySamples: 5, horizonDays: 1 } });
    e.putAccount('a', { equity: 10000, currency: 'USDT', limits: { maxLeverage: 20 } }, T0);
    e.putMarket('BTCUSDT', { venue: 'binance-usdm', symbol: 'BTCUSDT' }, T0);
    tick(e, 'BTCUSDT', 65000, T0);
    e.recordFill('a', { market: 'BTCUSDT', side: 'buy', quantity: 1, price: 65000 }, T0);
    const first = view(e, T0).positions[0];
    expect(first).toMatchObject({ volatility: 0.8, volatilitySource: 'default' });
    // alternate ±0.1 % a second: r² per second, annualised
    const prices = [65000];
    for (let i = 1; i <= 8; i++) {
      prices.push(prices[i - 1]! * (i % 2 === 0 ? 1.001 : 1 / 1.001));
      tick(e, 'BTCUSDT', prices[i]!, T0 + i * 1000);
    }
    const p = view(e, T0 + 8000).positions[0]!;
    const perSample = Math.log(1.001) ** 2 * 365 * 86400; // every sample is the same, so the EWMA is exactly this
    expect(p.volatilitySource).toBe('ewma');
    expect(p.volatility).toBeCloseTo(Math.sqrt(perSample), 9);
    const lp = p.liquidationPrice as number;
    const h = 1 / 365;
    expect(p.liquidationDistanceSigma).toBeCloseTo(Math.log(p.markPrice! / lp) / (p.volatility * Math.sqrt(h)), 12);
    expect(p.liquidationProbability).toBe(barrierHitProbability({ price: p.markPrice!, barrier: lp, mu: 0, sigma: p.volatility, horizon: h }).probability);
    expect(view(e, T0 + 8000).liquidationProbability).toBe(p.liquidationProbability);
  });
});

describe('RiskEngine alerts', () => {
  it('a margin ratio crossing its threshold emits one alert with a resize recommendation computed on the venue model (within the threshold, one more lot is not), and a clearing once back', async () => {
    const { getInstrument, getVenue } = await import('../../src/venues/registry.js');
    const e = new RiskEngine({ alerts: { marginRatio: 0.5, liquidationProbability: 1 } });
    e.putAccount('a', { equity: 2000, currency: 'USDT', limits: { maxLeverage: 50, maxDailyLoss: 0.99, maxDrawdown: 0.99 } }, T0);
    e.putMarket('BTCUSDT', { venue: 'binance-usdm', symbol: 'BTCUSDT' }, T0);
    tick(e, 'BTCUSDT', 65000, T0);
    e.recordFill('a', { market: 'BTCUSDT', side: 'buy', quantity: 0.5, price: 65000 }, T0);
    e.advance(T0);
    expect(e.events('a').filter((x) => x.type === 'alert')).toEqual([]);
    tick(e, 'BTCUSDT', 62500, T0 + 1000);
    tick(e, 'BTCUSDT', 61800, T0 + 2000);
    tick(e, 'BTCUSDT', 61200, T0 + 3000); // equity 2000 − 0.5 × 3800 = 100 against a maintenance margin of about 120: the alert fires on this tick
    e.advance(T0 + 3000);
    e.advance(T0 + 3500); // no second alert while it stays breached
    const alerts = e.events('a').filter((x): x is Extract<EngineEvent, { type: 'alert' }> => x.type === 'alert' && x.code === 'MARGIN_RATIO');
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert).toMatchObject({ code: 'MARGIN_RATIO', threshold: 0.5 });
    expect(alert.value).toBeGreaterThanOrEqual(0.5);
    const rec = alert.recommendation!;
    expect(rec.market).toBe('BTCUSDT');
    const inst = getInstrument('binance-usdm', 'BTCUSDT');
    const model = getVenue('binance-usdm');
    const mr = (q: number) => {
      const mark = 61200;
      const mm = model.positionMargin(inst, { symbol: 'BTCUSDT', side: 'long', quantity: q, entryPrice: 65000, markPrice: mark }, mark).maintenanceMargin;
      return mm / (2000 + q * (mark - 65000));
    };
    expect(mr(rec.quantity)).toBeLessThan(0.5);
    expect(mr(rec.quantity + inst.lotStep)).toBeGreaterThanOrEqual(0.5);
    expect(rec.reduceBy).toBeCloseTo(0.5 - rec.quantity, 12);
    tick(e, 'BTCUSDT', 65000, T0 + 4000);
    e.advance(T0 + 4000);
    expect(e.events('a').filter((x) => x.type === 'alert-cleared').map((x) => 'code' in x && x.code)).toContain('MARGIN_RATIO');
  });
});
