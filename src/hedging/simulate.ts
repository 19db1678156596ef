/**
 * The hedging simulator: an option book delta-hedged with the underlying along simulated GBM or
 * GARCH(1,1)-t paths, or along windows of a historical price series (`./historical.ts`), under
 * several rebalancing policies on the same paths (`../simulation/hedge-kernel.ts` has the rules
 * and the P&L). Chunks of 2,048 paths run on worker threads, each seeded by its index, so the
 * results for a seed do not depend on the thread count.
 *
 * Per policy: the hedging error (the standard deviation of the hedged P&L across paths), the
 * mean P&L, the cost Σλ·|ΔN|·S, the turnover Σ|ΔN| (units of the underlying) and the number of
 * trades, each a mean over paths with its standard error (`./estimate.ts`). With zero cost and
 * interval hedging the hedging error falls like √Δt (D. Bertsimas, L. Kogan and A. W. Lo, "When
 * is time continuous?", Journal of Financial Economics 55 (2000) 173–204); at equal hedging error
 * the Whalley–Wilmott band costs less than interval hedging (A. E. Whalley and P. Wilmott,
 * Mathematical Finance 7 (1997); test/hedging/simulate.test.ts checks both).
 *
 * @example
 * await simulateHedging({ model: 'gbm', spot: 100, vol: 0.6, steps: 720, dt: 1 / 8760, costRate: 0.0005,
 *   positions: [{ model: 'black-scholes', type: 'call', quantity: -1, strike: 100, expiry: 30 / 365 }],
 *   policies: ['interval:1', 'ww:0.05'], paths: 10_000 });
 * // => { policies: [{ policy: 'interval:1', hedgingError: { value: ~0.2814, stdError: ~0.0026 }, cost: { value: ~0.4527, … }, … },
 * //                  { policy: 'ww:0.05', hedgingError: { value: ~1.066, … }, cost: { value: ~0.0729, … }, … }] }
 */
import { z } from 'zod';
import { parseInput } from '../core/validate.js';
import { TradesizeError } from '../core/errors.js';
import { positive } from '../core/schemas.js';
import { modelCode } from '../options/kernel.js';
import { CHUNK_PATHS } from '../simulation/path-spec.js';
import { runChunks, runChunksSync, threadsFor } from '../simulation/pool.js';
import { RunOptions } from '../simulation/run-options.js';
import type { HedgeSpec } from '../simulation/hedge-spec.js';
import type { Job } from '../simulation/job.js';
import { parsePolicySpec } from './policy.js';
import { meanOf, sdOf, type Estimate } from './estimate.js';

const MS_PER_YEAR = 365 * 86_400_000;
const MAX_PATH_STEPS = 2e10;

const Position = z.object({
  model: z.enum(['black-scholes', 'black76', 'inverse']).default('black-scholes'),
  type: z.enum(['call', 'put']),
  /** Signed quantity × contract size, in coins (− short). */
  quantity: z.number().refine((q) => q !== 0 && Number.isFinite(q), 'quantity must be finite and not 0'),
  strike: positive(),
  /** Years from the start of each path. */
  expiry: positive().max(100),
});

export const HedgeSimulationInput = z
  .object({
    model: z.enum(['gbm', 'garch-t', 'historical']).default('gbm'),
    /** Every path starts here (historical windows are rescaled to it). */
    spot: positive(),
    /** The pricing (hedging) vol, annualised; historical paths may bring their own (`pathVols`). */
    vol: positive().max(10),
    /** gbm: the vol of the simulated paths (default `vol`). */
    pathVol: positive().max(10).optional(),
    /** gbm, garch-t: annual log-drift of ln S. */
    mu: z.number().min(-10).max(10).default(0),
    /** garch-t: per-step GARCH(1,1)-t parameters (h′ = ω + α·e² + β·h, α + β < 1). */
    garch: z.object({ omega: positive(), alpha: z.number().min(0).max(1), beta: z.number().min(0).lt(1), nu: z.number().gt(2).max(1000), variance: positive().optional() }).optional(),
    /** historical: ln of the prices, the window starts and the pricing vol per window (`./historical.ts`). */
    logPrices: z.custom<Float64Array>((v) => v instanceof Float64Array, 'expected a Float64Array').optional(),
    starts: z.custom<Int32Array>((v) => v instanceof Int32Array, 'expected an Int32Array').optional(),
    pathVols: z.custom<Float64Array>((v) => v instanceof Float64Array, 'expected a Float64Array').optional(),
    steps: z.number().int().min(1).max(1_000_000),
    /** Step length in years. */
    dt: positive().max(1),
    rate: z.number().min(-1).max(1).default(0),
    div: z.number().min(-1).max(1).default(0),
    positions: z.array(Position).min(1).max(1000),
    costRate: z.number().min(0).max(0.1).default(0),
    /** SPEC strings (`./policy.ts`). */
    policies: z.array(z.string()).min(1).max(32),
    paths: z.number().int().min(2).max(100_000_000).default(10_000),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  })
  .strict()
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.model === 'garch-t' && v.garch === undefined) issue('garch', 'model garch-t needs garch {omega, alpha, beta, nu}');
    if (v.garch !== undefined && v.garch.alpha + v.garch.beta >= 1) issue('garch', 'garch needs alpha + beta < 1 (covariance stationarity)');
    if (v.model === 'historical' && (v.logPrices === undefined || v.starts === undefined)) issue('logPrices', 'model historical needs logPrices and starts (historicalWindows)');
    if (v.starts !== undefined && v.logPrices !== undefined) {
      if (v.starts.length < v.paths) issue('paths', `only ${v.starts.length} historical windows for ${v.paths} paths`);
      if (v.starts.some((s) => s < 0 || s + v.steps >= (v.logPrices as Float64Array).length)) issue('starts', 'a window runs outside logPrices');
    }
    if (v.pathVols !== undefined && (v.pathVols.length < v.paths || v.pathVols.some((s) => !(s > 0 && s <= 10)))) issue('pathVols', 'pathVols needs one vol in (0, 10] per path');
    if (v.positions.some((p) => p.expiry < v.steps * v.dt * (1 - 1e-12))) issue('positions', 'every option must expire at or after the horizon steps × dt');
    if (v.paths * v.steps > MAX_PATH_STEPS) issue('paths', `paths × steps is above ${MAX_PATH_STEPS}`);
  });
export type HedgeSimulationInput = z.input<typeof HedgeSimulationInput>;

/** One policy's results over the paths. */
export interface PolicyResult {
  readonly policy: string;
  /** Standard deviation of the hedged P&L (report currency). */
  readonly hedgingError: Estimate;
  readonly meanPnl: Estimate;
  readonly cost: Estimate;
  /** Σ|ΔN|, units of the underlying. */
  readonly turnover: Estimate;
  readonly trades: Estimate;
}

export interface HedgeSimulationResult {
  readonly model: 'gbm' | 'garch-t' | 'historical';
  readonly paths: number;
  readonly steps: number;
  readonly dt: number;
  readonly seed: number;
  readonly policies: PolicyResult[];
}

function prepare(input: HedgeSimulationInput, where: string): { job: Job & { kind: 'hedge' }; labels: string[] } {
  const v = parseInput(HedgeSimulationInput, input, where);
  const stepMs = v.dt * MS_PER_YEAR;
  const parsed = v.policies.map((s, i) => parsePolicySpec(s, stepMs, v.costRate, i));
  const sigma = v.pathVol ?? v.vol;
  const g = v.garch;
  const spec: HedgeSpec = {
    dynamics: v.model,
    steps: v.steps,
    dt: v.dt,
    spot0: v.spot,
    drift: v.mu * v.dt,
    scale: sigma * Math.sqrt(v.dt),
    nu: g?.nu ?? 0,
    omega: g?.omega ?? 0,
    alpha: g?.alpha ?? 0,
    beta: g?.beta ?? 0,
    h0: g === undefined ? 0 : (g.variance ?? g.omega / (1 - g.alpha - g.beta)),
    logPrices: v.model === 'historical' ? (v.logPrices as Float64Array) : null,
    starts: v.model === 'historical' ? (v.starts as Int32Array) : null,
    vol: v.vol,
    pathVol: v.pathVols ?? null,
    rate: v.rate,
    div: v.div,
    positions: v.positions.map((p) => ({ model: modelCode(p.model), isCall: p.type === 'call', quantity: p.quantity, strike: p.strike, expiry: p.expiry })),
    costRate: v.costRate,
    policies: parsed.map((p) => p.params),
  };
  return { job: { kind: 'hedge', spec, seed: v.seed, paths: v.paths }, labels: parsed.map((p) => p.label) };
}

/** Joins the chunks' [field][policy][path] blocks into per-policy estimates. */
function summarize(job: Job & { kind: 'hedge' }, labels: readonly string[], chunks: readonly Float64Array[]): HedgeSimulationResult {
  const P = labels.length;
  const m = job.paths;
  const all = new Float64Array(4 * P * m);
  chunks.forEach((c, ci) => {
    const n = c.length / (4 * P);
    for (let f = 0; f < 4 * P; f++) all.set(c.subarray(f * n, (f + 1) * n), f * m + ci * CHUNK_PATHS);
  });
  for (const x of all) if (!Number.isFinite(x)) throw new TradesizeError('NON_FINITE_RESULT', 'the hedging simulation produced a non-finite P&L (a path overflowed)', ['paths']);
  const at = (field: number, k: number) => (field * P + k) * m;
  return {
    model: job.spec.dynamics,
    paths: m,
    steps: job.spec.steps,
    dt: job.spec.dt,
    seed: job.seed,
    policies: labels.map((policy, k) => ({
      policy,
      hedgingError: sdOf(all, at(0, k), m),
      meanPnl: meanOf(all, at(0, k), m),
      cost: meanOf(all, at(1, k), m),
      turnover: meanOf(all, at(2, k), m),
      trades: meanOf(all, at(3, k), m),
    })),
  };
}

/**
 * Runs the simulation on worker threads (module doc).
 *
 * @throws TradesizeError INVALID_INPUT for a bad input or SPEC; NON_FINITE_RESULT when a path overflows.
 */
export async function simulateHedging(input: HedgeSimulationInput, options: RunOptions = {}): Promise<HedgeSimulationResult> {
  const { job, labels } = prepare(input, 'simulateHedging');
  const o = parseInput(RunOptions, options, 'simulateHedging');
  return summarize(job, labels, await runChunks(job, threadsFor(job.paths * job.spec.steps, o.threads), o.onProgress));
}

/** The same simulation in the calling thread (identical numbers for the same seed). */
export function simulateHedgingSync(input: HedgeSimulationInput): HedgeSimulationResult {
  const { job, labels } = prepare(input, 'simulateHedgingSync');
  return summarize(job, labels, runChunksSync(job));
}
