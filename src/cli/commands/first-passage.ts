/**
 * `tradesize first-passage`: the probability that the price hits the stop (--lower) or the
 * target (--upper) first within the horizon, or neither. `--mu` and `--sigma` are the annual
 * log-drift and volatility of ln S, `--horizon` is in years; either barrier may be omitted.
 *
 * - `--model gbm` (default) without `--paths`: the closed form (reflection principle, image and
 *   eigenfunction series: `firstPassage`, `barrierHitProbability`), plus E[τ ∧ T] (`meanExitTime`).
 *   `--horizon infinite` is accepted here.
 * - `--paths N`, or `--model student-t|garch-t`: Monte Carlo (`simulateFirstPassage`) on
 *   `--threads` worker threads, adding `stdError` (the largest binomial standard error of the
 *   three probabilities) and `stdErrors`. gbm is monitored continuously (Brownian-bridge
 *   correction) unless `--monitoring discrete`; student-t and garch-t at the grid points (daily).
 *   student-t takes `--nu` (default 4) or fits ν to the log returns of `--data`; garch-t fits
 *   GARCH(1,1)-t to the log returns of `--data` (`fitGarch`, innovations 'student-t') or takes
 *   `--omega --alpha --beta --nu`; its first variance is σ²/365 with `--sigma`, else the fit's
 *   next-day variance (or the unconditional one for explicit parameters).
 * A progress bar is drawn on stderr for long simulations (at least 2·10⁷ path-steps) when stderr
 * is a terminal and --json is not given.
 */
import { TradesizeError } from '../../core/errors.js';
import { parseChoice, parseNumber } from '../options.js';
import { emit, renderRows, type Row } from '../output.js';
import { readSeries } from '../data.js';
import { progressBar } from '../progress-bar.js';
import { str, type Opts } from '../flags/types.js';
import { flagPath } from '../flags/paths.js';
import { FIRST_PASSAGE } from '../flags/first-passage.js';
import { logReturns } from '../../market/returns.js';
import { fitGarch } from '../../volatility/garch.js';
import { fitStudentT } from '../../stats/student-t-fit.js';
import { barrierHitProbability, firstPassage } from '../../risk/first-passage/index.js';
import { meanExitTime } from '../../risk/exit-time/index.js';
import { DEFAULT_PATHS, DEFAULT_STUDENT_T_NU, MC_MODELS, simulateFirstPassage, threadsFor, type MonteCarloFirstPassageInput } from '../../simulation/index.js';

type Model = (typeof MC_MODELS)[number];

/** Simulations of at least this many path-steps show a progress bar (on a TTY, without --json). */
const PROGRESS_MIN_PATH_STEPS = 20_000_000;

/** What `tradesize first-passage --json` prints. */
export interface FirstPassageOutput {
  readonly method: 'closed-form' | 'monte-carlo';
  readonly model: Model;
  readonly pLowerFirst: number;
  readonly pUpperFirst: number;
  readonly pNeither: number;
  /** Monte Carlo: the largest of the three standard errors. */
  readonly stdError?: number;
  readonly stdErrors?: { readonly pLowerFirst: number; readonly pUpperFirst: number; readonly pNeither: number };
  /** E[τ ∧ T] in years (omitted when infinite). */
  readonly expectedExitTime?: number;
  readonly expectedExitTimeStdError?: number;
  /** Monte Carlo: mean time to the target among the paths that reach it first. */
  readonly expectedTimeToUpper?: number;
  readonly expectedTimeToUpperStdError?: number;
  readonly monitoring?: 'continuous' | 'discrete';
  readonly paths?: number;
  readonly steps?: number;
  readonly seed?: number;
  readonly threads?: number;
  readonly price: number;
  readonly lower?: number;
  readonly upper?: number;
  readonly mu: number;
  readonly sigma?: number;
  readonly horizon: number | 'infinite';
  readonly nu?: number;
  readonly omega?: number;
  readonly alpha?: number;
  readonly beta?: number;
  /** garch-t: the first per-day variance of the simulation. */
  readonly initialVariance?: number;
  readonly data?: string;
}

/**
 * Re-labels a library error with its flag (from the flag table): `barrier` is the one barrier
 * given, and a GARCH error the table does not name falls on the flag the parameters came from.
 */
function withFlag(e: unknown, barrierFlag: string, garchSource: string): unknown {
  if (!(e instanceof TradesizeError)) return e;
  const head = e.path[0];
  const flag = head === 'barrier' ? barrierFlag : (flagPath(FIRST_PASSAGE, e.path.slice(0, 2))?.[0] ?? (head === 'garch' ? garchSource : undefined));
  return flag === undefined ? e : new TradesizeError(e.code, e.message, [flag], e.details as Record<string, unknown> | undefined);
}

const num = (o: Opts, key: string, flag: string): number | undefined => {
  const v = str(o[key]);
  return v === undefined ? undefined : parseNumber(v, flag);
};

function required(o: Opts, key: string, flag: string, what: string): number {
  const v = num(o, key, flag);
  if (v === undefined) throw new TradesizeError('MISSING_OPTION', `${flag} ${what} is required`, [flag]);
  return v;
}

function integer(o: Opts, key: string, flag: string, min: number): number | undefined {
  const v = num(o, key, flag);
  if (v !== undefined && !(Number.isSafeInteger(v) && v >= min)) {
    throw new TradesizeError('INVALID_INPUT', `${flag} expects an integer ≥ ${min}, got "${str(o[key])}"`, [flag]);
  }
  return v;
}

function conflict(o: Opts, keys: readonly string[], why: string): void {
  for (const k of keys) {
    if (o[k] !== undefined) {
      const flag = `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      throw new TradesizeError('CONFLICTING_OPTIONS', `${flag} ${why}`, [flag]);
    }
  }
}

interface Common {
  readonly model: Model;
  readonly price: number;
  readonly lower: number | undefined;
  readonly upper: number | undefined;
  readonly mu: number;
  readonly sigma: number | undefined;
}

function closedForm(c: Common, horizonText: string): FirstPassageOutput {
  if (c.sigma === undefined) throw new TradesizeError('MISSING_OPTION', '--sigma VOL is required for --model gbm', ['--sigma']);
  const infinite = horizonText.trim() === 'infinite';
  const horizon = infinite ? ('infinite' as const) : parseNumber(horizonText, '--horizon');
  const { price, lower, upper, mu, sigma } = c;
  let p: { pLowerFirst: number; pUpperFirst: number; pNeither: number };
  try {
    if (lower !== undefined && upper !== undefined) p = firstPassage({ price, lower, upper, mu, sigma, horizon });
    else {
      const hit = barrierHitProbability({ price, barrier: (lower ?? upper) as number, mu, sigma, horizon }).probability;
      p = lower !== undefined ? { pLowerFirst: hit, pUpperFirst: 0, pNeither: 1 - hit } : { pLowerFirst: 0, pUpperFirst: hit, pNeither: 1 - hit };
    }
  } catch (e) {
    throw withFlag(e, lower !== undefined ? '--lower' : '--upper', '--sigma');
  }
  const a = lower === undefined ? Infinity : Math.log(price / lower);
  const b = upper === undefined ? Infinity : Math.log(upper / price);
  const t = meanExitTime(a, b, mu, sigma, horizon === 'infinite' ? Infinity : horizon);
  return {
    method: 'closed-form', model: 'gbm', ...p, ...(Number.isFinite(t) ? { expectedExitTime: t } : {}),
    price, ...(lower === undefined ? {} : { lower }), ...(upper === undefined ? {} : { upper }), mu, sigma, horizon,
  };
}

/** The model-specific part of the simulation input, and what to print about it. */
async function dynamics(o: Opts, c: Common): Promise<{ input: Partial<MonteCarloFirstPassageInput>; shown: Partial<FirstPassageOutput>; source: string }> {
  const data = str(o.data);
  if (c.model === 'gbm') {
    conflict(o, ['nu', 'data', 'omega', 'alpha', 'beta'], 'applies to --model student-t or garch-t');
    return { input: {}, shown: {}, source: '--sigma' };
  }
  if (c.model === 'student-t') {
    conflict(o, ['omega', 'alpha', 'beta'], 'applies to --model garch-t');
    if (data !== undefined && o.nu !== undefined) throw new TradesizeError('CONFLICTING_OPTIONS', 'use --nu or --data (fit ν), not both', ['--nu']);
    let nu = num(o, 'nu', '--nu') ?? DEFAULT_STUDENT_T_NU;
    if (data !== undefined) {
      nu = fitStudentT(Array.from(await returnsOf(data, o))).nu;
      if (!(nu > 2)) throw new TradesizeError('INVALID_INPUT', `--data: the fitted ν = ${nu} ≤ 2 has no variance to match --sigma`, ['--data']);
    }
    return { input: { nu }, shown: { nu, ...(data === undefined ? {} : { data }) }, source: '--nu' };
  }
  if (data !== undefined) {
    conflict(o, ['omega', 'alpha', 'beta', 'nu'], 'conflicts with --data (the GARCH parameters are fitted)');
    const fit = fitGarch(await returnsOf(data, o), { innovations: 'student-t' });
    const garch = { omega: fit.omega, alpha: fit.alpha, beta: fit.beta, nu: fit.nu as number, variance: fit.nextVariance };
    return { input: { garch }, shown: { omega: fit.omega, alpha: fit.alpha, beta: fit.beta, nu: fit.nu as number, data }, source: '--data' };
  }
  const omega = required(o, 'omega', '--omega', 'W (or --data FILE)');
  const alpha = required(o, 'alpha', '--alpha', 'A (or --data FILE)');
  const beta = required(o, 'beta', '--beta', 'B (or --data FILE)');
  const nu = required(o, 'nu', '--nu', 'V (or --data FILE)');
  return { input: { garch: { omega, alpha, beta, nu } }, shown: { omega, alpha, beta, nu }, source: '--omega' };
}

async function returnsOf(file: string, o: Opts): Promise<Float64Array> {
  const series = await readSeries(file, '--data', str(o.column));
  try {
    return logReturns(series.values);
  } catch (e) {
    throw e instanceof TradesizeError ? new TradesizeError(e.code, `--data: ${e.message}`, ['--data']) : e;
  }
}

async function simulated(o: Opts, c: Common, horizonText: string): Promise<FirstPassageOutput> {
  if (c.model !== 'garch-t' && c.sigma === undefined) throw new TradesizeError('MISSING_OPTION', `--sigma VOL is required for --model ${c.model}`, ['--sigma']);
  if (horizonText.trim() === 'infinite') throw new TradesizeError('INVALID_INPUT', '--horizon: a simulation needs a finite horizon in years', ['--horizon']);
  const horizon = parseNumber(horizonText, '--horizon');
  const paths = integer(o, 'paths', '--paths', 1);
  const steps = integer(o, 'steps', '--steps', 1);
  const seed = integer(o, 'seed', '--seed', 0) ?? 1;
  const requestedThreads = integer(o, 'threads', '--threads', 1);
  const monitoringText = str(o.monitoring);
  const monitoring = monitoringText === undefined ? undefined : parseChoice(monitoringText, '--monitoring', ['continuous', 'discrete'] as const);
  const d = await dynamics(o, c);
  const input: MonteCarloFirstPassageInput = {
    price: c.price, ...(c.lower === undefined ? {} : { lower: c.lower }), ...(c.upper === undefined ? {} : { upper: c.upper }),
    mu: c.mu, ...(c.sigma === undefined ? {} : { sigma: c.sigma }), horizon, model: c.model, seed,
    ...(paths === undefined ? {} : { paths }), ...(steps === undefined ? {} : { steps }), ...(monitoring === undefined ? {} : { monitoring }),
    ...d.input,
  };
  const pathSteps = (paths ?? DEFAULT_PATHS) * (steps ?? Math.ceil(horizon * 365));
  const threads = threadsFor(pathSteps, requestedThreads);
  const bar = progressBar(process.stderr, o.json !== true && pathSteps >= PROGRESS_MIN_PATH_STEPS);
  let r;
  try {
    r = await simulateFirstPassage(input, { threads, ...(bar === null ? {} : { onProgress: bar.update }) });
  } catch (e) {
    throw withFlag(e, '--lower', d.source);
  } finally {
    bar?.done();
  }
  const g = input.garch;
  return {
    method: 'monte-carlo', model: c.model, pLowerFirst: r.pLowerFirst, pUpperFirst: r.pUpperFirst, pNeither: r.pNeither,
    stdError: r.stdError, stdErrors: r.stdErrors,
    expectedExitTime: r.expectedExitTime.mean, expectedExitTimeStdError: r.expectedExitTime.stdError,
    ...(r.expectedTimeToUpper === null ? {} : { expectedTimeToUpper: r.expectedTimeToUpper.mean, expectedTimeToUpperStdError: r.expectedTimeToUpper.stdError }),
    monitoring: r.monitoring, paths: r.paths, steps: r.steps, seed: r.seed, threads,
    price: c.price, ...(c.lower === undefined ? {} : { lower: c.lower }), ...(c.upper === undefined ? {} : { upper: c.upper }),
    mu: c.mu, ...(c.sigma === undefined ? {} : { sigma: c.sigma }), horizon: r.horizon,
    ...d.shown,
    ...(g === undefined ? {} : { initialVariance: c.sigma !== undefined ? (c.sigma * c.sigma) / 365 : (g.variance ?? g.omega / (1 - g.alpha - g.beta)) }),
  };
}

function render(r: FirstPassageOutput): string {
  const rows: Row[] = [
    ['method', `${r.method} (${r.model}${r.monitoring === undefined ? '' : `, ${r.monitoring} monitoring`})`],
    ['P(lower first)', r.pLowerFirst],
    ['P(upper first)', r.pUpperFirst],
    ['P(neither)', r.pNeither],
  ];
  if (r.stdError !== undefined) rows.push(['std error (max)', r.stdError]);
  if (r.expectedExitTime !== undefined) rows.push(['E[exit time ∧ T] (years)', r.expectedExitTime]);
  if (r.expectedTimeToUpper !== undefined) rows.push(['E[time to upper | upper first]', r.expectedTimeToUpper]);
  if (r.paths !== undefined) rows.push(['paths × steps', `${r.paths} × ${r.steps} (seed ${r.seed}, ${r.threads} threads)`]);
  rows.push(['price', r.price]);
  for (const [label, v] of [['lower', r.lower], ['upper', r.upper], ['mu (log-drift)', r.mu], ['sigma', r.sigma], ['horizon (years)', r.horizon],
    ['nu', r.nu], ['omega', r.omega], ['alpha', r.alpha], ['beta', r.beta], ['initial variance', r.initialVariance]] as const) {
    if (v !== undefined) rows.push([label, v]);
  }
  if (r.data !== undefined) rows.push(['data', r.data]);
  return renderRows(rows);
}

/**
 * Runs `tradesize first-passage` with commander's option object (camelCase keys).
 *
 * @throws TradesizeError MISSING_OPTION (--price, --mu, --horizon, --sigma, both barriers, GARCH
 *   parameters), INVALID_INPUT (bad numbers, lower ≥ price, upper ≤ price, an infinite horizon
 *   for a simulation), CONFLICTING_OPTIONS (simulation flags without a simulation, flags of
 *   another model), FILE_NOT_FOUND, PARSE_ERROR, INSUFFICIENT_DATA.
 * @example
 * await runFirstPassage({ price: '100', lower: '90', upper: '120', mu: '0.1', sigma: '0.6', horizon: '0.25', json: true });
 *   // stdout: {"method":"closed-form","model":"gbm","pLowerFirst":0.6124…,"pUpperFirst":0.3820…,"pNeither":0.0054…,…}
 */
export async function runFirstPassage(o: Opts): Promise<void> {
  const model = parseChoice(str(o.model) ?? 'gbm', '--model', MC_MODELS);
  const price = required(o, 'price', '--price', 'P');
  const horizonText = str(o.horizon);
  if (horizonText === undefined) throw new TradesizeError('MISSING_OPTION', '--horizon YEARS is required', ['--horizon']);
  const mu = required(o, 'mu', '--mu', 'M (annual log-drift)');
  const lower = num(o, 'lower', '--lower');
  const upper = num(o, 'upper', '--upper');
  if (lower === undefined && upper === undefined) throw new TradesizeError('MISSING_OPTION', 'give --lower (stop), --upper (target) or both', ['--lower']);
  if (lower !== undefined && !(lower > 0 && lower < price)) throw new TradesizeError('INVALID_INPUT', `--lower must be in (0, price ${price}), got ${lower}`, ['--lower']);
  if (upper !== undefined && !(upper > price)) throw new TradesizeError('INVALID_INPUT', `--upper must be above the price ${price}, got ${upper}`, ['--upper']);
  const sigma = num(o, 'sigma', '--sigma');
  const common: Common = { model, price, lower, upper, mu, sigma };
  const simulate = model !== 'gbm' || o.paths !== undefined;
  if (!simulate) conflict(o, ['seed', 'steps', 'monitoring', 'threads', 'nu', 'data', 'omega', 'alpha', 'beta'], 'applies to a simulation: add --paths N (or a non-gbm --model)');
  const out = simulate ? await simulated(o, common, horizonText) : closedForm(common, horizonText);
  emit(out, o.json === true, () => render(out));
}
