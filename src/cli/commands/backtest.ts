/**
 * `tradesize backtest --data FILE.csv --policy SPEC [--policy SPEC …]`: sizing policies through
 * OHLCV history (`backtest/`): one row per policy with its growth, drawdown, ratios, liquidations,
 * stop-outs, costs and share of the best constant leverage in hindsight. `--sweep GRID` runs a
 * parameter grid on worker threads (a progress bar on a terminal), `--walk-forward TRAIN,TEST`
 * rolls a fit/test window over it, `--equity-curve FILE.csv` writes every policy's equity per bar.
 *
 * JSON keys (public): policies[] {policy, cagr, logGrowth, maxDrawdown, sharpe, sortino, calmar,
 * liquidations, stopOuts, fees, funding, turnover, finalEquity, hindsightShare, …}, hindsight
 * {leverage, logGrowth}, settlement ('quote', or 'coin' for an inverse contract), bars, barsPerYear; sweep[] (rows of the same shape), walkForward.
 */
import { writeFile } from 'node:fs/promises';
import { TradesizeError } from '../../core/errors.js';
import { isoUtcMs, requireIncreasingTimestamps } from '../../market/timestamps.js';
import { backtest, prepareBacktest, type BacktestData, type BacktestResult, type PolicyResult } from '../../backtest/backtest.js';
import { sliceBars, type Bars } from '../../backtest/bars.js';
import { barsCsvReader, fundingCsvReader } from '../../backtest/bars-csv.js';
import type { BacktestOptionsInput } from '../../backtest/options.js';
import { parseSignal, trendSignal } from '../../backtest/policies/signal.js';
import type { ImpliedSeries } from '../../backtest/policies/vol.js';
import { expandGrid, sweepCsv } from '../../backtest/sweep.js';
import { runSweep } from '../../backtest/sweep-pool.js';
import { walkForward, type WalkForwardResult } from '../../backtest/walk-forward.js';
import { exclusive, optionalNumber, parseInteger, parseNumber } from '../options.js';
import { emit, renderRows, renderTable } from '../output.js';
import { readChartAssets, readChunks, readSeries } from '../data.js';
import type { KernelTrace } from '../../backtest/kernel.js';
import { reportData } from '../../backtest/report-data.js';
import { renderBacktestReport } from '../report-backtest.js';
import { progressBar } from '../progress-bar.js';
import { list, str, type Opts } from '../flags/types.js';
import { withFlag } from '../flags/paths.js';
import { BACKTEST } from '../flags/backtest.js';

/** What `tradesize backtest --json` prints. */
export interface BacktestOutput extends BacktestResult {
  readonly file: string;
  readonly sweep?: PolicyResult[];
  readonly walkForward?: WalkForwardResult;
}

function parseDate(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const t = isoUtcMs(v) ?? Date.parse(v);
  if (Number.isNaN(t)) throw new TradesizeError('INVALID_INPUT', `${flag} expects a date (ISO-8601), got "${v}"`, [flag]);
  return t;
}

async function readBars(o: Opts): Promise<Bars> {
  const file = str(o.data) as string;
  const parser = barsCsvReader(str(o.signalColumn));
  await readChunks(file, '--data', (c) => parser.push(c));
  let bars = parser.end();
  const signal = str(o.signal);
  if (signal !== undefined) {
    const { fast, slow } = parseSignal(signal);
    bars = { ...bars, signal: trendSignal(bars.close, fast, slow) };
  }
  return sliceBars(bars, parseDate(str(o.from), '--from'), parseDate(str(o.to), '--to'));
}

async function readImplied(o: Opts): Promise<ImpliedSeries | null> {
  const file = str(o.volData);
  if (file === undefined) return null;
  const s = await readSeries(file, '--vol-data', str(o.volColumn));
  if (s.timestamps === null) throw new TradesizeError('INVALID_INPUT', '--vol-data needs a timestamp column', ['--vol-data']);
  return { time: requireIncreasingTimestamps(s.timestamps, ['--vol-data', 'timestamps'], '--vol-data'), value: s.values };
}

function optionsOf(o: Opts, policies: string[]): BacktestOptionsInput {
  const mmr = optionalNumber(str(o.mmr), '--mmr');
  const venue = str(o.venue);
  const symbol = str(o.symbol);
  const equity = optionalNumber(str(o.equity), '--equity');
  return {
    policies,
    ...(equity === undefined ? {} : { equity }),
    feeRate: parseNumber(str(o.feeRate) ?? '0', '--fee-rate'),
    slippageBps: parseNumber(str(o.slippageBps) ?? '0', '--slippage-bps'),
    rebalanceBand: parseNumber(str(o.rebalanceBand) ?? '0', '--rebalance-band'),
    maxLeverage: parseNumber(str(o.maxLeverage) ?? '10', '--max-leverage'),
    window: parseInteger(str(o.window) ?? '365', '--window'),
    stopSigma: parseNumber(str(o.stopSigma) ?? '2', '--stop-sigma'),
    risk: parseNumber(str(o.risk) ?? '0.01', '--risk'),
    volMethod: (str(o.volMethod) ?? 'ewma') as 'ewma',
    marginMode: (str(o.marginMode) ?? 'cross') as 'cross',
    ...(mmr === undefined ? {} : { mmr }),
    ...(venue === undefined ? {} : { venue }),
    ...(symbol === undefined ? {} : { symbol }),
  };
}

async function writeCurves(file: string, bars: Bars, names: readonly string[], curves: readonly Float64Array[]): Promise<void> {
  const lines = [['timestamp', ...names.map((n) => `"${n}"`)].join(',')];
  for (let i = 0; i < bars.close.length; i++) lines.push([new Date(bars.time[i] as number).toISOString(), ...curves.map((c) => String(c[i]))].join(','));
  await writeOut(file, '--equity-curve', `${lines.join('\n')}\n`);
}

async function writeOut(file: string, flag: string, text: string): Promise<void> {
  try {
    await writeFile(file, text, 'utf8');
  } catch (e) {
    throw new TradesizeError('FILE_NOT_FOUND', `${flag}: cannot write "${file}": ${String((e as NodeJS.ErrnoException).code ?? e)}`, [flag]);
  }
}

const pct = (x: number | null): string => (x === null ? '-' : `${(x * 100).toFixed(2)}%`);
const num = (x: number | null, d = 2): string => (x === null ? '-' : x.toFixed(d));

/** The table; amounts in a coin (an inverse contract) with 8 decimals, in the quote with 2. */
function table(rows: readonly PolicyResult[], coin: boolean): string {
  const money = (x: number): string => num(x, coin ? 8 : 2);
  return renderTable(
    ['policy', 'CAGR', 'log growth', 'max DD', 'Sharpe', 'Sortino', 'Calmar', 'liq.', 'stops', 'fees', 'funding', 'turnover', 'final equity', 'of hindsight'],
    rows.map((r) => [r.policy, pct(r.cagr), num(r.logGrowth, 4), pct(r.maxDrawdown), num(r.sharpe), num(r.sortino), num(r.calmar), r.liquidations, r.stopOuts, money(r.fees), money(r.funding), num(r.turnover, 1), money(r.finalEquity), pct(r.hindsightShare)]),
  );
}

function render(out: BacktestOutput): string {
  const h = out.hindsight;
  const head = renderRows([
    ['data', `${out.file}: ${out.bars} bars, ${out.from} → ${out.to}, ${Math.round(out.barsPerYear)} bars per year`],
    ['best constant leverage in hindsight', h.leverage === null ? 'unbounded (the price only moved one way)' : `${h.leverage.toFixed(3)}× (log growth ${num(h.logGrowth, 4)} per year)`],
  ]);
  const parts = [head];
  const coin = out.settlement === 'coin';
  if (out.policies.length > 0) parts.push('', table(out.policies, coin));
  if (out.sweep !== undefined) parts.push('', `sweep (${out.sweep.length} policies)`, table(out.sweep, coin));
  const wf = out.walkForward;
  if (wf !== undefined) {
    parts.push('', `walk-forward: train ${wf.train} bars, test ${wf.test} bars; mean log growth in-sample ${num(wf.inSample, 4)}, out-of-sample ${num(wf.outOfSample, 4)}`);
    parts.push(renderTable(['test from', 'test to', 'chosen', 'in-sample', 'out-of-sample'], wf.windows.map((w) => [w.testFrom, w.testTo, w.policy, num(w.inSampleLogGrowth, 4), num(w.outOfSampleLogGrowth, 4)])));
  }
  return parts.join('\n');
}

/** The sweep and walk-forward parts of a run. */
async function sweeps(o: Opts, data: BacktestData, options: BacktestOptionsInput, json: boolean): Promise<Pick<BacktestOutput, 'sweep' | 'walkForward'>> {
  const grids = [...list(o.sweep)];
  if (grids.length === 0) return {};
  const specs = grids.flatMap(expandGrid);
  const threadsFlag = str(o.threads);
  const threads = threadsFlag === undefined ? undefined : parseInteger(threadsFlag, '--threads');
  const bar = progressBar(process.stderr, !json);
  const run = { ...(threads === undefined ? {} : { threads }), ...(bar === null ? {} : { onProgress: bar.update }) };
  try {
    const wfFlag = str(o.walkForward);
    if (wfFlag !== undefined) {
      const [train, test] = wfFlag.split(',').map((x) => parseInteger(x.trim(), '--walk-forward'));
      if (train === undefined || test === undefined) throw new TradesizeError('INVALID_INPUT', '--walk-forward expects TRAIN,TEST', ['--walk-forward']);
      return { walkForward: await walkForward(data, options, specs, train, test, run) };
    }
    const sweep = await runSweep(data, options, specs, run);
    const csv = str(o.sweepCsv);
    if (csv !== undefined) await writeOut(csv, '--sweep-csv', sweepCsv(sweep));
    return { sweep };
  } finally {
    bar?.done();
  }
}

export async function runBacktest(o: Opts): Promise<void> {
  const json = o.json === true;
  exclusive(o, { mmr: '--mmr', venue: '--venue' });
  exclusive(o, { signal: '--signal', signalColumn: '--signal-column' });
  if ((str(o.venue) === undefined) !== (str(o.symbol) === undefined)) throw new TradesizeError('MISSING_OPTION', '--venue and --symbol go together', [str(o.venue) === undefined ? '--venue' : '--symbol']);
  const policies = [...list(o.policy)];
  if (policies.length === 0 && list(o.sweep).length === 0) throw new TradesizeError('MISSING_OPTION', 'give at least one --policy SPEC (or a --sweep GRID)', ['--policy']);
  try {
    const bars = await readBars(o);
    const fundingFile = str(o.funding);
    let funding = null;
    if (fundingFile !== undefined) {
      const parser = fundingCsvReader();
      await readChunks(fundingFile, '--funding', (c) => parser.push(c));
      funding = parser.end();
    }
    const data: BacktestData = { bars, funding, impliedVol: await readImplied(o) };
    const curves: Float64Array[] = [];
    const traces: KernelTrace[] = [];
    const options = optionsOf(o, policies.length > 0 ? policies : ['fixed-leverage:1']);
    const report = str(o.report);
    const result = backtest(data, options, curves, report === undefined ? undefined : traces);
    const extra = await sweeps(o, data, options, json);
    const out: BacktestOutput = { file: str(o.data) as string, ...result, ...(policies.length > 0 ? {} : { policies: [] }), ...extra };
    if (report !== undefined) {
      const model = reportData(prepareBacktest(data, options), result.policies, curves, traces, extra.sweep ?? null);
      await writeOut(report, '--report', renderBacktestReport(model, await readChartAssets(), str(o.data) as string));
    }
    const curveFile = str(o.equityCurve);
    if (curveFile !== undefined) await writeCurves(curveFile, bars, result.policies.map((p) => p.policy), curves);
    emit(out, json, () => render(out));
  } catch (e) {
    throw withFlag(e, BACKTEST);
  }
}
