/** fast-check arbitraries: small portfolios over BTC and ETH with perpetuals, futures and options. */
import fc from 'fast-check';

export const SPOTS = { BTC: 65_000, ETH: 3_500 } as const;
const EXPIRIES = ['2026-12-04T08:00:00Z', '2026-12-25T08:00:00Z', '2027-03-26T08:00:00Z'];

const underlying = fc.constantFrom('BTC' as const, 'ETH' as const);
const signedSize = fc.double({ min: -3, max: 3, noNaN: true }).filter((x) => Math.abs(x) > 0.01);

export const linearPosition = fc.oneof(
  fc.record({ kind: fc.constant('perpetual' as const), underlying, q: signedSize, entry: fc.double({ min: 0.8, max: 1.2, noNaN: true }), inverse: fc.boolean() }).map((p) => ({
    kind: p.kind, underlying: p.underlying, settlement: p.inverse ? ('inverse' as const) : ('linear' as const),
    quantity: p.inverse ? p.q * SPOTS[p.underlying] : (p.q * 65_000) / SPOTS[p.underlying], entryPrice: p.entry * SPOTS[p.underlying],
  })),
  fc.record({ underlying, q: signedSize, entry: fc.double({ min: 0.8, max: 1.2, noNaN: true }), expiry: fc.constantFrom(...EXPIRIES) }).map((p) => ({
    kind: 'future' as const, underlying: p.underlying, quantity: (p.q * 65_000) / SPOTS[p.underlying], entryPrice: p.entry * SPOTS[p.underlying], expiry: p.expiry,
  })),
);

export const optionPosition = fc
  .record({
    underlying, q: signedSize, call: fc.boolean(), moneyness: fc.double({ min: 0.7, max: 1.3, noNaN: true }), expiry: fc.constantFrom(...EXPIRIES),
    model: fc.constantFrom('black76' as const, 'black-scholes' as const, 'inverse' as const), vol: fc.double({ min: 0.3, max: 1.2, noNaN: true }),
  })
  .map((p) => ({
    kind: 'option' as const, underlying: p.underlying, quantity: (p.q * 65_000) / SPOTS[p.underlying], type: p.call ? ('call' as const) : ('put' as const),
    strike: p.moneyness * SPOTS[p.underlying], expiry: p.expiry, model: p.model, vol: p.vol,
  }));


export function portfolioOf(positions: readonly object[], usd: number, margin: object = { style: 'portfolio', mmFactor: 0.8 }, btc = 0) {
  return {
    asOf: '2026-12-01T08:00:00Z',
    account: { collateral: { USD: usd, BTC: btc }, margin },
    underlyings: { BTC: { spot: SPOTS.BTC, vol: 0.55 }, ETH: { spot: SPOTS.ETH, vol: 0.7 } },
    positions,
  };
}

export const anyPosition = fc.oneof(linearPosition, optionPosition);
export const collateral = fc.double({ min: 1_000, max: 500_000, noNaN: true });
export const margin = fc.oneof(
  fc.constant({ style: 'portfolio', mmFactor: 0.8 }),
  fc.record({ style: fc.constant('standard'), imRate: fc.constant(0.1), mmRate: fc.double({ min: 0.005, max: 0.1, noNaN: true }) }),
);
