/**
 * The hedging simulator's per-step bookkeeping — the hedge's gain N·ΔS and the interval/band
 * rule's trades with their cost, turnover and count — as WebAssembly SIMD loops
 * (`./hedge-trades.wat`, assembled by scripts/build-wasm.mjs) over arrays that live in the delta
 * kernel's memory (`../options/delta-wasm.ts`): `./hedge-kernel.ts` keeps its chunk there, so the
 * deltas are read where the delta kernel wrote them, with no copy. Pairs of paths: an array of
 * the chunk holds an even number of elements (the last may be padding), and a block [lo, hi)
 * may end one element short of a pair.
 */
import { instantiateWasm } from '../core/wasm.js';
import { kernelMemory } from '../options/delta-wasm.js';
import { WASM_BASE64 } from './hedge-trades.wasm.js';

const wasm = instantiateWasm(WASM_BASE64, { kernel: { memory: kernelMemory } });
const creditWasm = wasm.credit as (hedge: number, pnl: number, ds: number, pairs: number) => void;
const toTargetWasm = wasm.toTarget as (hedge: number, pnl: number, cost: number, turnover: number, trades: number, ds: number, s: number, delta: number, pairs: number, band: number, lambda: number) => void;

/** Byte address of element i of a kernel-memory array. */
const at = (a: Float64Array, i: number) => a.byteOffset + 8 * i;

/** pnl += hedge·ds on paths [lo, hi) (rounded up to a pair). */
export function creditHedge(hedge: Float64Array, pnl: Float64Array, ds: Float64Array, lo: number, hi: number): void {
  creditWasm(at(hedge, lo), at(pnl, lo), at(ds, lo), (hi - lo + 1) >> 1);
}

/** One policy's tallies: the hedge N and, per path, cost, turnover and trade count. */
export interface Ledger {
  readonly hedge: Float64Array;
  readonly cost: Float64Array;
  readonly turnover: Float64Array;
  readonly trades: Float64Array;
}

/**
 * Credits N·ΔS, then moves N to the target −Δ on paths [lo, hi) where |N − N*| > band (band −1:
 * always, i.e. interval hedging), paying λ·|ΔN|·S.
 */
export function tradeToTarget(l: Ledger, pnl: Float64Array, ds: Float64Array, s: Float64Array, delta: Float64Array, lo: number, hi: number, band: number, lambda: number): void {
  toTargetWasm(at(l.hedge, lo), at(pnl, lo), at(l.cost, lo), at(l.turnover, lo), at(l.trades, lo), at(ds, lo), at(s, lo), at(delta, lo), (hi - lo + 1) >> 1, band, lambda);
}
