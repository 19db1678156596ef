/**
 * `tradesize hedge-sim --data FILE.csv --policy SPEC [--policy SPEC ...] [--paths N] [--json]`: a
 * European option (default a short 30-day ATM call) delta-hedged with the underlying, every bar
 * of --data being one hedging step, along GBM paths at the data's realised vol (default), GARCH-t
 * paths fitted to it, or its historical windows (`--model historical`, priced at DVOL with
 * `--iv`), under each policy SPEC on the same paths (`hedging/simulate.ts`, SPECs in
 * `hedging/policy.ts`). Amounts in USD for one option on 1 coin of the underlying at the last close.
 *
 * JSON keys (public): policies[] with policy, hedgingError, cost, turnover, trades (each
 * {value, stdError}), meanPnl; and model, paths, steps, dt, spot, vol, costRate, option.
 */
import { TradesizeError } from '../../core/errors.js';
import { logReturns } from '../../market/returns.js';
import { inferPeriodsPerYear } from '../../market/periods.js';
import { closeToCloseVol } from '../../volatility/close-to-close.js';
import { fitGarch } from '../../volatility/garch.js';
import { historicalWindows, type HistoricalWindows } from '../../hedging/historical.js';
import { simulateHedging, type HedgeSimulationInput, type HedgeSimulationResult } from '../../hedging/simulate.js';
import { optionalNumber, parseChoice, parseInteger, parseNumber } from '../options.js';
import { emit, renderTable } from '../output.js';
import { readOhlc, readSeries } from '../data.js';
import { list, str, type Opts } from '../flags/types.js';
import { withFlag } from '../flags/paths.js';
import { HEDGE_SIM } from '../flags/hedge.js';

const MS_PER_DAY = 86_400_000;

type SimOutput = HedgeSimulationResult & {
  readonly data: string;
  readonly spot: number;
  /** The pricing vol, or 'per window' (historical: realised before each window, or the implied index). */
  readonly vol: number | string;
  readonly costRate: number;
  readonly option: { readonly type: string; readonly quantity: number; readonly strike: number; readonly days: number };
};

const est = (e: { value: number; stdError: number }) => `${e.value.toPrecision(5)} ± ${e.stdError.toPrecision(2)}`;

function render(r: SimOutput): string {
  const head = `${r.model}: ${r.paths} paths × ${r.steps} steps; ${r.option.quantity} ${r.option.type} K=${r.option.strike.toPrecision(6)} ${r.option.days}d on spot ${r.spot}, vol ${typeof r.vol === 'number' ? r.vol.toPrecision(4) : r.vol}, cost rate ${r.costRate}`;
  const table = renderTable(['policy', 'hedging error', 'cost', 'turnover', 'trades', 'mean P&L'], r.policies.map((p) => [p.policy, est(p.hedgingError), est(p.cost), est(p.turnover), est(p.trades), est(p.meanPnl)]));
  return `${head}\n${table}`;
}

async function ivSeries(file: string): Promise<{ timestamps: string[]; values: Float64Array }> {
  const s = await readSeries(file, '--iv', undefined);
  if (s.timestamps === null) throw new TradesizeError('INVALID_INPUT', '--iv: the index file needs a timestamp column', ['--iv']);
  return { timestamps: s.timestamps, values: s.values };
}

export async function runHedgeSim(o: Opts): Promise<void> {
  const file = str(o.data) as string;
  const bars = await readOhlc(file, '--data');
  if (bars.timestamps === null) throw new TradesizeError('INVALID_INPUT', '--data: the file needs a timestamp column (its bar spacing is the hedging step)', ['--data']);
  const model = parseChoice(str(o.model) ?? 'gbm', '--model', ['gbm', 'garch-t', 'historical'] as const);
  const barsPerYear = inferPeriodsPerYear(bars.timestamps);
  const dt = 1 / barsPerYear;
  const days = parseNumber(str(o.days) ?? '30', '--days');
  const steps = Math.round((days * MS_PER_DAY) / (dt * 365 * MS_PER_DAY));
  if (!(steps >= 1) || Math.abs(steps * dt * 365 - days) > 1e-6 * days) throw new TradesizeError('INVALID_INPUT', `--days ${days} is not a whole number of the data's bars`, ['--days']);
  const spot = bars.close[bars.close.length - 1] as number;
  const pricingVol = optionalNumber(str(o.vol), '--vol');
  const returns = logReturns(bars.close);
  const realised = closeToCloseVol(returns, { periodsPerYear: barsPerYear }).annualizedVol;
  const type = parseChoice(str(o.type) ?? 'call', '--type', ['call', 'put'] as const);
  const quantity = parseNumber(str(o.quantity) ?? '-1', '--quantity');
  const strike = spot * parseNumber(str(o.moneyness) ?? '1', '--moneyness');
  const ivFile = str(o.iv);
  let windows: HistoricalWindows | undefined;
  if (model === 'historical') {
    const iv = ivFile === undefined ? undefined : await ivSeries(ivFile);
    windows = historicalWindows(bars.close, bars.timestamps, steps, iv === undefined ? {} : { iv });
  }
  const pathsFlag = str(o.paths);
  const paths = pathsFlag === undefined ? (windows?.starts.length ?? 10_000) : parseInteger(pathsFlag, '--paths');
  const garch = model === 'garch-t' ? fitGarch(returns, { innovations: 'student-t', periodsPerYear: barsPerYear }) : undefined;
  const input: HedgeSimulationInput = {
    model, spot, steps, dt, paths,
    vol: pricingVol ?? realised,
    ...(windows === undefined ? {} : { logPrices: windows.logPrices, starts: windows.starts, ...(pricingVol === undefined ? { pathVols: windows.pathVols } : {}) }),
    ...(garch === undefined ? {} : { garch: { omega: garch.omega, alpha: garch.alpha, beta: garch.beta, nu: garch.nu as number, variance: garch.nextVariance } }),
    costRate: parseNumber(str(o.costRate) ?? '0.0005', '--cost-rate'),
    positions: [{ model: 'black-scholes', type, quantity, strike, expiry: steps * dt }],
    policies: [...list(o.policy)],
    seed: parseInteger(str(o.seed) ?? '1', '--seed'),
  };
  let r: HedgeSimulationResult;
  try {
    r = await simulateHedging(input);
  } catch (e) {
    throw withFlag(e, HEDGE_SIM);
  }
  const perWindow = model === 'historical' && pricingVol === undefined;
  const out: SimOutput = {
    ...r, data: file, spot, vol: perWindow ? (ivFile === undefined ? 'per window (realised before it)' : 'per window (implied index)') : (input.vol as number),
    costRate: input.costRate as number, option: { type, quantity, strike, days },
  };
  emit(out, o.json === true, () => render(out));
}
