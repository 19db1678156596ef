/**
 * The funding flags of `tradesize size`. The expected funding comes from `--funding-rate`
 * (annual, or per `--funding-interval` hours) or `--funding-data` (a funding CSV,
 * `--funding-method` mean or ewma). `--kelly-mu` adds the `funding-kelly` constraint
 * (`sizing/constraints/funding-kelly.ts`) with σ from --vol/--vol-data; with `--venue` in
 * isolated margin the decision gets a `funding` block: the liquidation price after
 * `--holding-days` of that funding paid out of the position's margin, and the days until it
 * reaches the stop (`funding/liquidation-drift.ts`). Without these flags the decision is unchanged.
 */
import { TradesizeError } from '../../core/errors.js';
import { requireIncreasingTimestamps } from '../../market/timestamps.js';
import type { FundingEstimate } from '../../funding/estimate.js';
import type { SizingConstraint } from '../../sizing/constraints/types.js';
import type { LiquidationConstraintOptions } from '../../sizing/constraints/liquidation.js';
import type { SizeDecision } from '../../sizing/size-position.js';
import { readSeries } from '../data.js';
import { str, type Opts } from '../flags/types.js';

type Num = (key: string, flag: string) => number | undefined;

/** The expected funding of the flags, or null when neither --funding-rate nor --funding-data is given. */
export async function fundingEstimateOf(o: Opts, num: Num): Promise<FundingEstimate | null> {
  if (o.fundingRate !== undefined && o.fundingData !== undefined) {
    throw new TradesizeError('CONFLICTING_OPTIONS', 'give one expected funding: --funding-rate or --funding-data', ['--funding-rate']);
  }
  const rate = num('fundingRate', '--funding-rate');
  const file = str(o.fundingData);
  if (rate === undefined && file === undefined) return null;
  const { estimateFunding, givenFunding } = await import('../../funding/estimate.js');
  if (rate !== undefined) return givenFunding(rate, num('fundingInterval', '--funding-interval'));
  const { fundingSeries } = await import('../../funding/series.js');
  const csv = await readSeries(file as string, '--funding-data', 'rate');
  if (csv.timestamps === null) throw new TradesizeError('INVALID_INPUT', `--funding-data: "${file}" has no timestamp column`, ['--funding-data']);
  const series = fundingSeries(requireIncreasingTimestamps(csv.timestamps, ['--funding-data']), csv.values);
  return estimateFunding(series, { method: str(o.fundingMethod) === 'ewma' ? 'ewma' : 'mean', halfLifeDays: num('fundingHalfLife', '--funding-half-life') ?? 7 });
}

/** The funding-kelly constraint of the flags (no funding given: a carry of 0), or null without --kelly-mu. */
export async function fundingKellyOf(o: Opts, num: Num, sigma: number | undefined, funding: FundingEstimate | null): Promise<SizingConstraint | null> {
  const mu = num('kellyMu', '--kelly-mu');
  if (mu === undefined) return null;
  if (sigma === undefined) throw new TradesizeError('MISSING_OPTION', '--kelly-mu needs the volatility: --vol or --vol-data', ['--vol']);
  const [{ givenFunding }, { fundingKellyConstraint }] = await Promise.all([import('../../funding/estimate.js'), import('../../sizing/constraints/funding-kelly.js')]);
  const file = str(o.fundingData);
  return fundingKellyConstraint({
    mu, sigma, funding: funding ?? givenFunding(0), multiplier: num('kellyMultiplier', '--kelly-multiplier') ?? 1,
    ...(file === undefined ? {} : { source: file.split('/').pop() ?? file }),
  });
}

/** The `funding` block of an isolated venue decision. */
export interface FundingDriftReport {
  readonly method: FundingEstimate['method'];
  readonly ratePerYear: number;
  readonly stdError: number;
  readonly holdingDays: number;
  readonly margin: number;
  readonly fundingPaid: number;
  readonly liquidationPrice: number | null;
  readonly liquidationAtHorizon: number | null;
  /** Days until funding brings liquidation to the stop; null: never (the position earns funding). */
  readonly daysToStop: number | null;
}

/**
 * The liquidation drift of a sized isolated position: its margin is the initial margin at the
 * leverage setting, or the whole balance without one (as the liquidation constraint takes it).
 */
export async function fundingDriftOf(o: Opts, num: Num, d: SizeDecision, venue: LiquidationConstraintOptions, balance: number, stop: number, funding: FundingEstimate): Promise<FundingDriftReport | null> {
  if (venue.marginMode !== 'isolated') return null;
  const inst = venue.instrument;
  if (inst.kind !== 'linear') throw new TradesizeError('INVALID_INPUT', `the funding drift is for linear contracts; ${inst.venue} ${inst.symbol} is inverse`, ['--funding-rate']);
  const { liquidationDrift, holdingPeriodToLevel } = await import('../../funding/liquidation-drift.js');
  const entry = d.notional / (d.quantity * d.contract.size);
  const quantity = d.quantity * d.contract.size;
  const margin = venue.leverage === undefined
    ? balance
    : venue.model.positionMargin(inst, { symbol: inst.symbol, side: d.side, quantity: quantity / inst.contractSize, entryPrice: entry }, entry, venue.leverage).initialMargin;
  const holdingDays = num('holdingDays', '--holding-days') ?? 30;
  const drift = { leg: { venue: { kind: 'model' as const, model: venue.model, instrument: inst }, side: d.side, quantity, entry }, margin, funding };
  const r = liquidationDrift(drift, holdingDays);
  const toStop = holdingPeriodToLevel(drift, stop);
  return {
    method: funding.method, ratePerYear: funding.ratePerYear, stdError: funding.stdError, holdingDays, margin, fundingPaid: r.fundingPaid,
    liquidationPrice: r.liquidationPrice, liquidationAtHorizon: r.liquidationAtHorizon, daysToStop: toStop === null ? null : toStop.days,
  };
}
