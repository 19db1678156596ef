/**
 * Venue-exact margin for the engine's accounts: a market put as `{venue, symbol}` takes the
 * bundled instrument (contract, lot, tiers) and the venue's model (src/venues/); an account's
 * maintenance margin is the sum of its positions' (at the conservative marks), its margin ratio
 * MM / equity (the convention of `tradesize stress`: ≥ 1 is liquidation), and each position's
 * liquidation price is the venue model's, cross margin with the wallet balance (cash) as
 * collateral and the other positions held at their marks. A market given by contract fields has
 * no margin model: its margin numbers are null, as is the account's when any position lacks one.
 */
import { TradesizeError } from '../core/errors.js';
import { getInstrument, getVenue } from '../venues/registry.js';
import type { Instrument, Position, VenueModel } from '../venues/types.js';
import { kernelLiquidation, kernelMaintenance, kernelPnl, packMargin, type PackedMargin } from './margin-kernel.js';
import type { MarketInput, MarketSpec } from './schemas.js';

export interface VenueMarket {
  readonly model: VenueModel;
  readonly instrument: Instrument;
  /** The instrument packed for the allocation-free kernels (./margin-kernel.ts), null where they do not apply. */
  readonly packed: PackedMargin | null;
}

/** The contract and (for a bundled instrument) the venue model of a market input (already parsed). */
export function resolveMarket(input: MarketInput): { spec: MarketSpec; venue: VenueMarket | null } {
  if ('venue' in input) {
    const model = getVenue(input.venue);
    const instrument = getInstrument(input.venue, input.symbol);
    const spec: MarketSpec = { kind: instrument.kind, contractSize: instrument.contractSize, lotStep: instrument.lotStep, venue: model.id, symbol: instrument.symbol, ...(instrument.tickSize === undefined ? {} : { tickSize: instrument.tickSize }) };
    return { spec, venue: { model, instrument, packed: packMargin(model, instrument) } };
  }
  if ('option' in input) {
    const o = input.option;
    const option = { underlying: o.underlying, type: o.type, strike: o.strike, expiry: o.expiry as number, settlement: o.settlement ?? 'linear', ...(o.volatility === undefined ? {} : { volatility: o.volatility }) };
    return { spec: { kind: 'linear', contractSize: input.contractSize ?? 1, ...(input.lotStep === undefined ? {} : { lotStep: input.lotStep }), option }, venue: null };
  }
  return { spec: { kind: input.kind ?? 'linear', contractSize: input.contractSize ?? 1, ...(input.lotStep === undefined ? {} : { lotStep: input.lotStep }), ...(input.tickSize === undefined ? {} : { tickSize: input.tickSize }) }, venue: null };
}

export interface MarginedPosition {
  readonly quantity: number;
  readonly entryPrice: number;
  readonly mark: number | null;
  readonly venue: VenueMarket | null;
}

export interface PositionMarginView {
  readonly maintenanceMargin: number | null;
  readonly liquidationPrice: number | null;
  /** (mark − liquidation) / mark for a long, (liquidation − mark) / mark for a short: the fraction the price may move before liquidation. */
  readonly liquidationDistance: number | null;
}

const NONE: PositionMarginView = { maintenanceMargin: null, liquidationPrice: null, liquidationDistance: null };

function venuePosition(p: MarginedPosition, instrument: Instrument): Position {
  return { symbol: instrument.symbol, side: p.quantity > 0 ? 'long' : 'short', quantity: Math.abs(p.quantity), entryPrice: p.entryPrice, markPrice: p.mark as number };
}

/**
 * The margin numbers of position `i` from the packed kernels, or null where they do not apply
 * or the venue model would refuse (the validated path then decides, so both give one answer).
 */
function kernelView(positions: readonly MarginedPosition[], i: number, wallet: number, marginMode: 'cross' | 'isolated', others?: number): PositionMarginView | null {
  const p = positions[i] as MarginedPosition;
  const k = (p.venue as VenueMarket).packed;
  if (k === null) return null;
  const mark = p.mark as number;
  const mm = kernelMaintenance(k, p.quantity, p.entryPrice, mark);
  if (Number.isNaN(mm)) return null;
  if (marginMode !== 'cross' || !k.cross) return { maintenanceMargin: mm, liquidationPrice: null, liquidationDistance: null };
  let balance = Math.max(0, wallet);
  let unknown = false;
  if (others !== undefined) balance += others;
  else for (let j = 0; j < positions.length; j++) {
    if (j === i) continue;
    const o = positions[j] as MarginedPosition;
    if (o.venue === null || o.mark === null) {
      unknown = true;
      continue;
    }
    const ko = o.venue.packed;
    if (ko === null || ko.venue !== k.venue || ko.inverse !== k.inverse) return null;
    const omm = kernelMaintenance(ko, o.quantity, o.entryPrice, o.mark);
    if (Number.isNaN(omm)) return null;
    balance += kernelPnl(ko, o.quantity, o.entryPrice, o.mark) - omm;
  }
  if (unknown) return { maintenanceMargin: mm, liquidationPrice: null, liquidationDistance: null };
  const lp = kernelLiquidation(k, p.quantity, p.entryPrice, balance);
  if (lp !== null && Number.isNaN(lp)) return null;
  const distance = lp === null ? null : p.quantity > 0 ? (mark - lp) / mark : (lp - mark) / mark;
  return { maintenanceMargin: mm, liquidationPrice: lp, liquidationDistance: distance };
}

/**
 * The margin numbers of position `i` of an account (module doc); `others`, when given, is the
 * others' Σ (PnL − MM) from {@link othersOf}.
 */
export function positionMarginView(positions: readonly MarginedPosition[], i: number, wallet: number, marginMode: 'cross' | 'isolated', others?: number): PositionMarginView {
  const p = positions[i];
  if (p === undefined || p.venue === null || p.mark === null) return NONE;
  const fast = kernelView(positions, i, wallet, marginMode, others);
  if (fast !== null) return fast;
  return validatedView(positions, i, wallet, marginMode);
}

/** The margin numbers of position `i` from the validated venue model (module doc). */
export function validatedView(positions: readonly MarginedPosition[], i: number, wallet: number, marginMode: 'cross' | 'isolated'): PositionMarginView {
  const p = positions[i];
  if (p === undefined || p.venue === null || p.mark === null) return NONE;
  const { model, instrument } = p.venue;
  try {
    const mm = model.positionMargin(instrument, venuePosition(p, instrument), p.mark).maintenanceMargin;
    if (marginMode !== 'cross' || !model.marginModes.includes('cross')) return { ...NONE, maintenanceMargin: mm };
    const others = positions.filter((o, j) => j !== i);
    if (others.some((o) => o.venue === null || o.mark === null)) return { ...NONE, maintenanceMargin: mm };
    const lp = model.liquidation({
      instrument,
      position: venuePosition(p, instrument),
      marginMode: 'cross',
      collateral: Math.max(0, wallet),
      otherPositions: others.map((o) => ({ instrument: (o.venue as VenueMarket).instrument, position: venuePosition(o, (o.venue as VenueMarket).instrument) })),
    }).liquidationPrice;
    const distance = lp === null ? null : p.quantity > 0 ? (p.mark - lp) / p.mark : (lp - p.mark) / p.mark;
    return { maintenanceMargin: mm, liquidationPrice: lp, liquidationDistance: distance };
  } catch (e) {
    if (e instanceof TradesizeError) return NONE; // beyond the venue's tiers, or a venue that cannot say
    throw e;
  }
}

/** The venue's maintenance margin of one position at its mark; null without a model or beyond its tiers. */
export function maintenanceMargin(p: MarginedPosition): number | null {
  if (p.venue === null || p.mark === null) return null;
  if (p.venue.packed !== null) {
    const mm = kernelMaintenance(p.venue.packed, p.quantity, p.entryPrice, p.mark);
    if (!Number.isNaN(mm)) return mm;
  }
  try {
    return p.venue.model.positionMargin(p.venue.instrument, venuePosition(p, p.venue.instrument), p.mark).maintenanceMargin;
  } catch (e) {
    if (e instanceof TradesizeError) return null;
    throw e;
  }
}

/** Per position, (PnL − MM) at its mark on the packed kernels (./margin-kernel.ts): scratch of {@link othersOf}. */
let own = new Float64Array(8);

/**
 * Σ over the other positions of (PnL − MM) at their marks, for every position in one pass — the
 * cross balance each one's liquidation price is solved on, O(n) for the account instead of O(n²)
 * — into `out`; false when the kernels do not cover the whole account alike (one venue, one
 * contract kind, cross margin, every mark known), where the per-position path decides.
 */
export function othersOf(positions: readonly MarginedPosition[], out: Float64Array): boolean {
  const n = positions.length;
  if (own.length < n) own = new Float64Array(2 * n);
  let first: NonNullable<VenueMarket['packed']> | null = null;
  let total = 0;
  for (let j = 0; j < n; j++) {
    const o = positions[j] as MarginedPosition;
    const k = o.venue?.packed ?? null;
    if (k === null || o.mark === null || !k.cross) return false;
    if (first === null) first = k;
    else if (k.venue !== first.venue || k.inverse !== first.inverse) return false;
    const mm = kernelMaintenance(k, o.quantity, o.entryPrice, o.mark);
    if (Number.isNaN(mm)) return false;
    own[j] = kernelPnl(k, o.quantity, o.entryPrice, o.mark) - mm;
    total += own[j] as number;
  }
  for (let j = 0; j < n; j++) out[j] = total - (own[j] as number);
  return true;
}

let othersScratch = new Float64Array(8);

/** Margin numbers of each position and of the account (module doc). */
export function accountMargin(positions: readonly MarginedPosition[], wallet: number, marginMode: 'cross' | 'isolated'): { positions: PositionMarginView[]; maintenanceMargin: number | null } {
  if (othersScratch.length < positions.length) othersScratch = new Float64Array(2 * positions.length);
  const others = marginMode === 'cross' && othersOf(positions, othersScratch) ? othersScratch : null;
  const views = positions.map((_, i) => positionMarginView(positions, i, wallet, marginMode, others === null ? undefined : (others[i] as number)));
  const maintenanceMargin = views.every((v) => v.maintenanceMargin !== null) ? views.reduce((s, v) => s + (v.maintenanceMargin as number), 0) : null;
  return { positions: views, maintenanceMargin };
}
