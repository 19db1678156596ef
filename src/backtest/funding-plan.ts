/**
 * Walk-forward backtest of the funding-differential planner (./plan.ts), each leg run through the
 * backtester's bar loop. At each step t the plan is made on the window [t − W, t) — each venue's
 * expected rate estimated from its settlements there (mean or EWMA), σ the close-to-close
 * volatility of the bars there (or a given σ), the entry price S the close of the last bar before
 * t — and each leg is then held by `holdPosition` (../backtest/hold.ts) from that close to the close
 * of the last bar opening before t + H, when the next plan is made:
 *
 * - on an isolated margin of the plan's margin for that leg (the account holds only it);
 * - paying the venue's taker fee on the entry and exit fills (at the closes they happen at);
 * - paying or earning that venue's funding by the backtester's convention (../backtest/funding.ts:
 *   a settlement at τ is charged on the position held at τ, valued at the last close at or before
 *   τ, so the hold earns the settlements from its entry close up to, not including, its exit close);
 * - liquidated intrabar by the backtester's rule for the venue (../backtest/margin.ts: the venue's
 *   tier table for the modelled venues, the flat maintenance rate of ./leg-model.ts for the
 *   others), against the margin balance after the PnL and funding so far.
 *
 * Per step: the carry earned, Σ over the legs of the funding received (−funding paid), the costs
 * (the fees of both legs), each leg's funding, the liquidations (legs liquidated), the net carry
 * (carry − costs), the two accounts' PnL (carry − costs + the legs' price PnL − what liquidations
 * took: ≈ the net carry while both legs live, since the legs offset), and the worst liquidation
 * distance over every bar and both legs ((low − LP)/low long, (LP − high)/high short; ≤ 0 exactly
 * when a leg is liquidated). The backtest runs over the span every funding file and the price
 * file cover.
 *
 * Source: walk-forward evaluation as in R. Pardo, "The Evaluation and Optimization of Trading
 * Strategies" (2nd ed., 2008), ch. 11; the plan of this folder; the backtester's conventions
 * (README, "Backtest conventions").
 */
import { TradesizeError } from '../core/errors.js';
import { closeToCloseVariance } from '../volatility/close-to-close.js';
import { fundingPerBar } from './funding.js';
import { holdPosition, type HoldResult } from './hold.js';
import { flatRule, type LiquidationRule } from './margin.js';
import { venueRule } from './venue-rule.js';
import { estimateFunding, type FundingMethod } from '../funding/estimate.js';
import type { LegVenue } from '../funding/leg-model.js';
import { planFunding, type PlanLeg, type PlanVenue } from '../funding/plan.js';
import { HOURS_PER_YEAR, MS_PER_HOUR, sliceFunding, type FundingSeries } from '../funding/series.js';

/** A venue with its funding history. */
export interface BacktestVenue extends Omit<PlanVenue, 'funding'> {
  readonly series: FundingSeries;
}

/** Price bars: open times (ms, increasing), opens, highs, lows and closes. */
export interface PriceBars {
  readonly times: Float64Array;
  readonly open: Float64Array;
  readonly close: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
}

/** Input of {@link backtestFundingPlan}. */
export interface BacktestInput {
  readonly venues: readonly BacktestVenue[];
  readonly bars: PriceBars;
  readonly equity: number;
  /** Estimation window W in days (default 30). */
  readonly windowDays?: number;
  /** Holding period H in days (default 7). */
  readonly horizonDays?: number;
  readonly k?: number;
  /** A fixed σ instead of the window's close-to-close estimate. */
  readonly sigma?: number;
  readonly method?: FundingMethod;
  readonly halfLifeDays?: number;
}

/** Funding paid by each leg (negative: received). */
export interface LegFunding {
  readonly long: number;
  readonly short: number;
}

/** What a step earned and risked, and the same summed over all steps (worst distance: the least). */
export interface CarryTotals {
  readonly expectedCarry: number;
  /** Funding received net over both legs: −(funding.long + funding.short). */
  readonly carry: number;
  /** Fees of both legs' fills. */
  readonly costs: number;
  readonly funding: LegFunding;
  /** carry − costs. */
  readonly net: number;
  /** The two legs' accounts' change (price PnL included). */
  readonly pnl: number;
  /** Legs liquidated (0, 1 or 2 in a step). */
  readonly liquidations: number;
  readonly worstLiquidationDistance: number;
}

/** One plan and its hold. */
export interface BacktestStep extends CarryTotals {
  readonly from: string;
  readonly to: string;
  readonly long: string;
  readonly short: string;
  readonly quantity: number;
  readonly price: number;
  readonly sigma: number;
}

/** The walk-forward result. */
export interface FundingBacktest {
  readonly steps: readonly BacktestStep[];
  readonly summary: CarryTotals & { readonly steps: number };
}

/**
 * The backtester's liquidation rule of a leg's venue: the venue's own (../backtest/margin.ts) for a
 * model, the flat maintenance rate otherwise.
 *
 * @throws TradesizeError INVALID_INPUT for a venue model the bar loop does not model.
 */
export function legRule(v: LegVenue): LiquidationRule {
  return v.kind === 'flat' ? flatRule(v.maintenanceRate) : venueRule(v.model.id, v.instrument.symbol);
}

function barIndexAtOrAfter(times: Float64Array, t: number): number {
  let i = 0;
  while (i < times.length && (times[i] as number) < t) i++;
  return i;
}

/** Annual close-to-close σ of the bars with open times in [a, b). */
function windowSigma(bars: PriceBars, a: number, b: number, barHours: number): number {
  const i0 = barIndexAtOrAfter(bars.times, a);
  const i1 = barIndexAtOrAfter(bars.times, b);
  const r: number[] = [];
  for (let i = i0 + 1; i < i1; i++) r.push(Math.log((bars.close[i] as number) / (bars.close[i - 1] as number)));
  if (r.length < 2) throw new TradesizeError('INSUFFICIENT_DATA', `backtestFundingPlan: fewer than 3 bars in the window from ${new Date(a).toISOString()}`, ['bars']);
  return Math.sqrt(closeToCloseVariance(r) * (HOURS_PER_YEAR / barHours));
}

/**
 * The walk-forward backtest (see the module doc).
 *
 * @throws TradesizeError INSUFFICIENT_DATA (the files share less than one window and one hold, or
 *   a window has too few settlements or bars), INVALID_INPUT (from the planner).
 * @example
 * backtestFundingPlan({ venues, bars, equity: 10000, windowDays: 30, horizonDays: 7 }).summary;
 * // => { steps, expectedCarry, carry, costs, net, worstLiquidationDistance, liquidations } (the README runs it on the Bybit and Gate samples)
 */
export function backtestFundingPlan(b: BacktestInput): FundingBacktest {
  const W = (b.windowDays ?? 30) * 24 * MS_PER_HOUR;
  const H = (b.horizonDays ?? 7) * 24 * MS_PER_HOUR;
  const bars = b.bars;
  const nb = bars.times.length;
  if (nb < 3) throw new TradesizeError('INSUFFICIENT_DATA', `backtestFundingPlan: needs at least 3 price bars, got ${nb}`, ['bars']);
  const barMs = ((bars.times[nb - 1] as number) - (bars.times[0] as number)) / (nb - 1);
  let start = bars.times[0] as number;
  let end = (bars.times[nb - 1] as number) + barMs;
  for (const v of b.venues) {
    start = Math.max(start, v.series.times[0] as number);
    end = Math.min(end, v.series.times[v.series.times.length - 1] as number);
  }
  const funding = new Map(b.venues.map((v) => [v.name, fundingPerBar(bars.times, { time: v.series.times, rate: v.series.rates })]));
  const rules = new Map(b.venues.map((v) => [v.name, legRule(v.rules)]));
  const hold = (l: PlanLeg, from: number, to: number): HoldResult | null =>
    l.quantity > 0 && l.margin > 0
      ? holdPosition(bars, funding.get(l.venue) as Float64Array, { from, to, quantity: l.side === 'long' ? l.quantity : -l.quantity, margin: l.margin, feeRate: l.takerFee, rule: rules.get(l.venue) as LiquidationRule })
      : null;
  const steps: BacktestStep[] = [];
  for (let t = start + W; t + H <= end; t += H) {
    const j = barIndexAtOrAfter(bars.times, t);
    const exit = barIndexAtOrAfter(bars.times, t + H) - 1;
    if (j === 0 || j >= nb || exit <= j - 1) continue;
    const price = bars.close[j - 1] as number;
    const sigma = b.sigma ?? windowSigma(bars, t - W, t, barMs / MS_PER_HOUR);
    const venues: PlanVenue[] = b.venues.map((v) => {
      const { series, ...rest } = v;
      const est = estimateFunding(sliceFunding(series, t - W, t), { ...(b.method === undefined ? {} : { method: b.method }), ...(b.halfLifeDays === undefined ? {} : { halfLifeDays: b.halfLifeDays }) });
      return { ...rest, funding: est };
    });
    const plan = planFunding({ venues, price, sigma, equity: b.equity, horizonDays: H / (24 * MS_PER_HOUR), ...(b.k === undefined ? {} : { k: b.k }) });
    const [long, short] = plan.legs;
    const legs = [hold(long, j - 1, exit), hold(short, j - 1, exit)];
    const sum = (f: (r: HoldResult) => number) => legs.reduce((a, r) => a + (r === null ? 0 : f(r)), 0);
    const paid = { long: legs[0]?.funding ?? 0, short: legs[1]?.funding ?? 0 };
    const carry = -(paid.long + paid.short);
    const costs = sum((r) => r.fees);
    steps.push({
      from: new Date(t).toISOString(), to: new Date(t + H).toISOString(), long: long.venue, short: short.venue, quantity: long.quantity, price, sigma,
      expectedCarry: plan.expectedCarry.amount, carry, costs, funding: paid, net: carry - costs, pnl: sum((r) => r.pnl),
      liquidations: sum((r) => (r.liquidated ? 1 : 0)), worstLiquidationDistance: Math.min(1, ...legs.map((r) => (r === null ? 1 : r.worstLiquidationDistance))),
    });
  }
  if (steps.length === 0) throw new TradesizeError('INSUFFICIENT_DATA', 'backtestFundingPlan: the funding files and the price file share less than one window and one holding period', ['venues']);
  const total = (f: (s: BacktestStep) => number) => steps.reduce((a, s) => a + f(s), 0);
  const carry = total((s) => s.carry);
  const costs = total((s) => s.costs);
  return {
    steps,
    summary: {
      steps: steps.length, expectedCarry: total((s) => s.expectedCarry), carry, costs, funding: { long: total((s) => s.funding.long), short: total((s) => s.funding.short) },
      net: carry - costs, pnl: total((s) => s.pnl),
      worstLiquidationDistance: Math.min(...steps.map((s) => s.worstLiquidationDistance)), liquidations: total((s) => s.liquidations),
    },
  };
}
