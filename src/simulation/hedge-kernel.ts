/**
 * The hedging kernel: one chunk of paths of the underlying, along which an option book is
 * delta-hedged with the underlying (a perpetual) by every policy of the spec on the same paths.
 *
 * Step i = 0 … steps − 1 at time t_i = i·Δt and price S_i: the book's USD delta Δ_i and gamma Γ_i
 * are repriced (`../options/delta-kernel.ts`, all paths of the chunk in one loop per option), the
 * target hedge is N* = −Δ_i, and each policy moves its hedge N to N′ by its rule (`hedge-spec.ts`):
 * interval (N′ = N* every k steps), band (N′ = N* when |N − N*| > X), Whalley–Wilmott and
 * Zakamouline (N′ = the nearest edge of [c − H, c + H] when outside, c = N* resp. −Δ at σ_m;
 * `../options/no-trade-band.ts`). All policies start unhedged (N = 0) and apply their rule at
 * step 0. A trade costs λ·|N′ − N|·S_i. Between steps the hedge gains N·(S_{i+1} − S_i).
 *
 * Hedged P&L of a path = V(S_T, T) − V(S_0, 0) + Σ_i N_i·(S_{i+1} − S_i) − costs, V the book's USD
 * value (`../portfolio/valuation.ts` forms; an option expiring at the horizon pays its
 * intrinsic value), with the pricing vol of the path. The hedge's cash earns nothing (a perpetual
 * needs none; with r ≠ 0 the discounting of V drifts the P&L by ≈ r·V·T).
 *
 * Paths (GBM, GARCH(1,1)-t, historical windows): `hedge-paths.ts`. A chunk runs in blocks of 256
 * paths through all steps, so the working arrays stay in the L1 cache. They live in the delta
 * kernel's WebAssembly memory (`../options/delta-wasm.ts`), so that kernel and the interval/band
 * bookkeeping (`hedge-trades.ts`) read and write them in place; each holds an even number of
 * elements (a padding element for an odd chunk).
 *
 * Output per path and policy: P&L, cost, turnover Σ|N′ − N| (units of the underlying) and the
 * number of trades, laid out [field][policy][path] in that order (4 × policies × paths values).
 * References: A. E. Whalley and P. Wilmott (1997); D. Bertsimas, L. Kogan and A. W. Lo, "When is time continuous?",
 * Journal of Financial Economics 55 (2000) 173–204 (the discrete hedging error, O(√Δt)).
 */
import { addDeltaGamma, type DeltaPosition } from '../options/delta-kernel.js';
import { kernelWorkspace } from '../options/delta-wasm.js';
import { INVERSE, BLACK_SCHOLES } from '../options/black-core.js';
import { optionPrice } from '../options/kernel.js';
import { zakamoulineBand } from '../options/no-trade-band.js';
import { CHUNK_PATHS } from './path-spec.js';
import { POLICY_BAND, POLICY_INTERVAL, POLICY_WW, type HedgeSpec } from './hedge-spec.js';
import { Stream } from './stream.js';
import { advanceGarch, advanceGbm, advanceHistorical, type PathState } from './hedge-paths.js';
import { creditHedge, tradeToTarget, type Ledger } from './hedge-trades.js';

const MODEL_NAMES = ['black-scholes', 'black76', 'inverse'] as const;
/** Paths stepped together: ~10 arrays of 256 doubles stay in the L1 cache. */
const BLOCK = 256;

/** USD value of the book at price s with t years elapsed, at vol σ (module doc). */
function bookValue(spec: HedgeSpec, s: number, t: number, vol: number): number {
  let v = 0;
  for (const p of spec.positions) {
    const tau = p.expiry - t;
    const x = p.model === BLACK_SCHOLES ? s : s * Math.exp((spec.rate - spec.div) * Math.max(tau, 0));
    const price = optionPrice(MODEL_NAMES[p.model], p.isCall, x, p.strike, tau, vol, spec.rate, spec.div);
    v += p.quantity * (p.model === INVERSE ? price * s : price);
  }
  return v;
}

/** Per-chunk working arrays (in the kernel's memory): prices (a block [lo, hi) at a time, so they stay in L1), Greeks, and per policy its hedge and tallies. */
interface State extends PathState {
  readonly n: number;
  readonly delta: Float64Array;
  /** null when no policy needs the gamma (interval and fixed band only). */
  readonly gamma: Float64Array | null;
  /** Zakamouline: the book's delta at the modified vol and the band's half-width, per path. */
  readonly deltaM: Float64Array;
  readonly halfM: Float64Array;
  readonly vol: Float64Array;
  /** The positions with the spec's rate and carry, as the delta kernel reads them. */
  readonly book: readonly DeltaPosition[];
  readonly expiry: Float64Array;
  readonly pnl: Float64Array[];
  readonly ledgers: Ledger[];
}

/** x, s, ds, h, delta, deltaM, halfM, vol (and gamma when needed); per policy pnl, hedge, cost, turnover, trades. */
const FIXED_ARRAYS = 8;
const POLICY_ARRAYS = 5;

function stateOf(spec: HedgeSpec, chunk: number, n: number): State {
  const P = spec.policies.length;
  const len = n + (n & 1);
  const needGamma = spec.policies.some((q) => q.code >= POLICY_WW);
  const ws = kernelWorkspace((FIXED_ARRAYS + (needGamma ? 1 : 0) + POLICY_ARRAYS * P) * len);
  let next = 0;
  const array = () => ws.subarray(len * next, len * ++next);
  const vol = array();
  for (let p = 0; p < n; p++) vol[p] = spec.pathVol === null ? spec.vol : (spec.pathVol[chunk * CHUNK_PATHS + p] as number);
  return {
    n, lo: 0, hi: n, x: array().fill(Math.log(spec.spot0)), s: array().fill(spec.spot0), ds: array(), h: array().fill(spec.h0),
    delta: array(), deltaM: array(), halfM: array(), gamma: needGamma ? array() : null, vol, expiry: Float64Array.from(spec.positions, (q) => q.expiry),
    book: spec.positions.map((q) => ({ model: q.model, isCall: q.isCall, quantity: q.quantity, strike: q.strike, rate: spec.rate, div: spec.div })),
    pnl: spec.policies.map(array),
    ledgers: spec.policies.map(() => ({ hedge: array(), cost: array(), turnover: array(), trades: array() })),
  };
}

/**
 * Simulates `paths` paths of chunk `chunk` and returns their per-policy P&L, cost, turnover and
 * trades (module doc). A kernel: the spec is validated by its builder.
 */
export function hedgeChunk(spec: HedgeSpec, seed: number, chunk: number, paths: number): Float64Array {
  const n = paths;
  const P = spec.policies.length;
  const st = stateOf(spec, chunk, n);
  const stream = new Stream(seed, chunk);
  const tauMin = Math.min(...spec.positions.map((q) => q.expiry));
  for (st.lo = 0; st.lo < n; st.lo += BLOCK) {
    st.hi = Math.min(n, st.lo + BLOCK);
    for (let i = 0; i <= spec.steps; i++) {
      if (i > 0) {
        if (spec.dynamics === 'gbm') advanceGbm(spec, st, stream);
        else if (spec.dynamics === 'garch-t') advanceGarch(spec, st, stream);
        else advanceHistorical(spec, st, i, chunk * CHUNK_PATHS);
        // The hedge's gain over this step is credited by `rebalance` before it trades; after the last step, here.
        if (i === spec.steps) for (let k = 0; k < P; k++) creditHedge((st.ledgers[k] as Ledger).hedge, st.pnl[k] as Float64Array, st.ds, st.lo, st.hi);
      }
      if (i === spec.steps) break;
      const t = i * spec.dt;
      repriceBook(spec, st, t);
      for (let k = 0; k < P; k++) rebalance(spec, st, k, i, tauMin - t);
    }
  }
  const v0 = spec.pathVol === null ? bookValue(spec, spec.spot0, 0, spec.vol) : NaN;
  const horizon = spec.steps * spec.dt;
  for (let p = 0; p < n; p++) {
    const vol = st.vol[p] as number;
    const change = bookValue(spec, st.s[p] as number, horizon, vol) - (spec.pathVol === null ? v0 : bookValue(spec, spec.spot0, 0, vol));
    for (let k = 0; k < P; k++) {
      const pnl = st.pnl[k] as Float64Array;
      pnl[p] = (pnl[p] as number) + change - ((st.ledgers[k] as Ledger).cost[p] as number);
    }
  }
  const out = new Float64Array(4 * P * n);
  st.ledgers.forEach((l, k) => {
    [st.pnl[k] as Float64Array, l.cost, l.turnover, l.trades].forEach((a, field) => out.set(a.subarray(0, n), (field * P + k) * n));
  });
  return out;
}

/** The book's delta (and gamma when needed) at every path's price, t years in. */
function repriceBook(spec: HedgeSpec, st: State, t: number): void {
  const { x, s, delta, gamma, vol, book, expiry } = st;
  delta.fill(0, st.lo, st.hi);
  gamma?.fill(0, st.lo, st.hi);
  for (let j = 0; j < book.length; j++) {
    const pos = book[j] as DeltaPosition;
    const tau = (expiry[j] as number) - t;
    if (spec.pathVol === null) addDeltaGamma(pos, spec.vol, tau, x, s, st.lo, st.hi, delta, gamma);
    else for (let p = st.lo; p < st.hi; p++) addDeltaGamma(pos, vol[p] as number, tau, x, s, p, p + 1, delta, gamma);
  }
}

/** Path p's hedge becomes `next` at price `price`: the trade's cost λ·|ΔN|·S, turnover and count. */
function trade(l: Ledger, p: number, held: number, next: number, price: number, costRate: number): void {
  const size = Math.abs(next - held);
  l.cost[p] = (l.cost[p] as number) + costRate * size * price;
  l.turnover[p] = (l.turnover[p] as number) + size;
  l.trades[p] = (l.trades[p] as number) + 1;
  l.hedge[p] = next;
}

/** Credits policy k's gain N·ΔS over the step just taken, then applies its rule at step i on every path (module doc). */
function rebalance(spec: HedgeSpec, st: State, k: number, i: number, tau: number): void {
  const { s, delta, ds } = st;
  const pol = spec.policies[k] as HedgeSpec['policies'][number];
  const l = st.ledgers[k] as Ledger;
  const hedge = l.hedge;
  const pnl = st.pnl[k] as Float64Array;
  const lambda = spec.costRate;
  if (pol.code === POLICY_INTERVAL && i % pol.every !== 0) {
    creditHedge(hedge, pnl, ds, st.lo, st.hi);
    return;
  }
  // ds is 0 before the first step (i = 0), so the credit below adds nothing there.
  if (pol.code === POLICY_INTERVAL || pol.code === POLICY_BAND) {
    // Back to N* when due (interval) or when |N − N*| > X (band).
    tradeToTarget(l, pnl, ds, s, delta, st.lo, st.hi, pol.code === POLICY_BAND ? pol.band : -1, lambda);
  } else {
    const zak = pol.code > POLICY_WW;
    if (zak) modifiedDelta(spec, st, pol.costRate, pol.riskAversion, tau, i * spec.dt);
    const gamma = st.gamma as Float64Array;
    // wwHalfWidth (../options/no-trade-band.ts) with its constant factor hoisted out of the loop.
    const wwScale = (3 * Math.exp(-spec.rate * tau) * pol.costRate) / (2 * pol.riskAversion);
    for (let p = st.lo; p < st.hi; p++) {
      const held = hedge[p] as number;
      pnl[p] = (pnl[p] as number) + held * (ds[p] as number);
      const g = gamma[p] as number;
      const centre = zak ? -(st.deltaM[p] as number) : -(delta[p] as number);
      const half = zak ? (st.halfM[p] as number) : Math.cbrt(wwScale * (s[p] as number) * g * g);
      if (held < centre - half) trade(l, p, held, centre - half, s[p] as number, lambda);
      else if (held > centre + half) trade(l, p, held, centre + half, s[p] as number, lambda);
    }
  }
}

/** Zakamouline's band per path: the book's delta at the modified vol into st.deltaM, H0 + H1 into st.halfM. */
function modifiedDelta(spec: HedgeSpec, st: State, costRate: number, riskAversion: number, tau: number, t: number): void {
  const { x, s, vol, deltaM, halfM, book, expiry } = st;
  const gamma = st.gamma as Float64Array;
  deltaM.fill(0, st.lo, st.hi);
  for (let p = st.lo; p < st.hi; p++) {
    const band = zakamoulineBand(costRate, riskAversion, s[p] as number, gamma[p] as number, vol[p] as number, tau, spec.rate);
    halfM[p] = band.halfWidth;
    for (let j = 0; j < book.length; j++) addDeltaGamma(book[j] as DeltaPosition, band.modifiedVol, (expiry[j] as number) - t, x, s, p, p + 1, deltaM, null);
  }
}
