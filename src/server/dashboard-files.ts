/**
 * The dashboard's files as the engine serves them: `GET /` (index.html) and `GET /assets/NAME`,
 * built by scripts/build-dashboard.mjs into dist/dashboard/ (esbuild bundles
 * src/server/dashboard/ with uPlot; nothing comes from a CDN). The files are read once when the
 * app is built, and only those names are served, each with its content type; the security
 * headers (a strict Content-Security-Policy among them) and the Host/Origin checks of app.ts
 * apply as to every route. Without a build, `/` answers 404 saying how to build it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { HttpError } from './service.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

interface File {
  readonly type: string;
  readonly body: Buffer;
}

/**
 * Where the built dashboard is: dist/dashboard/, seen from the CLI bundle (dist/bin/), the
 * compiled library (dist/server/) or the sources (src/server/, under tsx and vitest).
 */
export function dashboardDir(): string | null {
  for (const rel of ['../dashboard/', '../../dist/dashboard/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return null;
}

/** The files of a built dashboard directory: index.html and assets/* of a known type. */
export function readDashboard(dir: string): Map<string, File> {
  const files = new Map<string, File>([['/', { type: TYPES['.html'] as string, body: readFileSync(join(dir, 'index.html')) }]]);
  const assets = join(dir, 'assets');
  for (const name of existsSync(assets) ? readdirSync(assets) : []) {
    const type = TYPES[extname(name)];
    if (type !== undefined) files.set(`/assets/${name}`, { type, body: readFileSync(join(assets, name)) });
  }
  return files;
}

/** Registers `GET /` and `GET /assets/:name` on `app`. */
export function registerDashboard(app: FastifyInstance, dir: string | null = dashboardDir()): void {
  const files = dir === null ? new Map<string, File>() : readDashboard(dir);
  const sendFile = (reply: FastifyReply, path: string): FastifyReply => {
    const f = files.get(path);
    if (f === undefined) throw new HttpError('NOT_FOUND', path === '/' ? 'the dashboard is not built: run `npm run build`' : `no dashboard file ${path}`);
    return reply.type(f.type).send(f.body);
  };
  app.get('/', async (_req, reply) => sendFile(reply, '/'));
  app.get('/assets/:name', async (req, reply) => sendFile(reply, `/assets/${(req.params as { name: string }).name}`));
}
