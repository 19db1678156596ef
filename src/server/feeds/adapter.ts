/**
 * A price feed adapter: something that produces ticks for the engine (a CSV replay, the
 * synthetic generator, ccxt). It calls `sink` with batches; the service commits each batch to
 * the command log before the engine applies it, exactly as for `POST /v1/prices`.
 */
import type { TickInput } from '../../engine/schemas.js';

export interface FeedAdapter {
  /** Starts producing; `sink` receives each batch of ticks with the engine time it arrived. */
  start(sink: (ticks: readonly TickInput[], now: number) => void): void;
  stop(): void;
}
