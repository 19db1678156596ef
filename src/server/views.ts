/**
 * Read-only views of the whole engine, for lists and the dashboard: every account
 * (`GET /v1/accounts`), every market with its sources (`GET /v1/markets`), and both together as
 * the `snapshot` message of `/v1/stream?snapshots=1`. Reads change nothing (a replayed log still
 * reaches the same state).
 *
 * Ticks change marks, PnL and liquidation numbers without an engine event, so a subscriber to
 * snapshots gets one on connecting and then one after any command was applied (prices, the
 * once-a-second `advance`), at most every `intervalMs`: a dashboard sees every tick's effect
 * without polling, and a slow client is skipped rather than buffered without bound (a later
 * snapshot supersedes an earlier one).
 */
import type { AccountView, RiskEngine } from '../engine/engine.js';
import type { Service } from './service.js';

export type MarketView = ReturnType<RiskEngine['getMarket']>;

export interface Snapshot {
  readonly type: 'snapshot';
  /** Engine time the views were read at (ms). */
  readonly time: number;
  /** The first {@link SNAPSHOT_ACCOUNTS} accounts, and how many there are. */
  readonly accounts: readonly AccountView[];
  readonly totalAccounts: number;
  readonly markets: readonly MarketView[];
  /** The engine's alert thresholds (`alerts.*` of --config), for gauges. */
  readonly thresholds: { readonly marginRatio: number; readonly liquidationProbability: number };
}

/** Accounts the dashboard's snapshots carry (the first ones; a large book is paged through `GET /v1/accounts`). */
export const SNAPSHOT_ACCOUNTS = 100;

/** A page of accounts in creation order. */
export const accountsView = (engine: RiskEngine, offset = 0, limit = SNAPSHOT_ACCOUNTS): AccountView[] => engine.accountIds(offset, limit).map((id) => engine.getAccount(id));

export const marketsView = (engine: RiskEngine, now: number): MarketView[] => engine.marketIds().map((m) => engine.getMarket(m, now));

export function snapshot(engine: RiskEngine, now: number): Snapshot {
  return { type: 'snapshot', time: now, accounts: accountsView(engine), totalAccounts: engine.accountCount, markets: marketsView(engine, now), thresholds: { ...engine.config.alerts } };
}

/** Sends snapshots to its subscribers (module doc); its timer runs only while someone listens. */
export class SnapshotHub {
  private readonly listeners = new Set<(s: Snapshot) => void>();
  private timer: NodeJS.Timeout | undefined;
  private seen = -1;

  constructor(
    private readonly service: Service,
    private readonly clock: () => number,
    private readonly intervalMs = 250,
  ) {}

  /** Calls `fn` now and after every change; returns the unsubscribe function. */
  subscribe(fn: (s: Snapshot) => void): () => void {
    this.listeners.add(fn);
    fn(snapshot(this.service.engine, this.clock()));
    if (this.timer === undefined) {
      this.timer = setInterval(() => this.tick(), this.intervalMs);
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(fn);
      if (this.listeners.size === 0) this.stop();
    };
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.seen = -1;
  }

  private tick(): void {
    if (this.service.commands === this.seen) return;
    this.seen = this.service.commands;
    const s = snapshot(this.service.engine, this.clock());
    for (const fn of this.listeners) fn(s);
  }
}
