/**
 * `tradesize regime`: volatility regimes of a CSV series and the sizing multiplier they imply.
 * --method hmm (default): a 2- or 3-state Gaussian HMM on the log returns (states, transition
 * matrix, the current state by filtered probability); --method vol: the EWMA volatility's
 * percentile in its trailing history (low / normal / high). Both print the multiplier of
 * `regimeMultiplier` with its one-line explanation.
 */
import { TradesizeError } from '../../core/errors.js';
import { parseChoice, parseInteger, optionalNumber, parseNumber } from '../options.js';
import { emit, renderRows, renderTable } from '../output.js';
import { fmt } from '../../core/format.js';
import { readSeries } from '../data.js';
import { SERIES_INPUTS, type SeriesInput } from '../../market/returns.js';
import { str, type Opts } from '../flags/types.js';
import { withFlag } from '../flags/paths.js';
import { REGIME } from '../flags/regime.js';
import { hmmRegimes, type RegimeReport } from '../../regime/report.js';
import { HMM_STATES } from '../../regime/hmm.js';
import { volRegime, VOL_REGIMES, type VolRegimeReport } from '../../regime/vol-regime.js';
import { regimeMultiplier, type RegimeMultiplier, type RegimeWeighting } from '../../regime/multiplier.js';

/** Where the series came from. */
interface Source {
  readonly file: string;
  readonly column: string;
  readonly input: SeriesInput;
}

/** What `tradesize regime --json` prints with --method hmm. */
export type HmmRegimeOutput = RegimeReport & RegimeMultiplier & Source;
/** What `tradesize regime --json` prints with --method vol. */
export type VolRegimeOutput = VolRegimeReport & RegimeMultiplier & Source;

/** --multipliers: "1,0.6[,0.3]" for hmm, "low=1,normal=0.75,high=0.5" for vol. */
function parseTable(value: string | undefined, method: 'hmm' | 'vol'): number[] | Record<string, number> | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',').map((p) => p.trim());
  if (method === 'hmm') return parts.map((p) => parseNumber(p, '--multipliers'));
  const table: Record<string, number> = {};
  for (const part of parts) {
    const [key, x, extra] = part.split('=');
    if (key === undefined || x === undefined || extra !== undefined || !(VOL_REGIMES as readonly string[]).includes(key)) {
      throw new TradesizeError('INVALID_INPUT', `--multipliers with --method vol expects low=…,normal=…,high=…; got "${part}"`, ['--multipliers']);
    }
    table[key] = parseNumber(x, '--multipliers');
  }
  return table;
}

function fmtProbabilities(r: RegimeReport): string {
  return r.states.map((s) => `${s.label} ${fmt(r.probabilities[s.state] as number, 4)}`).join(', ');
}

function renderHmm(r: HmmRegimeOutput): string {
  const head = renderRows([
    ['method', `hmm (${r.states.length}-state Gaussian on log returns)`],
    ['current', `${r.current} (${r.currentLabel})`],
    ['probabilities', `${fmtProbabilities(r)} (filtered, last return)`],
    ['viterbi last', r.viterbiCurrent],
    ['multiplier', r.multiplier],
    ['regime', r.regime],
    ['why', r.explanation],
    ['log-likelihood', r.logLikelihood],
    ['iterations', `${r.iterations} (${r.converged ? 'converged' : 'NOT converged'})`],
    ['observations', r.observations],
    ['periods per year', `${r.periodsPerYear} (${r.periodsPerYearSource})`],
    ['file', r.file],
    ['column', `${r.column} (${r.input})`],
  ]);
  const states = renderTable(
    ['state', 'label', 'mean', 'vol', 'annual mean', 'annual vol', 'persistence', 'share'],
    r.states.map((s) => [s.state, s.label, s.mean, s.vol, s.annualizedMean, s.annualizedVol, s.persistence, s.share]),
  );
  const matrix = renderTable(
    ['from \\ to', ...r.states.map((s) => s.label)],
    r.transitionMatrix.map((row, i) => [r.states[i]?.label, ...row]),
  );
  return `${head}\n\n${states}\n\n${matrix}`;
}

function renderVol(r: VolRegimeOutput): string {
  return renderRows([
    ['method', 'vol (EWMA percentile in its trailing history)'],
    ['current', r.current],
    ['percentile', r.percentile],
    ['annualised vol', r.annualizedVol],
    ['period vol', r.periodVol],
    ['low below', `${fmt(r.thresholdVols[0])} annualised (percentile ${fmt(r.thresholds[0], 4)})`],
    ['high above', `${fmt(r.thresholdVols[1])} annualised (percentile ${fmt(r.thresholds[1], 4)})`],
    ['multiplier', r.multiplier],
    ['regime', r.regime],
    ['why', r.explanation],
    ['lambda', r.lambda],
    ['window', r.window],
    ['observations', r.observations],
    ['periods per year', `${r.periodsPerYear} (${r.periodsPerYearSource})`],
    ['file', r.file],
    ['column', `${r.column} (${r.input})`],
  ]);
}

/**
 * Runs `tradesize regime` with commander's option object (camelCase keys: data, column, input,
 * method, states, starts, seed, multipliers, weighting, lambda, window, periodsPerYear, json).
 *
 * @throws TradesizeError MISSING_OPTION (--data), INVALID_INPUT (--states not 2 or 3, bad numbers,
 *   a multiplier outside (0, 1]), CONFLICTING_OPTIONS (an hmm flag with --method vol or the
 *   reverse), FILE_NOT_FOUND, PARSE_ERROR, INSUFFICIENT_DATA (fewer than 10 returns per state for
 *   hmm, 30 for vol, or constant returns).
 * @example
 * await runRegime({ data: 'btc-usdt-1d.csv', states: '2', json: true });
 *   // stdout: {"method":"hmm","states":[{"state":0,"label":"calm",…}],"transitionMatrix":[[…]],"current":1,"probabilities":[…],"multiplier":0.4…,…}
 */
export async function runRegime(o: Opts): Promise<void> {
  const file = str(o.data);
  if (file === undefined) throw new TradesizeError('MISSING_OPTION', '--data FILE.csv is required', ['--data']);
  const method = parseChoice(str(o.method) ?? 'hmm', '--method', ['hmm', 'vol'] as const);
  const input = parseChoice(str(o.input) ?? 'prices', '--input', SERIES_INPUTS);
  const periodsPerYear = optionalNumber(str(o.periodsPerYear), '--periods-per-year');
  const table = parseTable(str(o.multipliers), method);
  const states = method === 'hmm' ? (Number(parseChoice(str(o.states) ?? '2', '--states', HMM_STATES.map(String))) as (typeof HMM_STATES)[number]) : undefined;
  const starts = str(o.starts) === undefined ? undefined : parseInteger(str(o.starts) as string, '--starts');
  const seed = str(o.seed) === undefined ? undefined : parseNumber(str(o.seed) as string, '--seed');
  const weighting = parseChoice(str(o.weighting) ?? 'probability', '--weighting', ['probability', 'current'] as const) as RegimeWeighting;
  const lambda = optionalNumber(str(o.lambda), '--lambda');
  const window = str(o.window) === undefined ? undefined : parseInteger(str(o.window) as string, '--window');
  const series = await readSeries(file, '--data', str(o.column));
  const common = {
    values: series.values,
    input,
    ...(series.timestamps === null ? {} : { timestamps: series.timestamps }),
    ...(periodsPerYear === undefined ? {} : { periodsPerYear }),
  };
  const source: Source = { file, column: series.column, input };
  try {
    if (method === 'hmm') {
      const report = hmmRegimes({ ...common, states, ...(starts === undefined ? {} : { starts }), ...(seed === undefined ? {} : { seed }) });
      const out: HmmRegimeOutput = { ...report, ...regimeMultiplier(report, table, { weighting }), ...source };
      emit(out, o.json === true, () => renderHmm(out));
      return;
    }
    const report = volRegime({ ...common, ...(lambda === undefined ? {} : { lambda }), ...(window === undefined ? {} : { window }) });
    const out: VolRegimeOutput = { ...report, ...regimeMultiplier(report, table), ...source };
    emit(out, o.json === true, () => renderVol(out));
  } catch (e) {
    throw withFlag(e, REGIME);
  }
}
