/**
 * The committed volatility fixture (scripts/fixtures/volatility.py: numpy std, pandas ewm),
 * typed once for the volatility tests.
 */
import { readFixture } from '../helpers/shared-data.js';

export interface CloseExpected {
  readonly periodVol: number;
  readonly annualizedVol: number;
  readonly zeroMeanPeriodVol: number;
}

export interface EwmaExpected {
  readonly lambda: number;
  readonly backcast: number;
  readonly periodVol: number;
  readonly annualizedVol: number;
  readonly variances?: number[];
}

interface Expected {
  readonly observations: number;
  readonly periodsPerYear: number;
  readonly close: CloseExpected;
  readonly ewma: EwmaExpected;
}

export interface VolatilityFixture {
  readonly tolerance: { readonly relative: number };
  readonly synthetic: readonly (Expected & { readonly name: string; readonly input: 'prices' | 'returns'; readonly values: number[] })[];
  readonly real: readonly (Expected & { readonly file: string })[];
}

export const fixture = readFixture<VolatilityFixture>('volatility/volatility.json');
/** Relative tolerance the generator recorded. */
export const REL = fixture.tolerance.relative;
