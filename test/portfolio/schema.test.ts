import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePortfolio } from '../../src/portfolio/schema.js';
import { TradesizeError } from '../../src/core/errors.js';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')) as Record<string, unknown> & { positions: Record<string, unknown>[] };

const error = (input: unknown) => {
  try {
    parsePortfolio(input);
  } catch (e) {
    if (e instanceof TradesizeError) return [e.code, e.path];
    throw e;
  }
  return null;
};

describe('portfolio schema', () => {
  it('accepts every committed example and applies the defaults (USD, portfolio margin 0.8, black76, contract size 1)', () => {
    for (const name of ['portfolio-btc.json', 'portfolio-multi.json', 'portfolio-standard.json']) expect(() => parsePortfolio(load(name))).not.toThrow();
    const p = parsePortfolio({ asOf: '2026-12-01T00:00:00Z', account: { collateral: { USD: 1 } }, underlyings: { BTC: { spot: 1, vol: 0.5 } }, positions: [{ kind: 'option', underlying: 'BTC', type: 'call', strike: 1, expiry: '2027-01-01T00:00:00Z', quantity: 1 }] });
    expect(p.account).toEqual({ currency: 'USD', collateral: { USD: 1 }, margin: { style: 'portfolio', mmFactor: 0.8 } });
    expect(p.positions[0]).toMatchObject({ model: 'black76', contractSize: 1 });
  });

  it('names the offending field', () => {
    const btc = load('portfolio-btc.json');
    const withPosition = (i: number, patch: Record<string, unknown>) => ({ ...btc, positions: btc.positions.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
    expect(error(withPosition(2, { strike: -5 }))).toEqual(['INVALID_INPUT', ['positions', 2, 'strike']]);
    expect(error(withPosition(0, { quantity: 0 }))).toEqual(['INVALID_INPUT', ['positions', 0, 'quantity']]);
    expect(error(withPosition(1, { expiry: '2026-11-01T00:00:00Z' }))).toEqual(['INVALID_INPUT', ['positions', 1, 'expiry']]);
    expect(error(withPosition(1, { expiry: 'next friday' }))).toEqual(['INVALID_INPUT', ['positions', 1, 'expiry']]);
    expect(error(withPosition(3, { underlying: 'DOGE' }))).toEqual(['INVALID_INPUT', ['positions', 3, 'underlying']]);
    expect(error(withPosition(3, { colour: 'red' }))).toEqual(['INVALID_INPUT', ['positions', 3]]);
    expect(error(withPosition(0, { imRate: 0.1 }))).toEqual(['CONFLICTING_OPTIONS', ['positions', 0, 'imRate']]);
    expect(error({ ...btc, account: { collateral: { EUR: 5 } } })).toEqual(['INVALID_INPUT', ['account', 'collateral', 'EUR']]);
    expect(error({ ...btc, account: { collateral: {}, margin: { style: 'standard', imRate: 0.01, mmRate: 0.02 } } })).toEqual(['INVALID_INPUT', ['account', 'margin', 'mmRate']]);
    expect(error({ ...btc, correlations: { 'BTC/BTC': 0.5 } })).toEqual(['INVALID_INPUT', ['correlations', 'BTC/BTC']]);
    const noVol = { ...btc, underlyings: { BTC: { spot: 65_000 } }, positions: [{ kind: 'option', underlying: 'BTC', type: 'put', strike: 60_000, expiry: '2027-01-01T00:00:00Z', quantity: 1 }] };
    expect(error(noVol)).toEqual(['INVALID_INPUT', ['positions', 0, 'vol']]);
  });
});
