/**
 * The synthetic demo feed: for each market a fat-tailed, volatility-clustered price path, a
 * GARCH(1,1) with standardised Student-t(4) innovations (Bollerslev 1986, 1987), seen through
 * three sources of which one misbehaves now and then (./sources.ts). Seeded: the same seed gives
 * the same ticks.
 */
import { Stream } from '../../simulation/stream.js';
import type { TickInput } from '../../engine/schemas.js';
import type { FeedAdapter } from './adapter.js';
import { sourceTicks, type Misbehaviour, type SourceState } from './sources.js';

export interface SyntheticMarket {
  readonly market: string;
  readonly start: number;
  /** Volatility per step (a fraction; default 0.002). */
  readonly sigma?: number;
}

export interface SyntheticOptions extends Misbehaviour {
  readonly markets: readonly SyntheticMarket[];
  readonly intervalMs?: number;
  readonly seed?: number;
}

const NU = 4;
const T_SCALE = Math.sqrt((NU - 2) / NU); // a t(ν) draw × this has unit variance

interface PathState extends SourceState {
  price: number;
  h: number;
  readonly omega: number;
}

/** One step of every market's path and its three sources' ticks at time `now`. */
export function syntheticStep(paths: PathState[], markets: readonly SyntheticMarket[], rng: Stream, now: number, o: Misbehaviour): TickInput[] {
  return markets.flatMap((m, i) => {
    const p = paths[i] as PathState;
    const r = Math.sqrt(p.h) * rng.studentT(NU) * T_SCALE;
    p.price *= Math.exp(r - p.h / 2);
    p.h = p.omega + 0.08 * r * r + 0.9 * p.h;
    return sourceTicks(m.market, p.price, now, p, rng, o);
  });
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
