/**
 * The first-passage kernel: simulates one chunk of log-price paths X_0 = 0, X_{k+1} = X_k + Δ_k on
 * a grid of `steps` steps of length Δt and counts which barrier each path hits first.
 *
 * Increments Δ_k (per-step units, see `path-spec.ts`):
 * - gbm:       Δ = ν·Δt + σ√Δt·Z, Z ~ N(0, 1)                          (exact for GBM in ln S);
 * - student-t: Δ = ν·Δt + σ√Δt·T·√((ν_t − 2)/ν_t), T ~ t(ν_t)           (unit-variance t, sd matched to σ);
 * - garch-t:   Δ = ν·Δt + e, e = √h·T·√((ν_t − 2)/ν_t), h' = ω + α·e² + β·h  (GARCH(1,1)-t, Bollerslev 1987).
 *
 * Monitoring. gbm with `bridge`: between grid points x = X_k and y = X_{k+1}, both inside the
 * barriers, the Brownian bridge crossed the lower barrier −a with probability
 * p_L = exp(−2(x + a)(y + a)/(σ²Δt)) and the upper b with p_U = exp(−2(b − x)(b − y)/(σ²Δt));
 * one uniform V decides: lower if V < p_L, else upper if V < p_L + p_U. This is exact for one
 * barrier; with both in reach the exact no-exit probability of the bridge is
 * 1 − p_L − p_U + (image terms each ≤ p_L·p_U), and a grid point beyond one barrier may have been
 * preceded by a touch of the other (probability p_U resp. p_L of the bridge to that point). So
 * when the call is uncertain by more than 1e-7 (p_L·p_U inside, the other barrier's crossing
 * probability outside) the step is refined instead: the bridge's midpoint is drawn,
 * m ~ N((x + y)/2, σ²Δt/4), and each half is decided the same way (recursively, at most 20
 * halvings), which also settles which barrier comes first. The estimate thus converges to the
 * continuously monitored closed form even on a coarse grid. A probability below e^{−50} is taken
 * as 0 (no uniform is drawn), which keeps the hot loop free of exp for paths far from the
 * barriers. Without `bridge`, and always for student-t and garch-t (discrete-time models: one
 * return per step, e.g. daily closes), barriers are checked at the grid points only.
 *
 * Exit time τ ∧ T: a grid-point exit at step k is at (k + 1)·Δt in the discrete models; with the
 * bridge the crossing lies somewhere in the step, and the midpoint (k + ½)·Δt is used (error at
 * most Δt/2 per path).
 *
 * Sources: P. Glasserman, "Monte Carlo Methods in Financial Engineering" (2004), §6.4 (Brownian
 * bridge crossing probability for barrier options) and §3.1 (Brownian bridge construction: the
 * midpoint given the endpoints); R. Beaglehole, P. H. Dybvig and G. Zhou, "Going to Extremes:
 * Correcting Simulation Bias in Exotic Option Valuation", Financial Analysts Journal 53(1) (1997)
 * 62–68; the strip's image series (the killed transition density divided by the free one):
 * W. Feller, "An Introduction to Probability Theory and Its Applications" vol. II (1971), §X.5;
 * T. Bollerslev, Review of Economics and Statistics 69(3) (1987).
 */
import type { PathSpec } from './path-spec.js';
import { Stream, ZIG_RATIO, ZIG_X } from './stream.js';

/** Layout of a chunk's tally (a Float64Array of {@link TALLY_SIZE}). */
export const TALLY = { lower: 0, upper: 1, sumTime: 2, sumTime2: 3, sumUpperTime: 4, sumUpperTime2: 5 } as const;
export const TALLY_SIZE = 6;

/** Crossing probabilities exp(−k) with k above this are taken as 0. */
const K_MAX = 50;
const TWO_M24 = 1 / 16777216;

/**
 * Simulates `paths` paths of chunk `chunk` and adds their tally into `out` at `offset`.
 * A kernel: the spec is validated by its builder.
 */
export function firstPassageChunk(spec: PathSpec, seed: number, chunk: number, paths: number, out: Float64Array, offset: number): void {
  const stream = new Stream(seed, chunk);
  if (spec.dynamics === 'gbm') gbmChunk(spec, stream, paths, out, offset);
  else fatTailChunk(spec, stream, paths, out, offset);
}

function record(out: Float64Array, offset: number, hit: number, t: number): void {
  if (hit < 0) out[offset + TALLY.lower] = (out[offset + TALLY.lower] as number) + 1;
  else if (hit > 0) {
    out[offset + TALLY.upper] = (out[offset + TALLY.upper] as number) + 1;
    out[offset + TALLY.sumUpperTime] = (out[offset + TALLY.sumUpperTime] as number) + t;
    out[offset + TALLY.sumUpperTime2] = (out[offset + TALLY.sumUpperTime2] as number) + t * t;
  }
  out[offset + TALLY.sumTime] = (out[offset + TALLY.sumTime] as number) + t;
  out[offset + TALLY.sumTime2] = (out[offset + TALLY.sumTime2] as number) + t * t;
}

/**
 * The GBM loop, with the xoshiro128** state in locals and the ziggurat's fast branch inlined
 * (same stream as `Stream.normal`; the state is written back only for the rare slow branch).
 */
function gbmChunk(spec: PathSpec, stream: Stream, paths: number, out: Float64Array, offset: number): void {
  const { steps, drift, scale, dt, bridge } = spec;
  const a = spec.lower;
  const b = spec.upper;
  const c2 = 2 / (scale * scale);
  const horizon = steps * dt;
  const half = bridge ? 0.5 : 1;
  const zx = ZIG_X;
  const zr = ZIG_RATIO;
  const st = stream.state;
  let s0 = st[0] as number;
  let s1 = st[1] as number;
  let s2 = st[2] as number;
  let s3 = st[3] as number;
  for (let p = 0; p < paths; p++) {
    let x = 0;
    let hit = 0;
    let t = horizon;
    for (let i = 0; i < steps; i++) {
      // `xoshiro128ss` (../stats/random.ts) inlined on locals for the Monte Carlo benchmark; test/simulation/first-passage-kernel.test.ts checks the stream.
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
        st[0] = s0;
        st[1] = s1;
        st[2] = s2;
        st[3] = s3;
        z = stream.normalSlow(layer, u);
        s0 = st[0] as number;
        s1 = st[1] as number;
        s2 = st[2] as number;
        s3 = st[3] as number;
      }
      const y = x + drift + scale * z;
      const beyond = y <= -a || y >= b;
      if (beyond && !bridge) hit = y <= -a ? -1 : 1;
      else if (beyond || (bridge && ((x + a) * (y + a) * c2 < K_MAX || (b - x) * (b - y) * c2 < K_MAX))) {
        st[0] = s0;
        st[1] = s1;
        st[2] = s2;
        st[3] = s3;
        hit = bridgeExit(stream, x, y, a, b, c2, 0);
        s0 = st[0] as number;
        s1 = st[1] as number;
        s2 = st[2] as number;
        s3 = st[3] as number;
      }
      if (hit !== 0) {
        t = (i + half) * dt;
        break;
      }
      x = y;
    }
    record(out, offset, hit, t);
  }
  st[0] = s0;
  st[1] = s1;
  st[2] = s2;
  st[3] = s3;
}

/** A bridge step is halved while the probability of a wrong call exceeds this (see `bridgeExit`). */
const BOTH_IN_REACH = 1e-7;
const MAX_HALVINGS = 20;

/**
 * Whether the Brownian bridge from x (inside (−a, b)) to y leaves the strip, and through which
 * barrier first: −1 lower, 1 upper, 0 neither (module doc). `c2` = 2/(σ²·step length). The step
 * is halved at a drawn midpoint while the answer is not yet clear to within {@link BOTH_IN_REACH}:
 * y inside with both barriers in reach, or y beyond one barrier with the other one in reach.
 */
function bridgeExit(stream: Stream, x: number, y: number, a: number, b: number, c2: number, depth: number): number {
  const below = y <= -a;
  const above = y >= b;
  const pl = below ? 1 : Math.exp(-(x + a) * (y + a) * c2);
  const pu = above ? 1 : Math.exp(-(b - x) * (b - y) * c2);
  const settled = below ? pu <= BOTH_IN_REACH : above ? pl <= BOTH_IN_REACH : pl * pu <= BOTH_IN_REACH;
  if (settled || depth >= MAX_HALVINGS) {
    if (below) return -1;
    if (above) return 1;
    const v = stream.uniform();
    return v < pl ? -1 : v < pl + pu ? 1 : 0;
  }
  const m = 0.5 * (x + y) + Math.sqrt(0.5 / c2) * stream.normal();
  // The first half decides when it exits (always, if m is already beyond a barrier).
  const first = bridgeExit(stream, x, m, a, b, 2 * c2, depth + 1);
  return first !== 0 ? first : bridgeExit(stream, m, y, a, b, 2 * c2, depth + 1);
}

/** Student-t and GARCH(1,1)-t increments, monitored at the grid points. */
function fatTailChunk(spec: PathSpec, stream: Stream, paths: number, out: Float64Array, offset: number): void {
  const { steps, drift, scale, dt, nu, omega, alpha, beta, h0 } = spec;
  const a = spec.lower;
  const b = spec.upper;
  const unit = Math.sqrt((nu - 2) / nu);
  const garch = spec.dynamics === 'garch-t';
  const horizon = steps * dt;
  for (let p = 0; p < paths; p++) {
    let x = 0;
    let h = h0;
    let hit = 0;
    let t = horizon;
    for (let i = 0; i < steps; i++) {
      const z = stream.studentT(nu) * unit;
      let e: number;
      if (garch) {
        e = Math.sqrt(h) * z;
        h = omega + alpha * e * e + beta * h;
      } else e = scale * z;
      x += drift + e;
      if (x <= -a) hit = -1;
      else if (x >= b) hit = 1;
      if (hit !== 0) {
        t = (i + 1) * dt;
        break;
      }
    }
    record(out, offset, hit, t);
  }
}
