/**
 * Bundles the CLI into dist/bin/ so that a cold start loads a handful of files instead of
 * dozens of modules (the library itself is compiled by tsc into dist/). Each command stays in
 * its own chunk, loaded only when that command runs; zod and @stdlib stay external and are
 * loaded on first use.
 */
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: 'dist/bin',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  external: ['zod', '@stdlib/*'],
  // commander is CommonJS: give the ESM bundle a require().
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
