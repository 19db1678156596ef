import { describe, expect, it } from 'vitest';
import { optionContractGreeks } from '../../src/engine/option-greeks.js';
import { black76 } from '../../src/options/price.js';
import { optionPrice } from '../../src/options/kernel.js';
import { RiskEngine } from '../../src/engine/engine.js';
import { hedgeRecommendation } from '../../src/hedging/hedge-now.js';
import { parsePortfolio } from '../../src/portfolio/schema.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 12);
const call = (settlement: 'linear' | 'inverse', extra = {}) => ({ underlying: 'BTCUSDT', type: 'call' as const, strike: 65000, expiry: T0 + 30 * DAY, settlement, ...extra });

/**
 * Account `a` short 10 calls (strike 65,000, 30 days) marked at their Black-76 price for σ = 0.55,
 * so that the engine implies 0.55 back from the mark, and long 2 of the underlying at 64,000.
 */
function shortCallLongPerp(e: RiskEngine, underlying: object, option: object = {}): void {
  const tick = (m: string, p: number) => e.submitPrices(['a', 'b', 'c'].map((source) => ({ market: m, source, price: p, time: T0 })), T0);
  e.putMarket('BTCUSDT', underlying, T0);
  e.putMarket('BTC-C65000', { option: { underlying: 'BTCUSDT', type: 'call', strike: 65000, expiry: new Date(T0 + 30 * DAY).toISOString() }, contractSize: 1, ...option }, T0);
  tick('BTCUSDT', 64000);
  const premium = optionPrice('black76', true, 64000, 65000, 30 / 365, 0.55, 0, 0);
  tick('BTC-C65000', premium);
  e.putAccount('a', { equity: 100000, currency: 'USDT', limits: { maxLeverage: 20 } }, T0);
  e.recordFill('a', { market: 'BTC-C65000', side: 'sell', quantity: 10, price: premium }, T0);
  e.recordFill('a', { market: 'BTCUSDT', side: 'buy', quantity: 2, price: 64000 }, T0);
}

describe('option Greeks in the engine', () => {
  it('USD-settled: the validated Black-76 Greeks (options/price.ts, checked against QuantLib there) at rate 0', () => {
    const g = optionContractGreeks(call('linear'), 64000, NaN, T0, 0.6);
    const ref = black76({ type: 'call', forward: 64000, strike: 65000, expiry: 30 / 365, vol: 0.6, rate: 0 });
    expect(g.delta).toBeCloseTo(ref.delta, 14);
    expect(g.gamma).toBeCloseTo(ref.gamma, 16);
    expect(g.vega / ref.vega - 1).toBeLessThan(1e-12);
    expect(g.theta / ref.theta - 1).toBeLessThan(1e-12);
    expect(g.volatilitySource).toBe('underlying');
  });

  it('coin-settled: delta in coin is F·∂V/∂F and gamma its derivative (central differences of the priced value)', () => {
    const F = 64000;
    const h = 1;
    const v = (f: number) => optionPrice('inverse', true, f, 65000, 30 / 365, 0.6, 0, 0);
    const coinDelta = (f: number) => (f * (v(f + h) - v(f - h))) / (2 * h);
    const g = optionContractGreeks(call('inverse'), F, NaN, T0, 0.6);
    expect(g.delta).toBeCloseTo(coinDelta(F), 7);
    expect(g.gamma).toBeCloseTo((coinDelta(F + 10) - coinDelta(F - 10)) / 20, 8);
  });

  it('σ: implied from the option mark when it has one, else the given volatility, else the underlying σ', () => {
    const premium = optionPrice('black76', true, 64000, 65000, 30 / 365, 0.55, 0, 0);
    const implied = optionContractGreeks(call('linear', { volatility: 0.9 }), 64000, premium, T0, 0.6);
    expect(implied.volatilitySource).toBe('implied');
    expect(implied.volatility).toBeCloseTo(0.55, 10);
    expect(optionContractGreeks(call('linear', { volatility: 0.9 }), 64000, NaN, T0, 0.6)).toMatchObject({ volatility: 0.9, volatilitySource: 'given' });
  });

  it('an account with options shows each position\'s Greeks and, per underlying, the net delta with the perp and the hedge on the lot grid; after the hedge fill the delta is within a lot', () => {
    const e = new RiskEngine();
    shortCallLongPerp(e, { venue: 'binance-usdm', symbol: 'BTCUSDT' }, { lotStep: 0.1 });
    const v = e.getAccount('a');
    const opt = v.positions.find((p) => p.market === 'BTC-C65000')!;
    const ref = black76({ type: 'call', forward: 64000, strike: 65000, expiry: 30 / 365, vol: 0.55, rate: 0 });
    expect(opt.greeks).toMatchObject({ underlying: 'BTCUSDT', volatilitySource: 'implied' });
    expect(opt.greeks!.delta).toBeCloseTo(-10 * ref.delta, 8);
    expect(v.positions.find((p) => p.market === 'BTCUSDT')!.greeks).toBeNull();
    const [u] = v.greeks;
    expect(u).toMatchObject({ underlying: 'BTCUSDT' });
    expect(u!.delta).toBeCloseTo(2 - 10 * ref.delta, 8);
    const lot = 0.001;
    expect(u!.hedge!.market).toBe('BTCUSDT');
    expect(Math.abs(u!.hedge!.quantity + u!.delta)).toBeLessThan(lot);
    expect(Math.abs(u!.hedge!.quantity)).toBeLessThanOrEqual(Math.abs(u!.delta));
    const q = u!.hedge!.quantity;
    e.recordFill('a', { market: 'BTCUSDT', side: q > 0 ? 'buy' : 'sell', quantity: Math.abs(q), price: 64000 }, T0 + 1);
    const after = e.getAccount('a').greeks[0]!;
    expect(Math.abs(after.delta)).toBeLessThan(lot);
    expect(after.hedge!.quantity).toBe(0);
    expect(e.getAccount('a').marginRatio).toBeNull(); // an option position has no venue margin model here
  });

  // The engine's band against `tradesize hedge` (hedgeRecommendation over the same book as a portfolio: an independent path through src/portfolio).
  it.each([
    { policy: 'band' as const, band: 0.5 },
    { policy: 'band' as const, band: 5 }, // the delta of about −2.9 inside: no trade
    { policy: 'whalley-wilmott' as const, band: 0 },
    { policy: 'zakamouline' as const, band: 0 },
  ])('the hedge band of $policy equals hedgeRecommendation on the same book; rebalance and the trade to the band agree', ({ policy, band }) => {
    const hedge = { policy, band, costRate: 0.001, riskAversion: 0.01 };
    const e = new RiskEngine({ hedge });
    shortCallLongPerp(e, { kind: 'linear', contractSize: 1 });
    const u = e.getAccount('a').greeks[0]!;
    const book = parsePortfolio({
      asOf: new Date(T0).toISOString(),
      account: { collateral: { USD: 100000 } },
      underlyings: { BTC: { spot: 64000 } },
      positions: [
        { kind: 'option', underlying: 'BTC', type: 'call', strike: 65000, expiry: new Date(T0 + 30 * DAY).toISOString(), quantity: -10, model: 'black76', vol: 0.55 },
        { kind: 'perpetual', underlying: 'BTC', quantity: 2, entryPrice: 64000 },
      ],
    });
    const spec = policy === 'band' ? { kind: 'band' as const, band } : { kind: policy, costRate: hedge.costRate, riskAversion: hedge.riskAversion };
    const ref = hedgeRecommendation(book, 'BTC', undefined, spec);
    expect(u.delta).toBeCloseTo(ref.deltaNow, 10);
    expect(u.gamma).toBeCloseTo(ref.gamma, 14);
    expect(u.hedge!.band.lower).toBeCloseTo(ref.band.lower, 9);
    expect(u.hedge!.band.upper).toBeCloseTo(ref.band.upper, 9);
    expect(u.hedge!.band.upper).toBeGreaterThan(u.hedge!.band.lower);
    expect(u.hedge!.rebalance).toBe(ref.rebalance);
    expect(u.hedge!.tradeQuantity).toBeCloseTo(ref.tradeQuantity, 9);
    expect(u.hedge).toMatchObject({ policy, quantity: expect.closeTo(ref.hedgeQuantity, 9) });
    if (band === 5) expect(u.hedge).toMatchObject({ rebalance: false, tradeQuantity: 0 });
  });
});

