/**
 * The risk engine's core: accounts, markets with their price sources, and every state change
 * with its cause, driven by commands that each carry their engine time. It does no I/O and reads
 * no clock: the same commands in the same order give the same state (and `stateHash`), which is
 * what lets a service persist the command log before it answers and rebuild the engine from it
 * after a crash.
 *
 * A tick revalues only the accounts exposed to its market (`exposed`); time-based changes (a
 * stale feed, a kill switch that resumes, a cooldown that ends, the grace period after feeds
 * recover) are picked up by `advance(now)`, which a service calls on a timer.
 */
import { createHash } from 'node:crypto';
import type { ContractTerms } from '../core/contract.js';
import { TradesizeError } from '../core/errors.js';
import { parseInput } from '../core/validate.js';
import { Account, type Marks } from './account.js';
import { summarise, type Condition, type StateSummary, type TradingState } from './account-state.js';
import { engineConfig, type EngineConfig } from './config.js';
import type { DenialCode } from './denial-codes.js';
import { MarketPrices, type MarketPriceView, type TickRefusal } from './market-prices.js';
import { checkOrder, type OrderDecision } from './order-check.js';
import { accountMargin, resolveMarket, type VenueMarket } from './margin.js';
import { currentVolatility, newVolatility, sampleVolatility, type VolatilityState } from './volatility.js';
import { barrierHitProbability } from '../risk/first-passage/index.js';
import { engineSchemas, type AccountSpecInput, type FillInput, type KillSwitchInput, type MarketSpec, type OrderInput, type TickInput } from './schemas.js';

/** Something that happened, in order; `seq` increases by one per event. */
export type EngineEvent =
  | { readonly seq: number; readonly time: number; readonly type: 'state'; readonly account: string; readonly state: TradingState; readonly cause: DenialCode | null; readonly previous: TradingState }
  | { readonly seq: number; readonly time: number; readonly type: 'decision'; readonly account: string; readonly order: OrderInput; readonly decision: 'allow' | 'deny'; readonly maxQuantity: number; readonly reasons: readonly DenialCode[] }
  | { readonly seq: number; readonly time: number; readonly type: 'fill'; readonly account: string; readonly market: string; readonly side: 'buy' | 'sell'; readonly quantity: number; readonly price: number; readonly fee: number; readonly realised: number }
  | { readonly seq: number; readonly time: number; readonly type: 'account'; readonly account: string; readonly equity: number }
  | { readonly seq: number; readonly time: number; readonly type: 'market'; readonly market: string; readonly status: MarketPriceView['effective'] }
  | { readonly seq: number; readonly time: number; readonly type: 'alert'; readonly account: string; readonly code: AlertCode; readonly value: number; readonly threshold: number; readonly recommendation: Recommendation | null }
  | { readonly seq: number; readonly time: number; readonly type: 'alert-cleared'; readonly account: string; readonly code: AlertCode; readonly value: number | null; readonly threshold: number };

/** What an alert watches. */
export type AlertCode = 'MARGIN_RATIO' | 'LIQUIDATION_PROBABILITY';

/** Reduce one position to `quantity` (signed, contracts) to be back within the threshold. */
export interface Recommendation {
  readonly market: string;
  readonly quantity: number;
  readonly reduceBy: number;
}

type EventBody = EngineEvent extends infer E ? (E extends EngineEvent ? Omit<E, 'seq' | 'time'> : never) : never;

interface Market {
  readonly name: string;
  spec: MarketSpec;
  readonly prices: MarketPrices;
  /** Accounts with a position here. */
  readonly exposed: Set<string>;
  /** The last valid low/high, for valuation while no source is valid. */
  marks: Marks | null;
  /** The venue model and bundled instrument, for a market put as {venue, symbol}. */
  venue: VenueMarket | null;
  /** σ of the median price (./volatility.ts). */
  readonly vol: VolatilityState;
  status: MarketPriceView['effective'];
}

export interface AccountView {
  readonly id: string;
  readonly state: TradingState;
  readonly stateCause: DenialCode | null;
  readonly conditions: readonly Condition[];
  readonly currency: string;
  readonly marginMode: 'cross' | 'isolated';
  readonly equity: number;
  readonly cash: number;
  readonly highWaterMark: number;
  readonly dayStartEquity: number;
  readonly limits: Readonly<Record<string, number>>;
  readonly positions: readonly {
    market: string;
    quantity: number;
    entryPrice: number;
    markPrice: number | null;
    unrealisedPnl: number;
    value: number;
    /** Venue-exact, for a market put as {venue, symbol}; null otherwise (src/engine/margin.ts). */
    maintenanceMargin: number | null;
    liquidationPrice: number | null;
    liquidationDistance: number | null;
    /** |ln(mark / liquidation)| / (σ √h), h = risk.horizonDays; null without a liquidation price. */
    liquidationDistanceSigma: number | null;
    /** P(the mark touches the liquidation price within h) under GBM with zero drift (risk/first-passage). */
    liquidationProbability: number | null;
    /** The market's annualised σ behind both, and whether it is the EWMA or the configured default. */
    volatility: number;
    volatilitySource: 'ewma' | 'default';
  }[];
  /** Gross position value / equity; null when equity is not positive. */
  readonly leverage: number | null;
  /** Σ maintenance margin (null when a position has no margin model). */
  readonly maintenanceMargin: number | null;
  /** Maintenance margin / equity (≥ 1: liquidation); null without margin models or equity. */
  readonly marginRatio: number | null;
  /** The smallest liquidation distance of the positions (a fraction of the mark); null when none is known. */
  readonly liquidationDistance: number | null;
  /** The largest liquidation probability of the positions over risk.horizonDays; null when none is known. */
  readonly liquidationProbability: number | null;
}

const DEFAULT_MARKET: MarketSpec = { kind: 'linear', contractSize: 1 };

/**
 * A protection of one's own, run on every revaluation after the built-in ones: it returns a
 * condition to impose (REDUCING or HALTED with a cause) or null. One that throws halts the
 * account with cause PROTECTION_ERROR, never lets it carry on.
 */
export type Protection = (account: AccountView, now: number) => Omit<Condition, 'since'> | null;

export interface EngineOptions {
  readonly protections?: readonly Protection[];
  /**
   * Keep every event in memory for `events()` (default true). A service that stores events
   * itself (src/server/) turns this off, so a long-running engine does not grow without bound.
   */
  readonly keepEvents?: boolean;
}

export class RiskEngine {
  readonly config: EngineConfig;
  private readonly accounts = new Map<string, Account>();
  private readonly markets = new Map<string, Market>();
  private readonly log: EngineEvent[] = [];
  private seq = 0;
  private readonly listeners = new Set<(e: EngineEvent) => void>();

  private readonly protections: readonly Protection[];
  private readonly keepEvents: boolean;

  constructor(config: unknown = {}, options: EngineOptions = {}) {
    this.config = engineConfig(config);
    this.protections = options.protections ?? [];
    this.keepEvents = options.keepEvents ?? true;
  }

  /** Calls `fn` with every event from now on; returns the unsubscribe function. */
  subscribe(fn: (e: EngineEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Every event so far, oldest first (optionally one account's); empty with `keepEvents: false`. */
  events(account?: string): readonly EngineEvent[] {
    return account === undefined ? this.log : this.log.filter((e) => 'account' in e && e.account === account);
  }

  /** Creates or replaces an account (`PUT /v1/accounts/{id}`). */
  putAccount(id: string, input: AccountSpecInput, now: number): AccountView {
    const s = engineSchemas();
    parseInput(s.name, id, 'account id');
    const spec = parseInput(s.account, input, 'account');
    const existing = this.accounts.get(id);
    if (existing === undefined) this.accounts.set(id, new Account(id, spec, now));
    else existing.reset(spec, this.equityOf(existing), now);
    const a = this.accounts.get(id) as Account;
    this.emit(now, { type: 'account', account: id, equity: spec.equity });
    this.revalue(a, now);
    return this.viewAccount(a);
  }

  /** Sets a market's contract (`PUT /v1/markets/{market}`). */
  putMarket(name: string, input: unknown, now: number): MarketPriceView & { market: string; spec: MarketSpec } {
    const s = engineSchemas();
    parseInput(s.name, name, 'market');
    const { spec, venue } = resolveMarket(parseInput(s.market, input, 'market'));
    const m = this.market(name);
    if (m.exposed.size > 0 && (m.spec.kind !== spec.kind || m.spec.contractSize !== spec.contractSize)) {
      throw new TradesizeError('CONFLICTING_OPTIONS', `market ${name} has open positions: its contract kind and size cannot change`, ['kind']);
    }
    m.spec = spec;
    m.venue = venue;
    return { market: name, spec, ...m.prices.read(now) };
  }

  /** Applies price ticks (`POST /v1/prices`); refused ticks are listed with their index and code. */
  submitPrices(input: TickInput | readonly TickInput[], now: number): { accepted: number; rejected: { index: number; code: TickRefusal | 'INVALID_INPUT' }[] } {
    const ticks = Array.isArray(input) ? input : [input];
    const s = engineSchemas();
    const rejected: { index: number; code: TickRefusal | 'INVALID_INPUT' }[] = [];
    let accepted = 0;
    const touched = new Set<Market>();
    ticks.forEach((raw, index) => {
      const r = s.tick.safeParse(raw);
      if (!r.success) return void rejected.push({ index, code: 'INVALID_INPUT' });
      const m = this.market(r.data.market);
      const refusal = m.prices.submit(r.data.source, { price: r.data.price, time: r.data.time }, now);
      if (refusal !== null) return void rejected.push({ index, code: refusal });
      accepted++;
      touched.add(m);
    });
    for (const m of touched) this.refreshMarket(m, now);
    return { accepted, rejected };
  }

  /** Records a fill from the venue (`POST /v1/accounts/{id}/fills`). */
  recordFill(id: string, input: FillInput, now: number): AccountView {
    const a = this.account(id);
    const f = parseInput(engineSchemas().fill, input, 'fill');
    const m = this.market(f.market);
    const signed = f.side === 'buy' ? f.quantity : -f.quantity;
    const { realised, stopOut } = a.fill(f.market, terms(m.spec), signed, f.price, f.fee);
    if (a.positions.has(f.market)) m.exposed.add(id);
    else m.exposed.delete(id);
    if (m.marks === null) m.marks = { low: f.price, high: f.price };
    const time = f.time ?? now;
    this.emit(now, { type: 'fill', account: id, market: f.market, side: f.side, quantity: f.quantity, price: f.price, fee: f.fee, realised });
    const cooldown = a.spec.limits.stopOutCooldownSeconds;
    if (stopOut && cooldown > 0) a.conditions.set('COOLDOWN', { state: 'REDUCING', cause: 'COOLDOWN', until: time + cooldown * 1000, since: time });
    this.revalue(a, now);
    return this.viewAccount(a);
  }

  /** The pre-trade check (`POST /v1/accounts/{id}/orders/check`); every decision is recorded. */
  checkOrder(id: string, input: OrderInput, now: number): OrderDecision {
    const a = this.accounts.get(id);
    if (a === undefined) throw new TradesizeError('INVALID_INPUT', `no account "${id}"`, ['account'], { denial: 'UNKNOWN_ACCOUNT' });
    const order = parseInput(engineSchemas().order, input, 'order');
    const m = this.markets.get(order.market);
    this.catchUp(now);
    const summary = a.last;
    let decision: OrderDecision;
    if (m === undefined || m.marks === null) {
      decision = { decision: 'deny', maxQuantity: 0, reasons: [{ code: 'UNKNOWN_MARKET', message: `market ${order.market} has no price yet`, details: { market: order.market } }], state: summary.state, sizing: null };
    } else {
      const view = m.prices.read(now);
      decision = checkOrder({
        order,
        state: summary.state,
        stateCause: summary.cause,
        equity: this.equityOf(a),
        limits: a.spec.limits,
        market: m.spec,
        position: a.position(order.market).quantity,
        otherExposure: this.exposureOf(a, order.market),
        marketFault: view.effective === 'ok' ? null : view.fault,
        low: view.low ?? m.marks.low,
        high: view.high ?? m.marks.high,
      });
    }
    this.emit(now, { type: 'decision', account: id, order: input, decision: decision.decision, maxQuantity: decision.maxQuantity, reasons: decision.reasons.map((r) => r.code) });
    return decision;
  }

  /** Halts one account or all (`POST /v1/kill-switch`), resuming by itself after `pauseSeconds`. */
  killSwitch(input: KillSwitchInput, now: number): AccountView[] {
    const k = parseInput(engineSchemas().killSwitch, input, 'kill switch');
    const targets = k.account === undefined ? [...this.accounts.values()] : [this.account(k.account)];
    for (const a of targets) {
      a.conditions.set('KILL_SWITCH', { state: 'HALTED', cause: 'KILL_SWITCH', until: k.pauseSeconds === undefined ? null : now + k.pauseSeconds * 1000, since: now });
      this.revalue(a, now);
    }
    return targets.map((a) => this.viewAccount(a));
  }

  /** Lifts the kill switch of one account or all. */
  releaseKillSwitch(account: string | undefined, now: number): AccountView[] {
    const targets = account === undefined ? [...this.accounts.values()] : [this.account(account)];
    for (const a of targets) {
      a.conditions.delete('KILL_SWITCH');
      this.revalue(a, now);
    }
    return targets.map((a) => this.viewAccount(a));
  }

  /**
   * Time passes: stale feeds, ends of pauses, cooldowns, days and grace periods take effect, and
   * the alert thresholds are checked (a service calls this once a second).
   */
  advance(now: number): void {
    this.catchUp(now);
    for (const a of this.accounts.values()) this.checkAlerts(a, now);
  }

  /** The time-based part of {@link advance}, without alerts (what an order check needs). */
  private catchUp(now: number): void {
    for (const m of this.markets.values()) this.refreshMarket(m, now);
    for (const a of this.accounts.values()) this.revalue(a, now);
  }

  /** Emits an alert when a threshold is crossed (with a resize recommendation), and a clearing when it is not any more. */
  private checkAlerts(a: Account, now: number): void {
    if (a.positions.size === 0 && a.alerts.size === 0) return;
    const t = this.config.alerts;
    const v = this.viewAccount(a);
    const watched: [AlertCode, number | null, number, (x: AccountView) => number | null][] = [
      ['MARGIN_RATIO', v.marginRatio, t.marginRatio, (x) => x.marginRatio],
      ['LIQUIDATION_PROBABILITY', v.liquidationProbability, t.liquidationProbability, (x) => x.liquidationProbability],
    ];
    for (const [code, value, threshold, metric] of watched) {
      const breached = value !== null && value >= threshold;
      if (breached && !a.alerts.has(code)) {
        a.alerts.add(code);
        this.emit(now, { type: 'alert', account: a.id, code, value, threshold, recommendation: this.recommend(a, v, metric, threshold) });
      } else if (!breached && a.alerts.has(code)) {
        a.alerts.delete(code);
        this.emit(now, { type: 'alert-cleared', account: a.id, code, value, threshold });
      }
    }
  }

  /**
   * The largest size of the position that weighs most (largest maintenance margin, else value)
   * at which `metric` is below `threshold`, the other positions unchanged: bisection on the
   * venue-exact revaluation (60 halvings), rounded down to the market's lot step. Null when even
   * closing it would not be enough.
   */
  private recommend(a: Account, v: AccountView, metric: (x: AccountView) => number | null, threshold: number): Recommendation | null {
    const worst = [...v.positions].sort((x, y) => (y.maintenanceMargin ?? 0) - (x.maintenanceMargin ?? 0) || y.value - x.value)[0];
    if (worst === undefined) return null;
    const q = worst.quantity;
    const ok = (size: number): boolean => {
      const m = metric(this.viewAccount(a, { market: worst.market, quantity: Math.sign(q) * size }));
      return m === null || m < threshold;
    };
    if (!ok(0)) return null;
    let lo = 0;
    let hi = Math.abs(q);
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (ok(mid)) lo = mid;
      else hi = mid;
    }
    const lot = this.markets.get(worst.market)?.spec.lotStep;
    const size = lot === undefined ? lo : Math.floor(lo / lot + 1e-9) * lot;
    return { market: worst.market, quantity: Math.sign(q) * size, reduceBy: Math.abs(q) - size };
  }

  /** An account as of the last command (reads change nothing, so a replayed log gives the same engine). */
  getAccount(id: string): AccountView {
    return this.viewAccount(this.account(id));
  }

  /** A market's sources judged at `now` (read only). */
  getMarket(name: string, now: number): MarketPriceView & { market: string; spec: MarketSpec; volatility: number; volatilitySource: 'ewma' | 'default' } {
    const m = this.markets.get(name);
    if (m === undefined) throw new TradesizeError('INVALID_INPUT', `no market "${name}"`, ['market'], { denial: 'UNKNOWN_MARKET' });
    const { sigma, source } = currentVolatility(m.vol, this.config.risk);
    return { market: name, spec: m.spec, ...m.prices.read(now), volatility: sigma, volatilitySource: source };
  }

  accountIds(): string[] {
    return [...this.accounts.keys()];
  }

  /** Markets put or priced so far, in the order they first appeared. */
  marketIds(): string[] {
    return [...this.markets.keys()];
  }

  /**
   * A hash of the whole state (accounts, positions, conditions, prices, events): equal hashes,
   * equal engines. What the crash test compares before a kill and after the restart.
   */
  stateHash(): string {
    const accounts = [...this.accounts.values()].map((a) => ({
      id: a.id, spec: a.spec, cash: a.cash, hwm: a.highWater, day: a.dayStart, dayEq: a.dayStartEquity,
      positions: [...a.positions.entries()], conditions: [...a.conditions.values()], last: a.last, alerts: [...a.alerts].sort(),
    }));
    const markets = [...this.markets.values()].map((m) => ({ name: m.name, spec: m.spec, marks: m.marks, status: m.status, vol: m.vol, exposed: [...m.exposed].sort() }));
    return createHash('sha256').update(JSON.stringify({ accounts, markets, seq: this.seq })).digest('hex');
  }

  private account(id: string): Account {
    const a = this.accounts.get(id);
    if (a === undefined) throw new TradesizeError('INVALID_INPUT', `no account "${id}"`, ['account'], { denial: 'UNKNOWN_ACCOUNT' });
    return a;
  }

  private market(name: string): Market {
    let m = this.markets.get(name);
    if (m === undefined) {
      m = { name, spec: DEFAULT_MARKET, prices: new MarketPrices(name, this.config.prices), exposed: new Set(), marks: null, venue: null, vol: newVolatility(), status: 'down' };
      this.markets.set(name, m);
    }
    return m;
  }

  private refreshMarket(m: Market, now: number): void {
    const v = m.prices.observe(now);
    if (v.low !== null && v.high !== null) m.marks = { low: v.low, high: v.high };
    if (v.price !== null && v.effective === 'ok') sampleVolatility(m.vol, v.price, now, this.config.risk);
    if (v.effective !== m.status && m.prices.sourceCount > 0) {
      m.status = v.effective;
      this.emit(now, { type: 'market', market: m.name, status: v.effective });
    }
    for (const id of m.exposed) {
      const a = this.accounts.get(id);
      if (a !== undefined) this.revalue(a, now);
    }
  }

  private equityOf(a: Account): number {
    return a.equity((name) => terms(this.markets.get(name)?.spec ?? DEFAULT_MARKET), (name) => this.markets.get(name)?.marks ?? null);
  }

  /** Gross value of the account's positions other than in `except`, at the worse marks. */
  private exposureOf(a: Account, except?: string): number {
    let v = 0;
    for (const [name, pos] of a.positions) {
      if (name === except) continue;
      const m = this.markets.get(name);
      if (m === undefined || m.marks === null) continue;
      const p = pos.quantity > 0 ? m.marks.low : m.marks.high;
      v += Math.abs(pos.quantity) * (m.spec.kind === 'linear' ? m.spec.contractSize * p : m.spec.contractSize / p);
    }
    return v;
  }

  /** Re-derives the account's state; a protection that throws halts the account. */
  private revalue(a: Account, now: number): void {
    let summary: StateSummary;
    try {
      a.expire(now);
      a.protect(this.equityOf(a), now);
      const custom: Condition[] = [];
      if (this.protections.length > 0) {
        const view = this.viewAccount(a);
        for (const p of this.protections) {
          const c = p(view, now);
          if (c !== null) custom.push({ ...c, since: now });
        }
      }
      summary = summarise([...a.conditions.values(), ...this.feedConditions(a, now), ...custom]);
    } catch {
      const failed: Condition = { state: 'HALTED', cause: 'PROTECTION_ERROR', until: null, since: now };
      a.conditions.set('PROTECTION_ERROR', failed);
      summary = summarise([...a.conditions.values()]);
    }
    if (summary.state !== a.last.state || summary.cause !== a.last.cause) {
      this.emit(now, { type: 'state', account: a.id, state: summary.state, cause: summary.cause, previous: a.last.state });
    }
    a.last = summary;
  }

  /** REDUCING for a suspect exposed market, HALTED for one with no valid price. */
  private feedConditions(a: Account, now: number): Condition[] {
    const out: Condition[] = [];
    for (const name of a.positions.keys()) {
      const m = this.markets.get(name);
      if (m === undefined || m.prices.sourceCount === 0) continue;
      const v = m.prices.read(now);
      if (v.effective === 'ok') continue;
      out.push({ state: v.effective === 'down' ? 'HALTED' : 'REDUCING', cause: v.fault ?? 'INSUFFICIENT_SOURCES', until: null, since: now });
    }
    return out;
  }

  /** The account view; with `override`, as if that market's position were `quantity` (for resize recommendations). */
  private viewAccount(a: Account, override?: { market: string; quantity: number }): AccountView {
    const held = [...a.positions.entries()].map(([market, pos]) => (override?.market === market ? ([market, { ...pos, quantity: override.quantity }] as const) : ([market, pos] as const)));
    const positions = held.filter(([, pos]) => pos.quantity !== 0).map(([market, pos]) => {
      const m = this.markets.get(market);
      const mark = m === undefined || m.marks === null ? null : pos.quantity > 0 ? m.marks.low : m.marks.high;
      const t = terms(m?.spec ?? DEFAULT_MARKET);
      const value = mark === null ? 0 : Math.abs(pos.quantity) * (t.kind === 'linear' ? t.size * mark : t.size / mark);
      const upnl = mark === null ? 0 : (t.kind === 'linear' ? t.size * (mark - pos.entryPrice) : t.size * (1 / pos.entryPrice - 1 / mark)) * pos.quantity;
      return { market, quantity: pos.quantity, entryPrice: pos.entryPrice, markPrice: mark, unrealisedPnl: upnl, value };
    });
    const equity = override === undefined ? this.equityOf(a) : a.cash + positions.reduce((s, p) => s + p.unrealisedPnl, 0);
    const gross = positions.reduce((s, p) => s + p.value, 0);
    const margin = accountMargin(
      positions.map((p) => ({ quantity: p.quantity, entryPrice: p.entryPrice, mark: p.markPrice, venue: this.markets.get(p.market)?.venue ?? null })),
      a.cash,
      a.spec.marginMode,
    );
    const h = this.config.risk.horizonDays / 365;
    const withMargin = positions.map((p, i) => {
      const mv = margin.positions[i] as (typeof margin.positions)[number];
      const market = this.markets.get(p.market);
      const { sigma, source } = market === undefined ? { sigma: this.config.risk.defaultVolatility, source: 'default' as const } : currentVolatility(market.vol, this.config.risk);
      const lp = mv.liquidationPrice;
      const d = mv.liquidationDistance;
      // At or past the liquidation price (d ≤ 0) it is reached already: probability 1, distance 0.
      const reached = d !== null && d <= 0;
      const known = !reached && lp !== null && lp > 0 && p.markPrice !== null;
      return {
        ...p,
        ...mv,
        liquidationDistanceSigma: reached ? 0 : known ? Math.abs(Math.log((p.markPrice as number) / (lp as number))) / (sigma * Math.sqrt(h)) : null,
        liquidationProbability: reached ? 1 : known ? barrierHitProbability({ price: p.markPrice as number, barrier: lp as number, mu: 0, sigma, horizon: h }).probability : null,
        volatility: sigma,
        volatilitySource: source,
      };
    });
    const probabilities = withMargin.map((p) => p.liquidationProbability).filter((x): x is number => x !== null);
    const distances = withMargin.map((p) => p.liquidationDistance).filter((d): d is number => d !== null);
    return {
      id: a.id,
      state: a.last.state,
      stateCause: a.last.cause,
      conditions: a.last.conditions,
      currency: a.spec.currency,
      marginMode: a.spec.marginMode,
      equity,
      cash: a.cash,
      highWaterMark: a.highWater,
      dayStartEquity: a.dayStartEquity,
      limits: { ...a.spec.limits },
      positions: withMargin,
      leverage: equity > 0 ? gross / equity : null,
      maintenanceMargin: margin.maintenanceMargin,
      marginRatio: margin.maintenanceMargin !== null && equity > 0 && positions.length > 0 ? margin.maintenanceMargin / equity : null,
      liquidationDistance: distances.length > 0 ? Math.min(...distances) : null,
      liquidationProbability: probabilities.length > 0 ? Math.max(...probabilities) : null,
    };
  }

  private emit(time: number, body: EventBody): void {
    const e = { seq: ++this.seq, time, ...body } as EngineEvent;
    if (this.keepEvents) this.log.push(e);
    for (const fn of this.listeners) fn(e);
  }
}

function terms(spec: MarketSpec): ContractTerms {
  return { kind: spec.kind, size: spec.contractSize };
}
