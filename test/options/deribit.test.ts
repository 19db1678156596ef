/**
 * Real Deribit option data (../shared/data/iv, skipped visibly when absent):
 *
 * 1. Chain snapshots of 2024-05-24 (BTC, ETH: mark_iv in %, mark_price in coin, index price):
 *    the inverse (coin) Black-76 price at mark_iv reproduces mark_price. The files carry no forward
 *    and no snapshot time, so both are inferred from the data: per expiry, the forward from put–call
 *    parity of the call/put pair nearest the money (C − P = 1 − K/F in coin at r = 0, Deribit's
 *    rate), expiries without such a pair are skipped; the snapshot time is the minute that minimises
 *    the median pricing error, and BTC and ETH must agree on it. Tolerance per row: half the
 *    0.0001-coin price tick + vega × 0.005 vol points (mark_iv printed to 0.01 %) + |Δ| × the
 *    forward's error from the pair's rounding (F²/K × 1e-4) + |θ| × 3 minutes; ≥ 95 % of the rows
 *    must be within it (the rest are marks that lag the surface), the median error ≤ half a tick.
 * 2. Book summary of 2024-01-08 (ETH marks in coin with each expiry's forward and exact timestamp):
 *    every mark inverts to an implied vol (or lies outside the no-arbitrage bounds, flagged), the
 *    inversion reprices the mark, call/put pairs satisfy parity within 1e-4 coin (marks printed to
 *    5–6 decimals, the forward to 0.01 USD, observed max 8.3e-5) and their implied vols differ by no
 *    more than that price difference over vega (mean value theorem).
 */
import { expect, it } from 'vitest';
import { optionGreeks, optionPrice, type Greeks } from '../../src/options/kernel.js';
import { impliedVolKernel } from '../../src/options/implied-vol-kernel.js';
import { INVERSE } from '../../src/options/black-core.js';
import { describeWithSharedData, readSharedData } from '../helpers/shared-data.js';

const YEAR_MS = 365 * 86400e3;
const csv = (file: string): Record<string, string>[] => {
  const [head, ...lines] = readSharedData(file).trim().split('\n');
  const keys = (head as string).split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v])));
};
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[a.length >> 1] as number;

interface Quote { isCall: boolean; strike: number; expiry: string; mark: number; iv: number }
interface Expiry { expiry: string; forward: number; forwardError: number; quotes: Quote[] }

/** Quotes grouped by expiry with the forward from the nearest-the-money call/put pair. */
function expiriesOf(rows: Record<string, string>[]): Expiry[] {
  const groups = new Map<string, Quote[]>();
  for (const r of rows) {
    const q = { isCall: r.option_type === 'call', strike: Number(r.strike), expiry: r.expiry as string, mark: Number(r.mark_price), iv: Number(r.mark_iv) / 100 };
    groups.set(q.expiry, [...(groups.get(q.expiry) ?? []), q]);
  }
  const out: Expiry[] = [];
  for (const [expiry, quotes] of groups) {
    let best: { k: number; diff: number } | undefined;
    for (const c of quotes.filter((q) => q.isCall)) {
      const p = quotes.find((q) => !q.isCall && q.strike === c.strike);
      if (p !== undefined && (best === undefined || Math.abs(c.mark - p.mark) < Math.abs(best.diff))) best = { k: c.strike, diff: c.mark - p.mark };
    }
    if (best === undefined) continue;
    const forward = best.k / (1 - best.diff);
    out.push({ expiry, forward, forwardError: ((forward * forward) / best.k) * 1e-4, quotes });
  }
  return out;
}

const residuals = (exps: Expiry[], snapshot: number): number[] =>
  exps.flatMap((e) => e.quotes.map((q) => Math.abs(optionPrice('inverse', q.isCall, e.forward, q.strike, (Date.parse(e.expiry) - snapshot) / YEAR_MS, q.iv, 0, 0) - q.mark)));

function fitSnapshot(exps: Expiry[]): number {
  let best = { t: 0, err: Infinity };
  for (let t = Date.parse('2024-05-24T08:00:00Z'); t <= Date.parse('2024-05-25T02:00:00Z'); t += 60e3) {
    const err = median(residuals(exps, t));
    if (err < best.err) best = { t, err };
  }
  return best.t;
}

const CHAINS = ['iv/deribit-options-btc-20240524.csv', 'iv/deribit-options-eth-20240524.csv'];
describeWithSharedData('Deribit mark prices from mark_iv (inverse Black-76, 2024-05-24)', CHAINS, () => {
  const chains = CHAINS.map((f) => expiriesOf(csv(f)));
  const snapshots = chains.map(fitSnapshot);

  it('BTC and ETH imply the same snapshot time (within 15 minutes)', () => {
    expect(Math.abs((snapshots[0] as number) - (snapshots[1] as number))).toBeLessThanOrEqual(15 * 60e3);
  });

  it.each([0, 1])('chain %i: median error ≤ half a tick, ≥ 95 % of rows within the rounding budget', (c) => {
    const exps = chains[c] as Expiry[];
    const snapshot = snapshots[c] as number;
    expect(median(residuals(exps, snapshot))).toBeLessThanOrEqual(5e-5);
    let n = 0;
    let within = 0;
    for (const e of exps) {
      const t = (Date.parse(e.expiry) - snapshot) / YEAR_MS;
      for (const q of e.quotes) {
        const g = optionGreeks('inverse', q.isCall, e.forward, q.strike, t, q.iv, 0, 0);
        const budget = 5e-5 + g.vega * 5e-5 + Math.abs(g.delta) * e.forwardError + Math.abs(g.theta) * (180e3 / YEAR_MS);
        n++;
        if (Math.abs(g.price - q.mark) <= budget) within++;
      }
    }
    expect(n).toBeGreaterThan(450);
    expect(within / n).toBeGreaterThanOrEqual(0.95);
  });
});

const BOOK = 'iv/deribit-options-eth-booksummary-20240108.csv';
describeWithSharedData('Deribit ETH book summary (2024-01-08): implied vols and parity on real marks', [BOOK], () => {
  const rows = csv(BOOK).map((r) => {
    const t = (Date.parse(r.expiry as string) - Date.parse(r.timestamp as string)) / YEAR_MS;
    const q = { isCall: r.option_type === 'call', strike: Number(r.strike), expiry: r.expiry as string, f: Number(r.underlying_price), mark: Number(r.mark_price), rate: Number(r.interest_rate), t };
    return { ...q, iv: impliedVolKernel(INVERSE, q.isCall, q.mark, q.f, q.strike, t, q.rate, 0) };
  });

  it('every mark has an implied vol that reprices it, unless it lies outside the no-arbitrage bounds', () => {
    expect(rows.length).toBe(684);
    for (const r of rows) {
      const intrinsic = Math.max(r.isCall ? 1 - r.strike / r.f : r.strike / r.f - 1, 0);
      const cap = r.isCall ? 1 : r.strike / r.f;
      if (Number.isNaN(r.iv)) {
        expect(r.mark < intrinsic || r.mark >= cap, JSON.stringify(r)).toBe(true);
        continue;
      }
      if (r.iv === 0) expect(r.mark).toBeLessThanOrEqual(intrinsic + 1e-12);
      else expect(r.iv > 0.05 && r.iv < 5, JSON.stringify(r)).toBe(true);
      const again = optionPrice('inverse', r.isCall, r.f, r.strike, r.t, r.iv, r.rate, 0);
      expect(Math.abs(again - r.mark)).toBeLessThanOrEqual(1e-12 * r.mark + 1e-15);
    }
    expect(rows.filter((r) => Number.isNaN(r.iv)).length).toBeLessThanOrEqual(2);
  });

  it('put–call parity C − P = 1 − K/F within 1e-4 coin, and the pair\'s implied vols agree to that difference over vega', () => {
    const puts = new Map(rows.filter((r) => !r.isCall).map((r) => [`${r.expiry}|${r.strike}`, r]));
    const gaps: number[] = [];
    for (const c of rows.filter((r) => r.isCall)) {
      const p = puts.get(`${c.expiry}|${c.strike}`);
      if (p === undefined) continue;
      const gap = Math.abs(c.mark - p.mark - (1 - c.strike / c.f));
      gaps.push(gap);
      expect(gap).toBeLessThanOrEqual(1e-4);
      // (20 pairs were stamped with forwards 0.01 apart; the identity below needs one forward.)
      if (Number.isNaN(c.iv) || Number.isNaN(p.iv) || c.f !== p.f) continue;
      // C(σc) − C(σp) = the parity gap (up to θ × the milliseconds between the two stamps), so
      // |σc − σp|·vega(ξ) = that for some ξ between them; vega is unimodal in σ, so the smaller
      // endpoint vega bounds vega(ξ) from below.
      const [gc, gp] = [c.iv, p.iv].map((v) => optionGreeks('inverse', true, c.f, c.strike, c.t, v, 0, 0)) as [Greeks, Greeks];
      const stamps = Math.max(Math.abs(gc.theta), Math.abs(gp.theta)) * Math.abs(c.t - p.t);
      expect(Math.abs(c.iv - p.iv) * Math.min(gc.vega, gp.vega)).toBeLessThanOrEqual(gap * (1 + 1e-9) + 1.01 * stamps + 1e-12);
    }
    expect(gaps.length).toBe(342);
    expect(median(gaps)).toBeLessThanOrEqual(2e-5);
  });
});
