/**
 * `tradesize vol`: annualised volatility of a CSV file, by close-to-close, RiskMetrics EWMA,
 * GARCH(1,1) with normal or Student-t innovations (one column of prices or returns) or a range estimator on the open/high/low/close columns
 * (Parkinson, Garman–Klass, Rogers–Satchell, Yang–Zhang), or the latest value of an implied-vol
 * index such as Deribit's DVOL (--model implied). Periods per year: --periods-per-year,
 * else inferred from the timestamps, else 365 (see `estimateVolatility`).
 */
import { TradesizeError } from '../../core/errors.js';
import { optionalNumber, parseChoice } from '../options.js';
import { emit, renderRows } from '../output.js';
import { readOhlc, readSeries } from '../data.js';
import { SERIES_INPUTS, type SeriesInput } from '../../market/returns.js';
import { str, type Opts } from '../flags/types.js';
import { withFlag } from '../flags/paths.js';
import { VOL } from '../flags/vol.js';
import { estimateVolatility, RANGE_METHODS, VOLATILITY_METHODS, type VolatilityEstimate } from '../../volatility/estimate.js';


/** What `tradesize vol --json` prints. */
export interface VolOutput {
  readonly method: VolatilityEstimate['method'];
  readonly annualizedVol: number;
  readonly periodVol: number;
  readonly observations: number;
  readonly periodsPerYear: number;
  readonly periodsPerYearSource: VolatilityEstimate['periodsPerYearSource'];
  readonly file: string;
  /** Column read (close and ewma only). */
  readonly column?: string;
  /** What the column held (close and ewma only). */
  readonly input?: SeriesInput;
  /** EWMA decay (ewma only). */
  readonly lambda?: number;
  /** GARCH(1,1) estimates on the log returns (garch and garch-t only). */
  readonly mu?: number;
  readonly omega?: number;
  readonly alpha?: number;
  readonly beta?: number;
  /** Student-t degrees of freedom (garch-t only). */
  readonly nu?: number;
  readonly logLikelihood?: number;
  /** garch and garch-t with --horizon: the periods the forecast averages over. */
  readonly horizon?: number;
  /** implied: the latest index value as quoted, its unit and timestamp. */
  readonly level?: number;
  readonly ivUnit?: 'percent' | 'decimal';
  readonly asOf?: string | null;
}

function model(o: Opts): VolatilityEstimate['method'] {
  const m = str(o.model);
  if (m === undefined) throw new TradesizeError('MISSING_OPTION', `--model is required: one of ${VOLATILITY_METHODS.join(', ')}`, ['--model']);
  return parseChoice(m, '--model', VOLATILITY_METHODS);
}

async function estimate(o: Opts, file: string, method: VolatilityEstimate['method']): Promise<VolOutput> {
  const periodsPerYear = optionalNumber(str(o.periodsPerYear), '--periods-per-year');
  const lambda = optionalNumber(str(o.lambda), '--lambda');
  if (lambda !== undefined && method !== 'ewma') {
    throw new TradesizeError('CONFLICTING_OPTIONS', `--lambda applies only to --model ewma, not ${method}`, ['--lambda']);
  }
  const common = periodsPerYear === undefined ? {} : { periodsPerYear };
  if ((RANGE_METHODS as readonly string[]).includes(method)) {
    for (const [key, flag] of [['column', '--column'], ['input', '--input'], ['horizon', '--horizon'], ['ivUnit', '--iv-unit']] as const) {
      if (o[key] !== undefined) {
        throw new TradesizeError('CONFLICTING_OPTIONS', `${flag} applies to the single-column models (close, ewma, garch, garch-t, implied); ${method} reads the open, high, low and close columns`, [flag]);
      }
    }
    const bars = await readOhlc(file, '--data');
    try {
      const est = estimateVolatility({
        ohlc: bars, method, ...common, ...(bars.timestamps === null ? {} : { timestamps: bars.timestamps }),
      });
      return { method, annualizedVol: est.sigma, periodVol: est.periodVol, observations: est.observations, periodsPerYear: est.periodsPerYear, periodsPerYearSource: est.periodsPerYearSource, file };
    } catch (e) {
      throw withFlag(e, VOL);
    }
  }
  // The library refuses --horizon, --iv-unit and --input where they do not apply; withFlag names the flag.
  const horizon = optionalNumber(str(o.horizon), '--horizon');
  const ivUnit = o.ivUnit === undefined ? undefined : parseChoice(str(o.ivUnit) ?? '', '--iv-unit', ['percent', 'decimal'] as const);
  const given = str(o.input);
  const input = given === undefined ? (method === 'implied' ? undefined : 'prices') : parseChoice(given, '--input', SERIES_INPUTS);
  const series = await readSeries(file, '--data', str(o.column));
  try {
    const est = estimateVolatility({
      values: series.values, method, ...common,
      ...(input === undefined ? {} : { input }),
      ...(lambda === undefined ? {} : { lambda }),
      ...(horizon === undefined ? {} : { horizon }),
      ...(ivUnit === undefined ? {} : { ivUnit }),
      ...(series.timestamps === null ? {} : { timestamps: series.timestamps }),
    });
    return {
      method, annualizedVol: est.sigma, periodVol: est.periodVol, observations: est.observations, periodsPerYear: est.periodsPerYear,
      periodsPerYearSource: est.periodsPerYearSource, file, column: series.column, ...(input === undefined ? {} : { input }),
      ...(est.lambda === undefined ? {} : { lambda: est.lambda }),
      ...(est.garch === undefined ? {} : garchKeys(est.garch)),
      ...(est.horizon === undefined ? {} : { horizon: est.horizon }),
      ...(est.implied === undefined ? {} : { level: est.implied.level, ivUnit: est.implied.unit, asOf: est.implied.asOf }),
    };
  } catch (e) {
    throw withFlag(e, VOL);
  }
}

function garchKeys(g: NonNullable<VolatilityEstimate['garch']>): Pick<VolOutput, 'mu' | 'omega' | 'alpha' | 'beta' | 'nu' | 'logLikelihood'> {
  return { mu: g.mu, omega: g.omega, alpha: g.alpha, beta: g.beta, ...(g.nu === undefined ? {} : { nu: g.nu }), logLikelihood: g.logLikelihood };
}

const opt = (label: string, v: number | undefined): (readonly [string, number])[] => (v === undefined ? [] : [[label, v] as const]);

function render(r: VolOutput): string {
  return renderRows([
    ['model', r.method],
    ['annualised vol', r.annualizedVol],
    ['period vol', r.periodVol],
    ['observations', r.observations],
    ['periods per year', `${r.periodsPerYear} (${r.periodsPerYearSource})`],
    ['file', r.file],
    ...(r.column === undefined ? [] : ([['column', `${r.column} (${r.level === undefined ? (r.input ?? 'prices') : `implied-vol index, ${r.ivUnit ?? 'percent'}`})`]] as const)),
    ...opt('index level', r.level),
    ...(r.asOf === undefined || r.asOf === null ? [] : ([['as of', r.asOf]] as const)),
    ...opt('horizon (periods)', r.horizon),
    ...(r.lambda === undefined ? [] : ([['lambda', r.lambda]] as const)),
    ...opt('mu', r.mu),
    ...opt('omega', r.omega),
    ...opt('alpha', r.alpha),
    ...opt('beta', r.beta),
    ...opt('nu', r.nu),
    ...opt('log-likelihood', r.logLikelihood),
  ]);
}

/**
 * Runs `tradesize vol` with commander's option object (camelCase keys: data, column, input, model,
 * lambda, periodsPerYear, horizon, ivUnit, json).
 *
 * @throws TradesizeError MISSING_OPTION (--data, --model), INVALID_INPUT (unknown --model, bad numbers, inconsistent bars), CONFLICTING_OPTIONS (--lambda without ewma,
 *   --column/--input with a range model), FILE_NOT_FOUND, PARSE_ERROR, INSUFFICIENT_DATA
 *   (garch and garch-t need at least 100 returns).
 * @example
 * await runVol({ data: 'btc-usdt-1d.csv', model: 'yang-zhang', json: true });
 *   // stdout: {"method":"yang-zhang","annualizedVol":0.6…,"periodVol":…,"observations":3130,"periodsPerYear":365,…}
 */
export async function runVol(o: Opts): Promise<void> {
  const method = model(o);
  const file = str(o.data);
  if (file === undefined) throw new TradesizeError('MISSING_OPTION', '--data FILE.csv is required', ['--data']);
  const out = await estimate(o, file, method);
  emit(out, o.json === true, () => render(out));
}
