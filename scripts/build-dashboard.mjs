/**
 * Builds the dashboard that `tradesize serve` serves at `/` into dist/dashboard/: index.html and
 * assets/dashboard.js (src/server/dashboard/main.ts with uPlot, one ES module) and
 * assets/dashboard.css (the page's styles with uPlot's). Nothing is loaded from a CDN, and the
 * page has no inline script or style, so the strict Content-Security-Policy of src/server/app.ts
 * holds.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';

const src = 'src/server/dashboard';
const out = 'dist/dashboard';

await build({
  entryPoints: [
    { in: `${src}/main.ts`, out: 'dashboard' },
    { in: `${src}/dashboard.css`, out: 'dashboard' },
  ],
  outdir: `${out}/assets`,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome110', 'firefox110', 'safari16'],
  minify: true,
  logLevel: 'warning',
});
mkdirSync(out, { recursive: true });
copyFileSync(`${src}/index.html`, `${out}/index.html`);
