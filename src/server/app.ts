/**
 * The HTTP and WebSocket API (`/v1`, JSON) over the {@link Service}: a thin shell, no math. It
 * also serves the dashboard (`/`, ./dashboard-files.ts) under the same checks and headers.
 *
 * Security (issue #10 §7): only the bound host and the configured origins are accepted on HTTP
 * and on the WebSocket handshake (DNS rebinding, cross-site WebSocket hijacking); a body limit
 * (64 KB by default, 413); mutating calls need `Authorization: Bearer TOKEN` (the API or the
 * admin token; the admin token for the kill switch and markets), compared in constant time; a
 * token bucket per token (429); security headers on every response; no token in any log line
 * (fastify's logger is off).
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import websocket from '@fastify/websocket';
import { isTradesizeError, TradesizeError } from '../core/errors.js';
import type { Command } from './commands.js';
import { HttpError, type Service } from './service.js';
import { roleOf, type Tokens } from './tokens.js';
import { registerDashboard } from './dashboard-files.js';
import { accountsView, marketsView, SnapshotHub } from './views.js';

export interface AppOptions {
  readonly service: Service;
  readonly tokens: Tokens;
  /** `host:port` values the Host header may carry. */
  readonly hosts: readonly string[];
  /** Origins allowed besides the service's own. */
  readonly origins: readonly string[];
  readonly bodyLimit: number;
  /** Requests per second per token (burst of the same size). */
  readonly rateLimit: number;
  /** Engine time (ms); Date.now unless a test sets it. */
  readonly clock: () => number;
  /** TLS certificate and key (PEM) to serve HTTPS. */
  readonly https?: { readonly cert: Buffer; readonly key: Buffer };
  /** The built dashboard (dist/dashboard/ when not given; null: none). */
  readonly dashboardDir?: string | null;
}

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cache-control': 'no-store',
} as const;

type Role = 'admin' | 'api';

/** Builds the fastify app (not listening yet). */
export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const app = (o.https === undefined ? Fastify({ logger: false, bodyLimit: o.bodyLimit }) : Fastify({ logger: false, bodyLimit: o.bodyLimit, https: o.https })) as unknown as FastifyInstance;
  await app.register(websocket, { options: { maxPayload: o.bodyLimit } });
  const buckets = new Map<string, { tokens: number; at: number }>();
  // o.hosts is filled in once the port is known, so the service's own origins are derived per request.
  const allowedOrigin = (origin: string): boolean => o.origins.includes(origin) || o.hosts.some((h) => origin === `http://${h}` || origin === `https://${h}`);

  app.addHook('onRequest', async (req) => {
    if (!o.hosts.includes(req.headers.host ?? '')) throw new HttpError('FORBIDDEN_HOST', 'the Host header does not name this service');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigin(origin)) throw new HttpError('FORBIDDEN_ORIGIN', 'this Origin is not allowed');
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    return payload;
  });
  app.setErrorHandler((err: unknown, _req, reply) => sendError(reply, err));
  app.setNotFoundHandler((req, reply) => sendError(reply, new HttpError('NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`)));

  /** Checks the token (and its rate); returns the role. */
  const auth = (req: FastifyRequest, need: Role): Role => {
    const role = roleOf(req.headers.authorization, o.tokens);
    if (role === null) throw new HttpError('UNAUTHORIZED', 'this call needs Authorization: Bearer TOKEN (DIR/api-token or DIR/admin-token)');
    if (need === 'admin' && role !== 'admin') throw new HttpError('FORBIDDEN', 'this call needs the admin token');
    const now = Date.now();
    const b = buckets.get(role) ?? { tokens: o.rateLimit, at: now };
    b.tokens = Math.min(o.rateLimit, b.tokens + ((now - b.at) / 1000) * o.rateLimit);
    b.at = now;
    if (b.tokens < 1) throw new HttpError('RATE_LIMITED', `more than ${o.rateLimit} requests per second with this token`);
    b.tokens -= 1;
    buckets.set(role, b);
    return role;
  };
  const run = (cmd: Command): Promise<unknown> => o.service.submit(cmd);
  const engine = o.service.engine;
  const param = (req: FastifyRequest, key: string): string => (req.params as Record<string, string>)[key] as string;

  registerDashboard(app, o.dashboardDir);
  const hub = new SnapshotHub(o.service, o.clock);
  app.addHook('onClose', async () => hub.stop());

  app.get('/v1/health', async (_req, reply) => (o.service.failed === null ? { status: 'ok' } : reply.status(503).send({ status: 'storage-failed' })));

  app.put('/v1/accounts/:id', async (req) => {
    auth(req, 'api');
    return run({ type: 'account', at: o.clock(), id: param(req, 'id'), body: req.body as never });
  });
  // A page of accounts: ?offset=N&limit=M (limit 1..1000, default 100), with the total.
  app.get('/v1/accounts', async (req) => {
    const q = req.query as { offset?: string; limit?: string };
    const int = (v: string | undefined, d: number, max: number, name: string): number => {
      if (v === undefined) return d;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > max) throw new TradesizeError('INVALID_INPUT', `${name} must be an integer from 0 to ${max}`, [name]);
      return n;
    };
    const limit = Math.max(1, int(q.limit, 100, 1000, 'limit'));
    const offset = int(q.offset, 0, Number.MAX_SAFE_INTEGER, 'offset');
    return { accounts: accountsView(engine, offset, limit), total: engine.accountCount, offset };
  });
  app.get('/v1/accounts/:id', async (req) => engine.getAccount(param(req, 'id')));
  app.get('/v1/accounts/:id/events', async (req) => {
    engine.getAccount(param(req, 'id')); // 404 for an unknown account
    return o.service.events(param(req, 'id'));
  });
  app.post('/v1/accounts/:id/fills', async (req) => {
    auth(req, 'api');
    const id = param(req, 'id');
    await run({ type: 'fill', at: o.clock(), id, body: req.body as never });
    const market = (req.body as { market: string }).market;
    const view = engine.getAccount(id);
    return view.positions.find((p) => p.market === market) ?? { market, quantity: 0, entryPrice: 0, markPrice: null, unrealisedPnl: 0, value: 0 };
  });
  app.post('/v1/accounts/:id/orders/check', async (req) => {
    auth(req, 'api');
    engine.getAccount(param(req, 'id'));
    return run({ type: 'check', at: o.clock(), id: param(req, 'id'), body: req.body as never });
  });
  app.put('/v1/markets/:market', async (req) => {
    auth(req, 'admin');
    return run({ type: 'market', at: o.clock(), market: param(req, 'market'), body: req.body });
  });
  app.get('/v1/markets', async () => ({ markets: marketsView(engine, o.clock()) }));
  app.get('/v1/markets/:market', async (req) => engine.getMarket(param(req, 'market'), o.clock()));
  app.post('/v1/prices', async (req) => {
    auth(req, 'api');
    return run({ type: 'prices', at: o.clock(), body: req.body as never });
  });
  app.post('/v1/kill-switch', async (req) => {
    auth(req, 'admin');
    return run({ type: 'kill', at: o.clock(), body: (req.body ?? {}) as never });
  });
  app.delete('/v1/kill-switch', async (req) => {
    auth(req, 'admin');
    const account = (req.query as { account?: string }).account;
    return run({ type: 'release', at: o.clock(), ...(account === undefined ? {} : { account }) });
  });

  app.get('/v1/state', async (req) => {
    auth(req, 'admin');
    return o.service.state();
  });

  // Engine events; with ?snapshots=1 also the views after each change (./views.ts), skipped while
  // more than 1 MB waits to be sent.
  app.get('/v1/stream', { websocket: true }, (socket, req) => {
    const off = o.service.subscribe((e) => socket.send(JSON.stringify(e)));
    const offViews = (req.query as { snapshots?: string }).snapshots === '1' ? hub.subscribe((s) => socket.bufferedAmount < 1 << 20 && socket.send(JSON.stringify(s))) : () => undefined;
    socket.on('close', () => {
      off();
      offViews();
    });
  });
  return app;
}

function sendError(reply: FastifyReply, err: unknown): FastifyReply {
  let status = 500;
  let body: { code: string; message: string; path: (string | number)[] } = { code: 'INTERNAL', message: 'internal error', path: [] };
  if (err instanceof HttpError) {
    status = err.status;
    body = { code: err.code, message: err.message, path: [...err.path] };
  } else if (isTradesizeError(err)) {
    const denial = err.details?.denial;
    status = denial === 'UNKNOWN_ACCOUNT' || denial === 'UNKNOWN_MARKET' ? 404 : 400;
    body = { code: typeof denial === 'string' ? denial : err.code, message: err.message, path: [...err.path] };
  } else if (typeof err === 'object' && err !== null && 'statusCode' in err && typeof err.statusCode === 'number' && err.statusCode < 500) {
    status = err.statusCode;
    const code = status === 413 ? 'BODY_TOO_LARGE' : 'INVALID_INPUT';
    body = { code, message: 'message' in err && typeof err.message === 'string' ? err.message : 'bad request', path: [] };
  }
  return reply.status(status).send({ error: body });
}
