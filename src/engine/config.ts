/**
 * Risk-engine configuration (`tradesize serve --config FILE.json`): one zod schema, every key
 * optional, unknown keys refused. Price-integrity defaults follow exchange and oracle practice:
 * a source is stale after 10 s (Binance and Bybit mark-price feeds update every 1–3 s), at most
 * 1 % from the median of the live sources (0.5 % for BTC and ETH, whose venues agree more
 * tightly; Chainlink-style deviation thresholds), and at least two valid sources (Pyth and
 * Chainlink aggregate several publishers; one source is a single point of failure).
 */
import type * as Zod from 'zod';
import { loadZod } from '../core/lazy-zod.js';
import { parseInput } from '../core/validate.js';

function buildSchema({ z }: typeof Zod) {
  const ms = z.number().int().nonnegative();
  const fraction = z.number().gt(0).lt(1);
  return z.strictObject({
    prices: z
      .strictObject({
        /** A source without an update for this long is stale (ms). */
        staleAfterMs: ms.min(1).default(10_000),
        /** A live source further than this from the median of the live sources is invalid. */
        maxDeviation: fraction.default(0.01),
        /** The same for the majors (BTC, ETH). */
        maxDeviationMajors: fraction.default(0.005),
        /** Fewer valid sources than this: the market is suspect. */
        minSources: z.number().int().min(1).max(16).default(2),
        /** After the feeds recover, a market stays degraded this long (ms). */
        graceMs: ms.default(60_000),
        /** A tick stamped further than this in the future is refused (ms). */
        maxClockSkewMs: ms.default(5_000),
        /** Base assets that use maxDeviationMajors. */
        majors: z.array(z.string().regex(/^[A-Z0-9]{2,12}$/)).max(64).default(['BTC', 'ETH']),
      })
      .prefault({}),
    /** Revaluation: the σ behind the distance to liquidation in σ and its probability over a horizon. */
    risk: z
      .strictObject({
        /** Horizon of the liquidation probability (days). */
        horizonDays: z.number().gt(0).max(365).default(1),
        /** EWMA decay of the market's σ per `volatilitySampleMs` of time (RiskMetrics 0.94); returns are sampled at most once a second (./volatility.ts). */
        volatilityLambda: z.number().gt(0).lt(1).default(0.94),
        /** The time over which σ's weights decay by `volatilityLambda` (ms): one minute, a half-life of 11 minutes. */
        volatilitySampleMs: z.number().int().min(1000).max(86_400_000).default(60_000),
        /** Annualised σ used until a market has `minVolatilitySamples` samples. */
        defaultVolatility: z.number().gt(0).max(20).default(0.8),
        minVolatilitySamples: z.number().int().min(1).max(100_000).default(30),
        /** A position is rechecked whenever its market moves this far (relative) from where it was last checked (./crossings.ts). */
        recheckBand: z.number().gt(0).max(0.5).default(0.02),
        /** The high-water mark follows equity in steps of this fraction (a recheck whenever equity rises this far above it). */
        highWaterStep: z.number().min(0).max(0.1).default(0.01),
      })
      .prefault({}),
    /** The delta hedge of an options book (`greeks[].hedge` of an account): its no-trade band (./hedge-band.ts). */
    hedge: z
      .strictObject({
        policy: z.enum(['interval', 'band', 'whalley-wilmott', 'zakamouline']).default('interval'),
        /** Half-width of the `band` policy, in base units of the underlying. */
        band: z.number().min(0).max(1e12).default(0),
        /** Proportional cost λ of a hedge trade (Whalley–Wilmott, Zakamouline). */
        costRate: z.number().min(0).max(0.1).default(0.0005),
        /** Risk aversion γ (Whalley–Wilmott, Zakamouline). */
        riskAversion: z.number().gt(0).max(1e6).default(0.0001),
      })
      .prefault({}),
    /** Thresholds whose crossing emits an alert with a resize recommendation (on the tick that crosses them). */
    alerts: z
      .strictObject({
        /** Maintenance margin / equity at or above this. */
        marginRatio: z.number().gt(0).max(1).default(0.5),
        /** A position's probability of reaching its liquidation price within risk.horizonDays at or above this. */
        liquidationProbability: z.number().gt(0).max(1).default(0.05),
      })
      .prefault({}),
  });
}

export type EngineConfigSchema = ReturnType<typeof buildSchema>;
/** The parsed configuration, every default filled in. */
export type EngineConfig = Zod.output<EngineConfigSchema>;
/** What a configuration file may contain (every key optional). */
export type EngineConfigInput = Zod.input<EngineConfigSchema>;

let schema: EngineConfigSchema | undefined;

/** The zod schema of the engine configuration (built on first use). */
export function engineConfigSchema(): EngineConfigSchema {
  schema ??= buildSchema(loadZod());
  return schema;
}

/**
 * Parses a configuration, filling in the defaults.
 *
 * @throws TradesizeError INVALID_INPUT naming the offending key (unknown keys included).
 * @example
 * engineConfig({}).prices.staleAfterMs;                       // => 10000
 * engineConfig({ prices: { minSources: 3 } }).prices.graceMs; // => 60000
 */
export function engineConfig(input: unknown = {}): EngineConfig {
  return parseInput(engineConfigSchema(), input, 'engine config');
}
