/**
 * The implied-vol index forecast (src/volatility/implied-index.ts) and its route through
 * estimateVolatility (method 'implied'), on a small series and on Deribit's BTC DVOL history.
 */
import { describe, expect, it } from 'vitest';
import { impliedVolFromIndex, MAX_IMPLIED_VOL } from '../../src/volatility/implied-index.js';
import { estimateVolatility } from '../../src/volatility/estimate.js';
import { parseSeriesCsv } from '../../src/market/csv.js';
import { describeWithSharedData, readSharedData } from '../helpers/shared-data.js';
import { thrown } from '../helpers/assert.js';

const DAYS = ['2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z', '2024-01-03T00:00:00Z'];

describe('impliedVolFromIndex', () => {
  it('reads the latest level: percent by default, decimals on request', () => {
    expect(impliedVolFromIndex([56.76, 59.48, 76.66])).toEqual({ sigma: 0.7666, level: 76.66, asOf: null, observations: 3, unit: 'percent' });
    expect(impliedVolFromIndex(new Float64Array([0.5, 0.55]), { unit: 'decimal' }).sigma).toBe(0.55);
    expect(impliedVolFromIndex([40, 50, 45], { timestamps: DAYS }).asOf).toBe(DAYS[2]);
  });

  it('refuses what is not an implied-vol level, naming the value', () => {
    expect(thrown(() => impliedVolFromIndex([])).code).toBe('INSUFFICIENT_DATA');
    for (const bad of [0, -3, Number.NaN]) expect(thrown(() => impliedVolFromIndex([50, bad])).path).toEqual(['values', 1]);
    const price = thrown(() => impliedVolFromIndex([65000]));
    expect(price.code).toBe('INVALID_INPUT');
    expect(price.message).toMatch(/above 1000%/);
    expect(impliedVolFromIndex([MAX_IMPLIED_VOL * 100]).sigma).toBe(MAX_IMPLIED_VOL);
    expect(thrown(() => impliedVolFromIndex([0.55])).message).toMatch(/decimal/);
    expect(thrown(() => impliedVolFromIndex([40, 50], { timestamps: DAYS })).path).toEqual(['timestamps']);
  });
});

describe("estimateVolatility({ method: 'implied' })", () => {
  it('is the index level; no periods are involved beyond the period vol', () => {
    const est = estimateVolatility({ values: [40, 50, 45], method: 'implied', timestamps: DAYS });
    expect(est).toMatchObject({ sigma: 0.45, method: 'implied', observations: 3, periodsPerYear: 365, periodsPerYearSource: 'inferred' });
    expect(est.periodVol).toBeCloseTo(0.45 / Math.sqrt(365), 15);
    expect(est.implied?.asOf).toBe(DAYS[2]);
    expect(estimateVolatility({ values: [0.45], method: 'implied', ivUnit: 'decimal' }).sigma).toBe(0.45);
  });

  it('rejects options of the other methods', () => {
    expect(thrown(() => estimateVolatility({ values: [45], method: 'implied', input: 'prices' })).path).toEqual(['input']);
    expect(thrown(() => estimateVolatility({ values: [45], method: 'implied', horizon: 3 })).path).toEqual(['horizon']);
    expect(thrown(() => estimateVolatility({ values: [100, 101, 99], input: 'prices', method: 'close', ivUnit: 'percent' })).path).toEqual(['ivUnit']);
    expect(thrown(() => estimateVolatility({ values: [100, 101, 99], input: 'prices', method: 'ewma', horizon: 2 })).code).toBe('CONFLICTING_OPTIONS');
  });
});

describeWithSharedData('the implied forecast on Deribit BTC DVOL (iv/deribit-dvol-btc-1d.csv)', ['iv/deribit-dvol-btc-1d.csv'], () => {
  it('the last daily close, with its date', () => {
    const csv = parseSeriesCsv(readSharedData('iv/deribit-dvol-btc-1d.csv'));
    expect(csv.column).toBe('dvol_close');
    const est = estimateVolatility({ values: csv.values, method: 'implied', timestamps: csv.timestamps ?? [] });
    const last = csv.values[csv.values.length - 1] as number;
    expect(est.sigma).toBe(last / 100);
    expect(est.implied?.asOf).toBe(csv.timestamps?.[csv.timestamps.length - 1]);
    expect(est.observations).toBe(csv.values.length);
    // DVOL has stayed within 30–120 % over its history: a level, not a price.
    for (const v of csv.values) expect(v).toBeGreaterThan(30);
  });
});
