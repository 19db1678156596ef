import { describe, expect, it } from 'vitest';
import { carryDispersion } from '../../src/funding/dispersion.js';
import { fundingSeries, MS_PER_HOUR } from '../../src/funding/series.js';

const DAY = 24 * MS_PER_HOUR;
const daily = (rates: number[]) => fundingSeries(Float64Array.from(rates, (_, i) => i * DAY), Float64Array.from(rates));

describe('carryDispersion', () => {
  it('hand-worked: windows (0, 1 d] and (1 d, 2 d] carry 0.0003 and 0.0001 → mean 0.0002, sd 0.000141, worst 0.0001', () => {
    // The settlement at day 0 opens the span; day 1 and day 2 settle the two windows.
    const long = daily([0, 0.0001, 0.0002]);
    const short = daily([0, 0.0004, 0.0003]);
    const d = carryDispersion(long, short, 1);
    expect(d?.windows).toBe(2);
    expect(d?.mean).toBeCloseTo(0.0002, 15);
    expect(d?.sd).toBeCloseTo(Math.SQRT2 * 0.0001, 15);
    expect(d?.worst).toBeCloseTo(0.0001, 15);
  });

  it('is null when the histories share less than one window', () => {
    expect(carryDispersion(daily([0, 0.0001]), daily([0, 0.0001]), 5)).toBeNull();
  });
});
