/**
 * `tradesize stress --portfolio FILE.json [--json] [--report out.html]`: the margin stress test of
 * a portfolio (docs/PORTFOLIO.md): the Deribit-style grid fully revalued with the delta-gamma
 * comparison, the cross-margin account, Greeks per underlying, the largest adverse moves, and a
 * Monte Carlo stress over `--horizon` days — model-based (multivariate Student-t from the
 * portfolio's vols and correlations) by default, so it runs on a fresh clone, or from daily OHLCV
 * files with `--history BTC=btc-1d.csv,ETH=eth-1d.csv`: bootstrapped by date (default with
 * --history) or a multivariate t fitted to them (`--mc-method fitted-t`).
 *
 * JSON keys (public): worstLoss, worstScenario, scenarios, liquidated, maxAdverseMove, and
 * currency, account, greeks, deltaGammaMaxError, monteCarlo, params. Amounts in the report currency.
 */
import { writeFile } from 'node:fs/promises';
import { TradesizeError } from '../../core/errors.js';
import { stressPortfolio } from '../../stress/stress.js';
import { monteCarloPortfolio } from '../../stress/monte-carlo-portfolio.js';
import { progressBar } from '../progress-bar.js';
import type { MonteCarloStress } from '../../stress/monte-carlo.js';
import { alignedLogReturns, type AlignedReturns } from '../../stress/history.js';
import { parseChoice, parseInteger, parseNumber } from '../options.js';
import { emit, renderRows, renderTable } from '../output.js';
import { readJson, readOhlc } from '../data.js';
import { renderStressReport, type StressOutput } from '../report-html.js';
import { str, type Opts } from '../flags/types.js';
import { withFlag } from '../flags/paths.js';
import { STRESS } from '../flags/stress.js';



async function readHistory(spec: string): Promise<AlignedReturns> {
  const series = await Promise.all(
    spec.split(',').map(async (pair) => {
      const eq = pair.indexOf('=');
      if (eq <= 0 || eq === pair.length - 1) throw new TradesizeError('INVALID_INPUT', `--history expects UNDERLYING=FILE[,UNDERLYING=FILE…], got "${pair}"`, ['--history']);
      const name = pair.slice(0, eq).trim();
      const csv = await readOhlc(pair.slice(eq + 1).trim(), '--history');
      if (csv.timestamps === null) throw new TradesizeError('INVALID_INPUT', `--history ${name}: the file has no timestamp column to align dates`, ['--history']);
      return { name, timestamps: csv.timestamps, closes: csv.close };
    }),
  );
  return alignedLogReturns(series);
}

/** Monte Carlo runs of at least this many path-days × positions draw a progress bar (TTY, without --json). */
const PROGRESS_MIN_WORK = 50_000_000;

const pct = (x: number | null): string => (x === null ? 'none within the cap' : `${(x * 100).toFixed(2)}%`);

function render(o: StressOutput): string {
  const a = o.account;
  const summary = renderRows([
    ['portfolio', o.portfolio],
    ['margin', `${a.style}${a.style === 'portfolio' ? ' (IM = worst grid loss, MM = mm_factor × IM)' : ' (sum of per-position requirements)'}`],
    [`equity (${o.currency})`, a.equity],
    ['initial margin', a.initialMargin],
    ['maintenance margin', a.maintenanceMargin],
    ['margin ratio (MM / equity)', a.marginRatio],
    ['worst loss', o.worstLoss],
    ['worst scenario', o.worstScenario.id],
    ['liquidated in the grid', o.liquidated],
    ['delta-gamma max error', o.deltaGammaMaxError],
    [`Monte Carlo (${o.monteCarlo.method}, ${o.monteCarlo.paths} paths, ${o.monteCarlo.horizonDays} days)`, `P(liquidation) ${o.monteCarlo.pLiquidation} ± ${o.monteCarlo.standardError}; VaR99 ${o.monteCarlo.var99.toFixed(2)}, ES99 ${o.monteCarlo.es99.toFixed(2)}`],
  ]);
  const greeks = renderTable(['underlying', 'spot', 'delta', 'gamma', 'vega', 'value'], o.greeks.map((g) => [g.underlying, g.spot, g.delta, g.gamma, g.vega, g.value]));
  const moves = renderTable(['scope', 'max move down', 'max move up'], o.maxAdverseMove.map((m) => [m.scope, pct(m.down), pct(m.up)]));
  const grid = renderTable(
    ['scenario', 'pnl', 'equity', 'maintenance', 'MM/equity', 'liquidated', 'delta-gamma pnl', 'error'],
    o.scenarios.map((s) => [s.id, s.pnl, s.equity, s.maintenance, s.marginRatio, s.liquidated ? 'yes' : 'no', s.deltaGammaPnl, s.deltaGammaError]),
  );
  return [summary, '', greeks, '', moves, '', grid].join('\n');
}

/** A Monte Carlo budget error also names the flags whose product it bounds. */
function withBudgetFlags(e: unknown): unknown {
  if (!(e instanceof TradesizeError) || e.details?.budget === undefined) return e;
  return new TradesizeError(e.code, `${e.message} (--mc-paths × --horizon)`, e.path, { ...e.details });
}

export async function runStress(o: Opts): Promise<void> {
  const json = o.json === true;
  const file = str(o.portfolio);
  if (file === undefined) throw new TradesizeError('MISSING_OPTION', '--portfolio FILE.json is required', ['--portfolio']);
  const input = await readJson(file, '--portfolio');
  const paths = parseInteger(str(o.mcPaths) ?? '10000', '--mc-paths');
  const days = parseInteger(str(o.horizon) ?? '10', '--horizon');
  const seed = parseNumber(str(o.seed) ?? '1', '--seed');
  const nu = parseNumber(str(o.nu) ?? '4', '--nu');
  const blockLength = parseInteger(str(o.block) ?? '5', '--block');
  const historySpec = str(o.history);
  const history = historySpec === undefined ? undefined : await readHistory(historySpec);
  const method = parseChoice(str(o.mcMethod) ?? (history === undefined ? 'student-t' : 'bootstrap'), '--mc-method', ['student-t', 'fitted-t', 'bootstrap'] as const);
  const result = stressPortfolio(input);
  let monteCarlo: MonteCarloStress;
  const positions = (input as { positions: readonly unknown[] }).positions.length;
  const bar = progressBar(process.stderr, !json && paths * days * positions >= PROGRESS_MIN_WORK);
  try {
    monteCarlo = monteCarloPortfolio(input, { method, paths, days, seed, nu, blockLength, ...(history === undefined ? {} : { history }), ...(bar === null ? {} : { onProgress: bar.update }) });
  } catch (e) {
    throw withBudgetFlags(withFlag(e, STRESS));
  } finally {
    bar?.done();
  }
  const out: StressOutput = { portfolio: file, ...result, monteCarlo };
  const report = str(o.report);
  if (report !== undefined) {
    try {
      await writeFile(report, renderStressReport(out), 'utf8');
    } catch (e) {
      throw new TradesizeError('FILE_NOT_FOUND', `--report: cannot write "${report}": ${String((e as NodeJS.ErrnoException).code ?? e)}`, ['--report']);
    }
  }
  emit(out, json, () => render(out));
}
