/**
 * The delta kernel's WebAssembly instance (`./delta-kernel.wat`, assembled by
 * scripts/build-wasm.mjs) and its memory: the piecewise Taylor tables of N and n
 * (`../dists/normal-taylor.ts`, copied in once at load), four copy tiles for arrays that live
 * outside it, and a workspace in which a caller's working arrays can live, so that the kernel
 * reads and writes them in place (the hedging simulator's chunk arrays).
 *
 * Layout (bytes): [0, 2T) the N and n tables (T = 544·7·8 = 30,464); [65,536, 131,072) the
 * tiles x, s, d, g of {@link TILE} doubles each; from 131,072 the workspace, grown on demand (a
 * growth detaches the earlier views of the memory: the tiles are re-made, and a workspace is
 * valid until the next call).
 */
import { instantiateWasm, type WasmMemory } from '../core/wasm.js';
import { TAYLOR_INTERVALS, TAYLOR_PDF_TABLE, TAYLOR_PER_UNIT, TAYLOR_RANGE, TAYLOR_STRIDE, TAYLOR_TABLE } from '../dists/normal-taylor.js';
import { WASM_BASE64 } from './delta-kernel.wasm.js';

/** (x, s, d, g, pairs, slope, offset, wScale, gScale, withGamma): `./delta-kernel.wat`. */
type AddDeltaGammaWasm = (x: number, s: number, d: number, g: number, pairs: number, slope: number, offset: number, wScale: number, gScale: number, withGamma: number) => void;

const PAGE = 65536;
const TABLE_BYTES = TAYLOR_TABLE.length * 8;
/** Elements per copy tile. */
export const TILE = 2048;
/** Byte addresses of the tiles x (log-prices), s (prices), d (deltas), g (gammas). */
export const TILE_X = PAGE;
export const TILE_S = TILE_X + 8 * TILE;
export const TILE_D = TILE_S + 8 * TILE;
export const TILE_G = TILE_D + 8 * TILE;
const WORKSPACE = TILE_G + 8 * TILE;

const wasm = instantiateWasm(WASM_BASE64, {
  taylor: { range: TAYLOR_RANGE, perUnit: TAYLOR_PER_UNIT, last: TAYLOR_INTERVALS - 1, stride: TAYLOR_STRIDE, pdf: TABLE_BYTES },
});
/** The kernel's memory (other WebAssembly kernels import it to work on the same arrays). */
export const kernelMemory = wasm.memory as WasmMemory;
/** The SIMD loop: 2·pairs elements from each byte address (`./delta-kernel.wat`). */
export const addDeltaGammaWasm = wasm.addDeltaGamma as AddDeltaGammaWasm;
new Float64Array(kernelMemory.buffer, 0, TAYLOR_TABLE.length).set(TAYLOR_TABLE);
new Float64Array(kernelMemory.buffer, TABLE_BYTES, TAYLOR_PDF_TABLE.length).set(TAYLOR_PDF_TABLE);

/** Views of the four tiles. */
export interface Tiles {
  readonly x: Float64Array;
  readonly s: Float64Array;
  readonly d: Float64Array;
  readonly g: Float64Array;
}

function tilesOf(buffer: ArrayBuffer): Tiles {
  return { x: new Float64Array(buffer, TILE_X, TILE), s: new Float64Array(buffer, TILE_S, TILE), d: new Float64Array(buffer, TILE_D, TILE), g: new Float64Array(buffer, TILE_G, TILE) };
}
let tiles = tilesOf(kernelMemory.buffer);

/** The tiles, as views of the memory's current buffer. */
export function kernelTiles(): Tiles {
  if (tiles.x.buffer !== kernelMemory.buffer) tiles = tilesOf(kernelMemory.buffer);
  return tiles;
}

/**
 * A zeroed region of `doubles` doubles in the kernel's memory, for one caller's working arrays
 * (the kernel reads and writes arrays there in place). Valid until the next call.
 */
export function kernelWorkspace(doubles: number): Float64Array {
  const short = WORKSPACE + 8 * doubles - kernelMemory.buffer.byteLength;
  if (short > 0) kernelMemory.grow(Math.ceil(short / PAGE));
  return new Float64Array(kernelMemory.buffer, WORKSPACE, doubles).fill(0);
}
