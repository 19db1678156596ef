/**
 * The risk engine's core: accounts, markets with their price sources, and every state change
 * with its cause, driven by commands that each carry their engine time. It does no I/O and reads
 * no clock: the same commands in the same order give the same state (and `stateHash`), which is
 * what lets a service persist the command log before it answers and rebuild the engine from it
 * after a crash.
 *
 * A tick touches only what it crosses: each position has its levels in its market's crossing
 * index (./crossings.ts, ./levels.ts) — its liquidation price, the prices where an alert
 * threshold or a protection flips, and the edges of a recheck band around where it was last
 * checked (so that moves of the account's other markets are caught too) — and a tick rechecks
 * exactly the accounts whose levels its marks reach: their state, alerts and new levels. Every
 * other number (equity, margin ratio, distances, probabilities) is computed on read from the
 * latest marks, so a read is always current. A change of a market's status (stale, suspect,
 * down, recovered) rechecks every account exposed to it. Time-based changes (a stale feed, a
 * kill switch that resumes, a cooldown that ends, a new UTC day, the grace period after feeds
 * recover) are picked up by `advance(now)`, which a service calls on a timer; it touches the
 * markets and the accounts whose timers are due, not every account (but once a UTC day, when
 * every account's day starts again).
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { ContractTerms } from '../core/contract.js';
import { TradesizeError } from '../core/errors.js';
import { parseInput } from '../core/validate.js';
import { Account, type Marks } from './account.js';
import { decodeAccounts, encodeAccounts, type AccountColumns } from './account-columns.js';
import { summarise, utcDayStart, type Condition, type StateSummary, type TradingState } from './account-state.js';
import { engineConfig, type EngineConfig } from './config.js';
import type { DenialCode } from './denial-codes.js';
import { MarketPrices, type MarketPricesState, type MarketPriceView, type TickRefusal } from './market-prices.js';
import { checkOrder, type OrderDecision } from './order-check.js';
import { CrossingIndex, LevelHeap, VERSION_MODULUS, type HeapState } from './crossings.js';
import { bisectFlip, Bracket, equityFlip, hitDistance, MarginRatioBreach } from './levels.js';
import { optionContractGreeks } from './option-greeks.js';
import { hedgeBand } from './hedge-band.js';
import { accountMargin, maintenanceMargin, othersOf, positionMarginView, resolveMarket, type MarginedPosition, type VenueMarket } from './margin.js';
import { currentVolatility, newVolatility, sampleVolatility, volatilityPhase, type VolatilityState } from './volatility.js';
import { abmHitProbability } from '../risk/first-passage/index.js';
import { engineSchemas, plainTick, type AccountSpecInput, type FillInput, type KillSwitchInput, type MarketSpec, type OrderInput, type TickInput } from './schemas.js';

/** Something that happened, in order; `seq` increases by one per event. */
export type EngineEvent =
  | { readonly seq: number; readonly time: number; readonly type: 'state'; readonly account: string; readonly state: TradingState; readonly cause: DenialCode | null; readonly previous: TradingState }
  | { readonly seq: number; readonly time: number; readonly type: 'decision'; readonly account: string; readonly order: OrderInput; readonly decision: 'allow' | 'deny'; readonly maxQuantity: number; readonly reasons: readonly DenialCode[] }
  | { readonly seq: number; readonly time: number; readonly type: 'fill'; readonly account: string; readonly market: string; readonly side: 'buy' | 'sell'; readonly quantity: number; readonly price: number; readonly fee: number; readonly realised: number }
  | { readonly seq: number; readonly time: number; readonly type: 'account'; readonly account: string; readonly equity: number }
  | { readonly seq: number; readonly time: number; readonly type: 'market'; readonly market: string; readonly status: MarketPriceView['effective'] }
  | { readonly seq: number; readonly time: number; readonly type: 'alert'; readonly account: string; readonly code: AlertCode; readonly value: number; readonly threshold: number; readonly recommendation: Recommendation | null }
  | { readonly seq: number; readonly time: number; readonly type: 'alert-cleared'; readonly account: string; readonly code: AlertCode; readonly value: number | null; readonly threshold: number };

/** What an alert watches (`alert` and `alert-cleared` events, `code`), with a description. */
export const ALERT_CODES = {
  MARGIN_RATIO: 'maintenance margin / equity reached alerts.marginRatio',
  LIQUIDATION_PROBABILITY: "a position's probability of reaching its liquidation price within risk.horizonDays reached alerts.liquidationProbability",
  LIQUIDATION: "a mark at or beyond a position's liquidation price",
} as const;

export type AlertCode = keyof typeof ALERT_CODES;

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
  /** The fault behind a status other than ok, as of the last refresh. */
  fault: MarketPriceView['fault'];
  /** The positions' levels (./crossings.ts). */
  readonly index: CrossingIndex;
  /** The distance d* at the σ it was solved for (./levels.ts `hitDistance`). */
  hit: { sigma: number; distance: number };
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
    /** For an option market: the position's Greeks (contracts × contract size × ./option-greeks.ts); null otherwise. */
    greeks: PositionGreeks | null;
  }[];
  /**
   * Per underlying with an option position: the net delta in base units (options plus the
   * perpetual positions on the underlying market), gamma, vega and theta, and the hedge — the
   * order on the underlying market (contracts, signed, rounded toward zero to its lot) that
   * makes the delta zero.
   */
  readonly greeks: readonly UnderlyingGreeks[];
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

/** Greeks of a position (./option-greeks.ts units × contracts × contract size). */
export interface PositionGreeks {
  readonly underlying: string;
  readonly delta: number;
  readonly gamma: number;
  readonly vega: number;
  readonly theta: number;
  readonly volatility: number;
  readonly volatilitySource: 'implied' | 'given' | 'underlying';
}

export interface UnderlyingGreeks {
  readonly underlying: string;
  readonly delta: number;
  readonly gamma: number;
  readonly vega: number;
  readonly theta: number;
  /**
   * The order that makes the delta zero (`quantity`), the no-trade band on the delta of
   * `hedge.policy` (`band`, base units), whether the delta is outside it (`rebalance`) and the
   * policy's trade now (`tradeQuantity`: to neutral, or to the band's nearest edge), both in
   * contracts of the underlying market rounded toward zero to its lot (./hedge-band.ts); null
   * while the underlying has no price.
   */
  readonly hedge: {
    readonly market: string;
    readonly quantity: number;
    readonly policy: EngineConfig['hedge']['policy'];
    readonly band: { readonly lower: number; readonly upper: number };
    readonly rebalance: boolean;
    readonly tradeQuantity: number;
  } | null;
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
  /** Accounts by slot (their place in the crossing indexes). */
  private readonly slots: Account[] = [];
  /** Accounts with a condition that ends by itself, by its end time. */
  private timers = new LevelHeap(false);
  private day = -Infinity;
  /** The latest engine time a command carried (what reads value options at). */
  private clock = -Infinity;
  private rechecks = 0;
  private readonly markets = new Map<string, Market>();
  private readonly log: EngineEvent[] = [];
  private seq = 0;
  private readonly listeners = new Set<(e: EngineEvent) => void>();

  private readonly protections: readonly Protection[];
  private readonly keepEvents: boolean;
  /** Scratch for reindex: the nearest flips around a mark (one object, mutated; no closures per position). */
  private readonly bracket = new Bracket();
  /** The margin-ratio predicate of {@link marginRatioFlip}, reset per position (no allocation per recheck). */
  private readonly breach = new MarginRatioBreach();
  /** Per account slot, the number of the last refresh that queued it ({@link refreshMarket}; doubles: exact to 2^53). */
  private dueStamp = new Float64Array(1024);
  private stamp = 0;
  /** Scratch for {@link stressedMargins}: the others' Σ (PnL − MM) at their edges, per position. */
  private edgeOthers = new Float64Array(8);
  /** Scratch for {@link placeLevels}: four levels per position. */
  private placed = new Float64Array(32);

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
    this.tick(now);
    const s = engineSchemas();
    parseInput(s.name, id, 'account id');
    const spec = parseInput(s.account, input, 'account');
    const existing = this.accounts.get(id);
    if (existing === undefined) {
      const created = new Account(id, spec, now, this.slots.length);
      this.accounts.set(id, created);
      this.slots.push(created);
    } else existing.reset(spec, this.equityOf(existing), now);
    const a = this.accounts.get(id) as Account;
    this.emit(now, { type: 'account', account: id, equity: spec.equity });
    this.recheck(a, now);
    return this.viewAccount(a);
  }

  /** Sets a market's contract (`PUT /v1/markets/{market}`). */
  putMarket(name: string, input: unknown, now: number): MarketPriceView & { market: string; spec: MarketSpec } {
    this.tick(now);
    const s = engineSchemas();
    parseInput(s.name, name, 'market');
    const { spec, venue } = resolveMarket(parseInput(s.market, input, 'market'));
    const m = this.market(name);
    if (m.exposed.size > 0 && (m.spec.kind !== spec.kind || m.spec.contractSize !== spec.contractSize)) {
      throw new TradesizeError('CONFLICTING_OPTIONS', `market ${name} has open positions: its contract kind and size cannot change`, ['kind']);
    }
    m.spec = spec;
    m.venue = ownInstrument(name, venue);
    return { market: name, spec, ...m.prices.read(now) };
  }

  /**
   * The whole state as bytes (v8's structured serialisation; the accounts and positions as
   * columns, ./account-columns.ts), crossing indexes included (compacted), so that {@link RiskEngine.fromSnapshot} gives an engine
   * that goes on exactly as this one would (same `stateHash`, same events, same rechecks).
   */
  snapshot(): Uint8Array {
    // Stale index entries are dropped first (from this engine too, so that it and the one restored go on alike): a smaller snapshot, a faster restart.
    for (const m of this.markets.values()) m.index.compact((slot, version) => this.slots[slot]?.version === version);
    return serialize({
      format: SNAPSHOT_FORMAT,
      config: JSON.stringify(this.config),
      seq: this.seq,
      day: this.day,
      clock: this.clock,
      rechecks: this.rechecks,
      timers: this.timers.state(),
      log: this.log,
      accounts: encodeAccounts(this.slots, new Map([...this.markets.keys()].map((name, i) => [name, i]))),
      markets: [...this.markets.values()].map((m) => ({ name: m.name, spec: m.spec, prices: m.prices.state(), exposed: Int32Array.from(m.exposed, (id) => (this.accounts.get(id) as Account).slot), marks: m.marks, vol: { ...m.vol }, status: m.status, fault: m.fault, index: m.index.state(), hit: m.hit })),
    });
  }

  /**
   * The engine a {@link snapshot} was taken of; null when the snapshot is of another format or
   * was taken under another configuration (then the command log must be replayed from the start).
   */
  static fromSnapshot(bytes: Uint8Array, config: unknown = {}, options: EngineOptions = {}): RiskEngine | null {
    const e = new RiskEngine(config, options);
    const s = deserialize(bytes) as SnapshotBody;
    if (s.format !== SNAPSHOT_FORMAT || s.config !== JSON.stringify(e.config)) return null;
    e.seq = s.seq;
    e.day = s.day;
    e.clock = s.clock;
    e.rechecks = s.rechecks;
    e.timers = LevelHeap.fromState(false, s.timers);
    if (e.keepEvents) e.log.push(...s.log);
    for (const a of decodeAccounts(s.accounts, s.markets.map((m) => m.name))) {
      e.slots.push(a);
      e.accounts.set(a.id, a);
    }
    for (const m of s.markets) {
      const venue = m.spec.venue === undefined || m.spec.symbol === undefined ? null : resolveMarket({ venue: m.spec.venue, symbol: m.spec.symbol }).venue;
      e.markets.set(m.name, {
        name: m.name, spec: m.spec, prices: MarketPrices.fromState(m.name, e.config.prices, m.prices), exposed: new Set(Array.from(m.exposed, (slot) => (e.slots[slot] as Account).id)), marks: m.marks,
        venue: ownInstrument(m.name, venue), vol: m.vol, status: m.status, fault: m.fault, index: CrossingIndex.fromState(m.index), hit: m.hit,
      });
    }
    return e;
  }

  /** Applies price ticks (`POST /v1/prices`); refused ticks are listed with their index and code. */
  submitPrices(input: TickInput | readonly TickInput[], now: number): { accepted: number; rejected: { index: number; code: TickRefusal | 'INVALID_INPUT' }[] } {
    this.tick(now);
    const ticks = Array.isArray(input) ? input : [input];
    const s = engineSchemas();
    const rejected: { index: number; code: TickRefusal | 'INVALID_INPUT' }[] = [];
    let accepted = 0;
    const touched = new Set<Market>();
    ticks.forEach((raw, index) => {
      let tick = plainTick(raw);
      if (tick === null) {
        const r = s.tick.safeParse(raw);
        if (!r.success) return void rejected.push({ index, code: 'INVALID_INPUT' });
        tick = r.data;
      }
      const m = this.market(tick.market);
      const refusal = m.prices.submit(tick.source, { price: tick.price, time: tick.time }, now);
      if (refusal !== null) return void rejected.push({ index, code: refusal });
      accepted++;
      touched.add(m);
    });
    for (const m of touched) this.refreshMarket(m, now);
    return { accepted, rejected };
  }

  /** Records a fill from the venue (`POST /v1/accounts/{id}/fills`). */
  recordFill(id: string, input: FillInput, now: number): AccountView {
    this.tick(now);
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
    if (stopOut && cooldown > 0) {
      a.conditions.set('COOLDOWN', { state: 'REDUCING', cause: 'COOLDOWN', until: time + cooldown * 1000, since: time });
      this.timers.push(time + cooldown * 1000, a.slot, 0);
    }
    this.recheck(a, now);
    return this.viewAccount(a);
  }

  /** The pre-trade check (`POST /v1/accounts/{id}/orders/check`); every decision is recorded. */
  checkOrder(id: string, input: OrderInput, now: number): OrderDecision {
    this.tick(now);
    const a = this.accounts.get(id);
    if (a === undefined) throw new TradesizeError('INVALID_INPUT', `no account "${id}"`, ['account'], { denial: 'UNKNOWN_ACCOUNT' });
    const order = parseInput(engineSchemas().order, input, 'order');
    const m = this.markets.get(order.market);
    this.catchUp(a, m, now);
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
    this.tick(now);
    const k = parseInput(engineSchemas().killSwitch, input, 'kill switch');
    const targets = k.account === undefined ? [...this.accounts.values()] : [this.account(k.account)];
    for (const a of targets) {
      const until = k.pauseSeconds === undefined ? null : now + k.pauseSeconds * 1000;
      a.conditions.set('KILL_SWITCH', { state: 'HALTED', cause: 'KILL_SWITCH', until, since: now });
      if (until !== null) this.timers.push(until, a.slot, 0);
      this.recheck(a, now);
    }
    return targets.map((a) => this.viewAccount(a));
  }

  /** Lifts the kill switch of one account or all. */
  releaseKillSwitch(account: string | undefined, now: number): AccountView[] {
    this.tick(now);
    const targets = account === undefined ? [...this.accounts.values()] : [this.account(account)];
    for (const a of targets) {
      a.conditions.delete('KILL_SWITCH');
      this.recheck(a, now);
    }
    return targets.map((a) => this.viewAccount(a));
  }

  /**
   * Time passes: stale feeds, ends of pauses and cooldowns, a new UTC day and grace periods take
   * effect (a service calls this once a second). It refreshes every market and rechecks the
   * accounts whose timers are due; on a new UTC day, every account.
   */
  advance(now: number): void {
    this.tick(now);
    for (const m of this.markets.values()) this.refreshMarket(m, now);
    const day = utcDayStart(now);
    if (day !== this.day) {
      // Accounts start their day when created; the first advance only notes the day.
      if (this.day !== -Infinity) for (const a of this.slots) this.recheck(a, now);
      this.day = day;
    }
    while (this.timers.size > 0 && this.timers.top() <= now) {
      this.timers.pop((slot) => {
        const a = this.slots[slot];
        if (a !== undefined) this.recheck(a, now);
      });
    }
  }

  /** What an order check needs current: the order's market, the account's markets and its own state. */
  private catchUp(a: Account, m: Market | undefined, now: number): void {
    if (m !== undefined) this.refreshMarket(m, now);
    for (const name of a.positions.keys()) {
      const held = this.markets.get(name);
      if (held !== undefined && held !== m) this.refreshMarket(held, now);
    }
    this.revalue(a, now);
  }

  private tick(now: number): void {
    if (now > this.clock) this.clock = now;
  }

  /** Accounts rechecked so far, and the crossing indexes' entries and bytes (for benchmarks and monitoring). */
  indexStats(): { rechecks: number; entries: number; bytes: number } {
    let entries = 0;
    let bytes = this.timers.bytes;
    for (const m of this.markets.values()) {
      entries += m.index.size;
      bytes += m.index.bytes;
    }
    return { rechecks: this.rechecks, entries, bytes };
  }

  /** Re-derives the account's state, its alerts and its levels in the crossing indexes. */
  private recheck(a: Account, now: number): void {
    this.rechecks++;
    this.revalue(a, now);
    const v = this.viewAccount(a);
    this.checkAlerts(a, v, now);
    this.reindex(a, v);
  }

  /**
   * Places the account's levels (module doc): per position, the nearest flip below and above
   * its mark among its liquidation price, the liquidation-probability and margin-ratio
   * thresholds, the daily-loss and drawdown limits, the next high-water step and the recheck
   * band; its older levels become stale (a new version).
   *
   * With several positions, each one's flips are placed with the others at the adverse edges of
   * their recheck bands (longs lower, shorts higher): while no other market leaves its band the
   * true flip lies beyond the placed one, so a crossing is never found late; when the others at
   * their edges would breach a threshold already, the band is narrowed fourfold until they do
   * not, down to MIN_RECHECK_BAND; below that the position is rechecked on every adverse tick
   * (its level is its mark). The band also narrows with leverage (at most 10 % of equity lost at
   * the edges), so that only accounts really near a threshold are rechecked that often.
   */
  private reindex(a: Account, v: AccountView): void {
    // Entries keep the version modulo 2^28 (./crossings.ts): the account's wraps with them.
    const version = (a.version = (a.version + 1) % VERSION_MODULUS);
    const cfg = this.config;
    // A leveraged account gets a narrower band: the others at their band edges lose at most 10 % of equity.
    let band = v.leverage !== null && v.leverage > 0 ? Math.min(cfg.risk.recheckBand, 0.1 / v.leverage) : cfg.risk.recheckBand;
    const n = v.positions.length;
    if (this.placed.length < 4 * n) this.placed = new Float64Array(8 * n);
    // Near a threshold (the others at their band edges beyond it already), a narrower band, down to MIN_RECHECK_BAND, rather than a recheck on every adverse tick.
    // Only the adverse edges narrow: the stressed account puts the others at their adverse edges, which the favourable ones do not enter.
    const favourable = band;
    while (this.placeLevels(a, v, band, favourable) && n > 1 && band > MIN_RECHECK_BAND) band = Math.max(MIN_RECHECK_BAND, band / 4);
    const placed = this.placed;
    for (let j = 0; j < n; j++) {
      const m = this.markets.get((v.positions[j] as AccountView['positions'][number]).market);
      if (m === undefined || Number.isNaN(placed[4 * j] as number)) continue;
      const long = (v.positions[j] as AccountView['positions'][number]).quantity > 0;
      const scaledMark = long ? 'lowScaled' : 'highScaled';
      const mark = long ? 'low' : 'high';
      if ((placed[4 * j + 2] as number) > 0) m.index.add(scaledMark, 'down', placed[4 * j + 2] as number, a.slot, version);
      if ((placed[4 * j + 3] as number) < Infinity) m.index.add(scaledMark, 'up', placed[4 * j + 3] as number, a.slot, version);
      m.index.add(mark, 'down', placed[4 * j] as number, a.slot, version);
      m.index.add(mark, 'up', placed[4 * j + 1] as number, a.slot, version);
      this.compactIndex(m);
    }
  }

  /**
   * The levels of each position for a recheck band (module doc), into `placed` (per position:
   * down, up, scaled down, scaled up; NaN for a position without a mark). True when some
   * position's adverse level had to be put at its mark.
   */
  private placeLevels(a: Account, v: AccountView, band: number, favourable: number): boolean {
    const cfg = this.config;
    const limits = a.spec.limits;
    const stressed = v.positions.length > 1 ? this.stressedMargins(a, v, band) : null;
    const b = this.bracket;
    const placed = this.placed;
    let adverse = false;
    for (let j = 0; j < v.positions.length; j++) {
      const p = v.positions[j] as AccountView['positions'][number];
      const m = this.markets.get(p.market);
      placed[4 * j] = NaN;
      if (m === undefined || m.marks === null || p.markPrice === null) continue;
      const long = p.quantity > 0;
      const cur = p.markPrice;
      b.start(cur, band, long, stressed !== null, favourable);
      const others = stressed?.[j] ?? { loss: 0, maintenanceMargin: (v.maintenanceMargin ?? 0) - (p.maintenanceMargin ?? 0), liquidationPrice: p.liquidationPrice };
      const lp = p.liquidationPrice;
      placed[4 * j + 2] = -Infinity;
      placed[4 * j + 3] = Infinity;
      if (lp !== null && lp > 0) {
        b.watch(others.liquidationPrice, a.alerts.has('LIQUIDATION'));
        b.flip(lp);
        // The probability threshold: the liquidation prices themselves against the scaled mark (./crossings.ts).
        const lpStressed = others.liquidationPrice ?? lp;
        b.flag(this.probabilityFlip(m, lpStressed, long), a.alerts.has('LIQUIDATION_PROBABILITY'));
        const scaled = long ? cur * Math.exp(-this.hitOf(m)) : cur * Math.exp(this.hitOf(m));
        placed[4 * j + 2] = Math.max(lp < scaled ? lp : -Infinity, lpStressed < scaled ? lpStressed : -Infinity);
        placed[4 * j + 3] = Math.min(lp > scaled ? lp : Infinity, lpStressed > scaled ? lpStressed : Infinity);
      }
      const t = terms(m.spec);
      const base = v.equity - p.unrealisedPnl - others.loss;
      if (!a.conditions.has('DAILY_LOSS_LIMIT')) b.watch(equityFlip(t, p.quantity, p.entryPrice, base, (1 - limits.maxDailyLoss) * a.dayStartEquity), false);
      if (!a.conditions.has('DRAWDOWN_LIMIT')) b.watch(equityFlip(t, p.quantity, p.entryPrice, base, (1 - limits.maxDrawdown) * a.highWater), false);
      b.flip(equityFlip(t, p.quantity, p.entryPrice, v.equity - p.unrealisedPnl, a.highWater * (1 + cfg.risk.highWaterStep)));
      if (v.marginRatio !== null && m.venue !== null && p.maintenanceMargin !== null) {
        b.watch(this.marginRatioFlip(p, m.venue, others.maintenanceMargin, base, b.down, b.up), a.alerts.has('MARGIN_RATIO'));
      }
      adverse = b.finish() || adverse;
      placed[4 * j] = b.down;
      placed[4 * j + 1] = b.up;
    }
    return adverse;
  }

  /**
   * For each position, the rest of the account at the adverse edges of the recheck band: the
   * loss of the other positions there, their maintenance margin there, and this position's
   * liquidation price with them there (the venue model, as in the view).
   */
  private stressedMargins(a: Account, v: AccountView, band: number): { loss: number; maintenanceMargin: number; liquidationPrice: number | null }[] {
    const shifted = v.positions.map((p) => (p.markPrice === null ? null : p.quantity > 0 ? p.markPrice * (1 - band) : p.markPrice * (1 + band)));
    const loss = v.positions.map((p, k) => {
      const s = shifted[k];
      if (s === null || s === undefined) return 0;
      const t = terms(this.markets.get(p.market)?.spec ?? DEFAULT_MARKET);
      return p.unrealisedPnl - (t.kind === 'linear' ? t.size * (s - p.entryPrice) : t.size * (1 / p.entryPrice - 1 / s)) * p.quantity;
    });
    const totalLoss = loss.reduce((x, y) => x + y, 0);
    const atEdges: { quantity: number; entryPrice: number; mark: number | null; venue: VenueMarket | null }[] = v.positions.map((o, k) => ({ quantity: o.quantity, entryPrice: o.entryPrice, mark: shifted[k] ?? null, venue: this.markets.get(o.market)?.venue ?? null }));
    const edgeMM = atEdges.map((o) => maintenanceMargin(o) ?? 0);
    const totalMM = edgeMM.reduce((x, y) => x + y, 0);
    // The others' Σ (PnL − MM) at their edges, for every position in one pass (position j's own term is left out, so its mark does not matter).
    if (this.edgeOthers.length < atEdges.length) this.edgeOthers = new Float64Array(2 * atEdges.length);
    const edgeOthers = a.spec.marginMode === 'cross' && othersOf(atEdges, this.edgeOthers) ? this.edgeOthers : null;
    return v.positions.map((p, j) => {
      // Position j at its own mark, the others at their edges (mutated in place and put back: no copy per position).
      const edge = atEdges[j] as (typeof atEdges)[number];
      const edgeMark = edge.mark;
      edge.mark = p.markPrice;
      const liquidationPrice = positionMarginView(atEdges, j, a.cash, a.spec.marginMode, edgeOthers === null ? undefined : (edgeOthers[j] as number)).liquidationPrice;
      edge.mark = edgeMark;
      return { loss: totalLoss - (loss[j] as number), maintenanceMargin: totalMM - (edgeMM[j] as number), liquidationPrice };
    });
  }

  /** The probability distance d* of the market's current σ (./levels.ts `hitDistance`), cached per σ. */
  private hitOf(m: Market): number {
    const sigma = currentVolatility(m.vol, this.config.risk).sigma;
    if (m.hit.sigma !== sigma) m.hit = { sigma, distance: hitDistance(sigma, this.config.risk.horizonDays / 365, this.config.alerts.liquidationProbability) };
    return m.hit.distance;
  }

  /** Where the liquidation probability crosses its threshold: LP·e^{d*} below the mark of a long, LP·e^{−d*} above a short's. */
  private probabilityFlip(m: Market, lp: number, long: boolean): number {
    return long ? lp * Math.exp(this.hitOf(m)) : lp * Math.exp(-this.hitOf(m));
  }

  /**
   * Where the margin ratio crosses its threshold as this position's price moves within
   * [down, up], the rest of the account held (`others`' maintenance margin, `base` equity): its
   * maintenance margin from the venue's tiers at that price, equity from the closed form.
   */
  private marginRatioFlip(p: AccountView['positions'][number], venue: VenueMarket, others: number, base: number, down: number, up: number): number | null {
    const breached = this.breach.reset(terms(this.markets.get(p.market)?.spec ?? DEFAULT_MARKET), p.quantity, p.entryPrice, base, others, this.config.alerts.marginRatio, venue);
    const cur = p.markPrice as number;
    if (breached.holds(cur)) return p.quantity > 0 ? (bisectFlip(breached, cur, up) ?? up) : (bisectFlip(breached, cur, down) ?? down);
    return bisectFlip(breached, cur, down) ?? bisectFlip(breached, cur, up);
  }

  /** Emits an alert when a threshold is crossed (with a resize recommendation), and a clearing when it is not any more. */
  private checkAlerts(a: Account, v: AccountView, now: number): void {
    if (a.positions.size === 0 && a.alerts.size === 0) return;
    const t = this.config.alerts;
    for (let k = 0; k < WATCHED.length; k++) {
      const [code, metric] = WATCHED[k] as (typeof WATCHED)[number];
      const value = metric(v);
      const threshold = code === 'MARGIN_RATIO' ? t.marginRatio : code === 'LIQUIDATION_PROBABILITY' ? t.liquidationProbability : 0;
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
   * venue-exact revaluation, on the market's lot grid (binary search over whole lots). Null when even
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
    const lot = this.markets.get(worst.market)?.spec.lotStep;
    let size: number;
    if (lot === undefined) {
      let lo = 0;
      let hi = Math.abs(q);
      for (let i = 0; i < 60 && hi - lo > 1e-12 * Math.abs(q); i++) {
        const mid = (lo + hi) / 2;
        if (ok(mid)) lo = mid;
        else hi = mid;
      }
      size = lo;
    } else {
      // On the lot grid: the largest n with ok(n · lot), n ≤ |q| / lot (ok(0) holds).
      let lo = 0;
      let hi = Math.floor(Math.abs(q) / lot + 1e-9) + 1;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (ok(mid * lot)) lo = mid;
        else hi = mid;
      }
      size = lo * lot;
    }
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

  /** Account ids in creation order; a page of them with `offset` and `limit`. */
  accountIds(offset = 0, limit = Infinity): string[] {
    const out: string[] = [];
    let i = 0;
    for (const id of this.accounts.keys()) {
      if (out.length >= limit) break;
      if (i++ >= offset) out.push(id);
    }
    return out;
  }

  /** How many accounts there are. */
  get accountCount(): number {
    return this.accounts.size;
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
      m = { name, spec: DEFAULT_MARKET, prices: new MarketPrices(name, this.config.prices), exposed: new Set(), marks: null, venue: null, vol: newVolatility(volatilityPhase(name)), status: 'down', fault: null, index: new CrossingIndex(), hit: { sigma: NaN, distance: 0 } };
      this.markets.set(name, m);
    }
    return m;
  }

  /**
   * Takes the market's sources at `now`: new marks (and a new σ, through the scaled marks)
   * recheck the accounts whose levels they cross, a new status every exposed account.
   */
  private refreshMarket(m: Market, now: number): void {
    const v = m.prices.observe(now);
    m.fault = v.fault;
    if (v.low !== null && v.high !== null) m.marks = { low: v.low, high: v.high };
    if (v.price !== null && v.effective === 'ok') sampleVolatility(m.vol, v.price, now, this.config.risk);
    if (v.effective !== m.status && m.prices.sourceCount > 0) {
      m.status = v.effective;
      this.emit(now, { type: 'market', market: m.name, status: v.effective });
      for (const id of m.exposed) {
        const a = this.accounts.get(id);
        if (a !== undefined) this.recheck(a, now);
      }
      return;
    }
    if (m.marks === null) return;
    const due: Account[] = [];
    const d = this.hitOf(m);
    if (this.dueStamp.length < this.slots.length) {
      const grown = new Float64Array(2 * this.slots.length);
      grown.set(this.dueStamp);
      this.dueStamp = grown;
    }
    const stamp = ++this.stamp;
    const seen = this.dueStamp;
    m.index.crossed(
      m.marks.low,
      m.marks.high,
      (slot, version) => {
        const a = this.slots[slot];
        if (a === undefined || a.version !== version || seen[slot] === stamp) return;
        seen[slot] = stamp;
        due.push(a);
      },
      m.marks.low * Math.exp(-d),
      m.marks.high * Math.exp(d),
    );
    for (const a of due) this.recheck(a, now);
  }

  /** Drops a market's stale index entries once they outnumber its live ones eightfold (amortised O(1) per entry). */
  private compactIndex(m: Market): void {
    if (m.index.size > 8 * m.exposed.size + 4096) m.index.compact((slot, version) => this.slots[slot]?.version === version);
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
      const conditions = [...a.conditions.values(), ...this.feedConditions(a, now), ...custom];
      // A quiet account keeps its recorded summary: its recheck leaves nothing new to collect.
      summary = conditions.length === 0 && a.last.conditions.length === 0 ? a.last : summarise(conditions);
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
      // The market's status as of its last refresh (every tick and advance refreshes it): no re-evaluation per account.
      if (m.status === 'ok') continue;
      out.push({ state: m.status === 'down' ? 'HALTED' : 'REDUCING', cause: m.fault ?? 'INSUFFICIENT_SOURCES', until: null, since: now });
    }
    return out;
  }

  /** The account view; with `override`, as if that market's position were `quantity` (for resize recommendations). */
  private viewAccount(a: Account, override?: { market: string; quantity: number }): AccountView {
    // One pass over the positions, plain literals: a recheck builds this view (./margin.ts for the numbers).
    const markets: (Market | undefined)[] = [];
    const margined: MarginedPosition[] = [];
    const basic: { market: string; quantity: number; entryPrice: number; markPrice: number | null; unrealisedPnl: number; value: number }[] = [];
    let upnlSum = 0;
    let gross = 0;
    for (const [market, pos] of a.positions) {
      const quantity = override !== undefined && override.market === market ? override.quantity : pos.quantity;
      if (quantity === 0) continue;
      const m = this.markets.get(market);
      const mark = m === undefined || m.marks === null ? null : quantity > 0 ? m.marks.low : m.marks.high;
      const spec = m?.spec ?? DEFAULT_MARKET;
      const c = spec.contractSize;
      const linear = spec.kind === 'linear';
      const value = mark === null ? 0 : Math.abs(quantity) * (linear ? c * mark : c / mark);
      const upnl = mark === null ? 0 : (linear ? c * (mark - pos.entryPrice) : c * (1 / pos.entryPrice - 1 / mark)) * quantity;
      upnlSum += upnl;
      gross += value;
      markets.push(m);
      margined.push({ quantity, entryPrice: pos.entryPrice, mark, venue: m?.venue ?? null });
      basic.push({ market, quantity, entryPrice: pos.entryPrice, markPrice: mark, unrealisedPnl: upnl, value });
    }
    const equity = override === undefined ? this.equityOf(a) : a.cash + upnlSum;
    const margin = accountMargin(margined, a.cash, a.spec.marginMode);
    const h = this.config.risk.horizonDays / 365;
    const sqrtH = Math.sqrt(h);
    const withMargin: AccountView['positions'][number][] = [];
    let distance: number | null = null;
    let probability: number | null = null;
    for (let i = 0; i < basic.length; i++) {
      const p = basic[i] as (typeof basic)[number];
      const mv = margin.positions[i] as (typeof margin.positions)[number];
      const market = markets[i];
      const { sigma, source } = market === undefined ? { sigma: this.config.risk.defaultVolatility, source: 'default' as const } : currentVolatility(market.vol, this.config.risk);
      const lp = mv.liquidationPrice;
      const d = mv.liquidationDistance;
      // At or past the liquidation price (d ≤ 0) it is reached already: probability 1, distance 0.
      const reached = d !== null && d <= 0;
      const known = !reached && lp !== null && lp > 0 && p.markPrice !== null;
      const liquidationProbability = reached ? 1 : known ? abmHitProbability(Math.abs(Math.log((lp as number) / (p.markPrice as number))), 0, sigma, h) : null;
      if (d !== null) distance = distance === null ? d : Math.min(distance, d);
      if (liquidationProbability !== null) probability = probability === null ? liquidationProbability : Math.max(probability, liquidationProbability);
      withMargin.push({
        market: p.market,
        quantity: p.quantity,
        entryPrice: p.entryPrice,
        markPrice: p.markPrice,
        unrealisedPnl: p.unrealisedPnl,
        value: p.value,
        maintenanceMargin: mv.maintenanceMargin,
        liquidationPrice: lp,
        liquidationDistance: d,
        liquidationDistanceSigma: reached ? 0 : known ? Math.abs(Math.log((p.markPrice as number) / (lp as number))) / (sigma * sqrtH) : null,
        liquidationProbability,
        volatility: sigma,
        volatilitySource: source,
        greeks: market?.spec.option === undefined ? null : this.positionGreeks(market, p.quantity, p.markPrice),
      });
    }
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
      marginRatio: margin.maintenanceMargin !== null && equity > 0 && basic.length > 0 ? margin.maintenanceMargin / equity : null,
      liquidationDistance: distance,
      liquidationProbability: probability,
      greeks: this.underlyingGreeks(withMargin),
    };
  }

  /** An option position's Greeks at the underlying's mark (the mid of its valid range) and the engine's latest time. */
  private positionGreeks(m: Market | undefined, quantity: number, premium: number | null): PositionGreeks | null {
    const o = m?.spec.option;
    if (m === undefined || o === undefined) return null;
    const u = this.markets.get(o.underlying);
    if (u === undefined || u.marks === null) return null;
    const g = optionContractGreeks(o, (u.marks.low + u.marks.high) / 2, premium ?? NaN, this.clock, currentVolatility(u.vol, this.config.risk).sigma);
    const n = quantity * m.spec.contractSize;
    return { underlying: o.underlying, delta: n * g.delta, gamma: n * g.gamma, vega: n * g.vega, theta: n * g.theta, volatility: g.volatility, volatilitySource: g.volatilitySource };
  }

  /** Years from the engine's latest time to an option market's expiry (0 once expired). */
  private yearsToExpiry(market: string): number {
    const o = this.markets.get(market)?.spec.option;
    return o === undefined ? 0 : Math.max(0, (o.expiry - this.clock) / (365 * 86_400_000));
  }

  /** An option position's delta (base units) at the underlying's mid with volatility `sigma` (Zakamouline's modified volatility). */
  private optionDeltaAtVolatility(market: string, quantity: number, sigma: number, mid: number): number {
    const m = this.markets.get(market);
    const o = m?.spec.option;
    if (m === undefined || o === undefined) return 0;
    return quantity * m.spec.contractSize * optionContractGreeks({ ...o, volatility: sigma }, mid, NaN, this.clock, sigma).delta;
  }

  /** Σ Greeks per underlying that has an option position, the underlying's own positions in the delta, and the hedge. */
  private underlyingGreeks(positions: readonly { market: string; quantity: number; markPrice: number | null; greeks: PositionGreeks | null }[]): UnderlyingGreeks[] {
    if (!positions.some((p) => p.greeks !== null)) return [];
    const sums = new Map<string, { delta: number; gamma: number; vega: number; theta: number }>();
    for (const p of positions) {
      if (p.greeks === null) continue;
      const t = sums.get(p.greeks.underlying) ?? { delta: 0, gamma: 0, vega: 0, theta: 0 };
      sums.set(p.greeks.underlying, { delta: t.delta + p.greeks.delta, gamma: t.gamma + p.greeks.gamma, vega: t.vega + p.greeks.vega, theta: t.theta + p.greeks.theta });
    }
    return [...sums].map(([underlying, t]) => {
      const u = this.markets.get(underlying);
      const spec = u?.spec ?? DEFAULT_MARKET;
      const mid = u === undefined || u.marks === null ? null : (u.marks.low + u.marks.high) / 2;
      // Base units per contract of the underlying market: c (linear), c/P (inverse, c in quote).
      const perContract = mid === null ? null : spec.kind === 'linear' ? spec.contractSize : spec.contractSize / mid;
      const held = positions.find((p) => p.market === underlying && p.greeks === null);
      const delta = t.delta + (held === undefined || perContract === null ? 0 : held.quantity * perContract);
      let hedge: UnderlyingGreeks['hedge'] = null;
      if (perContract !== null && mid !== null) {
        const lot = spec.lotStep;
        const toLot = (raw: number): number => {
          const q = lot === undefined ? raw : Math.sign(raw) * Math.floor(Math.abs(raw) / lot + 1e-9) * lot;
          return q === 0 ? 0 : q;
        };
        const cfg = this.config.hedge;
        const options = positions.filter((p) => p.greeks !== null && p.greeks.underlying === underlying);
        const legs = options.map((p) => ({ gamma: (p.greeks as PositionGreeks).gamma, tau: this.yearsToExpiry(p.market), volatility: (p.greeks as PositionGreeks).volatility }));
        const optionsDeltaAt = (scale: number): number => options.reduce((s, p) => s + this.optionDeltaAtVolatility(p.market, p.quantity, (p.greeks as PositionGreeks).volatility * scale, mid), 0);
        const band = hedgeBand(cfg, mid, t.gamma, legs, optionsDeltaAt);
        const gross = options.reduce((s, p) => s + Math.abs((p.greeks as PositionGreeks).delta), 0) + Math.abs(delta - t.delta);
        const rebalance = cfg.policy === 'interval' ? Math.abs(delta) > 1e-12 * gross : delta < band.lower || delta > band.upper;
        const goal = cfg.policy === 'interval' || cfg.policy === 'band' ? 0 : delta < band.lower ? band.lower : band.upper;
        hedge = { market: underlying, quantity: toLot(-delta / perContract), policy: cfg.policy, band, rebalance, tradeQuantity: rebalance ? toLot((goal - delta) / perContract) : 0 };
      }
      return { underlying, ...t, delta, hedge };
    });
  }

  private emit(time: number, body: EventBody): void {
    const e = { seq: ++this.seq, time, ...body } as EngineEvent;
    if (this.keepEvents) this.log.push(e);
    for (const fn of this.listeners) fn(e);
  }
}

/** The margin ratio for alerts: at no positive equity with positions it counts as 1 (liquidation), not as unknown. */
/** A mark at or beyond a liquidation price: the metric is minus the nearest distance, breached at 0. */
function beyondLiquidation(x: AccountView): number | null {
  return x.liquidationDistance === null ? null : -x.liquidationDistance;
}

/** The alerts, each with its metric (breached at or above its threshold). */
const WATCHED: readonly (readonly [AlertCode, (x: AccountView) => number | null])[] = [
  ['MARGIN_RATIO', marginRatioOf],
  ['LIQUIDATION_PROBABILITY', (x) => x.liquidationProbability],
  ['LIQUIDATION', beyondLiquidation],
];

function marginRatioOf(x: AccountView): number | null {
  return x.marginRatio ?? (x.equity <= 0 && x.positions.length > 0 && x.maintenanceMargin !== null ? 1 : null);
}

/** Each market is its own instrument to the venue model (two markets on one venue symbol are still two positions). */
function ownInstrument(name: string, venue: VenueMarket | null): VenueMarket | null {
  return venue === null ? null : { model: venue.model, instrument: Object.freeze({ ...venue.instrument, symbol: name }), packed: venue.packed };
}

const SNAPSHOT_FORMAT = 5;
/** The narrowest recheck band (1 bp): an account still beyond a threshold at its edges is rechecked on every adverse tick. */
const MIN_RECHECK_BAND = 1e-4;

interface SnapshotBody {
  readonly format: number;
  readonly config: string;
  readonly seq: number;
  readonly day: number;
  readonly clock: number;
  readonly rechecks: number;
  readonly timers: HeapState;
  readonly log: EngineEvent[];
  readonly accounts: AccountColumns;
  readonly markets: {
    name: string; spec: MarketSpec; prices: MarketPricesState; exposed: Int32Array; marks: Marks | null; vol: VolatilityState;
    status: MarketPriceView['effective']; fault: MarketPriceView['fault']; index: HeapState[]; hit: { sigma: number; distance: number };
  }[];
}

function terms(spec: MarketSpec): ContractTerms {
  return { kind: spec.kind, size: spec.contractSize };
}
