/**
 * Venue input validation: the allocation-free predicates accept exactly what the zod schemas
 * accept (property tests on valid values with one field mutated), invalid input becomes a coded
 * error at the schema's path, and validateInstrument validates once (a frozen, remembered copy).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getInstrument, listInstruments } from '../../src/venues/registry.js';
import { venueSchemas } from '../../src/venues/schema.js';
import { checkAccountShape, checkInstrumentShape, checkPositionShape, isAccount, isInstrument, isPosition, isTierTable, validateInstrument } from '../../src/venues/validate.js';
import { VENUE_IDS } from '../../src/venues/types.js';
import { thrown } from './helpers.js';

const BTC = getInstrument('binance-usdm', 'BTCUSDT');
/** Values a field may be mutated to: valid and invalid numbers, wrong types, missing. */
const odd = fc.oneof(
  fc.constantFrom(0, -1, 1, 0.5, 1.5, 10, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, null, undefined, '1', 'long', 'both', 'quote', [], {}),
  fc.double({ noNaN: false }),
);
const mutate = <T extends object>(o: T, key: string, value: unknown): T => ({ ...o, [key]: value });

describe('predicates = schemas', () => {
  it('tier tables: one row field mutated', () => {
    const fields = ['tier', 'floor', 'cap', 'maintenanceMarginRate', 'maintenanceAmount', 'maxLeverage'];
    fc.assert(
      fc.property(fc.nat(BTC.tiers.length - 1), fc.constantFrom(...fields), odd, (row, field, value) => {
        const tiers = BTC.tiers.map((t, i) => (i === row ? mutate(t, field, value) : t));
        expect(isTierTable(tiers)).toBe(venueSchemas().tiers.safeParse(tiers).success);
      }),
    );
  });

  it('tier tables: rows dropped or reordered', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...BTC.tiers]), (tiers) => {
        expect(isTierTable(tiers)).toBe(venueSchemas().tiers.safeParse(tiers).success);
      }),
    );
  });

  it('instruments: one field mutated', () => {
    const fields = ['venue', 'symbol', 'kind', 'contractSize', 'tickSize', 'lotStep', 'minQty', 'tierBasis', 'takerFee', 'params', 'source', 'tiers'];
    const all = listInstruments('binance-usdm').concat(listInstruments('dydx'), listInstruments('hyperliquid'));
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.constantFrom(...fields), fc.oneof(odd, fc.constantFrom(...VENUE_IDS, 'linear', 'inverse', 'settle')), (inst, field, value) => {
        const x = mutate(inst, field, value);
        expect(isInstrument(x)).toBe(venueSchemas().instrument.safeParse(x).success);
      }),
      { numRuns: 1000 },
    );
  });

  it('positions: one field mutated', () => {
    const base = { symbol: 'BTCUSDT', side: 'long', quantity: 1, entryPrice: 60_000, markPrice: 61_000, positionSide: 'long' };
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(base), 'symbol'), odd, (field, value) => {
        const x = mutate(base, field, value);
        expect(isPosition(x)).toBe(venueSchemas().position.safeParse(x).success);
      }),
    );
  });

  it('accounts: one field mutated, or one other position broken', () => {
    const other = { instrument: BTC, position: { symbol: 'BTCUSDT', side: 'short', quantity: 2, entryPrice: 60_000 } };
    const base = { marginMode: 'cross', collateral: 1_000, leverage: 10, otherPositions: [other] };
    fc.assert(
      fc.property(fc.constantFrom('marginMode', 'collateral', 'leverage', 'otherPositions', 'instrument', 'position'), odd, (field, value) => {
        const x = field === 'instrument' || field === 'position' ? { ...base, otherPositions: [mutate(other, field, value)] } : mutate(base, field, value);
        expect(isAccount(x)).toBe(venueSchemas().account.safeParse(x).success);
      }),
    );
  });

  it('every bundled instrument passes its schema', () => {
    for (const venue of VENUE_IDS) for (const inst of listInstruments(venue)) expect(venueSchemas().instrument.safeParse(inst).success).toBe(true);
  });
});

describe('coded errors at the schema path', () => {
  it.each([
    [{ ...BTC, contractSize: 0 }, ['instrument', 'contractSize']],
    [{ ...BTC, tierBasis: 'usd' }, ['instrument', 'tierBasis']],
    [{ ...BTC, tiers: [] }, ['instrument', 'tiers']],
    [{ ...BTC, tiers: BTC.tiers.slice(1) }, ['instrument', 'tiers', 0, 'floor']],
    [{ ...BTC, tiers: BTC.tiers.map((t, i) => (i === 2 ? { ...t, maintenanceMarginRate: 0.001 } : t)) }, ['instrument', 'tiers', 2, 'maintenanceMarginRate']],
  ])('instrument %# → INVALID_INPUT at %j', (x, path) => {
    expect(thrown(() => checkInstrumentShape(x))).toMatchObject({ code: 'INVALID_INPUT', path });
  });

  it('position', () => {
    expect(thrown(() => checkPositionShape({ symbol: 'X', side: 'up', quantity: 1, entryPrice: 1 }))).toMatchObject({ code: 'INVALID_INPUT', path: ['position', 'side'] });
    expect(thrown(() => checkPositionShape({ symbol: 'X', side: 'long', quantity: -1, entryPrice: 1 }, ['otherPositions', 0, 'position']))).toMatchObject({
      path: ['otherPositions', 0, 'position', 'quantity'],
    });
  });
});

describe('account errors', () => {
  it.each([
    [{ marginMode: 'both', collateral: 1 }, ['marginMode']],
    [{ marginMode: 'cross', collateral: Number.NaN }, ['collateral']],
    [{ marginMode: 'cross', collateral: 1, otherPositions: [{ instrument: { ...BTC, contractSize: -1 }, position: {} }] }, ['otherPositions', 0, 'instrument', 'contractSize']],
  ])('%j → INVALID_INPUT at %j', (x, path) => {
    expect(thrown(() => checkAccountShape(x))).toMatchObject({ code: 'INVALID_INPUT', path });
  });
});

describe('validateInstrument: validate once', () => {
  it('returns a deeply frozen copy with the same numbers, and itself for a validated one', () => {
    const copy = { ...BTC, tiers: BTC.tiers.map((t) => ({ ...t })) };
    const v = validateInstrument(copy);
    expect(v).not.toBe(copy);
    expect(v).toEqual(copy);
    expect(Object.isFrozen(v) && Object.isFrozen(v.tiers) && v.tiers.every((t) => Object.isFrozen(t))).toBe(true);
    expect(validateInstrument(v)).toBe(v);
    expect(validateInstrument(BTC)).toBe(BTC); // bundled: frozen and validated when the registry loads
  });

  it('refuses an invalid instrument', () => {
    expect(thrown(() => validateInstrument({ ...BTC, lotStep: -1 }))).toMatchObject({ code: 'INVALID_INPUT', path: ['instrument', 'lotStep'] });
  });
});
