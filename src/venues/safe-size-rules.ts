/**
 * The rules of the largest safe size (see `max-safe-size.ts`), prepared once per problem and
 * checked for any quantity, and the closed-form seed of the solver.
 *
 * Margins and liquidation prices are the venue model's (`positionMargin`, `liquidation`). For
 * the models that are the tier kernel of `tiered-liquidation.ts` on the mark value without a
 * fee (Binance USDⓈ-M and COIN-M, Hyperliquid), a fast path evaluates the same formulas without
 * allocating: IM = c·q·u / L, the table's max leverage, and the kernel's liquidation price with
 * K = the isolated margin, or in cross mode the wallet balance plus the other positions' uPnL
 * minus their maintenance margin at their marks (u = P linear, 1/P inverse).
 */
import { TradesizeError } from '../core/errors.js';
import { unitPriceLoss, unitValue, type Side } from '../core/contract.js';
import { binanceCoinm } from './binance-coinm.js';
import { binanceUsdm } from './binance-usdm.js';
import { hyperliquid } from './hyperliquid.js';
import { inverseLiquidationPrice, linearLiquidationPrice, packTiers } from './tiered-liquidation.js';
import type { Instrument, LiquidationInput, MarginMode, Position, Tier, VenueModel } from './types.js';

/** A rule of the largest safe size, in the order they are checked. */
export type SafeSizeRule = 'top-tier' | 'max-leverage' | 'initial-margin' | 'liquidation-buffer';

/** The default buffer: the liquidation price stays half a stop distance beyond the stop. */
export const DEFAULT_LIQUIDATION_BUFFER = 0.5;

/** Input of `largestSafeQuantity`. Amounts in the settlement currency. */
export interface SafeSizeInput {
  readonly model: VenueModel;
  readonly instrument: Instrument;
  readonly side: Side;
  readonly entry: number;
  readonly stop: number;
  /** Fraction of the stop distance the liquidation price must stay beyond the stop (default 0.5). */
  readonly buffer?: number;
  readonly marginMode: MarginMode;
  /** Isolated: the balance available for this position's margin. Cross: the wallet balance. */
  readonly balance: number;
  /** Leverage setting (initial margin = value / L). Isolated without it: the whole balance is the margin. */
  readonly leverage?: number;
  /** Cross mode: the account's other positions (with marks). */
  readonly otherPositions?: LiquidationInput['otherPositions'];
}

/** Models whose liquidation is the tier kernel on the mark value with no fee. */
const KERNEL_MODELS: ReadonlySet<VenueModel> = new Set([binanceUsdm, binanceCoinm, hyperliquid]);
/** The kernel's [tier index, iterations] output (single-threaded, read right after each call). */
const KERNEL_OUT = new Float64Array(2);
/** Packed tier tables of the instruments the fast path has seen (each validated by its model once). */
const PACKED = new WeakMap<Instrument, Float64Array>();

function packed(model: VenueModel, inst: Instrument, entry: number): Float64Array {
  let p = PACKED.get(inst);
  if (p === undefined) {
    // Let the model validate the instrument (kind, contract size, table) with a one-lot position.
    const lot: Position = { symbol: inst.symbol, side: 'long', quantity: inst.lotStep, entryPrice: entry };
    model.positionMargin(inst, lot, entry, Math.min(1, inst.tiers[0]?.maxLeverage ?? 1));
    p = packTiers(inst.tiers);
    PACKED.set(inst, p);
  }
  return p;
}

const invalid = (message: string, field: string): TradesizeError => new TradesizeError('INVALID_INPUT', message, [field]);

/** Checks the scalar inputs (plain comparisons: messages are built only on failure). */
function validate(input: SafeSizeInput, buffer: number): void {
  const { instrument: inst, entry, stop, side, balance, leverage, model, marginMode, otherPositions } = input;
  if (typeof model !== 'object' || model === null || typeof model.liquidation !== 'function') throw invalid('model must be a venue model (getVenue(id))', 'model');
  if (typeof inst !== 'object' || inst === null) throw invalid('instrument is required (getInstrument(venue, symbol))', 'instrument');
  if (otherPositions !== undefined && !Array.isArray(otherPositions)) throw invalid('otherPositions must be an array of { instrument, position }', 'otherPositions');
  if (!(entry > 0 && entry < Infinity)) throw invalid(`entry must be a positive price, got ${entry}`, 'entry');
  if (!(stop > 0 && stop < Infinity)) throw invalid(`stop must be a positive price, got ${stop}`, 'stop');
  if (side === 'long' ? !(stop < entry) : !(side === 'short' && stop > entry)) {
    throw invalid(`a ${side} needs its stop ${side === 'long' ? 'below' : 'above'} the entry`, 'stop');
  }
  if (!(buffer >= 0 && buffer < Infinity)) throw invalid(`buffer must be a fraction ≥ 0 of the stop distance, got ${buffer}`, 'buffer');
  if (!(balance >= 0 && balance < Infinity)) throw invalid(`balance must be ≥ 0, got ${balance}`, 'balance');
  if (leverage !== undefined && !(leverage > 0 && leverage < Infinity)) throw invalid(`leverage must be positive, got ${leverage}`, 'leverage');
  if (!(inst.lotStep > 0 && inst.lotStep < Infinity)) throw invalid(`instrument ${inst.symbol} needs a positive lot step`, 'instrument');
  if (!model.marginModes.includes(marginMode)) throw invalid(`${model.id} has no ${marginMode} margin mode`, 'marginMode');
}

/** The prepared rules of one problem: validated once, checked for any quantity. */
export class SafeSizeRules {
  readonly input: SafeSizeInput;
  /** The price the liquidation price must stay beyond: stop ∓ buffer × |entry − stop|. */
  readonly liquidationLimit: number;
  private readonly long: boolean;
  private readonly isolated: boolean;
  /** Settlement value of one contract at entry. */
  private readonly unitValue: number;
  /** The coordinate values scale with: P (linear) or 1/P (inverse), as the venue models take it. */
  private readonly u: number;
  private readonly topCap: number;
  /** Isolated: the balance. Cross: the balance available for new initial margin. */
  private readonly available: number;
  /** Smallest tier-basis value at which the tier's max leverage is below the setting. */
  private readonly leverageCapValue: number;
  /** Fast path: the packed tier table and, in cross mode, K without this position. */
  private readonly kernel: Float64Array | null;
  private readonly crossBalance: number;
  /** Results of the last {@link breaks} call that reached the margin or liquidation computation. */
  lastLiquidationPrice: number | null = null;
  lastInitialMargin = 0;
  lastMaxLeverage = 0;
  lastLiquidationTier = 0;

  constructor(input: SafeSizeInput) {
    const { instrument: inst, entry, stop, side, balance, leverage, model, marginMode } = input;
    const buffer = input.buffer ?? DEFAULT_LIQUIDATION_BUFFER;
    validate(input, buffer);
    this.input = input;
    this.long = side === 'long';
    this.isolated = marginMode === 'isolated';
    const distance = Math.abs(entry - stop);
    this.liquidationLimit = this.long ? stop - buffer * distance : stop + buffer * distance;
    if (!Number.isFinite(this.liquidationLimit)) throw invalid(`buffer ${buffer} × the stop distance ${distance} overflows: give a smaller buffer`, 'buffer');
    this.unitValue = unitValue({ kind: inst.kind, size: inst.contractSize }, entry);
    this.u = inst.kind === 'linear' ? entry : 1 / entry;
    this.topCap = inst.tiers[inst.tiers.length - 1]?.cap ?? Number.POSITIVE_INFINITY;
    this.leverageCapValue = leverage === undefined ? Number.POSITIVE_INFINITY : (inst.tiers.find((t) => t.maxLeverage < leverage)?.floor ?? Number.POSITIVE_INFINITY);
    let available = balance;
    let crossBalance = balance;
    let generic = false;
    for (const o of this.isolated ? [] : (input.otherPositions ?? [])) {
      const mark = o.position.markPrice ?? o.position.entryPrice;
      const pnl = -o.position.quantity * unitPriceLoss({ kind: o.instrument.kind, size: o.instrument.contractSize }, o.position.side, o.position.entryPrice, mark);
      const pm = model.positionMargin(o.instrument, o.position, mark);
      available += pnl - pm.initialMargin;
      crossBalance += pnl - pm.maintenanceMargin;
      generic ||= o.instrument.symbol === inst.symbol || o.instrument.kind !== inst.kind;
    }
    this.available = available;
    this.crossBalance = crossBalance;
    const fast =
      KERNEL_MODELS.has(model) &&
      inst.venue === model.id &&
      inst.tierBasis === (inst.kind === 'linear' ? 'quote' : 'settle') &&
      !generic &&
      (leverage !== undefined || this.isolated || inst.tiers.every((t) => Number.isFinite(t.maxLeverage)));
    this.kernel = fast ? packed(model, inst, entry) : null;
  }

  /** The new position of `quantity` contracts at the entry. */
  position(quantity: number): Position {
    const { instrument, side, entry } = this.input;
    return { symbol: instrument.symbol, side, quantity, entryPrice: entry, markPrice: entry };
  }

  /** Position value at entry in the settlement currency. */
  value(quantity: number): number {
    return quantity * this.unitValue;
  }

  /** Position value in the tier table's basis, computed as the venue models do (c·q·u). */
  private basisValue(quantity: number): number {
    const inst = this.input.instrument;
    if (inst.tierBasis === 'contracts') return quantity;
    if (inst.tierBasis === 'quote' && inst.kind === 'inverse') return inst.contractSize * quantity;
    return inst.contractSize * quantity * this.u;
  }

  /** The instrument's tier at `quantity` contracts (undefined without a table). */
  tierAt(quantity: number): Tier | undefined {
    const tiers = this.input.instrument.tiers;
    const value = this.basisValue(quantity);
    const last = tiers.length - 1;
    let i = 0;
    while (i < last && value > (tiers[i] as Tier).cap) i++;
    return tiers[i];
  }

  /** Whether a liquidation price passes the buffer rule. */
  beyond(lp: number | null): boolean {
    return lp === null || (this.long ? lp <= this.liquidationLimit : lp >= this.liquidationLimit);
  }

  /**
   * The first rule `quantity` breaks, or null when every rule holds (always at quantity 0).
   * The max leverage is checked on the instrument's table before the model runs (the tiered
   * models refuse a setting above it) and on the model's tier after (size-dependent rates).
   */
  breaks(quantity: number): SafeSizeRule | null {
    if (!(quantity > 0)) return null;
    if (this.basisValue(quantity) > this.topCap) return 'top-tier';
    const setting = this.input.leverage;
    // Isolated without a setting, the whole balance is the margin: leverage = value / balance.
    const leverage = setting === undefined && this.isolated ? this.value(quantity) / this.input.balance : setting;
    const tableMax = this.tierAt(quantity)?.maxLeverage ?? Number.POSITIVE_INFINITY;
    if (leverage !== undefined && !(leverage <= tableMax && leverage < Infinity)) return 'max-leverage';
    try {
      return this.kernel === null ? this.modelBreaks(quantity, leverage) : this.kernelBreaks(quantity, leverage, tableMax, this.kernel);
    } catch (e) {
      if (e instanceof TradesizeError && e.code === 'ABOVE_MAX_TIER') return 'top-tier';
      throw e;
    }
  }

  private modelBreaks(quantity: number, leverage: number | undefined): SafeSizeRule | null {
    const { model, instrument, marginMode, leverage: setting, balance, entry, otherPositions } = this.input;
    const position = this.position(quantity);
    const pm = model.positionMargin(instrument, position, entry, leverage);
    this.lastInitialMargin = pm.initialMargin;
    this.lastMaxLeverage = pm.tier.maxLeverage;
    if (leverage !== undefined && leverage > pm.tier.maxLeverage) return 'max-leverage';
    if ((setting !== undefined || !this.isolated) && pm.initialMargin > this.available) return 'initial-margin';
    const collateral = this.isolated && setting !== undefined ? pm.initialMargin : balance;
    const lr = model.liquidation({ instrument, position, marginMode, collateral, leverage, otherPositions: this.isolated ? undefined : otherPositions });
    this.lastLiquidationPrice = lr.liquidationPrice;
    this.lastLiquidationTier = lr.tier.tier;
    return this.beyond(lr.liquidationPrice) ? null : 'liquidation-buffer';
  }

  private kernelBreaks(quantity: number, leverage: number | undefined, tableMax: number, tiers: Float64Array): SafeSizeRule | null {
    const { instrument: inst, leverage: setting, balance, entry } = this.input;
    const im = (inst.contractSize * quantity * this.u) / (leverage ?? tableMax);
    this.lastInitialMargin = im;
    this.lastMaxLeverage = tableMax;
    if ((setting !== undefined || !this.isolated) && im > this.available) return 'initial-margin';
    const k = this.isolated ? (setting !== undefined ? im : balance) : this.crossBalance;
    const side = this.long ? 1 : -1;
    const out = KERNEL_OUT;
    out[0] = -1;
    const lp =
      inst.kind === 'linear'
        ? linearLiquidationPrice(side, quantity, inst.contractSize, entry, k, tiers, 0, out)
        : inverseLiquidationPrice(side, quantity, inst.contractSize, entry, k, tiers, 0, out);
    // No consistent tier: let the model say so.
    if (out[0] === -1) return this.modelBreaks(quantity, leverage);
    this.lastLiquidationPrice = Number.isNaN(lp) ? null : lp;
    this.lastLiquidationTier = out[0] as number;
    return this.beyond(this.lastLiquidationPrice) ? null : 'liquidation-buffer';
  }

  /** An estimate of q* (see `max-safe-size.ts`); the lot-grid search makes it exact. */
  seed(): number {
    let cap = this.marginCap();
    if (!Number.isFinite(cap) && this.liquidationLimit > 0) {
      // No margin bound (a table without max leverage): the collateral must at least cover the loss to the limit.
      const { instrument, side, entry } = this.input;
      const loss = unitPriceLoss({ kind: instrument.kind, size: instrument.contractSize }, side, entry, this.liquidationLimit);
      cap = Math.max(0, this.isolated ? this.input.balance : this.available) / loss;
    }
    return cap > this.input.instrument.lotStep && Number.isFinite(cap) ? this.bufferRoot(cap) : cap;
  }

  /** Initial margin at `quantity` and the cap of its tier (basis units), as the rules compute them. */
  private marginAt(quantity: number): { im: number; cap: number } {
    const { model, instrument, leverage, entry } = this.input;
    if (this.kernel !== null) {
      const t = this.tierAt(quantity) as Tier;
      return { im: (instrument.contractSize * quantity * this.u) / (leverage ?? t.maxLeverage), cap: t.cap };
    }
    const pm = model.positionMargin(instrument, this.position(quantity), entry, leverage);
    return { im: pm.initialMargin, cap: pm.tier.cap };
  }

  /**
   * The quantity where the top tier, the leverage tier or the margin runs out, walking the tiers
   * up from one lot: within a tier IM / q is constant, so the budget runs out at budget / (IM / q)
   * if that is inside the tier, or where the next tier's higher rate jumps past it. Isolated
   * without a setting the margin is the balance and the bound is value ≤ balance × max leverage.
   */
  private marginCap(): number {
    const { instrument, leverage, balance } = this.input;
    const perContract = this.basisValue(1);
    const top = Math.min(this.topCap, this.leverageCapValue) / perContract;
    const whole = leverage === undefined && this.isolated;
    const budget = Math.max(0, whole ? balance : this.available);
    let q = Math.min(top, instrument.lotStep);
    if (!(q > 0)) return 0;
    for (let tier = 0; tier <= instrument.tiers.length; tier++) {
      let root: number;
      let tierCap: number;
      if (whole) {
        const t = instrument.tiers[tier];
        if (t === undefined) return top;
        root = (budget * t.maxLeverage) / this.unitValue;
        tierCap = t.cap;
      } else {
        const m = this.marginAt(q);
        root = m.im > 0 ? (budget * q) / m.im : Number.POSITIVE_INFINITY;
        tierCap = m.cap;
      }
      const tierTop = Math.min(top, tierCap / perContract);
      if (root < q) return tier === 0 ? root : q;
      if (root <= tierTop || tierTop >= top) return Math.min(root, top);
      q = tierTop * (1 + 1e-12);
    }
    return q;
  }

  /**
   * Where the liquidation price meets the buffer limit, below `cap`: secant steps in x = 1/q on
   * y = LP (linear) or 1/LP (inverse), affine within a tier, kept inside the bracket of a safe and
   * an unsafe size, with a bisection step whenever two steps in a row failed to halve the bracket
   * (a secant across a tier change), until a step moves by less than half a lot.
   */
  private bufferRoot(cap: number): number {
    const step = this.input.instrument.lotStep;
    const inverse = this.input.instrument.kind === 'inverse';
    const y = (lp: number) => (inverse ? 1 / lp : lp);
    const target = y(this.liquidationLimit);
    // Just inside the margin cap, where IM = budget up to rounding.
    let q1 = cap * (1 - 1e-9);
    const first = this.liquidationOnly(q1);
    if (first === undefined || first === null || this.beyond(first)) return cap;
    let y1 = y(first);
    let tier1 = this.lastLiquidationTier;
    let ok1 = false;
    let safe = 0;
    let unsafe = q1;
    let stalls = 0;
    let q = cap / 2;
    for (let i = 0; i < 16; i++) {
      const lp = this.liquidationOnly(q);
      if (lp === undefined) return q;
      const ok = this.beyond(lp);
      const width = unsafe - safe;
      if (ok) safe = q;
      else unsafe = q;
      stalls = unsafe - safe > width / 2 ? stalls + 1 : 0;
      let next = (safe + unsafe) / 2;
      if (lp !== null) {
        const y2 = y(lp);
        // Unsafe at two sizes with the same liquidation price: it does not depend on the size here.
        if (y2 === y1 && !ok) return 0;
        const root = 1 / (1 / q1 + ((target - y1) * (1 / q - 1 / q1)) / (y2 - y1));
        if (Math.abs(root - q) < step / 2) return root;
        // Bracketed by two sizes liquidating in the same tier: the affine step is exact.
        if (this.lastLiquidationTier === tier1 && ok !== ok1 && root > safe && root < unsafe) return root;
        if (stalls < 2 && root > safe && root < unsafe) next = root;
        else stalls = 0;
        q1 = q;
        y1 = y2;
        tier1 = this.lastLiquidationTier;
        ok1 = ok;
      }
      if (Math.abs(next - q) < step / 2 || unsafe - safe < step) return next;
      q = next;
    }
    return q;
  }

  /** The liquidation price at `quantity`, or undefined when a margin rule breaks first. */
  private liquidationOnly(quantity: number): number | null | undefined {
    const rule = this.breaks(quantity);
    return rule === null || rule === 'liquidation-buffer' ? this.lastLiquidationPrice : undefined;
  }
}
