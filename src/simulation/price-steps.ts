/**
 * One price step of a block of simulated paths — ln S += u, S ×= e^u (a degree-9 Taylor
 * polynomial for |u| ≤ 1/16, else Math.exp) and the price change S′ − S — as a WebAssembly SIMD
 * loop (`./price-steps.wat`, assembled by scripts/build-wasm.mjs; formula and error bound there)
 * over the hedging chunk's arrays in the delta kernel's memory (`../options/delta-wasm.ts`):
 * `./hedge-paths.ts` writes each path's log increment into `ds`, this turns it into the price change.
 * A block [lo, hi) is rounded up to a pair (the chunk's arrays hold an even number of elements).
 */
import { instantiateWasm } from '../core/wasm.js';
import { kernelMemory } from '../options/delta-wasm.js';
import { WASM_BASE64 } from './price-steps.wasm.js';

const wasm = instantiateWasm(WASM_BASE64, { kernel: { memory: kernelMemory }, math: { exp: Math.exp } });
const applyWasm = wasm.applyIncrements as (x: number, s: number, u: number, pairs: number) => void;

/** Paths [lo, hi): x += u, s ×= e^u, and u ← the price change (module doc). */
export function applyIncrements(x: Float64Array, s: Float64Array, u: Float64Array, lo: number, hi: number): void {
  applyWasm(x.byteOffset + 8 * lo, s.byteOffset + 8 * lo, u.byteOffset + 8 * lo, (hi - lo + 1) >> 1);
}
