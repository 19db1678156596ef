/**
 * A forward-looking volatility from an implied-volatility index series such as Deribit's DVOL:
 * the index is already an annualised implied volatility (DVOL: the 30-day expected volatility
 * of BTC or ETH read from the option chain, in percent, in the construction of the CBOE VIX), so
 * the forecast is its latest value, σ = I_T / 100 for a series in percent, σ = I_T for one in
 * decimals. As for any variance-swap style index the forecast is flat over its window: the same
 * annual σ applies to any holding period up to the index's tenor.
 *
 * Sources: Deribit, "DVOL — Deribit Implied Volatility Index" (methodology,
 * https://insights.deribit.com/exchange-updates/dvol-deribit-implied-volatility-index/, 31 March 2021);
 * Cboe, "Cboe Volatility Index® — VIX White Paper" (2019), the model-free 30-day variance the
 * DVOL copies.
 *
 * @example
 * impliedVolFromIndex([56.76, 59.48, 76.66]).sigma;                 // => 0.7666
 * impliedVolFromIndex([0.5, 0.55], { unit: 'decimal' }).sigma;      // => 0.55
 */
import { TradesizeError } from '../core/errors.js';

/** Largest annualised implied vol accepted (1000 %): anything above is not an implied-vol index. */
export const MAX_IMPLIED_VOL = 10;

/** How the index is quoted: in percent (DVOL, VIX) or as a decimal fraction. */
export type ImpliedIndexUnit = 'percent' | 'decimal';

/** The forecast read from an implied-volatility index. */
export interface ImpliedIndexVol {
  /** Annualised volatility, a decimal (0.55 = 55 %). */
  readonly sigma: number;
  /** The latest index value as quoted. */
  readonly level: number;
  /** Timestamp of the latest value, when timestamps were given. */
  readonly asOf: string | null;
  /** Number of index values read. */
  readonly observations: number;
  readonly unit: ImpliedIndexUnit;
}

/**
 * The latest value of an implied-volatility index as an annualised σ (see the module doc).
 *
 * @throws TradesizeError INSUFFICIENT_DATA (empty series), INVALID_INPUT (the latest value is not
 *   a positive finite number, at ['values', i]; a percent series whose latest value is below 1,
 *   which is almost surely quoted in decimals; a value above {@link MAX_IMPLIED_VOL}, which is no
 *   implied vol (a price column, say); timestamps not one per value).
 */
export function impliedVolFromIndex(
  values: ArrayLike<number>,
  { unit = 'percent', timestamps }: { unit?: ImpliedIndexUnit; timestamps?: readonly string[] } = {},
): ImpliedIndexVol {
  const n = values.length;
  if (n === 0) throw new TradesizeError('INSUFFICIENT_DATA', 'impliedVolFromIndex: the index series is empty', ['values']);
  if (timestamps !== undefined && timestamps.length !== n) {
    throw new TradesizeError('INVALID_INPUT', `impliedVolFromIndex: ${timestamps.length} timestamps for ${n} values`, ['timestamps']);
  }
  const level = values[n - 1] as number;
  if (!(Number.isFinite(level) && level > 0)) {
    throw new TradesizeError('INVALID_INPUT', `impliedVolFromIndex: the latest index value ${level} is not a positive number`, ['values', n - 1]);
  }
  const sigma = unit === 'percent' ? level / 100 : level;
  if (sigma > MAX_IMPLIED_VOL) {
    throw new TradesizeError(
      'INVALID_INPUT',
      `impliedVolFromIndex: latest value ${level} would be an implied vol of ${sigma * 100}% (above ${MAX_IMPLIED_VOL * 100}%): is this an implied-vol index column?`,
      ['values', n - 1],
    );
  }
  if (unit === 'percent' && level < 1) {
    throw new TradesizeError(
      'INVALID_INPUT',
      `impliedVolFromIndex: latest value ${level} looks like a decimal, not a percent (an implied vol below 1 %); say unit 'decimal'`,
      ['values', n - 1],
    );
  }
  return {
    sigma,
    level,
    asOf: timestamps === undefined ? null : (timestamps[n - 1] as string),
    observations: n,
    unit,
  };
}
