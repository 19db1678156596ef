/**
 * A price feed adapter: something that produces ticks for the engine (a CSV replay, the
 * synthetic generator, ccxt). It calls `sink` with batches; the service commits each batch to
 * the command log before the engine applies it, exactly as for `POST /v1/prices`. A venue feed
 * (ccxt) also takes `events`: its fills go in as `POST /v1/accounts/{id}/fills` would, and what
 * the operator must see (a position that differs from the venue's, a venue error) is reported.
 */
import type { FillInput, TickInput } from '../../engine/schemas.js';

/** Something a feed reports to the operator (one JSON line on stderr under `tradesize serve`); never holds secrets. */
export type FeedReport =
  | { readonly type: 'position-mismatch'; readonly source: string; readonly account: string; readonly market: string; readonly symbol: string; readonly engine: number; readonly venue: number }
  | { readonly type: 'feed-error'; readonly source: string; readonly operation: string; readonly code: string; readonly message: string }
  | { readonly type: 'feed-mode'; readonly source: string; readonly prices: 'watch' | 'poll'; readonly trades: 'watch' | 'poll' | 'off'; readonly positions: 'watch' | 'poll' | 'off' };

export interface FeedEvents {
  /** A fill of `account` learnt from the venue; false when it was not taken (no such account yet): the feed offers it again. */
  fill?(account: string, fill: FillInput, now: number): boolean;
  /** The engine's signed quantity (contracts, + long) of `account` in `market`; 0 when flat, undefined when there is no such account. */
  position?(account: string, market: string): number | undefined;
  report?(r: FeedReport): void;
}

export interface FeedAdapter {
  /** Starts producing; `sink` receives each batch of ticks with the engine time it arrived. */
  start(sink: (ticks: readonly TickInput[], now: number) => void, events?: FeedEvents): void;
  stop(): void;
}
