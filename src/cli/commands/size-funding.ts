/**
 * The funding flags of `tradesize size`: `--kelly-mu` adds the `funding-kelly` constraint
 * (`sizing/constraints/funding-kelly.ts`) with σ from --vol/--vol-data and the expected funding
 * from `--funding-rate` (annual, or per `--funding-interval` hours) or `--funding-data` (a
 * funding CSV, `--funding-method` mean or ewma). Without `--kelly-mu` none of this applies and
 * the decision is unchanged.
 */
import { TradesizeError } from '../../core/errors.js';
import { requireIncreasingTimestamps } from '../../market/timestamps.js';
import type { SizingConstraint } from '../../sizing/constraints/types.js';
import { readSeries } from '../data.js';
import { str, type Opts } from '../flags/types.js';

type Num = (key: string, flag: string) => number | undefined;

/** The funding-kelly constraint of the flags, or null without --kelly-mu. */
export async function fundingKellyOf(o: Opts, num: Num, sigma: number | undefined): Promise<SizingConstraint | null> {
  const mu = num('kellyMu', '--kelly-mu');
  if (mu === undefined) return null;
  if (sigma === undefined) throw new TradesizeError('MISSING_OPTION', '--kelly-mu needs the volatility: --vol or --vol-data', ['--vol']);
  if (o.fundingRate !== undefined && o.fundingData !== undefined) {
    throw new TradesizeError('CONFLICTING_OPTIONS', 'give one expected funding: --funding-rate or --funding-data', ['--funding-rate']);
  }
  const [{ estimateFunding, givenFunding }, { fundingSeries }, { fundingKellyConstraint }] = await Promise.all([
    import('../../funding/estimate.js'),
    import('../../funding/series.js'),
    import('../../sizing/constraints/funding-kelly.js'),
  ]);
  const rate = num('fundingRate', '--funding-rate');
  const file = str(o.fundingData);
  let funding = givenFunding(0);
  if (rate !== undefined) funding = givenFunding(rate, num('fundingInterval', '--funding-interval'));
  else if (file !== undefined) {
    const csv = await readSeries(file, '--funding-data', 'rate');
    if (csv.timestamps === null) throw new TradesizeError('INVALID_INPUT', `--funding-data: "${file}" has no timestamp column`, ['--funding-data']);
    const series = fundingSeries(requireIncreasingTimestamps(csv.timestamps, ['--funding-data']), csv.values);
    funding = estimateFunding(series, { method: str(o.fundingMethod) === 'ewma' ? 'ewma' : 'mean', halfLifeDays: num('fundingHalfLife', '--funding-half-life') ?? 7 });
  }
  return fundingKellyConstraint({
    mu, sigma, funding, multiplier: num('kellyMultiplier', '--kelly-multiplier') ?? 1,
    ...(file === undefined ? {} : { source: file.split('/').pop() ?? file }),
  });
}
