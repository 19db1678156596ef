/**
 * The replay feed (`tradesize serve --replay FILE.csv --market M --speed X`): real OHLCV bars
 * played back as a price path, seen through the same three sources as the demo (./sources.ts).
 * Each bar becomes four points, open → the nearer extreme → the other extreme → close (the
 * usual intrabar path assumption, as in backtesters that sample OHLC), played at `speed` bars
 * per second, stamped with the engine's clock (so staleness rules apply as live). At the end of
 * the file it starts again from the first bar.
 */
import { Stream } from '../../simulation/stream.js';
import type { OhlcBars } from '../../market/ohlc-csv.js';
import type { FeedAdapter } from './adapter.js';
import { sourceTicks, type Misbehaviour } from './sources.js';

export interface ReplayOptions extends Misbehaviour {
  readonly market: string;
  readonly bars: OhlcBars;
  /** Bars per second (default 2). */
  readonly speed?: number;
  readonly seed?: number;
}

/**
 * The intrabar path of `bars`: four points a bar.
 *
 * @example
 * replayPath({ open: [10], high: [12], low: [9], close: [11] }); // => [10, 9, 12, 11]
 */
export function replayPath(bars: OhlcBars): Float64Array {
  const n = bars.close.length;
  const out = new Float64Array(4 * n);
  for (let i = 0; i < n; i++) {
    const o = bars.open[i] as number;
    const h = bars.high[i] as number;
    const l = bars.low[i] as number;
    const lowFirst = o - l <= h - o;
    out[4 * i] = o;
    out[4 * i + 1] = lowFirst ? l : h;
    out[4 * i + 2] = lowFirst ? h : l;
    out[4 * i + 3] = bars.close[i] as number;
  }
  return out;
}

export function replayFeed(o: ReplayOptions): FeedAdapter {
  const path = replayPath(o.bars);
  const rng = new Stream(o.seed ?? 1, 0);
  const state = { stalledUntil: 0 };
  let at = 0;
  let timer: NodeJS.Timeout | undefined;
  return {
    start(sink) {
      timer = setInterval(() => {
        const now = Date.now();
        sink(sourceTicks(o.market, path[at] as number, now, state, rng, o), now);
        at = (at + 1) % path.length;
      }, 1000 / (4 * (o.speed ?? 2)));
      timer.unref();
    },
    stop() {
      if (timer !== undefined) clearInterval(timer);
    },
  };
}
