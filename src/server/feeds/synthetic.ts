/**
 * The synthetic demo feed: for each market a fat-tailed, volatility-clustered price path, a
 * GARCH(1,1) with standardised Student-t(4) innovations (Bollerslev 1986, 1987), seen through three
 * sources that each add a small independent error (2 bp). The third source misbehaves now and
 * then, so that every price-integrity rule shows in the demo: it stalls (sends nothing for 15 s,
 * so it goes stale) or sends a one-tick spike (×1.5 or ÷1.5, which the median filter rejects).
 * Seeded: the same seed gives the same ticks.
 */
import { Stream } from '../../simulation/stream.js';
import type { TickInput } from '../../engine/schemas.js';
import type { FeedAdapter } from './adapter.js';

export interface SyntheticMarket {
  readonly market: string;
  readonly start: number;
  /** Volatility per step (a fraction; default 0.002). */
  readonly sigma?: number;
}

export interface SyntheticOptions {
  readonly markets: readonly SyntheticMarket[];
  readonly intervalMs?: number;
  readonly seed?: number;
  /** Per step, the chance that the third source starts a 15 s stall, and that it sends a spike. */
  readonly stallChance?: number;
  readonly spikeChance?: number;
}

const NU = 4;
const T_SCALE = Math.sqrt((NU - 2) / NU); // a t(ν) draw × this has unit variance
const SOURCES = ['feed-a', 'feed-b', 'feed-c'] as const;

interface PathState {
  price: number;
  h: number;
  readonly omega: number;
  stalledUntil: number;
}

/** One step of every market's path and its three sources' ticks at time `now`. */
export function syntheticStep(paths: PathState[], markets: readonly SyntheticMarket[], rng: Stream, now: number, o: SyntheticOptions): TickInput[] {
  const ticks: TickInput[] = [];
  markets.forEach((m, i) => {
    const p = paths[i] as PathState;
    const z = rng.studentT(NU) * T_SCALE;
    const r = Math.sqrt(p.h) * z;
    p.price *= Math.exp(r - p.h / 2);
    p.h = p.omega + 0.08 * r * r + 0.9 * p.h;
    if (p.stalledUntil <= now && rng.uniform() < (o.stallChance ?? 0.002)) p.stalledUntil = now + 15_000;
    for (const source of SOURCES) {
      if (source === 'feed-c' && p.stalledUntil > now) continue;
      let price = p.price * (1 + 0.0002 * rng.normal());
      if (source === 'feed-c' && rng.uniform() < (o.spikeChance ?? 0.003)) price *= rng.uniform() < 0.5 ? 1.5 : 1 / 1.5;
      ticks.push({ market: m.market, source, price, time: now });
    }
  });
  return ticks;
}

/** The synthetic feed as an adapter, ticking every `intervalMs` (default 250 ms). */
export function syntheticFeed(o: SyntheticOptions): FeedAdapter {
  const rng = new Stream(o.seed ?? 1, 0);
  const paths: PathState[] = o.markets.map((m) => {
    const s = m.sigma ?? 0.002;
    return { price: m.start, h: s * s, omega: s * s * 0.02, stalledUntil: 0 };
  });
  let timer: NodeJS.Timeout | undefined;
  return {
    start(sink) {
      timer = setInterval(() => {
        const now = Date.now();
        sink(syntheticStep(paths, o.markets, rng, now, o), now);
      }, o.intervalMs ?? 250);
      timer.unref();
    },
    stop() {
      if (timer !== undefined) clearInterval(timer);
    },
  };
}
