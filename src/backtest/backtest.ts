/**
 * `backtest(data, options)`: every policy through the same bars (kernel.ts), with the metrics
 * table (metrics.ts), the best constant leverage in hindsight (hindsight.ts) and each policy's
 * share of it. {@link prepareBacktest} does the per-data-set work once (the returns, the EWMA
 * path, the rolling Kelly estimates, the funding per bar, the liquidation rule), so a sweep runs
 * many policies on one preparation with {@link runPolicy}.
 *
 * @example
 * const r = backtest({ bars }, { policies: ['fixed-leverage:1', 'kelly:0.5'] });
 * r.policies[0].finalEquity; // => 10_000 × last close / first close (no costs)
 */
import { TradesizeError } from '../core/errors.js';
import { barsPerYear as spacingBarsPerYear, checkBars, medianSpacing, type Bars } from './bars.js';
import { checkFunding, fundingPerBar, type FundingSeries } from './funding.js';
import { hindsightLeverage, hindsightShare, type Hindsight } from './hindsight.js';
import { newTrace, simulateBars, type KernelParams, type KernelResult, type KernelTrace } from './kernel.js';
import { flatRule } from './margin.js';
import { venueRule } from './venue-rule.js';
import { curveMetrics } from './metrics.js';
import { parseBacktestOptions, type BacktestOptions, type BacktestOptionsInput } from './options.js';
import { PolicyContext } from './policies/context.js';
import { parsePolicy, type PolicySpec } from './policies/spec.js';
import { policyTargets, type PolicyOptions } from './policies/targets.js';
import type { ImpliedSeries } from './policies/vol.js';

/** The data of a backtest. */
export interface BacktestData {
  readonly bars: Bars;
  readonly funding?: FundingSeries | null;
  /** The signal at each close (overrides bars.signal); default: always long. */
  readonly signal?: Float64Array | null;
  /** An implied-vol index for `vol-target` with volMethod 'implied'. */
  readonly impliedVol?: ImpliedSeries | null;
}

/** One row of the comparison table (public JSON keys). */
export interface PolicyResult {
  readonly policy: string;
  readonly cagr: number;
  readonly logGrowth: number | null;
  readonly volatility: number | null;
  readonly maxDrawdown: number;
  readonly maxDrawdownDuration: number;
  readonly timeUnderWater: number;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly calmar: number | null;
  readonly liquidations: number;
  readonly stopOuts: number;
  readonly fees: number;
  readonly funding: number;
  /** Σ traded notional / initial equity. */
  readonly turnover: number;
  readonly finalEquity: number;
  readonly hindsightShare: number | null;
}

export interface BacktestResult {
  /** The currency of the equity, fees, funding and metrics: the quote, or the coin of an inverse contract. */
  readonly settlement: 'quote' | 'coin';
  readonly bars: number;
  readonly barsPerYear: number;
  readonly from: string;
  readonly to: string;
  readonly hindsight: Hindsight;
  readonly policies: PolicyResult[];
}

/** The per-data-set work shared by every policy of a run. */
export interface PreparedBacktest {
  readonly bars: Bars;
  readonly options: BacktestOptions;
  readonly context: PolicyContext;
  readonly policyOptions: PolicyOptions;
  readonly kernel: KernelParams;
  readonly funding: Float64Array | null;
  readonly hindsight: Hindsight;
}

/** Validates the data and options and does the shared work (module doc). */
export function prepareBacktest(data: BacktestData, input: BacktestOptionsInput): PreparedBacktest {
  const options = parseBacktestOptions(input);
  const bars = checkBars(data.bars);
  const n = bars.close.length;
  const bpy = options.barsPerYear ?? spacingBarsPerYear(bars.time);
  const context = new PolicyContext(bars.close, bpy);
  const signal = data.signal ?? bars.signal ?? new Float64Array(n).fill(1);
  const closeTime = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) closeTime[i] = bars.time[i + 1] as number;
  closeTime[n - 1] = (bars.time[n - 1] as number) + medianSpacing(bars.time);
  const rule = options.venue !== undefined && options.symbol !== undefined ? venueRule(options.venue, options.symbol, options.marginMode) : flatRule(options.mmr ?? 0.005);
  const initial = options.equity ?? (rule.inverse ? 1 : 10_000);
  const policyOptions: PolicyOptions = {
    signal,
    window: options.window,
    maxLeverage: options.maxLeverage,
    stopSigma: options.stopSigma,
    feeRate: options.feeRate,
    vol: { method: options.volMethod, window: options.window, implied: data.impliedVol ?? null, closeTime },
    sizer: { risk: options.risk },
  };
  const kernel: KernelParams = {
    initial,
    feeRate: options.feeRate,
    slippage: options.slippageBps / 10_000,
    band: options.rebalanceBand,
    isolated: options.marginMode === 'isolated',
    isolatedLeverage: options.maxLeverage,
    rule,
  };
  const funding = data.funding === undefined || data.funding === null ? null : fundingPerBar(bars.time, checkFunding(data.funding));
  return { bars, options, context, policyOptions, kernel, funding, hindsight: hindsightLeverage(bars.close, bpy, rule.inverse) };
}

/** One policy on a prepared data set: the kernel's totals, writing the equity curve into `curve`. */
export function runPolicy(p: PreparedBacktest, spec: PolicySpec, curve: Float64Array, trace: KernelTrace | null = null): KernelResult {
  const t = policyTargets(spec, p.context, p.policyOptions);
  const b = p.bars;
  return simulateBars({ open: b.open, high: b.high, low: b.low, close: b.close, ...t, funding: p.funding }, p.kernel, curve, trace);
}

/** The row of a finished run. */
export function policyResult(p: PreparedBacktest, spec: PolicySpec, curve: Float64Array, k: KernelResult): PolicyResult {
  const m = curveMetrics(curve, p.kernel.initial, p.context.barsPerYear);
  return {
    policy: spec.text,
    cagr: m.cagr,
    logGrowth: m.logGrowth,
    volatility: m.volatility,
    maxDrawdown: m.maxDrawdown,
    maxDrawdownDuration: m.maxDrawdownDuration,
    timeUnderWater: m.timeUnderWater,
    sharpe: m.sharpe,
    sortino: m.sortino,
    calmar: m.calmar,
    liquidations: k.liquidations,
    stopOuts: k.stopOuts,
    fees: k.fees,
    funding: k.funding,
    turnover: k.traded / p.kernel.initial,
    finalEquity: m.finalEquity,
    hindsightShare: hindsightShare(m.logGrowth, p.hindsight),
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Runs every policy (module doc). `curves`, when given, receives each policy's equity curve.
 *
 * @throws TradesizeError INVALID_INPUT (options, bars, a SPEC), INSUFFICIENT_DATA, UNKNOWN_VENUE, UNKNOWN_SYMBOL.
 */
export function backtest(data: BacktestData, input: BacktestOptionsInput, curves?: Float64Array[], traces?: KernelTrace[]): BacktestResult {
  const specs = (input.policies ?? []).map((s, i) => {
    try {
      return parsePolicy(s);
    } catch (e) {
      if (e instanceof TradesizeError) throw new TradesizeError(e.code, e.message, ['policies', i]);
      throw e;
    }
  });
  const p = prepareBacktest(data, input);
  const n = p.bars.close.length;
  const policies = specs.map((spec) => {
    const curve = new Float64Array(n);
    const trace = traces === undefined ? null : newTrace(n);
    const k = runPolicy(p, spec, curve, trace);
    curves?.push(curve);
    if (trace !== null) traces?.push(trace);
    return policyResult(p, spec, curve, k);
  });
  return {
    settlement: p.kernel.rule.inverse ? 'coin' : 'quote',
    bars: n,
    barsPerYear: p.context.barsPerYear,
    from: iso(p.bars.time[0] as number),
    to: iso(p.bars.time[n - 1] as number),
    hindsight: p.hindsight,
    policies,
  };
}
