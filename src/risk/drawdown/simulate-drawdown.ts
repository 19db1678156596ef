/**
 * Maximum drawdown and ruin of a sized position, by Monte Carlo: a fraction f of equity held in
 * an asset following gbm, student-t or GARCH(1,1)-t dynamics (see `../monte-carlo/model-input.ts`),
 * rebalanced continuously (gbm) or once per step (the others), over the horizon (the equity
 * kernel: `../monte-carlo/drawdown-kernel.ts`).
 *
 * f is given directly (`fraction`) or as a Kelly multiplier c (`kellyMultiplier`):
 * f = c·f*, f* = μ_S/σ² = (ν + σ²/2)/σ² the continuous-time Kelly fraction with r = 0 (Thorp
 * 2006, §7.1), ν the log-drift.
 *
 * Reported: the mean maximum drawdown (with the standard error s/√n), its quantiles (type 7,
 * linear interpolation between order statistics, as numpy's default), P(maxDD ≥ x) for the given
 * levels (binomial standard errors), and the probability of ruin — equity falling to x_r·W_0 at
 * some time within the horizon. For gbm with continuous monitoring ln W is a Brownian motion
 * with drift g = f(ν + σ²/2) − f²σ²/2 and volatility |f|σ, so ruin also has the closed form
 * P = abmHitProbability(−ln x_r, g, |f|σ, T) (reflection principle, `../first-passage/one-barrier.ts`);
 * for a Kelly bettor and T → ∞ it tends to x_r^(2/c − 1) (Thorp 2006, eq. 7.13;
 * `drawdownProbability` of src/kelly/fractional.ts), also reported.
 *
 * Sources: E. O. Thorp, "The Kelly Criterion in Blackjack, Sports Betting, and the Stock Market"
 * (2006), §7.1–7.3; R. J. Hyndman and Y. Fan, "Sample Quantiles in Statistical Packages", The
 * American Statistician 50(4) (1996) 361–365 (definition 7); P. Glasserman, "Monte Carlo Methods
 * in Financial Engineering" (2004), §1.1 and §6.4.
 */
import { z } from 'zod';
import { parseInput } from '../../core/validate.js';
import { openUnit } from '../../core/schemas.js';
import { drawdownProbability } from '../../kelly/fractional.js';
import { abmHitProbability } from '../first-passage/index.js';
import { checkModel, ModelFields, stepModel } from '../../simulation/model-input.js';
import type { EquitySpec } from '../../simulation/path-spec.js';
import { runChunks, runChunksSync, threadsFor, type ProgressCallback } from '../../simulation/pool.js';
import { RunOptions } from '../../simulation/run-options.js';
import { binomialStdError, meanEstimate, type MeanEstimate } from '../../simulation/estimate.js';
import type { Job } from '../../simulation/job.js';

/** Most paths of one drawdown simulation (each path's drawdown is kept: 8 bytes a path). */
export const MAX_DRAWDOWN_PATHS = 20_000_000;

/** Default quantile probabilities of the maximum drawdown. */
export const DEFAULT_DRAWDOWN_QUANTILES = [0.5, 0.9, 0.95, 0.99] as const;

/** Input of {@link simulateDrawdown}. */
export const DrawdownSimulationInput = z
  .object({
    /** Fraction f ≠ 0 of equity in the asset (negative: short). One of fraction / kellyMultiplier. */
    fraction: z.number().refine((f) => f !== 0, 'must not be 0').optional(),
    /** Kelly multiplier c > 0: f = c·(ν + σ²/2)/σ² (needs sigma). */
    kellyMultiplier: z.number().positive().optional(),
    /** Ruin level x_r in (0, 1): equity ≤ x_r·W_0 at any time is ruin. */
    ruinLevel: openUnit().optional(),
    /** Drawdown levels x in (0, 1) for P(maxDD ≥ x). */
    levels: z.array(openUnit()).max(100).default([]),
    /** Quantile probabilities in [0, 1] of the maximum drawdown. */
    quantiles: z.array(z.number().min(0).max(1)).max(100).default([...DEFAULT_DRAWDOWN_QUANTILES]),
    ...ModelFields,
  })
  .superRefine((v, ctx) => {
    if ((v.fraction === undefined) === (v.kellyMultiplier === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of fraction and kellyMultiplier', path: ['fraction'] });
    }
    if (v.kellyMultiplier !== undefined && v.sigma === undefined) {
      ctx.addIssue({ code: 'custom', message: 'kellyMultiplier needs sigma (the Kelly fraction is (mu + sigma²/2)/sigma²)', path: ['sigma'] });
    }
    if (v.kellyMultiplier !== undefined && v.sigma !== undefined && v.mu + (v.sigma * v.sigma) / 2 === 0) {
      ctx.addIssue({ code: 'custom', message: 'the Kelly fraction is 0 (no edge): give fraction instead', path: ['kellyMultiplier'] });
    }
    if (v.paths > MAX_DRAWDOWN_PATHS) {
      ctx.addIssue({ code: 'custom', message: `at most ${MAX_DRAWDOWN_PATHS} paths (every path's drawdown is kept for the quantiles)`, path: ['paths'] });
    }
    checkModel(v, ctx);
  });
export type DrawdownSimulationInput = z.input<typeof DrawdownSimulationInput>;

/** Result of {@link simulateDrawdown}. */
export interface DrawdownSimulationResult {
  readonly model: 'gbm' | 'student-t' | 'garch-t';
  readonly monitoring: 'continuous' | 'discrete';
  /** The fraction f of equity held. */
  readonly fraction: number;
  /** The mean maximum drawdown (a fraction of the peak). */
  readonly meanMaxDrawdown: MeanEstimate;
  /** Quantiles of the maximum drawdown. */
  readonly quantiles: readonly { readonly probability: number; readonly maxDrawdown: number }[];
  /** P(maxDD ≥ level) with its standard error. */
  readonly exceedance: readonly { readonly level: number; readonly probability: number; readonly stdError: number }[];
  /** Ruin: P(equity ≤ level·W_0 within the horizon); null without `ruinLevel`. */
  readonly ruin: {
    readonly level: number;
    readonly probability: number;
    readonly stdError: number;
    /** gbm, continuous monitoring: the exact probability within the horizon; else null. */
    readonly closedForm: number | null;
    /** gbm with kellyMultiplier: x^(2/c − 1), the T = ∞ limit (Thorp eq. 7.13); else null. */
    readonly kellyInfiniteHorizon: number | null;
  } | null;
  readonly paths: number;
  readonly steps: number;
  readonly dt: number;
  readonly horizon: number;
  readonly seed: number;
}

type Parsed = z.output<typeof DrawdownSimulationInput>;

function prepare(input: DrawdownSimulationInput, where: string): { v: Parsed; job: Job & { kind: 'drawdown' } } {
  const v = parseInput(DrawdownSimulationInput, input, where);
  const s2 = (v.sigma ?? 0) ** 2;
  const fraction = v.fraction ?? (v.kellyMultiplier as number) * ((v.mu + s2 / 2) / s2);
  const spec: EquitySpec = { ...stepModel(v), fraction, ruinLog: v.ruinLevel === undefined ? -Infinity : Math.log(v.ruinLevel) };
  return { v, job: { kind: 'drawdown', spec, seed: v.seed, paths: v.paths } };
}

/** Type-7 sample quantile of sorted values. */
function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

function summarize(v: Parsed, job: Job & { kind: 'drawdown' }, chunks: readonly Float64Array[]): DrawdownSimulationResult {
  const n = job.paths;
  const dd = new Float64Array(n);
  let k = 0;
  let ruined = 0;
  let sum = 0;
  let sumSq = 0;
  for (const c of chunks) {
    const m = c.length - 1;
    for (let i = 0; i < m; i++) {
      const x = c[i] as number;
      dd[k++] = x;
      sum += x;
      sumSq += x * x;
    }
    ruined += c[m] as number;
  }
  const exceedance = v.levels.map((level) => {
    let count = 0;
    for (let i = 0; i < n; i++) if ((dd[i] as number) >= level) count++;
    const probability = count / n;
    return { level, probability, stdError: binomialStdError(probability, n) };
  });
  dd.sort();
  const { spec } = job;
  let ruin: DrawdownSimulationResult['ruin'] = null;
  if (v.ruinLevel !== undefined) {
    const probability = ruined / n;
    const exact = spec.dynamics === 'gbm' && spec.bridge;
    const s2 = spec.scale * spec.scale;
    const g = (spec.fraction * (spec.drift + 0.5 * s2) - 0.5 * spec.fraction * spec.fraction * s2) / spec.dt;
    const vol = (Math.abs(spec.fraction) * spec.scale) / Math.sqrt(spec.dt);
    ruin = {
      level: v.ruinLevel,
      probability,
      stdError: binomialStdError(probability, n),
      closedForm: exact ? abmHitProbability(-spec.ruinLog, g, vol, spec.steps * spec.dt) : null,
      kellyInfiniteHorizon: spec.dynamics === 'gbm' && v.kellyMultiplier !== undefined ? drawdownProbability(v.ruinLevel, v.kellyMultiplier) : null,
    };
  }
  return {
    model: spec.dynamics,
    monitoring: spec.bridge ? 'continuous' : 'discrete',
    fraction: spec.fraction,
    meanMaxDrawdown: meanEstimate(sum, sumSq, n),
    quantiles: v.quantiles.map((probability) => ({ probability, maxDrawdown: quantile(dd, probability) })),
    exceedance,
    ruin,
    paths: n,
    steps: spec.steps,
    dt: spec.dt,
    horizon: spec.steps * spec.dt,
    seed: job.seed,
  };
}

/**
 * Simulates the maximum drawdown and ruin of a sized position on worker threads (module doc).
 *
 * @throws TradesizeError INVALID_INPUT unless exactly one of fraction / kellyMultiplier is given,
 *   levels and ruinLevel lie in (0, 1), quantiles in [0, 1], and the model is complete.
 * @example
 * await simulateDrawdown({ kellyMultiplier: 0.5, mu: 0.3, sigma: 0.6, horizon: 50, steps: 500, ruinLevel: 0.5, paths: 50_000 });
 * // => { fraction: 0.6667, ruin: { probability: 0.12304, stdError: 0.00147, closedForm: 0.1249996, kellyInfiniteHorizon: 0.125 }, … }
 */
export async function simulateDrawdown(input: DrawdownSimulationInput, options: RunOptions = {}): Promise<DrawdownSimulationResult> {
  const { v, job } = prepare(input, 'simulateDrawdown');
  const o = parseInput(RunOptions, options, 'simulateDrawdown');
  return summarize(v, job, await runChunks(job, threadsFor(job.paths * job.spec.steps, o.threads), o.onProgress));
}

/**
 * The same simulation in the calling thread (identical numbers for the same seed).
 *
 * @throws TradesizeError INVALID_INPUT as {@link simulateDrawdown}.
 * @example
 * simulateDrawdownSync({ fraction: 1, mu: 0, sigma: 0.8, horizon: 1, levels: [0.5], paths: 10_000 });
 * // => { meanMaxDrawdown: { mean: 0.594, stdError: 0.0014 }, exceedance: [{ level: 0.5, probability: 0.7242, … }], … }
 */
export function simulateDrawdownSync(input: DrawdownSimulationInput, onProgress?: ProgressCallback): DrawdownSimulationResult {
  const { v, job } = prepare(input, 'simulateDrawdownSync');
  return summarize(v, job, runChunksSync(job, onProgress));
}
