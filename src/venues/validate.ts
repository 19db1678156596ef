/**
 * Validation of venue inputs at the boundary, once. Well-formed input is accepted by
 * allocation-free predicates (plain comparisons, no zod); input they reject is parsed with the
 * zod schema of `schema.ts`, whose first issue becomes the TradesizeError (INVALID_INPUT, the
 * offending field path) — so zod loads only for invalid input. The tests hold each predicate
 * equal to its schema.
 *
 * An instrument is validated once: {@link validateInstrument} returns a deeply frozen instrument
 * that is remembered, and later calls with it cost one WeakSet lookup. An instrument passed in
 * unfrozen is checked again on every call (it could have been changed since); bundled
 * instruments are frozen and remembered when the registry loads.
 *
 * Source: the schemas in `schema.ts`.
 *
 * @example
 * const inst = validateInstrument({ ...getInstrument('binance-usdm', 'BTCUSDT') }); // frozen, remembered
 * binanceUsdm.liquidation({ instrument: inst, ... }); // no instrument validation per call
 */
import { TradesizeError, type FieldPath } from '../core/errors.js';
import { venueSchemas, type VenueSchemas } from './schema.js';
import { VENUE_IDS, type Account, type Instrument, type Position, type Tier } from './types.js';

const VALIDATED = new WeakSet<object>();

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isNumOrInf = (x: unknown): x is number => isNum(x) || x === Number.POSITIVE_INFINITY;
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const optNonNeg = (x: unknown): boolean => x === undefined || (isNum(x) && x >= 0);
const optStr = (x: unknown): boolean => x === undefined || typeof x === 'string';

/** Whether a value is a valid tier table (the `tiers` schema, without allocating). */
export function isTierTable(x: unknown): x is readonly Tier[] {
  if (!Array.isArray(x) || x.length === 0) return false;
  for (let i = 0; i < x.length; i++) {
    const t: unknown = x[i];
    if (!isObj(t)) return false;
    const { tier, floor, cap, maintenanceMarginRate: r, maintenanceAmount, maxLeverage } = t;
    if (!(isNum(tier) && isNum(floor) && floor >= 0 && isNumOrInf(cap) && isNum(r) && r >= 0 && r < 1)) return false;
    if (!(isNum(maintenanceAmount) && isNumOrInf(maxLeverage) && maxLeverage > 0)) return false;
    if ((i === 0 && floor !== 0) || !(cap > floor) || (cap === Number.POSITIVE_INFINITY && i < x.length - 1)) return false;
    const prev: unknown = x[i - 1];
    if (isObj(prev) && (prev.cap !== floor || (prev.maintenanceMarginRate as number) > r)) return false;
  }
  return true;
}

function isParams(x: unknown): boolean {
  if (x === undefined) return true;
  if (!isObj(x)) return false;
  for (const k in x) if (!isNum(x[k])) return false;
  return true;
}

function isSource(x: unknown): boolean {
  return x === undefined || (isObj(x) && typeof x.url === 'string' && typeof x.date === 'string' && optStr(x.note));
}

/** Whether a value is a valid instrument (the `instrument` schema, without allocating). */
export function isInstrument(x: unknown): x is Instrument {
  if (!isObj(x)) return false;
  const { venue, symbol, kind, contractSize, tickSize, lotStep, tierBasis } = x;
  if (!(VENUE_IDS as readonly unknown[]).includes(venue) || typeof symbol !== 'string' || (kind !== 'linear' && kind !== 'inverse')) return false;
  if (!(isNum(contractSize) && contractSize > 0 && isNum(tickSize) && tickSize >= 0 && isNum(lotStep) && lotStep >= 0)) return false;
  if (tierBasis !== 'quote' && tierBasis !== 'settle' && tierBasis !== 'contracts') return false;
  return optNonNeg(x.minQty) && optNonNeg(x.takerFee) && isParams(x.params) && isSource(x.source) && isTierTable(x.tiers);
}

/** Whether a value is a valid position (the `position` schema, without allocating). */
export function isPosition(x: unknown): x is Position {
  if (!isObj(x)) return false;
  const { symbol, side, quantity, entryPrice, markPrice, positionSide } = x;
  if (typeof symbol !== 'string' || (side !== 'long' && side !== 'short')) return false;
  if (!(isNum(quantity) && quantity > 0 && isNum(entryPrice) && entryPrice > 0)) return false;
  if (markPrice !== undefined && !(isNum(markPrice) && markPrice > 0)) return false;
  return positionSide === undefined || positionSide === 'both' || positionSide === 'long' || positionSide === 'short';
}

/** Whether a value is a valid account of a liquidation (the `account` schema, without allocating). */
export function isAccount(x: unknown): x is Account {
  if (!isObj(x)) return false;
  const { marginMode, collateral, leverage, otherPositions } = x;
  if ((marginMode !== 'isolated' && marginMode !== 'cross') || !(isNum(collateral) && collateral >= 0)) return false;
  if (leverage !== undefined && !(isNum(leverage) && leverage > 0)) return false;
  if (otherPositions === undefined) return true;
  if (!Array.isArray(otherPositions)) return false;
  // A remembered (validated, frozen) instrument passes at once, as in checkInstrumentShape.
  for (const o of otherPositions as unknown[]) if (!(isObj(o) && (VALIDATED.has(o.instrument as object) || isInstrument(o.instrument)) && isPosition(o.position))) return false;
  return true;
}

/** The coded error of a value its schema rejects: the first zod issue, at `path` + the issue's path. */
function schemaError(schema: keyof VenueSchemas, x: unknown, path: FieldPath, what: string): TradesizeError {
  const parsed = venueSchemas()[schema].safeParse(x);
  const issue = parsed.success ? undefined : parsed.error.issues[0];
  const at: FieldPath = [...path, ...((issue?.path ?? []) as FieldPath)];
  const field = issue === undefined || issue.path.length === 0 ? what : issue.path.join('.');
  return new TradesizeError('INVALID_INPUT', issue === undefined ? `${what} is invalid` : `${field}: ${issue.message}`, at);
}

function deepFrozen(inst: Instrument): boolean {
  return Object.isFrozen(inst) && Object.isFrozen(inst.tiers) && inst.tiers.every((t) => Object.isFrozen(t)) &&
    (inst.params === undefined || Object.isFrozen(inst.params)) && (inst.source === undefined || Object.isFrozen(inst.source));
}

/**
 * Checks an instrument once: a remembered (validated, frozen) instrument passes at once; any
 * other is checked, and remembered when it is deeply frozen.
 *
 * @throws TradesizeError INVALID_INPUT at `path` + the offending field.
 */
export function checkInstrumentShape(x: unknown, path: FieldPath = ['instrument']): asserts x is Instrument {
  if (typeof x === 'object' && x !== null && VALIDATED.has(x)) return;
  if (!isInstrument(x)) throw schemaError('instrument', x, path, 'instrument');
  if (deepFrozen(x)) VALIDATED.add(x);
}

/**
 * A validated, deeply frozen copy of an instrument (or the instrument itself when it already is
 * one): validate once at the boundary, then pass the result to every call.
 *
 * @throws TradesizeError INVALID_INPUT at `path` + the offending field.
 * @example
 * const inst = validateInstrument({ ...INSTRUMENTS.BTCUSDT, tiers: singleTier(0.005, 100) });
 * Object.isFrozen(inst.tiers); // => true
 */
export function validateInstrument(x: unknown, path: FieldPath = ['instrument']): Instrument {
  checkInstrumentShape(x, path);
  if (VALIDATED.has(x)) return x;
  const copy: Instrument = Object.freeze({
    ...x,
    tiers: Object.freeze(x.tiers.map((t) => Object.freeze({ ...t }))),
    ...(x.params === undefined ? {} : { params: Object.freeze({ ...x.params }) }),
    ...(x.source === undefined ? {} : { source: Object.freeze({ ...x.source }) }),
  });
  VALIDATED.add(copy);
  return copy;
}

/**
 * Checks a position (allocation-free when it is valid).
 *
 * @throws TradesizeError INVALID_INPUT at `path` + the offending field.
 * @example
 * checkPositionShape({ symbol: 'BTC', side: 'long', quantity: 0, entryPrice: 1 }); // throws at position.quantity
 */
export function checkPositionShape(x: unknown, path: FieldPath = ['position']): asserts x is Position {
  if (!isPosition(x)) throw schemaError('position', x, path, 'position');
}

/**
 * Checks the account fields of a liquidation input (margin mode, collateral, leverage, other
 * positions), allocation-free when they are valid.
 *
 * @throws TradesizeError INVALID_INPUT at the offending field (`['otherPositions', 0, 'position', 'quantity']`).
 * @example
 * checkAccountShape({ marginMode: 'cross', collateral: -1 }); // throws at collateral
 */
export function checkAccountShape(x: unknown): asserts x is Account {
  if (!isAccount(x)) throw schemaError('account', x, [], 'account');
}

/**
 * Checks a tier table (allocation-free when it is valid).
 *
 * @throws TradesizeError INVALID_INPUT at `path` + the offending row and field.
 */
export function checkTierTable(x: unknown, path: FieldPath = ['tiers']): asserts x is readonly Tier[] {
  if (!isTierTable(x)) throw schemaError('tiers', x, path, 'tiers');
}
