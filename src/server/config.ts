/**
 * The `--config FILE.json` of `tradesize serve`: the engine's thresholds (`prices`, see
 * `engine/config.ts`) and the service's own keys under `server`. Every key may be left out;
 * unknown keys are refused.
 */
import type * as Zod from 'zod';
import { loadZod } from '../core/lazy-zod.js';
import { parseInput } from '../core/validate.js';
import { engineConfig, type EngineConfig } from '../engine/config.js';

function build({ z }: typeof Zod) {
  return z.strictObject({
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

export interface ServerConfig {
  readonly engine: EngineConfig;
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
  const { server, ...rest } = parseInput(schema, input, 'config');
  return { engine: engineConfig(rest), server };
}
