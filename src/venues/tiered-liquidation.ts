/**
 * Liquidation and bankruptcy prices for venues whose maintenance margin is "value × rate −
 * deduction" on a tier table (Binance USDⓈ-M and COIN-M, Bybit, OKX, Hyperliquid).
 *
 * Margin balance and maintenance margin of a position of q contracts of size c, side s = ±1,
 * entry E, on a tier with rate r (plus the taker fee on OKX) and maintenance amount A:
 *
 *   linear:  MB(P) = K + s·c·q·(P − E)          MM(P) = c·q·P·r − A
 *   inverse: MB(P) = K + s·c·q·(1/E − 1/P)      MM(P) = (c·q/P)·r − A        (in the coin)
 *
 * K is the collateral in isolated mode; in cross mode the wallet balance plus the other
 * positions' unrealised PnL minus their maintenance margin, both held at their marks. In the
 * coordinate u = P (linear) or u = 1/P (inverse) both are linear in u, and MB = MM gives
 *
 *   linear:  LP = (K + A − s·c·q·E) / (c·q·r − s·c·q)                       (Binance USDⓈ-M FAQ)
 *   inverse: LP = c·q·(r + s) / (K + A + s·c·q/E)                           (Binance COIN-M FAQ)
 *
 * The tier is the one at the position value at LP, not at entry: starting from the entry's
 * tier, the solver recomputes LP with the tier at the value at LP until the tier is stable.
 * Because MM(v) = max_n (v·r_n − A_n) is convex when the amounts keep it continuous, every
 * candidate lies on the same side of the true LP and the tier index moves monotonically: it
 * converges in at most (number of tiers + 1) steps. Rounding at a shared bound can make two
 * adjacent tiers point at each other; both then give the same price to 1e-9 and it is accepted.
 * Any other cycle (a discontinuous table) is NOT_CONVERGED.
 *
 * Bybit values the maintenance margin on the position value at entry (its "position value" =
 * qty × entry): MM is then a constant and LP = E ∓ (K − MM)/(c·q). The bankruptcy price is the
 * price where MB = 0 (cross: wallet + all unrealised PnL = 0). No solution, or a price ≤ 0,
 * yields null (a long over-collateralised past zero; an inverse short that cannot lose K).
 *
 * Sources: Binance FAQ "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts"
 * (https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93) and "… of COIN-M
 * Futures Contracts" (https://www.binance.com/en/support/faq/ceccfcfb4e3a45e3b48b0b1bb1a8ae46,
 * "recalculate with the level at the liquidation price"); Bybit "Liquidation Price (USDT
 * Contract)"; OKX isolated margin ratio; Hyperliquid "Liquidations" (see the venue modules).
 *
 * @example
 * const tiers = packTiers(INSTRUMENTS.BTCUSDT.tiers);
 * linearLiquidationPrice(1, 1, 1, 55_000, 6_000, tiers); // => ~49196.79 (tier 1 at LP, tier 2 at entry)
 * inverseLiquidationPrice(1, 100_000, 100, 45_000, 101, packTiers(BTCUSD.tiers)); // => ~33599.4
 */
import { require, TradesizeError, type FieldPath } from '../core/errors.js';
import type { ContractKind } from '../core/contract.js';
import { tierAt, tierIndex } from './tiers.js';
import { checkAccountShape, checkInstrumentShape, checkPositionShape } from './validate.js';
import type { Instrument, LiquidationInput, LiquidationResult, Position, PositionMargin, Tier, VenueId } from './types.js';

/** Relative distance at which two candidate prices on adjacent tiers count as one. */
const SAME_PRICE = 1e-9;

// ---------------------------------------------------------------------------------------------
// Kernel: allocation-free, never throws, NaN for "none" or bad input.

/**
 * Packs a tier table for the kernels: [cap, rate, amount] per row (floors are the previous caps).
 *
 * @example
 * packTiers(INSTRUMENTS.BTCUSDT.tiers).length; // => 36 (12 rows × 3)
 */
export function packTiers(tiers: readonly Tier[]): Float64Array {
  const packed = new Float64Array(tiers.length * 3);
  tiers.forEach((t, i) => {
    packed[3 * i] = t.cap;
    packed[3 * i + 1] = t.maintenanceMarginRate;
    packed[3 * i + 2] = t.maintenanceAmount;
  });
  return packed;
}

/**
 * The row of a packed table ({@link packTiers}) that applies to `value` (floor < value ≤ cap;
 * above the top cap, the last row), as `tierIndex` does on the table itself.
 *
 * @example
 * packedRow(packTiers(INSTRUMENTS.BTCUSDT.tiers), 60_000); // => 1
 */
export function packedRow(tiers: Float64Array, value: number): number {
  return packedIndex(tiers, value, (tiers.length / 3) | 0);
}

function packedIndex(tiers: Float64Array, value: number, rows: number): number {
  let i = 0;
  while (i < rows - 1 && value > (tiers[3 * i] as number)) i++;
  return i;
}

/**
 * Liquidation price of one linear position on a packed tier table (tiers in the position value
 * c·q·P), iterating to the tier at the liquidation price. Allocation-free: the bench's hot path.
 *
 * @param side - +1 long, −1 short
 * @param qty - contracts (> 0)
 * @param contractSize - base units per contract
 * @param entry - entry price
 * @param balance - K: isolated margin, or cross wallet + others' uPnL − others' MM
 * @param tiers - {@link packTiers} output
 * @param extraRate - added to every maintenance rate (OKX: the taker fee)
 * @param out - optional: receives [tier index at LP, iterations]
 * @returns the price, or NaN when there is none (LP ≤ 0, bad input, no consistent tier)
 * @example
 * linearLiquidationPrice(1, 1, 1, 20_000, 400, packTiers(singleTier(0.005))); // => ~19698.49
 * linearLiquidationPrice(1, 1, 1, 20_000, 25_000, packed);                    // => NaN (no LP > 0)
 */
export function linearLiquidationPrice(
  side: 1 | -1,
  qty: number,
  contractSize: number,
  entry: number,
  balance: number,
  tiers: Float64Array,
  extraRate = 0,
  out?: Float64Array,
): number {
  const rows = (tiers.length / 3) | 0;
  if (!(qty > 0 && contractSize > 0 && entry > 0 && entry < Infinity && rows > 0)) return Number.NaN;
  const cq = contractSize * qty;
  const base = balance - side * cq * entry;
  let t = packedIndex(tiers, cq * entry, rows);
  let prevTier = -1;
  let prevPrice = Number.NaN;
  for (let it = 1; it <= rows + 2; it++) {
    const price = (base + (tiers[3 * t + 2] as number)) / (cq * ((tiers[3 * t + 1] as number) + extraRate - side));
    const next = packedIndex(tiers, cq * price, rows);
    if (next === t || (next === prevTier && Math.abs(price - prevPrice) <= SAME_PRICE * Math.abs(price))) {
      if (out !== undefined) {
        out[0] = next;
        out[1] = it;
      }
      return price > 0 && price < Infinity ? price : Number.NaN;
    }
    prevTier = t;
    prevPrice = price;
    t = next;
  }
  return Number.NaN;
}

/**
 * Liquidation price of one inverse position (tiers in the coin value c·q/P): the linear kernel
 * in u = 1/P, where a long behaves as a short. Same parameters as {@link linearLiquidationPrice}
 * (contractSize in quote units, balance in the coin).
 *
 * @example
 * inverseLiquidationPrice(1, 600, 100, 50_000, 0.12, packTiers(singleTier(0.005))); // => ~45681.82 (MM at the LP's value)
 */
export function inverseLiquidationPrice(
  side: 1 | -1,
  qty: number,
  contractSize: number,
  entry: number,
  balance: number,
  tiers: Float64Array,
  extraRate = 0,
  out?: Float64Array,
): number {
  if (!(entry > 0)) return Number.NaN;
  return 1 / linearLiquidationPrice(side === 1 ? -1 : 1, qty, contractSize, 1 / entry, balance, tiers, extraRate, out);
}

/**
 * Price at which MB = K + PnL = 0: E − s·K/(c·q) (linear), c·q/(c·q/E + s·K) (inverse);
 * NaN when it is not a positive price.
 *
 * @example
 * bankruptcyPrice('linear', 1, 1, 1, 10_000, 200);  // => 9800 (50× long)
 * bankruptcyPrice('inverse', -1, 1, 1, 50_000, 1);  // => NaN (an inverse short cannot lose more than c·q/E)
 */
export function bankruptcyPrice(kind: ContractKind, side: 1 | -1, qty: number, contractSize: number, entry: number, balance: number): number {
  const u0 = kind === 'linear' ? entry : 1 / entry;
  const s = kind === 'linear' ? side : -side;
  const u = u0 - (s * balance) / (contractSize * qty);
  if (!(u > 0 && u < Infinity && entry > 0)) return Number.NaN;
  return kind === 'linear' ? u : 1 / u;
}

// ---------------------------------------------------------------------------------------------
// Full computation: validated input, cross and isolated, hedge legs, margins and ratio.

/** How a venue applies the tier table. */
export interface TieredRules {
  readonly venue: VenueId;
  /** Contract kinds the venue lists. */
  readonly kinds: readonly ContractKind[];
  /** 'mark': MM on the value at the (liquidation) price; 'entry': on the value at entry (Bybit). */
  readonly valuation: 'mark' | 'entry';
  /** Add the instrument's taker fee to the maintenance rate (OKX). */
  readonly feeInMaintenance: boolean;
  /** Hedge mode (a long and a short leg of one symbol) is documented for the venue. */
  readonly hedgeMode: boolean;
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const sign = (p: Position): 1 | -1 => (p.side === 'long' ? 1 : -1);
/** The coordinate in which PnL and margin value are linear: P (linear) or 1/P (inverse). */
const toU = (kind: ContractKind, price: number): number => (kind === 'linear' ? price : 1 / price);
/** Side in u: an inverse long gains as 1/P falls. */
const uSide = (kind: ContractKind, p: Position): 1 | -1 => (kind === 'linear' ? sign(p) : sign(p) === 1 ? -1 : 1);

/** Position value in the table's basis at coordinate u. */
function basisValue(inst: Instrument, qty: number, u: number): number {
  if (inst.tierBasis === 'contracts') return qty;
  if (inst.tierBasis === 'quote' && inst.kind === 'inverse') return inst.contractSize * qty;
  return inst.contractSize * qty * u;
}

function maintenanceRate(inst: Instrument, tier: Tier, rules: TieredRules): number {
  return tier.maintenanceMarginRate + (rules.feeInMaintenance ? (inst.takerFee ?? 0) : 0);
}

/** The venue's own rules on a validated instrument (plain comparisons; paths built only on failure). */
function checkInstrument(inst: Instrument, rules: TieredRules, path: FieldPath): void {
  if (typeof inst !== 'object' || inst === null) throw new TradesizeError('INVALID_INPUT', 'instrument is required', path);
  checkInstrumentShape(inst, path);
  if (inst.venue !== rules.venue) throw new TradesizeError('INVALID_INPUT', `instrument is on ${inst.venue}, not ${rules.venue}`, [...path, 'venue']);
  if (!rules.kinds.includes(inst.kind)) throw new TradesizeError('INVALID_INPUT', `${rules.venue} has no ${inst.kind} contracts`, [...path, 'kind']);
  if (!rules.feeInMaintenance) return;
  if (inst.takerFee === undefined) {
    throw new TradesizeError('INVALID_INPUT', `${rules.venue} adds the taker fee to maintenance: give instrument.takerFee`, [...path, 'takerFee']);
  }
  const top = inst.tiers[inst.tiers.length - 1] as Tier;
  if (!(top.maintenanceMarginRate + inst.takerFee < 1)) throw new TradesizeError('INVALID_INPUT', 'maintenance rate + taker fee must be < 1', [...path, 'takerFee']);
}

/** A valid position of this instrument on this venue (hedge legs only where the venue has them). */
function checkPosition(pos: Position, inst: Instrument, rules: TieredRules, path: FieldPath): void {
  if (typeof pos !== 'object' || pos === null) throw new TradesizeError('INVALID_INPUT', 'position is required', path);
  checkPositionShape(pos, path);
  if (pos.symbol !== inst.symbol) throw new TradesizeError('INVALID_INPUT', `position symbol ${pos.symbol} is not the instrument's ${inst.symbol}`, [...path, 'symbol']);
  const leg = pos.positionSide ?? 'both';
  if (leg === 'both') return;
  if (!rules.hedgeMode) throw new TradesizeError('INVALID_INPUT', `${rules.venue}: hedge mode is not modelled (no documented formula)`, [...path, 'positionSide']);
  if (leg !== pos.side) throw new TradesizeError('INVALID_INPUT', `a ${leg} hedge leg must be a ${leg} position`, [...path, 'side']);
}

/** Maintenance margin and tier of a position at a mark price (Bybit: on the value at entry). */
function maintenanceAt(inst: Instrument, pos: Position, mark: number, rules: TieredRules, qtyPath: FieldPath) {
  const uMargin = toU(inst.kind, rules.valuation === 'entry' ? pos.entryPrice : mark);
  const tier = tierAt(inst.tiers, basisValue(inst, pos.quantity, uMargin), qtyPath);
  const marginValue = inst.contractSize * pos.quantity * uMargin;
  const maintenanceMargin = marginValue * maintenanceRate(inst, tier, rules) - tier.maintenanceAmount;
  return { tier, marginValue, maintenanceMargin };
}

/**
 * Refuses a maintenance margin below 0 or unbounded: a tier whose maintenance amount exceeds
 * value × rate at the position (a table whose amounts do not follow the continuity rule of
 * `tiers.ts`, or an overflowing override) would otherwise report a negative margin.
 */
function checkMaintenance(inst: Instrument, m: PositionMargin, path: FieldPath): void {
  if (m.maintenanceMargin >= 0 && m.maintenanceMargin < Infinity) return;
  throw new TradesizeError(
    'INVALID_INPUT',
    `tier ${m.tier.tier}: maintenance amount ${m.tier.maintenanceAmount} exceeds value × rate at this position, so the maintenance margin would be ${m.maintenanceMargin < 0 ? 'negative' : 'unbounded'}: the table's amounts are inconsistent`,
    [...path, inst.tiers.indexOf(m.tier), 'maintenanceAmount'],
  );
}

function margins(inst: Instrument, pos: Position, mark: number, leverage: number | undefined, rules: TieredRules): PositionMargin {
  const { tier, marginValue, maintenanceMargin } = maintenanceAt(inst, pos, mark, rules, ['quantity']);
  const lev = leverage ?? tier.maxLeverage;
  require(Number.isFinite(tier.maxLeverage) || leverage !== undefined, 'the tier table states no max leverage: give the leverage setting', ['leverage']);
  require(isNum(lev) && lev > 0 && lev <= tier.maxLeverage, `leverage ${lev} is not in (0, ${tier.maxLeverage}], the max of tier ${tier.tier}`, ['leverage']);
  return { initialMargin: marginValue / lev, maintenanceMargin, positionValue: inst.contractSize * pos.quantity * toU(inst.kind, mark), tier };
}

/**
 * Initial and maintenance margin of a position at a mark price: IM = value / leverage (leverage
 * ≤ the tier's max; default the max), MM = value·rate − amount on the tier of the value.
 *
 * @throws TradesizeError INVALID_INPUT (bad instrument, position or leverage), ABOVE_MAX_TIER.
 * @example
 * tieredMargin(BTCUSD, { symbol: 'BTCUSD', side: 'long', quantity: 100, entryPrice: 25_000 }, 25_000, 20, rules);
 * // => { positionValue: 0.4, maintenanceMargin: 0.0016, initialMargin: 0.02, tier: tier 1 }
 */
export function tieredMargin(inst: Instrument, pos: Position, markPrice: number, leverage: number | undefined, rules: TieredRules): PositionMargin {
  checkInstrument(inst, rules, ['instrument']);
  checkPosition(pos, inst, rules, ['position']);
  require(isNum(markPrice) && markPrice > 0, 'mark price must be > 0', ['markPrice']);
  const m = margins(inst, pos, markPrice, leverage, rules);
  checkMaintenance(inst, m, ['instrument', 'tiers']);
  return m;
}

/** A position that moves with the price being solved for, in u-coordinates. */
interface Leg {
  readonly inst: Instrument;
  readonly pos: Position;
  readonly s: 1 | -1;
  readonly cq: number;
  readonly u0: number;
}

function toLeg(inst: Instrument, pos: Position): Leg {
  return { inst, pos, s: uSide(inst.kind, pos), cq: inst.contractSize * pos.quantity, u0: toU(inst.kind, pos.entryPrice) };
}

/** The tier index of each leg at coordinate u (Bybit: at entry, whatever u). */
function legTiers(legs: readonly Leg[], u: number, rules: TieredRules): number[] {
  const idx: number[] = [];
  for (const l of legs) idx.push(tierIndex(l.inst.tiers, basisValue(l.inst, l.pos.quantity, rules.valuation === 'entry' ? l.u0 : u)));
  return idx;
}

/** Root u of K + Σ s·cq·(u − u0) = Σ MM(u) for the given tiers (maintenance = false: MM = 0). */
function solveU(legs: readonly Leg[], idx: readonly number[], k: number, rules: TieredRules, maintenance: boolean): number {
  let num = k;
  let den = 0;
  for (let i = 0; i < legs.length; i++) {
    const l = legs[i] as Leg;
    num -= l.s * l.cq * l.u0;
    den -= l.s * l.cq;
    if (!maintenance) continue;
    const tier = l.inst.tiers[idx[i] as number] as Tier;
    const rate = maintenanceRate(l.inst, tier, rules);
    if (rules.valuation === 'entry') num -= l.cq * l.u0 * rate - tier.maintenanceAmount;
    else {
      num += tier.maintenanceAmount;
      den += l.cq * rate;
    }
  }
  return num / den;
}

function sameTiers(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Iterates the tiers to the ones at the liquidation coordinate. */
function solveLiquidationU(legs: readonly Leg[], k: number, rules: TieredRules): { u: number; idx: number[]; iterations: number } {
  let maxIterations = 2;
  let idx: number[] = [];
  for (const l of legs) {
    maxIterations += l.inst.tiers.length;
    idx.push(tierIndex(l.inst.tiers, basisValue(l.inst, l.pos.quantity, l.u0)));
  }
  let prev: number[] = [];
  let prevU = Number.NaN;
  for (let it = 1; it <= maxIterations; it++) {
    const u = solveU(legs, idx, k, rules, true);
    const next = legTiers(legs, u, rules);
    if (sameTiers(next, idx) || (sameTiers(next, prev) && Math.abs(u - prevU) <= SAME_PRICE * Math.abs(u))) {
      return { u, idx: next, iterations: it };
    }
    prev = idx;
    prevU = u;
    idx = next;
  }
  throw new TradesizeError(
    'NOT_CONVERGED',
    `the liquidation price did not settle on a tier after ${maxIterations} iterations: the tier table's maintenance amounts do not keep maintenance margin continuous`,
    ['instrument', 'tiers'],
  );
}

const isHedgeLeg = (p: Position): boolean => p.positionSide === 'long' || p.positionSide === 'short';
const fromU = (kind: ContractKind, u: number): number | null => (u > 0 && u < Infinity ? (kind === 'linear' ? u : 1 / u) : null);
const pnlAt = (l: Leg, u: number): number => l.s * l.cq * (u - l.u0);

/**
 * Liquidation price, bankruptcy price, margins and margin ratio of a position, in isolated or
 * cross mode. Cross: the other positions are held at their marks (their uPnL and MM enter K);
 * a hedge leg of the same symbol (where the venue has hedge mode) moves with the price.
 * marginRatio = margin balance / maintenance margin at the marks (≥ 1 is safe): of the position
 * in isolated mode, of the account in cross mode.
 *
 * @throws TradesizeError INVALID_INPUT, ABOVE_MAX_TIER (position value at entry or mark above the
 * top cap), NOT_CONVERGED (a table whose MM is not continuous).
 */
export function tieredLiquidation(input: LiquidationInput, rules: TieredRules): LiquidationResult {
  if (typeof input !== 'object' || input === null) throw new TradesizeError('INVALID_INPUT', 'input is required', []);
  checkAccountShape(input);
  const { instrument: inst, position: pos, marginMode, collateral } = input;
  checkInstrument(inst, rules, ['instrument']);
  checkPosition(pos, inst, rules, ['position']);
  const mark = pos.markPrice ?? pos.entryPrice;
  // A position opened above the top cap is an error too, not only one marked above it.
  tierAt(inst.tiers, basisValue(inst, pos.quantity, toU(inst.kind, pos.entryPrice)));
  const main = margins(inst, pos, mark, input.leverage, rules);

  const legs: Leg[] = [toLeg(inst, pos)];
  let wallet = collateral;
  let othersMM = 0;
  let legsPnl = pnlAt(legs[0] as Leg, toU(inst.kind, mark));
  let legsMM = main.maintenanceMargin;
  if (marginMode === 'cross') {
    (input.otherPositions ?? []).forEach((o, i) => {
      const path: FieldPath = ['otherPositions', i];
      checkInstrument(o.instrument, rules, [...path, 'instrument']);
      require(o.instrument.kind === inst.kind, 'cross positions must settle in the same currency (same contract kind)', [...path, 'instrument', 'kind']);
      checkPosition(o.position, o.instrument, rules, [...path, 'position']);
      const oMark = o.position.markPrice ?? o.position.entryPrice;
      const m = maintenanceAt(o.instrument, o.position, oMark, rules, [...path, 'position', 'quantity']);
      const leg = toLeg(o.instrument, o.position);
      const pnl = pnlAt(leg, toU(o.instrument.kind, oMark));
      if (o.instrument.symbol !== inst.symbol) {
        wallet += pnl;
        othersMM += m.maintenanceMargin;
        return;
      }
      const hedged = legs.length === 1 && isHedgeLeg(pos) && isHedgeLeg(o.position) && o.position.side !== pos.side;
      require(hedged, 'one symbol holds one position in one-way mode, or one long and one short leg in hedge mode', [...path, 'position', 'positionSide']);
      legs.push(leg);
      legsPnl += pnl;
      legsMM += m.maintenanceMargin;
    });
  }

  const solved = solveLiquidationU(legs, wallet - othersMM, rules);
  checkMaintenance(inst, main, ['instrument', 'tiers']);
  const liquidationPrice = fromU(inst.kind, solved.u);
  const bankruptcy = fromU(inst.kind, solveU(legs, [], wallet, rules, false));
  const balance = wallet + legsPnl;
  const required = othersMM + legsMM;
  return {
    liquidationPrice,
    bankruptcyPrice: bankruptcy,
    initialMargin: main.initialMargin,
    maintenanceMargin: main.maintenanceMargin,
    marginRatio: required > 0 ? balance / required : Number.POSITIVE_INFINITY,
    tier: liquidationPrice === null ? main.tier : (inst.tiers[solved.idx[0] as number] as Tier),
    iterations: solved.iterations,
  };
}
