/**
 * Deribit standard margin for futures and perpetuals: initial and maintenance rates that grow
 * linearly with the position size, and the liquidation price where equity = maintenance margin.
 *
 * With v the position size in coin (linear: |q|·c base units; inverse: |q|·c/P, the coin value of
 * c·|q| USD at price P), the rates and margins are
 *
 *   IM rate = i₀ + i₁·v        MM rate = m₀ + m₁·v
 *   margin  = v × rate × P (linear, in the quote, e.g. USDC)   or   v × rate (inverse, in coin)
 *
 * Standard margin is account-level per currency (cross): equity = balance + unrealised PnL of all
 * positions settled in that currency; the account is liquidated (incrementally) when equity falls
 * below the total maintenance margin. Deribit has no leverage setting in standard margin: the
 * `leverage` argument is ignored.
 *
 * Liquidation price of one position of sign s = ±1, the other positions held at their marks (PnL
 * U, maintenance M), wallet balance W:
 *
 *   linear : W + s·v·(P − entry) + U = v·r_m·P + M
 *            → LP = (W − s·v·entry + U − M) / (v·r_m − s·v)
 *   inverse: with Q = c·|q| USD and x = 1/P, W + s·Q·(1/entry − x) + U = Q·x·m₀ + m₁·Q²·x² + M,
 *            a quadratic a·x² + b·x + k = 0 with a = m₁Q², b = Q(m₀ + s), k = M − W − s·Q/entry − U.
 *            Long: the one positive root, LP = (b + √(b² − 4ak)) / (−2k), when k < 0.
 *            Short: the root nearest from above, LP = (−b + √(b² − 4ak)) / (2k), when k > 0.
 *   bankruptcy (equity = 0): linear entry − (W + U)/(s·v); inverse 1 / (1/entry + (W + U)/(s·Q)).
 *
 * An inverse short's size in coin grows without bound as the price falls, so the formula's MM
 * rate eventually passes 100 % at absurdly low prices; that second crossing is not reported.
 * Margin is converted at the index price on Deribit; here the given (mark) price is used for both.
 *
 * SOURCE: Deribit support, "Linear Perpetual" (standard margin IM/MM examples),
 * https://support.deribit.com/hc/en-us/articles/25944738177565-Linear-Perpetual; Deribit
 * "Futures" (inverse: IM 2 % + 0.5 % per 100 BTC, MM 1.5 % + 0.5 % per 100 BTC),
 * https://test.deribit.com/pages/docs/futures.
 *
 * @example
 * const perp = getInstrument('deribit', 'BTC_USDC-PERPETUAL');
 * deribit.positionMargin(perp, { symbol: perp.symbol, side: 'long', quantity: 25, entryPrice: 100000 }, 100000);
 * // => { initialMargin: ~53125, maintenanceMargin: ~28125, positionValue: 2500000, ... } (IM 2.125 %, MM 1.125 %)
 */
import { TradesizeError, require } from '../core/errors.js';
import { checkPositionShape } from './validate.js';
import { unitPriceLoss } from '../core/contract.js';
import type {
  Instrument,
  LiquidationInput,
  LiquidationResult,
  Position,
  PositionMargin,
  Tier,
  VenueModel,
} from './types.js';

/** Size-dependent rates of a Deribit instrument, as carried in `Instrument.params`. */
export interface DeribitParams {
  /** Initial margin rate at size 0. */
  readonly initialMarginBase: number;
  /** Increase of the initial margin rate per coin of position size. */
  readonly initialMarginPerCoin: number;
  /** Maintenance margin rate at size 0. */
  readonly maintenanceMarginBase: number;
  /** Increase of the maintenance margin rate per coin of position size. */
  readonly maintenanceMarginPerCoin: number;
}

/**
 * The size-dependent rates of a Deribit instrument.
 *
 * @throws TradesizeError INVALID_INPUT naming the missing or bad `params` field.
 * @example
 * deribitParams(getInstrument('deribit', 'BTC-PERPETUAL')).maintenanceMarginBase; // => 0.015
 */
export function deribitParams(instrument: Instrument): DeribitParams {
  const p = instrument.params ?? {};
  const read = (key: keyof DeribitParams, max: number): number => {
    const v = p[key];
    if (v === undefined || !Number.isFinite(v) || v < 0 || v >= max) {
      throw new TradesizeError(
        'INVALID_INPUT',
        `deribit: instrument ${instrument.symbol} needs params.${key} in [0, ${max})`,
        ['instrument', 'params', key],
      );
    }
    return v;
  };
  return {
    initialMarginBase: read('initialMarginBase', 1),
    initialMarginPerCoin: read('initialMarginPerCoin', Number.POSITIVE_INFINITY),
    maintenanceMarginBase: read('maintenanceMarginBase', 1),
    maintenanceMarginPerCoin: read('maintenanceMarginPerCoin', Number.POSITIVE_INFINITY),
  };
}

/**
 * Initial and maintenance margin rates at a position size in coin.
 *
 * @example
 * const p = deribitParams(getInstrument('deribit', 'BTC_USDC-PERPETUAL'));
 * deribitRates(p, 25);  // => { initial: ~0.02125, maintenance: ~0.01125 }
 * deribitRates(p, 350); // => { initial: ~0.0375, maintenance: ~0.0275 }
 */
export function deribitRates(params: DeribitParams, sizeInCoin: number): { initial: number; maintenance: number } {
  return {
    initial: params.initialMarginBase + params.initialMarginPerCoin * sizeInCoin,
    maintenance: params.maintenanceMarginBase + params.maintenanceMarginPerCoin * sizeInCoin,
  };
}

/**
 * The effective single row at a size in coin: MMR and max leverage 1/IM rate at that size.
 *
 * @example
 * deribitTier(deribitParams(getInstrument('deribit', 'BTC_USDC-PERPETUAL')), 25).maxLeverage; // => ~47.06 (1/2.125 %)
 */
export function deribitTier(params: DeribitParams, sizeInCoin: number): Tier {
  const rates = deribitRates(params, sizeInCoin);
  return {
    tier: 1,
    floor: 0,
    cap: Number.POSITIVE_INFINITY,
    maintenanceMarginRate: rates.maintenance,
    maintenanceAmount: 0,
    maxLeverage: 1 / rates.initial,
  };
}

/**
 * The settlement currency of a Deribit instrument from its name: the coin of an inverse
 * contract (BTC-PERPETUAL → BTC), the quote of a linear one (BTC_USDC-PERPETUAL → USDC).
 *
 * @example
 * deribitSettlementCurrency(getInstrument('deribit', 'BTC_USDC-PERPETUAL')); // => 'USDC'
 */
export function deribitSettlementCurrency(instrument: Instrument): string {
  const root = instrument.symbol.toUpperCase().split('-')[0] ?? '';
  const [base = '', quote = ''] = root.split('_');
  return instrument.kind === 'inverse' ? base : quote || base;
}

/** Position size in coin at price P. */
function sizeInCoin(instrument: Instrument, position: Position, price: number): number {
  const units = position.quantity * instrument.contractSize;
  return instrument.kind === 'linear' ? units : units / price;
}

/** Margin in the settlement currency of a size in coin at a rate. */
function marginOf(instrument: Instrument, size: number, rate: number, price: number): number {
  return instrument.kind === 'linear' ? size * rate * price : size * rate;
}

function checkLeg(instrument: Instrument, position: Position, path: readonly (string | number)[]): DeribitParams {
  require(instrument.venue === 'deribit', `deribit: instrument ${instrument.symbol} belongs to ${instrument.venue}`, [...path, 'instrument', 'venue']);
  checkPositionShape(position, [...path, 'position']);
  require(position.positionSide === undefined || position.positionSide === 'both',
    'deribit: positions are one-way (no hedge mode)', [...path, 'position', 'positionSide']);
  return deribitParams(instrument);
}

function marginAt(instrument: Instrument, params: DeribitParams, position: Position, price: number): PositionMargin {
  const size = sizeInCoin(instrument, position, price);
  const rates = deribitRates(params, size);
  return {
    initialMargin: marginOf(instrument, size, rates.initial, price),
    maintenanceMargin: marginOf(instrument, size, rates.maintenance, price),
    positionValue: instrument.kind === 'linear' ? size * price : size,
    tier: deribitTier(params, size),
  };
}

function positionMargin(instrument: Instrument, position: Position, markPrice: number): PositionMargin {
  const params = checkLeg(instrument, position, []);
  require(Number.isFinite(markPrice) && markPrice > 0, 'deribit: markPrice must be > 0', ['markPrice']);
  return marginAt(instrument, params, position, markPrice);
}

/** Unrealised PnL of a position at a price, in its settlement currency. */
function pnlAt(instrument: Instrument, position: Position, price: number): number {
  const terms = { kind: instrument.kind, size: instrument.contractSize };
  return -unitPriceLoss(terms, position.side, position.entryPrice, price) * position.quantity;
}

/** Price where equity = maintenance margin for the target position, or null when none exists. */
function solveLiquidation(instrument: Instrument, params: DeribitParams, position: Position, wallet: number, otherMm: number): number | null {
  const s = position.side === 'long' ? 1 : -1;
  const { entryPrice } = position;
  if (instrument.kind === 'linear') {
    const v = position.quantity * instrument.contractSize;
    const rm = deribitRates(params, v).maintenance;
    const lp = (wallet - s * v * entryPrice - otherMm) / (v * rm - s * v);
    return lp > 0 && Number.isFinite(lp) ? lp : null;
  }
  const q = position.quantity * instrument.contractSize;
  const a = params.maintenanceMarginPerCoin * q * q;
  const b = q * (params.maintenanceMarginBase + s);
  const k = otherMm - wallet - (s * q) / entryPrice;
  const discriminant = b * b - 4 * a * k;
  if (s > 0) return k < 0 ? (b + Math.sqrt(discriminant)) / (-2 * k) : null;
  if (k <= 0 || discriminant < 0) return null;
  return (-b + Math.sqrt(discriminant)) / (2 * k);
}

function liquidation(input: LiquidationInput): LiquidationResult {
  const { instrument, position, collateral } = input;
  const params = checkLeg(instrument, position, []);
  require(Number.isFinite(collateral), 'deribit: collateral must be a finite number', ['collateral']);
  require(input.marginMode === 'cross', 'deribit: standard margin is cross (account-level per currency)', ['marginMode']);
  const currency = deribitSettlementCurrency(instrument);

  let otherPnl = 0;
  let otherMm = 0;
  (input.otherPositions ?? []).forEach((o, i) => {
    const p = checkLeg(o.instrument, o.position, ['otherPositions', i]);
    require(deribitSettlementCurrency(o.instrument) === currency,
      `deribit: ${o.instrument.symbol} settles in ${deribitSettlementCurrency(o.instrument)}, not ${currency}: margin is per currency`,
      ['otherPositions', i, 'instrument']);
    const mark = o.position.markPrice ?? o.position.entryPrice;
    otherPnl += pnlAt(o.instrument, o.position, mark);
    otherMm += marginAt(o.instrument, p, o.position, mark).maintenanceMargin;
  });

  const mark = position.markPrice ?? position.entryPrice;
  const own = marginAt(instrument, params, position, mark);
  const wallet = collateral + otherPnl;
  const lp = solveLiquidation(instrument, params, position, wallet, otherMm);
  const s = position.side === 'long' ? 1 : -1;
  const units = position.quantity * instrument.contractSize;
  const bp = instrument.kind === 'linear'
    ? position.entryPrice - wallet / (s * units)
    : 1 / (1 / position.entryPrice + wallet / (s * units));
  const equityAtMark = wallet + pnlAt(instrument, position, mark);
  return {
    liquidationPrice: lp,
    bankruptcyPrice: bp > 0 && Number.isFinite(bp) ? bp : null,
    initialMargin: own.initialMargin,
    maintenanceMargin: own.maintenanceMargin,
    marginRatio: equityAtMark / (own.maintenanceMargin + otherMm),
    tier: deribitTier(params, sizeInCoin(instrument, position, lp ?? mark)),
    iterations: 1,
  };
}

/** The Deribit standard-margin venue model for futures and perpetuals (cross, per currency). */
export const deribit: VenueModel = {
  id: 'deribit',
  source:
    'Deribit "Linear Perpetual" (support.deribit.com/hc/en-us/articles/25944738177565) and "Futures" (test.deribit.com/pages/docs/futures)',
  marginModes: ['cross'],
  positionMargin,
  liquidation,
};
