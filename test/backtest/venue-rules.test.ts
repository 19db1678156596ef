/**
 * The backtest's liquidation price (`backtest/margin.ts` on the rule of `backtest/venue-rule.ts`)
 * against the venue modules' own (`venues/*.ts`, an independent code path: validated inputs,
 * per-venue solvers) for the same position, on every bundled venue and instrument.
 *
 * The bar loop holds a position marked at the last close P0 with the balance K there; the venue
 * module is given the same position with entry E, mark P0 and the collateral C whose balance at
 * P0 is K: C = K − PnL(E → P0). For mark-valued venues E does not matter; for Bybit (MM on the
 * value at entry) it does, and the loop's average entry (in u = 1/P for inverse) is 1/E.
 */
import { describe, expect, it } from 'vitest';
import { liquidationPrice } from '../../src/backtest/margin.js';
import { venueRule } from '../../src/backtest/venue-rule.js';
import { getInstrument, getVenue, listInstruments } from '../../src/venues/registry.js';
import { VENUE_IDS } from '../../src/venues/types.js';
import type { MarginMode } from '../../src/venues/types.js';

interface State {
  /** Signed position: base units (linear) or USD of face value (inverse). */
  readonly size: number;
  readonly entry: number;
  readonly mark: number;
  /** Balance at the mark (the loop's K). */
  readonly balance: number;
}

/** The backtester's price (P) of a state. */
function backtestPrice(venue: string, symbol: string, s: State): number {
  const rule = venueRule(venue, symbol);
  if (!rule.inverse) return liquidationPrice(rule, s.size, s.mark, s.balance, s.entry);
  return 1 / liquidationPrice(rule, -s.size, 1 / s.mark, s.balance, 1 / s.entry);
}

/** The venue module's price of the same state (null: none). */
function venuePrice(venue: string, symbol: string, s: State, marginMode: MarginMode): number | null {
  const inst = getInstrument(venue, symbol);
  const pnl = inst.kind === 'inverse' ? s.size * (1 / s.entry - 1 / s.mark) : s.size * (s.mark - s.entry);
  const quantity = Math.abs(s.size) / inst.contractSize;
  return getVenue(venue).liquidation({
    instrument: inst,
    marginMode,
    collateral: s.balance - pnl,
    leverage: 1,
    position: { symbol: inst.symbol, side: s.size > 0 ? 'long' : 'short', quantity, entryPrice: s.entry, markPrice: s.mark },
  }).liquidationPrice;
}

/** States at 0.8×–40× of the balance, long and short, entries at and away from the mark. */
function states(inverse: boolean, mark: number): State[] {
  const out: State[] = [];
  for (const balance of [0.3, 2, 40]) {
    for (const lev of [0.8, 3, 10, 25, 40]) {
      for (const side of [1, -1]) {
        for (const entry of [mark, mark * 0.97, mark * 1.02]) {
          // value = lev × balance: coin notional (inverse) or quote notional (linear); the linear balance is in quote
          const k = inverse ? balance : balance * mark;
          const size = side * (inverse ? lev * k * mark : (lev * k) / mark);
          out.push({ size, entry, mark, balance: k });
        }
      }
    }
  }
  return out;
}

const NEW_VENUES = [
  ['binance-coinm', 'BTCUSD_PERP'],
  ['bybit-inverse', 'BTCUSD'],
  ['deribit', 'BTC-PERPETUAL'],
  ['deribit', 'BTC_USDC-PERPETUAL'],
  ['dydx', 'BTC-USD'],
  ['dydx', 'ETH-USD'],
] as const;

describe('backtest liquidation price = the venue module’s, every bundled venue', () => {
  it('builds a rule for every bundled instrument of every venue', () => {
    for (const id of VENUE_IDS) {
      for (const inst of listInstruments(id)) {
        const rule = venueRule(id, inst.symbol);
        expect(rule.inverse, `${id} ${inst.symbol}`).toBe(inst.kind === 'inverse');
      }
    }
  });

  for (const [venue, symbol] of NEW_VENUES) {
    it(`${venue} ${symbol}: equal to 1e-12 where the venue has one, none where it has none`, () => {
      const inst = getInstrument(venue, symbol);
      const model = getVenue(venue);
      const mode: MarginMode = model.marginModes.includes('isolated') ? 'isolated' : 'cross';
      let compared = 0;
      for (const s of states(inst.kind === 'inverse', 50_000)) {
        // Bybit values MM at entry; the other venues at the price: a state's entry only shifts its collateral
        const inTable = Math.abs(inst.kind === 'inverse' ? s.size / Math.min(s.entry, s.mark) : s.size * Math.max(s.entry, s.mark)) <= (inst.tiers[inst.tiers.length - 1]?.cap ?? 0);
        // above the top cap the venue module refuses (ABOVE_MAX_TIER); the backtest takes the top tier
        if (!inTable) continue;
        const pnl = inst.kind === 'inverse' ? s.size * (1 / s.entry - 1 / s.mark) : s.size * (s.mark - s.entry);
        // a collateral below 0 (the entry's loss exceeds the balance) is refused by the venue modules
        if (s.balance - pnl < 0) continue;
        const theirs = venuePrice(venue, symbol, s, mode);
        const ours = backtestPrice(venue, symbol, s);
        if (theirs === null) {
          expect(ours, JSON.stringify(s)).toBeNaN();
          continue;
        }
        expect(Math.abs(ours - theirs), `${JSON.stringify(s)}: ${ours} vs ${theirs}`).toBeLessThanOrEqual(1e-12 * theirs);
        compared++;
      }
      expect(compared).toBeGreaterThan(40);
    });
  }

  it('Binance COIN-M: a 300 BTC long solves on the level at the liquidation price (12.5 %, 11.605 BTC), not the entry’s', () => {
    // 300 BTC of coin value at 45,000: Q = 13,500,000 USD; balance 101 BTC. Level 7 (200–400 BTC) at LP:
    //   LP = |Q|·(r + 1) / (K + A + Q/P0) = 13.5e6·1.125 / (101 + 11.605 + 300) = 36,819.29…; value there 366.66 BTC ∈ (200, 400]
    const lp = backtestPrice('binance-coinm', 'BTCUSD', { size: 13_500_000, entry: 45_000, mark: 45_000, balance: 101 });
    expect(lp).toBeCloseTo((13_500_000 * 1.125) / (101 + 11.605 + 300), 6);
    expect(13_500_000 / lp).toBeGreaterThan(200);
    expect(13_500_000 / lp).toBeLessThanOrEqual(400);
  });
});
