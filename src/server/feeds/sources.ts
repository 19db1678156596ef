/**
 * Three price sources over one true price path, as the demo and the replay show them: each adds
 * a small independent error (2 bp), and the third misbehaves now and then so that every
 * price-integrity rule shows: it stalls (sends nothing for 15 s, so it goes stale) or sends a
 * one-tick spike (×1.5 or ÷1.5, which the median filter rejects).
 */
import type { Stream } from '../../simulation/stream.js';
import type { TickInput } from '../../engine/schemas.js';

export const SOURCES = ['feed-a', 'feed-b', 'feed-c'] as const;

export interface Misbehaviour {
  /** Per tick, the chance that the third source starts a 15 s stall, and that it sends a spike. */
  readonly stallChance?: number;
  readonly spikeChance?: number;
}

/** The third source's stall, per market. */
export interface SourceState {
  stalledUntil: number;
}

/** The three sources' ticks for `market` at true price `price` and time `now`. */
export function sourceTicks(market: string, price: number, now: number, state: SourceState, rng: Stream, o: Misbehaviour): TickInput[] {
  if (state.stalledUntil <= now && rng.uniform() < (o.stallChance ?? 0.002)) state.stalledUntil = now + 15_000;
  const ticks: TickInput[] = [];
  for (const source of SOURCES) {
    if (source === 'feed-c' && state.stalledUntil > now) continue;
    let p = price * (1 + 0.0002 * rng.normal());
    if (source === 'feed-c' && rng.uniform() < (o.spikeChance ?? 0.003)) p *= rng.uniform() < 0.5 ? 1.5 : 1 / 1.5;
    ticks.push({ market, source, price: p, time: now });
  }
  return ticks;
}
