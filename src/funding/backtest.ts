/**
 * Walk-forward backtest of the funding-differential planner (./plan.ts): at each step t the
 * plan is made on the window [t − W, t) — each venue's expected rate estimated from its
 * settlements there (mean or EWMA), σ the close-to-close volatility of the bars there (or a
 * given σ), the entry price the close of the last bar before t — and held over (t, t + H], when
 * the next plan is made. Over the hold the legs earn what the venues actually settled,
 * Q·S·(Σ r_short − Σ r_long) (the notional held at the entry price), pay the plan's entry and
 * exit fees, and their margins move with the funding settled so far, so each bar's liquidation
 * distance is (low − LP_long)/low and (LP_short − high)/high with the liquidation prices of the
 * margins at the bar's end; the worst distance over all bars and legs is reported, and a
 * distance ≤ 0 counts as a liquidation. The backtest runs over the span every funding file and
 * the price file cover.
 *
 * Source: walk-forward evaluation as in R. Pardo, "The Evaluation and Optimization of Trading
 * Strategies" (2nd ed., 2008), ch. 11; the plan and drift models of this folder.
 */
import { TradesizeError } from '../core/errors.js';
import { closeToCloseVariance } from '../volatility/close-to-close.js';
import { estimateFunding, type FundingMethod } from './estimate.js';
import { legLiquidationPrice } from './leg-model.js';
import { planFunding, type PlanVenue } from './plan.js';
import { fundingPaid, HOURS_PER_YEAR, MS_PER_HOUR, sliceFunding, type FundingSeries } from './series.js';

/** A venue with its funding history. */
export interface BacktestVenue extends Omit<PlanVenue, 'funding'> {
  readonly series: FundingSeries;
}

/** Price bars: open times (ms, increasing), closes, highs and lows. */
export interface PriceBars {
  readonly times: Float64Array;
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

/** One plan and its hold. */
export interface BacktestStep {
  readonly from: string;
  readonly to: string;
  readonly long: string;
  readonly short: string;
  readonly quantity: number;
  readonly price: number;
  readonly sigma: number;
  readonly expectedCarry: number;
  readonly carry: number;
  readonly costs: number;
  readonly worstLiquidationDistance: number;
}

/** The walk-forward result. */
export interface FundingBacktest {
  readonly steps: readonly BacktestStep[];
  readonly summary: {
    readonly steps: number;
    readonly expectedCarry: number;
    readonly carry: number;
    readonly costs: number;
    readonly net: number;
    readonly worstLiquidationDistance: number;
    readonly liquidations: number;
  };
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
  const steps: BacktestStep[] = [];
  for (let t = start + W; t + H <= end; t += H) {
    const j = barIndexAtOrAfter(bars.times, t);
    if (j === 0 || j >= nb) continue;
    const price = bars.close[j - 1] as number;
    const sigma = b.sigma ?? windowSigma(bars, t - W, t, barMs / MS_PER_HOUR);
    const venues: PlanVenue[] = b.venues.map((v) => {
      const { series, ...rest } = v;
      const funding = estimateFunding(sliceFunding(series, t - W, t), { ...(b.method === undefined ? {} : { method: b.method }), ...(b.halfLifeDays === undefined ? {} : { halfLifeDays: b.halfLifeDays }) });
      return { ...rest, funding };
    });
    const plan = planFunding({ venues, price, sigma, equity: b.equity, horizonDays: H / (24 * MS_PER_HOUR), ...(b.k === undefined ? {} : { k: b.k }) });
    const [long, short] = plan.legs;
    const seriesOf = (name: string) => (b.venues.find((v) => v.name === name) as BacktestVenue).series;
    const q = long.quantity;
    const notional = q * price;
    const longVenue = venues.find((v) => v.name === long.venue) as PlanVenue;
    const shortVenue = venues.find((v) => v.name === short.venue) as PlanVenue;
    let worst = 1;
    if (q > 0) {
      for (let i = j; i < nb && (bars.times[i] as number) < t + H; i++) {
        const barEnd = (bars.times[i] as number) + barMs;
        const mLong = long.margin - notional * fundingPaid(seriesOf(long.venue), t + 1, barEnd + 1);
        const mShort = short.margin + notional * fundingPaid(seriesOf(short.venue), t + 1, barEnd + 1);
        const lpLong = mLong > 0 ? legLiquidationPrice({ venue: longVenue.rules, side: 'long', quantity: q, entry: price }, mLong) : price;
        const lpShort = mShort > 0 ? legLiquidationPrice({ venue: shortVenue.rules, side: 'short', quantity: q, entry: price }, mShort) : price;
        const low = bars.low[i] as number;
        const high = bars.high[i] as number;
        worst = Math.min(worst, lpLong === null ? 1 : (low - lpLong) / low, lpShort === null ? 1 : (lpShort - high) / high);
      }
    }
    // A settlement at time τ pays for the interval before τ: the hold (t, t + H] earns the settlements after t up to t + H.
    const carry = notional * (fundingPaid(seriesOf(short.venue), t + 1, t + H + 1) - fundingPaid(seriesOf(long.venue), t + 1, t + H + 1));
    steps.push({
      from: new Date(t).toISOString(), to: new Date(t + H).toISOString(), long: long.venue, short: short.venue, quantity: q, price, sigma,
      expectedCarry: plan.expectedCarry.amount, carry, costs: plan.costs.total, worstLiquidationDistance: worst,
    });
  }
  if (steps.length === 0) throw new TradesizeError('INSUFFICIENT_DATA', 'backtestFundingPlan: the funding files and the price file share less than one window and one holding period', ['venues']);
  const sum = (f: (s: BacktestStep) => number) => steps.reduce((a, s) => a + f(s), 0);
  const carry = sum((s) => s.carry);
  const costs = sum((s) => s.costs);
  return {
    steps,
    summary: {
      steps: steps.length, expectedCarry: sum((s) => s.expectedCarry), carry, costs, net: carry - costs,
      worstLiquidationDistance: Math.min(...steps.map((s) => s.worstLiquidationDistance)), liquidations: steps.filter((s) => s.worstLiquidationDistance <= 0).length,
    },
  };
}
