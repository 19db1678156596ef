/**
 * Starts a Monte Carlo worker thread from whichever build this module is running in:
 *
 * - the compiled library (dist/simulation/): its sibling `worker.js`;
 * - the bundled CLI (dist/bin/tradesize.cjs, where this module is inlined): the sibling
 *   `monte-carlo-worker.cjs` that scripts/build-cli.mjs bundles next to it;
 * - the TypeScript sources (tests under vitest, tsx): `worker.ts`, loaded by a two-line
 *   bootstrap that first registers tsx's ESM loader in the worker (a loader given by
 *   `execArgv` is not inherited by worker threads on Node 20).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const BUILT = ['./worker.js', './monte-carlo-worker.cjs'] as const;

/** A new worker running `worker.ts` (or its build). */
export function spawnWorker(): Worker {
  for (const name of BUILT) {
    const url = new URL(name, import.meta.url);
    if (existsSync(fileURLToPath(url))) return new Worker(url);
  }
  return spawnTsWorker(new URL('./worker.ts', import.meta.url));
}

/** A worker running a TypeScript module through tsx's ESM loader, registered in the worker first (tests, tsx). */
export function spawnTsWorker(source: URL): Worker {
  const tsx = pathToFileURL(tsxEsmApi()).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source.href)}); });`;
  return new Worker(boot, { eval: true });
}

/** Path of tsx's ESM loader API (its package.json `exports['./esm/api'].import`). */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const entry = pkg.exports['./esm/api']?.import.default;
  if (entry === undefined) throw new Error('tsx/esm/api has no ESM entry');
  return join(dirname(manifest), entry);
}
