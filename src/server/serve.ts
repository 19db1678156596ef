/**
 * `tradesize serve`: opens the data directory (tokens, SQLite command log), rebuilds the engine by
 * replaying the log, serves the API, and advances engine time once a second (a logged command, so
 * a replay reaches the same state). Binds to 127.0.0.1 by default and refuses any other address
 * without TLS.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { TradesizeError } from '../core/errors.js';
import { buildApp } from './app.js';
import { Service } from './service.js';
import { openStore, type CommandStore } from './store.js';
import { loadTokens, type Tokens } from './tokens.js';
import { serverConfig, type ServerConfig } from './config.js';

export interface ServeOptions {
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  /** Parsed JSON of `--config FILE.json` (engine thresholds and `server` keys). */
  readonly config?: unknown;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  /** The built dashboard served at `/` (default dist/dashboard/; null: none). */
  readonly dashboardDir?: string | null;
  /** Wraps the store (tests inject failures here). */
  readonly wrapStore?: (s: CommandStore) => CommandStore;
}

export interface Running {
  readonly url: string;
  readonly dataDir: string;
  readonly tokens: Tokens;
  readonly service: Service;
  readonly app: FastifyInstance;
  readonly config: ServerConfig;
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

/** Starts the engine service; resolves once it is listening. */
export async function serve(o: ServeOptions): Promise<Running> {
  const tls = o.tlsCert !== undefined && o.tlsKey !== undefined;
  if ((o.tlsCert === undefined) !== (o.tlsKey === undefined)) throw new TradesizeError('MISSING_OPTION', '--tls-cert and --tls-key go together', [o.tlsCert === undefined ? '--tls-cert' : '--tls-key']);
  if (!LOOPBACK.test(o.host) && !tls) {
    throw new TradesizeError('INVALID_INPUT', `refusing to serve on ${o.host} without TLS: bind to 127.0.0.1, or give --tls-cert and --tls-key`, ['--host']);
  }
  const config = serverConfig(o.config ?? {});
  mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
  const tokens = loadTokens(o.dataDir);
  const raw = openStore(o.dataDir);
  const store = o.wrapStore === undefined ? raw : o.wrapStore(raw);
  const service = new Service(store, config.engine, {}, config.server.snapshotEveryCommands);
  const hosts: string[] = [];
  const app = await buildApp({
    service,
    tokens,
    hosts,
    origins: config.server.origins,
    bodyLimit: config.server.bodyLimitBytes,
    rateLimit: config.server.rateLimitPerSecond,
    clock: Date.now,
    ...(o.dashboardDir === undefined ? {} : { dashboardDir: o.dashboardDir }),
    ...(tls ? { https: { cert: readFileSync(o.tlsCert as string), key: readFileSync(o.tlsKey as string) } } : {}),
  });
  await app.listen({ host: o.host, port: o.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : o.port;
  const shown = o.host.includes(':') && !o.host.startsWith('[') ? `[${o.host}]` : o.host;
  hosts.push(`${shown}:${port}`, ...config.server.hosts);
  if (o.host === '127.0.0.1' || o.host === '0.0.0.0') hosts.push(`localhost:${port}`, `127.0.0.1:${port}`);
  const timer = setInterval(() => {
    if (service.failed === null) {
      try {
        service.execute({ type: 'advance', at: Date.now() });
      } catch {
        // a failed commit already put the service in its failed state
      }
    }
  }, config.server.advanceMs);
  timer.unref();
  return {
    url: `${tls ? 'https' : 'http'}://${shown}:${port}`,
    dataDir: o.dataDir,
    tokens,
    service,
    app,
    config,
    async close() {
      clearInterval(timer);
      await app.close();
      service.close();
    },
  };
}

