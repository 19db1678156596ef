/**
 * Synchronous instantiation of the project's WebAssembly kernels (each assembled from its .wat
 * source by scripts/build-wasm.mjs into a generated NAME.wasm.ts holding the binary as base64).
 * Node compiles a module synchronously at any size (the 4 kB limit is a browser main-thread
 * rule). The project's TypeScript library set has no WebAssembly types (they live in the DOM
 * library), so the few members used are typed here.
 */

/** A WebAssembly.Memory (64 kB pages). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The exports of the module in `base64`, instantiated with `imports` (`{ module: { name: value } }`). */
export function instantiateWasm(base64: string, imports: object): Record<string, unknown> {
  return new api.Instance(new api.Module(Buffer.from(base64, 'base64')), imports).exports;
}
