/**
 * The price paths of the hedging kernel (`./hedge-kernel.ts`), one step at a time for a block of
 * paths [lo, hi): GBM, ln S′ = ln S + drift + σ√Δt·Z; GARCH(1,1)-t, ln S′ = ln S + drift + e,
 * e = √h·T·√((ν − 2)/ν), h′ = ω + α·e² + β·h (Bollerslev 1987; as in `first-passage-kernel.ts`);
 * historical, the window's log-prices shifted to start at ln S_0. Each records the price change
 * S′ − S in `ds` for the hedge's P&L. GBM and GARCH write their log increments into `ds` and
 * apply them in one SIMD pass (`./price-steps.ts`: S′ = S·e^u without an exponential), so their
 * arrays must live in the delta kernel's memory, as the hedging kernel's do.
 */
import type { HedgeSpec } from './hedge-spec.js';
import { Stream, ZIG_RATIO, ZIG_X } from './stream.js';
import { applyIncrements } from './price-steps.js';

const TWO_M24 = 1 / 16777216;

/** The prices of a block of paths: ln S, S, the last change, and (garch-t) the conditional variance. */
export interface PathState {
  lo: number;
  hi: number;
  readonly x: Float64Array;
  readonly s: Float64Array;
  readonly ds: Float64Array;
  readonly h: Float64Array;
}

/** Moves path p to ln S = next (x, s updated); returns the price change. */
function move(x: Float64Array, s: Float64Array, p: number, next: number): number {
  const sNext = Math.exp(next);
  const ds = sNext - (s[p] as number);
  x[p] = next;
  s[p] = sNext;
  return ds;
}

/** One GBM step of every path of the block. */
export function advanceGbm(spec: HedgeSpec, st: PathState, stream: Stream): void {
  const { x, s, ds } = st;
  const { drift, scale } = spec;
  const zx = ZIG_X;
  const zr = ZIG_RATIO;
  const rs = stream.state;
  let s0 = rs[0] as number;
  let s1 = rs[1] as number;
  let s2 = rs[2] as number;
  let s3 = rs[3] as number;
  for (let p = st.lo; p < st.hi; p++) {
    // `stream.normal()` (./stream.ts) inlined on locals, as in first-passage-kernel.ts: the same draws.
    const m = Math.imul(s1, 5);
    const r = Math.imul((m << 7) | (m >>> 25), 9);
    const sh = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= sh;
    s3 = (s3 << 11) | (s3 >>> 21);
    const layer = r & 127;
    const u = ((r >> 7) + 0.5) * TWO_M24;
    let z: number;
    if (Math.abs(u) < (zr[layer] as number)) z = u * (zx[layer] as number);
    else {
      rs[0] = s0;
      rs[1] = s1;
      rs[2] = s2;
      rs[3] = s3;
      z = stream.normalSlow(layer, u);
      s0 = rs[0] as number;
      s1 = rs[1] as number;
      s2 = rs[2] as number;
      s3 = rs[3] as number;
    }
    ds[p] = drift + scale * z;
  }
  rs[0] = s0;
  rs[1] = s1;
  rs[2] = s2;
  rs[3] = s3;
  applyIncrements(x, s, ds, st.lo, st.hi);
}

/** One GARCH(1,1)-t step of every path of the block. */
export function advanceGarch(spec: HedgeSpec, st: PathState, stream: Stream): void {
  const { x, s, ds, h } = st;
  const { drift, omega, alpha, beta, nu } = spec;
  const unit = Math.sqrt((nu - 2) / nu);
  for (let p = st.lo; p < st.hi; p++) {
    const e = Math.sqrt(h[p] as number) * stream.studentT(nu) * unit;
    h[p] = omega + alpha * e * e + beta * (h[p] as number);
    ds[p] = drift + e;
  }
  applyIncrements(x, s, ds, st.lo, st.hi);
}

/** Step i of every historical window of the block (`first`: the chunk's first path). */
export function advanceHistorical(spec: HedgeSpec, st: PathState, i: number, first: number): void {
  const { x, s, ds } = st;
  const lp = spec.logPrices as Float64Array;
  const starts = spec.starts as Int32Array;
  const base = Math.log(spec.spot0);
  for (let p = st.lo; p < st.hi; p++) {
    const j = starts[first + p] as number;
    ds[p] = move(x, s, p, base + (lp[j + i] as number) - (lp[j] as number));
  }
}
