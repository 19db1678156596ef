/**
 * `tradesize risk`: Value at Risk and Expected Shortfall of a return history at level p, as
 * positive loss numbers in return units (0.05 = a 5 % loss). Prices are turned into SIMPLE
 * returns P_t/P_{t−1} − 1 (the return of a position held one period); with `--input returns`
 * the column is taken as simple returns as given (nothing is compounded, so any finite value);
 * with `--input log-returns` each r becomes the simple return e^r − 1.
 */
import { TradesizeError } from '../../core/errors.js';
import { parseChoice, parseNumber } from '../options.js';
import { emit, renderRows, type Row } from '../output.js';
import { returnsFromSeries, SERIES_INPUTS, type SeriesInput } from '../../market/returns.js';
import { RISK_METHODS, riskMeasures, type RiskMeasuresResult } from '../../risk/var-es.js';
import { readSeries } from '../data.js';
import { str, type Opts } from '../flags/types.js';
import { withFlag } from '../flags/paths.js';
import { RISK } from '../flags/risk.js';


/** The JSON printed by `tradesize risk --json`. */
export interface RiskOutput extends RiskMeasuresResult {
  readonly file: string;
  readonly column: string;
  readonly input: SeriesInput;
  readonly returns: 'simple';
}

function render(r: RiskOutput): string {
  const rows: Row[] = [
    ['method', r.method],
    ['level', r.level],
    ['VaR (loss)', r.var],
    ['ES (loss)', r.es],
    ['observations', r.observations],
    ['mean', r.mean],
    ['sd (population)', r.sd],
  ];
  if (r.skew !== undefined) rows.push(['skew', r.skew]);
  if (r.excessKurtosis !== undefined) rows.push(['excess kurtosis', r.excessKurtosis]);
  if (r.studentT !== undefined) rows.push(['t loc', r.studentT.loc], ['t scale', r.studentT.scale], ['t nu', r.studentT.nu]);
  rows.push(['file', r.file], ['column', r.column], ['input', r.input]);
  return renderRows(rows);
}

export async function runRisk(o: Opts): Promise<void> {
  const file = str(o.data);
  if (file === undefined) throw new TradesizeError('MISSING_OPTION', '--data FILE is required', ['--data']);
  const level = parseNumber(str(o.level) ?? '0.95', '--level');
  const method = parseChoice(str(o.method) ?? 'historical', '--method', RISK_METHODS);
  const input = parseChoice(str(o.input) ?? 'prices', '--input', SERIES_INPUTS);
  const series = await readSeries(file, '--data', str(o.column));
  let result: RiskMeasuresResult;
  try {
    const returns = returnsFromSeries(series.values, input, 'simple');
    result = riskMeasures(returns, { level, method });
  } catch (e) {
    throw withFlag(e, RISK);
  }
  const out: RiskOutput = { ...result, file, column: series.column, input, returns: 'simple' };
  emit(out, o.json === true, () => render(out));
}
