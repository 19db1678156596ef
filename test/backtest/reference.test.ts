/**
 * The backtest against an independent reference: scripts/fixtures/backtest_reference.py (numpy),
 * written from the conventions, on two seeded synthetic data sets (one with a 35 % crash
 * bar) and the committed 2-hour BTC sample with Binance funding; every policy, costs, bands,
 * isolated margin and trend signals; the venue rules of dYdX and Deribit linear, and the inverse
 * contracts of Binance COIN-M, Bybit and Deribit (equity in coin; the reference simulates them
 * in the price, the backtest in 1/P). Within 1e-9 relative.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backtest, type PolicyResult } from '../../src/backtest/backtest.js';
import type { Bars } from '../../src/backtest/bars.js';
import { barsCsvReader, fundingCsvReader } from '../../src/backtest/bars-csv.js';
import type { FundingSeries } from '../../src/backtest/funding.js';
import { readFixture } from '../helpers/shared-data.js';

interface RawBars { time: number[]; open: number[]; high: number[]; low: number[]; close: number[] }
interface Case {
  name: string;
  data: 'calm' | 'crash' | 'btc-2h';
  withFunding: boolean;
  options: Record<string, unknown> & { signal?: string };
  result: Record<string, number | null> & { policy: string };
  hindsight: { leverage: number | null; logGrowth: number | null };
  barsPerYear: number;
}
interface Fixture {
  data: { calm: { bars: RawBars; funding: { time: number[]; rate: number[] } }; crash: { bars: RawBars; funding: { time: number[]; rate: number[] } }; 'btc-2h': { file: string; funding: string } };
  cases: Case[];
}

const fixture = readFixture<Fixture>('backtest/reference.json');

function fromRaw(b: RawBars): Bars {
  return { time: Float64Array.from(b.time), open: Float64Array.from(b.open), high: Float64Array.from(b.high), low: Float64Array.from(b.low), close: Float64Array.from(b.close), signal: null };
}

function csvBars(file: string): Bars {
  const r = barsCsvReader();
  r.push(readFileSync(file));
  return r.end();
}
function csvFunding(file: string): FundingSeries {
  const r = fundingCsvReader();
  r.push(readFileSync(file));
  return r.end();
}

const DATA: Record<Case['data'], { bars: Bars; funding: FundingSeries }> = {
  calm: { bars: fromRaw(fixture.data.calm.bars), funding: { time: Float64Array.from(fixture.data.calm.funding.time), rate: Float64Array.from(fixture.data.calm.funding.rate) } },
  crash: { bars: fromRaw(fixture.data.crash.bars), funding: { time: Float64Array.from(fixture.data.crash.funding.time), rate: Float64Array.from(fixture.data.crash.funding.rate) } },
  'btc-2h': { bars: csvBars(fixture.data['btc-2h'].file), funding: csvFunding(fixture.data['btc-2h'].funding) },
};

const close = (a: number | null, b: number | null, what: string): void => {
  if (b === null || a === null) {
    expect(a, what).toBe(b);
    return;
  }
  expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(b), 1e-6));
};

describe('backtest vs the numpy reference (1e-9 relative)', () => {
  it('covers liquidations, stop-outs, funding and every reference policy', () => {
    const kinds = new Set(fixture.cases.map((c) => c.result.policy.split(':')[0]));
    expect([...kinds].sort()).toEqual(['fixed-leverage', 'fixed-risk', 'kelly', 'universal', 'vol-target']);
    expect(fixture.cases.some((c) => (c.result.liquidations as number) > 0)).toBe(true);
    expect(fixture.cases.some((c) => (c.result.stopOuts as number) > 0)).toBe(true);
    expect(fixture.cases.some((c) => (c.result.funding as number) !== 0)).toBe(true);
    const venues = new Set(fixture.cases.map((c) => `${String(c.options.venue)} ${String(c.options.symbol)}`));
    for (const v of ['dydx BTC-USD', 'deribit BTC_USDC-PERPETUAL', 'binance-coinm BTCUSD_PERP', 'bybit-inverse BTCUSD', 'deribit BTC-PERPETUAL']) expect(venues.has(v), v).toBe(true);
    const inverse = fixture.cases.filter((c) => ['binance-coinm', 'bybit-inverse'].includes(String(c.options.venue)) || c.options.symbol === 'BTC-PERPETUAL');
    expect(inverse.some((c) => (c.result.liquidations as number) > 0 && (c.result.finalEquity as number) > 0)).toBe(true);
    expect(inverse.some((c) => (c.result.stopOuts as number) > 0)).toBe(true);
  });

  for (const c of fixture.cases) {
    it(c.name, () => {
      const d = DATA[c.data];
      const { signal, ...options } = c.options;
      const bars = signal === undefined ? d.bars : { ...d.bars, signal: trendFrom(d.bars, signal) };
      const r = backtest({ bars, funding: c.withFunding ? d.funding : null }, { ...options, policies: [c.result.policy] });
      const row = r.policies[0] as PolicyResult;
      for (const key of ['finalEquity', 'cagr', 'logGrowth', 'maxDrawdown', 'sharpe', 'sortino', 'calmar', 'fees', 'funding', 'turnover'] as const) close(row[key], c.result[key] ?? null, key);
      expect(row.liquidations).toBe(c.result.liquidations);
      expect(row.stopOuts).toBe(c.result.stopOuts);
      close(r.barsPerYear, c.barsPerYear, 'barsPerYear');
      close(r.hindsight.leverage, c.hindsight.leverage, 'hindsight.leverage');
      close(r.hindsight.logGrowth, c.hindsight.logGrowth, 'hindsight.logGrowth');
    });
  }
});

import { parseSignal, trendSignal } from '../../src/backtest/policies/signal.js';
function trendFrom(bars: Bars, spec: string): Float64Array {
  const { fast, slow } = parseSignal(spec);
  return trendSignal(bars.close, fast, slow);
}
