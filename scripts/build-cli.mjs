/**
 * Bundles the CLI into one CommonJS file, dist/bin/tradesize.cjs, so that a cold start reads
 * and compiles a single file instead of dozens of ES modules (the library itself is compiled by
 * tsc into dist/). Commands stay lazy: esbuild wraps each dynamically imported command in an
 * init function that runs only when that command does, and zod and @stdlib stay external, so
 * they are required only by the code that needs them.
 */
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/bin/tradesize.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  // The service's dependencies (a native addon among them) load only under `tradesize serve`;
  // ccxt (60 MB) only under `tradesize tiers` and a configured ccxt feed, from node_modules.
  external: ['zod', '@stdlib/*', 'better-sqlite3', 'fastify', '@fastify/*', 'ccxt'],
  // `import.meta.url` (used to create a require for lazy zod) has no CommonJS form: define it.
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});

// The Monte Carlo worker thread of `tradesize first-passage`, bundled beside the CLI: the CLI's
// inlined src/simulation/spawn-worker.ts starts ./monte-carlo-worker.cjs next to itself.
await build({
  entryPoints: ['src/simulation/worker.ts'],
  outfile: 'dist/bin/monte-carlo-worker.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  logLevel: 'warning',
});

// The sweep worker of `tradesize backtest --sweep`, bundled beside the CLI: the CLI's inlined
// src/backtest/spawn-sweep-worker.ts starts ./backtest-sweep-worker.cjs next to itself.
await build({
  entryPoints: ['src/backtest/sweep-worker.ts'],
  outfile: 'dist/bin/backtest-sweep-worker.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  external: ['zod', '@stdlib/*'],
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
