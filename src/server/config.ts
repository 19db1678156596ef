/**
 * The `--config FILE.json` of `tradesize serve`: the engine's thresholds (`prices`, see
 * `engine/config.ts`), the service's own keys under `server`, and the live venue `feeds`
 * (./feeds/ccxt.ts). Every key may be left out; unknown keys are refused.
 */
import type * as Zod from 'zod';
import { loadZod } from '../core/lazy-zod.js';
import { parseInput } from '../core/validate.js';
import { engineConfig, type EngineConfig } from '../engine/config.js';

function build({ z }: typeof Zod) {
  const name = z.string().regex(/^[A-Za-z0-9._~-]{1,64}$/, 'must be 1-64 URL-safe characters (letters, digits, . _ ~ -)');
  const feed = z.strictObject({
    type: z.literal('ccxt'),
    /** The ccxt exchange id (binanceusdm, bybit, okx, ...). */
    exchange: z.string().regex(/^[a-z0-9]{2,32}$/, 'must be a ccxt exchange id such as binanceusdm'),
    /** ccxt unified symbols (BTC/USDT:USDT). */
    symbols: z.array(z.string().min(3).max(64)).min(1).max(200),
    /** ccxt symbol → engine market, where the rule BTC/USDT:USDT → BTCUSDT does not fit. */
    markets: z.record(z.string(), name).default({}),
    /** The price source name (default: the exchange id). */
    source: name.optional(),
    /** The account whose fills are this exchange's trades, its positions reconciled (needs API keys). */
    account: name.optional(),
    pollMs: z.number().int().min(100).max(3_600_000).default(2000),
    reconcileMs: z.number().int().min(1000).max(86_400_000).default(30_000),
    /** Use ccxt pro's websocket watchers where the exchange has them. */
    watch: z.boolean().default(true),
    price: z.enum(['last', 'mid', 'mark']).default('last'),
    /** Trades from this time on become fills (default: when the service starts). */
    since: z.union([z.number().int().nonnegative(), z.iso.datetime({ offset: true }).transform((t) => Date.parse(t))]).optional(),
    /** ccxt options of the exchange instance (e.g. {"defaultType": "swap"}). */
    options: z.record(z.string(), z.unknown()).default({}),
  });
  return z.strictObject({
    feeds: z.array(feed).max(16).default([]),
    server: z
      .strictObject({
        /** Host header values (`name:port`) allowed besides the bound address (a name the service is reached by when bound beyond loopback). */
        hosts: z.array(z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/, 'must be host:port')).max(64).default([]),
        /** Origins allowed besides the service's own (e.g. a dashboard served elsewhere). */
        origins: z.array(z.url()).max(64).default([]),
        /** Largest request body (bytes). */
        bodyLimitBytes: z.number().int().min(1024).max(16 * 1024 * 1024).default(64 * 1024),
        /** Requests per second per token. */
        rateLimitPerSecond: z.number().int().min(1).max(1_000_000).default(10_000),
        /** Milliseconds between the logged `advance` commands that let time take effect. */
        advanceMs: z.number().int().min(10).max(3_600_000).default(1000),
        /** Store an engine snapshot every this many commands (0: only on a clean shutdown). */
        snapshotEveryCommands: z.number().int().min(0).max(1e9).default(100_000),
      })
      .prefault({}),
  }).catchall(z.unknown());
}

/** One live feed of `feeds` (see the schema above and README's `tradesize serve`). */
export type FeedConfig = Zod.output<ReturnType<typeof build>>['feeds'][number];

export interface ServerConfig {
  readonly engine: EngineConfig;
  readonly feeds: readonly FeedConfig[];
  readonly server: { readonly hosts: readonly string[]; readonly origins: readonly string[]; readonly bodyLimitBytes: number; readonly rateLimitPerSecond: number; readonly advanceMs: number; readonly snapshotEveryCommands: number };
}

let schema: ReturnType<typeof build> | undefined;

/**
 * Parses a service configuration: `server` here, everything else by the engine's schema.
 *
 * @example
 * serverConfig({ prices: { minSources: 3 } }).engine.prices.minSources; // => 3
 */
export function serverConfig(input: unknown): ServerConfig {
  schema ??= build(loadZod());
  const { server, feeds, ...rest } = parseInput(schema, input, 'config');
  return { engine: engineConfig(rest), feeds, server };
}
