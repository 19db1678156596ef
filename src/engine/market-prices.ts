/**
 * Price integrity for one market: several sources, combined by their median, each judged valid
 * or not at a given time.
 *
 * - A tick that is non-finite or non-positive, that goes back in time for its source, or that
 *   is stamped more than `maxClockSkewMs` in the future is refused and not applied.
 * - A source is **stale** when its last tick is older than `staleAfterMs`; the others are live.
 * - A live source further than `maxDeviation` (relative) from the median of all live sources is
 *   invalid (`DEVIATION`). This is the spike filter: with three sources a single 1000× spike moves
 *   the median to one of the two honest sources, so they stay valid and the spike does not.
 *   With two sources that disagree by more than twice the threshold neither can be trusted.
 * - The market price is the median of the valid sources; `low` and `high` are the lowest and
 *   highest valid prices, for conservative valuation (a long is marked at `low`, a short at `high`).
 * - Status: `ok` with at least `minSources` valid sources, `suspect` with fewer but some,
 *   `down` with none. After a degraded status a market stays degraded for `graceMs` after its
 *   last degraded observation (its `effective` status, with the fault then seen), so accounts
 *   leave REDUCING or HALTED by themselves only once the feeds have been healthy for the grace
 *   period. A new market is warming up until it is first ok: no grace period applies before.
 *
 * SOURCES: median aggregation of publishers as in Pyth ("Price Aggregation", docs.pyth.network)
 * and Chainlink Data Feeds (median of node answers); staleness and deviation thresholds as in
 * Chainlink's heartbeat/deviation parameters; issue #10 §5 for the defaults.
 */
import type { EngineConfig } from './config.js';

export type PriceStatus = 'ok' | 'suspect' | 'down';
/** Why a tick was refused (`POST /v1/prices` → `rejected: [{index, code}]`), with a description. */
export const TICK_REFUSALS = {
  NON_FINITE_PRICE: 'the price is NaN or infinite',
  NON_POSITIVE_PRICE: 'the price is zero or negative',
  OUT_OF_ORDER: "the tick is older than its source's last tick",
  FUTURE_TIME: 'the tick is stamped more than maxClockSkewMs in the future',
  INVALID_TIME: 'the time is not a non-negative number of milliseconds',
} as const;

export type TickRefusal = keyof typeof TICK_REFUSALS;
/** Why a source is not valid now. */
export type SourceFault = 'STALE' | 'DEVIATION';

export interface SourceTick {
  readonly price: number;
  /** Milliseconds since the epoch, as stamped by the source. */
  readonly time: number;
}

export interface SourceView extends SourceTick {
  readonly source: string;
  readonly valid: boolean;
  readonly reason: SourceFault | null;
}

/** A market's prices at one time without the per-source list: what a tick needs. */
export type MarketPriceSummary = Omit<MarketPriceView, 'sources'>;

/** A market's prices at one time. */
export interface MarketPriceView {
  /** Median of the valid sources; null when none is valid. */
  readonly price: number | null;
  /** Lowest and highest valid price (null when none is valid). */
  readonly low: number | null;
  readonly high: number | null;
  /** Status from the sources right now. */
  readonly status: PriceStatus;
  /** Status with the grace period applied: what accounts and orders see. */
  readonly effective: PriceStatus;
  readonly validSources: number;
  /** The denial code for adding risk here, when `effective` is not `ok`. */
  readonly fault: 'STALE_PRICE' | 'PRICE_DEVIATION' | 'INSUFFICIENT_SOURCES' | null;
  readonly sources: readonly SourceView[];
}

/** True when `market` names a major (its base asset is one of `majors`): BTCUSDT, ETH-PERP, BTC/USD:BTC. */
export function isMajor(market: string, majors: readonly string[]): boolean {
  const upper = market.toUpperCase();
  return majors.some((m) => upper.startsWith(m) && /^($|[-_/:.]|USD|PERP|EUR)/.test(upper.slice(m.length)));
}

/** What {@link MarketPrices.state} captures. */
export interface MarketPricesState {
  readonly ticks: ReadonlyMap<string, SourceTick>;
  readonly lastDown: { at: number; fault: MarketPriceView['fault'] };
  readonly lastDegraded: { at: number; fault: MarketPriceView['fault'] };
  readonly everOk: boolean;
}

/** The sources of one market and the times it was last seen degraded. */
export class MarketPrices {
  readonly market: string;
  private readonly ticks = new Map<string, SourceTick>();
  /** Last time (and fault) the market was seen down, and seen degraded at all; -∞ before. */
  private lastDown: { at: number; fault: MarketPriceView['fault'] } = { at: -Infinity, fault: null };
  private lastDegraded: { at: number; fault: MarketPriceView['fault'] } = { at: -Infinity, fault: null };
  /** Until the market is first ok it is warming up: no grace period applies yet. */
  private everOk = false;
  private readonly maxDeviation: number;

  constructor(
    market: string,
    private readonly config: EngineConfig['prices'],
  ) {
    this.market = market;
    this.maxDeviation = isMajor(market, config.majors) ? config.maxDeviationMajors : config.maxDeviation;
  }

  /** Everything that changes, for a snapshot. */
  state(): MarketPricesState {
    return { ticks: new Map(this.ticks), lastDown: this.lastDown, lastDegraded: this.lastDegraded, everOk: this.everOk };
  }

  /** A market's sources as `state` left them. */
  static fromState(market: string, config: EngineConfig['prices'], state: MarketPricesState): MarketPrices {
    const m = new MarketPrices(market, config);
    for (const [source, tick] of state.ticks) m.ticks.set(source, tick);
    m.lastDown = state.lastDown;
    m.lastDegraded = state.lastDegraded;
    m.everOk = state.everOk;
    return m;
  }

  /** Number of sources that ever sent an accepted tick. */
  get sourceCount(): number {
    return this.ticks.size;
  }

  /**
   * Applies one tick from `source` at engine time `now`, or says why it is refused.
   *
   * @example
   * const m = new MarketPrices('BTCUSDT', engineConfig().prices);
   * m.submit('a', { price: 65000, time: 1000 }, 1000); // => null (accepted)
   * m.submit('a', { price: 64990, time: 999 }, 1001);  // => 'OUT_OF_ORDER'
   */
  submit(source: string, tick: SourceTick, now: number): TickRefusal | null {
    if (!Number.isFinite(tick.price)) return 'NON_FINITE_PRICE';
    if (tick.price <= 0) return 'NON_POSITIVE_PRICE';
    if (!Number.isFinite(tick.time) || tick.time < 0) return 'INVALID_TIME';
    if (tick.time > now + this.config.maxClockSkewMs) return 'FUTURE_TIME';
    const last = this.ticks.get(source);
    if (last !== undefined && tick.time < last.time) return 'OUT_OF_ORDER';
    this.record(now); // the status just before this tick counts as seen (a feed that was silent was down until now)
    this.ticks.set(source, { price: tick.price, time: tick.time });
    this.record(now);
    return null;
  }

  /** Records the status at `now` for the grace period; returns the summary (no per-source list). */
  observe(now: number): MarketPriceSummary {
    this.record(now);
    return this.effective(now);
  }

  /** The view at `now` without recording anything, with every source judged. */
  read(now: number): MarketPriceView {
    this.judge(now);
    const sources: SourceView[] = [];
    for (const [source, t] of this.ticks) {
      const reason = this.faultOf(t, now);
      sources.push({ source, price: t.price, time: t.time, valid: reason === null, reason });
    }
    const e = this.effective(now);
    return { price: e.price, low: e.low, high: e.high, status: e.status, effective: e.effective, validSources: e.validSources, fault: e.fault, sources };
  }

  /** Judges the sources at `now` and records a degraded status for the grace period. */
  private record(now: number): void {
    this.judge(now);
    const status = this.status;
    if (status === 'ok') this.everOk = true;
    else if (this.everOk) {
      this.lastDegraded = { at: now, fault: this.fault };
      if (status === 'down') this.lastDown = { at: now, fault: this.fault };
    }
  }

  /** The last judgement with the grace period applied. */
  private effective(now: number): MarketPriceSummary {
    const grace = this.config.graceMs;
    let effective: PriceStatus = this.status;
    let fault = this.fault;
    if (this.status !== 'down') {
      if (now - this.lastDown.at < grace) {
        effective = 'down';
        fault = this.lastDown.fault;
      } else if (this.status === 'ok' && now - this.lastDegraded.at < grace) {
        effective = 'suspect';
        fault = this.lastDegraded.fault;
      }
    }
    const n = this.validCount;
    return { price: n > 0 ? this.mid : null, low: n > 0 ? this.low : null, high: n > 0 ? this.high : null, status: this.status, effective, validSources: n, fault };
  }

  /** Why the source's last tick is not valid at `now` against the last judged median (null: valid). */
  private faultOf(t: SourceTick, now: number): SourceFault | null {
    if (now - t.time > this.config.staleAfterMs) return 'STALE';
    if (Math.abs(t.price / this.liveMedian - 1) > this.maxDeviation) return 'DEVIATION';
    return null;
  }

  // The last judgement (module doc), kept in fields so that a tick allocates nothing for it.
  private status: PriceStatus = 'down';
  private fault: MarketPriceView['fault'] = 'STALE_PRICE';
  private validCount = 0;
  private liveMedian = Number.NaN;
  private mid = Number.NaN;
  private low = Number.NaN;
  private high = Number.NaN;
  private scratch = new Float64Array(8);

  /** Judges every source at `now` (module doc): median of the live, valid ones, their range, the status. */
  private judge(now: number): void {
    if (this.scratch.length < this.ticks.size) this.scratch = new Float64Array(2 * this.ticks.size);
    const buf = this.scratch;
    const stale = this.config.staleAfterMs;
    let live = 0;
    for (const t of this.ticks.values()) if (now - t.time <= stale) buf[live++] = t.price;
    this.liveMedian = live > 0 ? sortedMedian(buf, live) : Number.NaN;
    let n = 0;
    let low = Infinity;
    let high = -Infinity;
    for (const t of this.ticks.values()) {
      if (this.faultOf(t, now) !== null) continue;
      buf[n++] = t.price;
      if (t.price < low) low = t.price;
      if (t.price > high) high = t.price;
    }
    this.validCount = n;
    this.mid = n > 0 ? sortedMedian(buf, n) : Number.NaN;
    this.low = low;
    this.high = high;
    this.status = n >= this.config.minSources ? 'ok' : n > 0 ? 'suspect' : 'down';
    this.fault = this.status === 'ok' ? null : n > 0 ? 'INSUFFICIENT_SOURCES' : live > 0 ? 'PRICE_DEVIATION' : 'STALE_PRICE';
  }
}

/** Sorts the first `n` values of `buf` in place (insertion sort: a market has a handful of sources) and returns their median. */
function sortedMedian(buf: Float64Array, n: number): number {
  for (let i = 1; i < n; i++) {
    const x = buf[i] as number;
    let j = i - 1;
    while (j >= 0 && (buf[j] as number) > x) {
      buf[j + 1] = buf[j] as number;
      j--;
    }
    buf[j + 1] = x;
  }
  const mid = n >> 1;
  return n % 2 === 1 ? (buf[mid] as number) : ((buf[mid - 1] as number) + (buf[mid] as number)) / 2;
}
