/**
 * One account in the engine: its limits, cash, positions learnt from fills, high-water mark and
 * start-of-day equity, and the protection conditions it carries (kill switch, daily loss,
 * drawdown, cooldown). Equity is marked conservatively: cash + Σ unrealised PnL with each long
 * marked at its market's lowest valid price and each short at the highest (the worse side for
 * the account), at the last valid marks when a market has none now.
 *
 * Protections (issue #10 §4), each recorded as a condition with its cause:
 * - daily loss: equity ≤ (1 − maxDailyLoss) × equity at the start of the UTC day → REDUCING
 *   until the next UTC day;
 * - drawdown: equity ≤ (1 − maxDrawdown) × high-water mark → REDUCING until the account is put
 *   again (PUT resets the high-water mark);
 * - cooldown: a fill that reduces a position at a realised loss is a stop-out → REDUCING for
 *   stopOutCooldownSeconds;
 * - kill switch → HALTED, until released or for pauseSeconds.
 */
import type { ContractTerms } from '../core/contract.js';
import { utcDayStart, type Condition, type StateSummary } from './account-state.js';
import type { DenialCode } from './denial-codes.js';
import { FLAT, applyFill, unrealised, type PositionState } from './position.js';
import type { AccountSpec } from './schemas.js';

/** What a mark for valuation is: the worse valid price on each side. */
export interface Marks {
  readonly low: number;
  readonly high: number;
}

/** An account's state, as a snapshot restores it (./account-columns.ts). */
export interface AccountState {
  readonly id: string;
  readonly spec: AccountSpec;
  readonly cash: number;
  readonly positions: ReadonlyMap<string, PositionState>;
  readonly highWater: number;
  readonly dayStart: number;
  readonly dayStartEquity: number;
  readonly conditions: ReadonlyMap<DenialCode, Condition>;
  readonly alerts: ReadonlySet<'MARGIN_RATIO' | 'LIQUIDATION_PROBABILITY' | 'LIQUIDATION'>;
  readonly last: StateSummary;
  readonly slot: number;
  readonly version: number;
}

export class Account {
  readonly id: string;
  spec: AccountSpec;
  /** Equity at the last PUT plus realised PnL, less fees. */
  cash: number;
  readonly positions = new Map<string, PositionState>();
  highWater: number;
  dayStart: number;
  dayStartEquity: number;
  /** Protection conditions, by cause (feed conditions are derived from the markets, not kept). */
  readonly conditions = new Map<DenialCode, Condition>();
  /** Alerts in force (to emit crossings only). */
  readonly alerts = new Set<'MARGIN_RATIO' | 'LIQUIDATION_PROBABILITY' | 'LIQUIDATION'>();
  /** Its place in the engine's crossing indexes, and the version of its entries there (./crossings.ts). */
  readonly slot: number;
  version = 0;
  /** The state last recorded (to emit changes only). */
  last: StateSummary = { state: 'ACTIVE', cause: null, conditions: [] };

  constructor(id: string, spec: AccountSpec, now: number, slot: number) {
    this.id = id;
    this.slot = slot;
    this.spec = spec;
    this.cash = spec.equity;
    this.highWater = spec.equity;
    this.dayStart = utcDayStart(now);
    this.dayStartEquity = spec.equity;
  }

  /** An account as `state` left it. */
  static fromState(s: AccountState): Account {
    const a = new Account(s.id, s.spec, 0, s.slot);
    a.cash = s.cash;
    a.highWater = s.highWater;
    a.dayStart = s.dayStart;
    a.dayStartEquity = s.dayStartEquity;
    a.last = s.last;
    a.version = s.version;
    for (const [k, v] of s.positions) a.positions.set(k, v);
    for (const [k, v] of s.conditions) a.conditions.set(k, v);
    for (const k of s.alerts) a.alerts.add(k);
    return a;
  }

  /** A new spec: equity, limits and the high-water mark start again; positions are kept. */
  reset(spec: AccountSpec, equity: number, now: number): void {
    this.spec = spec;
    this.cash = spec.equity - (equity - this.cash); // so that equity() = spec.equity at the current marks
    this.highWater = spec.equity;
    this.dayStart = utcDayStart(now);
    this.dayStartEquity = spec.equity;
    this.conditions.delete('DRAWDOWN_LIMIT');
    this.conditions.delete('DAILY_LOSS_LIMIT');
  }

  position(market: string): PositionState {
    return this.positions.get(market) ?? FLAT;
  }

  /** Applies a fill; returns the realised PnL and whether it was a stop-out (a reduction at a loss). */
  fill(market: string, terms: ContractTerms, signedQty: number, price: number, fee: number): { realised: number; stopOut: boolean } {
    const effect = applyFill(terms, this.position(market), signedQty, price);
    if (effect.position.quantity === 0) this.positions.delete(market);
    else this.positions.set(market, effect.position);
    this.cash += effect.realised - fee;
    return { realised: effect.realised, stopOut: effect.closed > 0 && effect.realised < 0 };
  }

  /** Conservative equity at `marks` (per market), with each position's terms. */
  equity(terms: (market: string) => ContractTerms, marks: (market: string) => Marks | null): number {
    let e = this.cash;
    for (const [market, pos] of this.positions) {
      const m = marks(market);
      if (m === null) continue;
      e += unrealised(terms(market), pos, pos.quantity > 0 ? m.low : m.high);
    }
    return e;
  }

  /** Updates the high-water mark and day start, and sets the equity protections. */
  protect(equity: number, now: number): void {
    const day = utcDayStart(now);
    if (day !== this.dayStart) {
      this.dayStart = day;
      this.dayStartEquity = equity;
    }
    if (equity > this.highWater) this.highWater = equity;
    const l = this.spec.limits;
    if (!this.conditions.has('DAILY_LOSS_LIMIT') && equity <= (1 - l.maxDailyLoss) * this.dayStartEquity) {
      this.conditions.set('DAILY_LOSS_LIMIT', { state: 'REDUCING', cause: 'DAILY_LOSS_LIMIT', until: day + 86_400_000, since: now });
    }
    if (!this.conditions.has('DRAWDOWN_LIMIT') && equity <= (1 - l.maxDrawdown) * this.highWater) {
      this.conditions.set('DRAWDOWN_LIMIT', { state: 'REDUCING', cause: 'DRAWDOWN_LIMIT', until: null, since: now });
    }
  }

  /** Drops conditions whose time has come. */
  expire(now: number): void {
    for (const [cause, c] of this.conditions) if (c.until !== null && now >= c.until) this.conditions.delete(cause);
  }
}
