/**
 * First-passage probabilities (stop vs target): re-exports `./first-passage/index.ts`.
 */
export * from './first-passage/index.js';
