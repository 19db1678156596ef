/**
 * What-if: the position, collateral and liquidation numbers after a hypothetical order, computed
 * on copies (the inputs are never mutated), as dYdX v4 checks an order against the subaccount
 * it would produce before accepting it (`x/subaccounts` UpdateSubaccounts on a copy).
 *
 * The order fills entirely at its price, which becomes the mark of the resulting position.
 *
 *   open / add   same side: entry = quantity-weighted average, arithmetic for linear contracts
 *                (Σq·P / Σq) and harmonic for inverse ones (Σq / Σ(q/P), the coin value adds up);
 *                isolated: the order's initial margin at the leverage setting is posted from the
 *                wallet to the position (default setting: the max leverage of the tier the
 *                resulting position falls in).
 *   reduce       opposite side, smaller: the closed part realises PnL at the order price
 *                (linear c·q·(P − entry), inverse c·q·(1/entry − 1/P), sign by side), the rest
 *                keeps its entry. Cross: the PnL is added to the wallet balance (the collateral).
 *                Isolated: the closed fraction of the isolated margin is released and the PnL is
 *                settled to the wallet, so the liquidation price stays put within a tier (Binance
 *                and Bybit release isolated margin pro rata; dYdX keeps it in the isolated
 *                subaccount, not modelled here).
 *   close        opposite side, equal: as reduce, nothing left.
 *   flip         opposite side, larger: close, then open the remainder on the order's side
 *                (not allowed on a hedge-mode leg, which can only be reduced).
 *
 * SOURCE: Binance, "Leverage and Margin of USDⓈ-M Futures" (average entry, isolated margin =
 * notional / leverage); Bybit, "Inverse Contract: Profit and Loss Calculation" (inverse average
 * entry and PnL); dydxprotocol/v4-chain `protocol/x/subaccounts/keeper/subaccount.go`.
 */
import { require } from '../core/errors.js';
import { unitPriceLoss, type ContractTerms, type Side } from '../core/contract.js';
import type { Instrument, LiquidationInput, LiquidationResult, MarginMode, Position, VenueModel } from './types.js';

/** A hypothetical order, filled entirely at `price`. Quantity in contracts. */
export interface WhatIfOrder {
  readonly side: Side;
  readonly quantity: number;
  readonly price: number;
}

/** Input of {@link liquidationAfterOrder}. Amounts in the settlement currency. */
export interface WhatIfInput {
  readonly instrument: Instrument;
  readonly model: VenueModel;
  readonly marginMode: MarginMode;
  /** Isolated: the isolated margin of the current position (0 without one). Cross: the wallet balance. */
  readonly collateral: number;
  /** The current position in this instrument, if any. */
  readonly position?: Position;
  readonly order: WhatIfOrder;
  /** Leverage setting (initial margin = value / L). */
  readonly leverage?: number;
  /** Cross mode: the account's other positions (with marks). */
  readonly otherPositions?: LiquidationInput['otherPositions'];
}

/** What the order does to the position. */
export type OrderEffect = 'open' | 'add' | 'reduce' | 'close' | 'flip';

/** The state after the order, and the liquidation numbers before and after. */
export interface WhatIfResult {
  readonly effect: OrderEffect;
  /** The resulting position (null when the order closes it). */
  readonly position: Position | null;
  /** Isolated: the resulting isolated margin. Cross: the resulting wallet balance. */
  readonly collateral: number;
  /** PnL realised by the closed part (0 for open/add). */
  readonly realizedPnl: number;
  /** Isolated: margin posted to (+) or released from (−) the position. Cross: 0. */
  readonly marginTransfer: number;
  readonly before: LiquidationResult | null;
  readonly after: LiquidationResult | null;
}

function liquidationOf(input: WhatIfInput, position: Position, collateral: number): LiquidationResult {
  const { instrument, model, marginMode, leverage, otherPositions } = input;
  return model.liquidation({ instrument, position, marginMode, collateral, leverage, otherPositions });
}

/** Entry of `a` contracts at `pa` plus `b` at `pb`: arithmetic (linear) or harmonic (inverse) mean. */
export function averageEntry(terms: ContractTerms, a: number, pa: number, b: number, pb: number): number {
  return terms.kind === 'linear' ? (a * pa + b * pb) / (a + b) : (a + b) / (a / pa + b / pb);
}

/** A new position object (never the caller's), keeping the hedge-mode leg. */
function positionOf(base: Position | undefined, symbol: string, side: Side, quantity: number, entryPrice: number, mark: number): Position {
  const p: Position = { symbol, side, quantity, entryPrice, markPrice: mark };
  return base?.positionSide === undefined ? p : { ...p, positionSide: base.positionSide };
}

/**
 * Liquidation price and margins after a hypothetical order (open, add, reduce, close or flip),
 * in isolated or cross mode, with the position and collateral it leaves (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT for a non-positive order quantity or price, a negative
 *   collateral, a position in another symbol, or an order that would flip a hedge-mode leg.
 * @example
 * liquidationAfterOrder({ instrument: btcusdt, model: binanceUsdm, marginMode: 'isolated',
 *   collateral: 650, position: { symbol: 'BTCUSDT', side: 'long', quantity: 0.1, entryPrice: 65000 },
 *   order: { side: 'long', quantity: 0.1, price: 63000 }, leverage: 10 });
 * // => { effect: 'add', position: { quantity: 0.2, entryPrice: 64000, ... }, collateral: 1280,
 * //      marginTransfer: 630, before: { liquidationPrice: ~58735 }, after: { liquidationPrice: ~57831 } }
 */
export function liquidationAfterOrder(input: WhatIfInput): WhatIfResult {
  const { instrument, model, marginMode, collateral, position, order, leverage } = input;
  require(order.quantity > 0 && Number.isFinite(order.quantity), `order quantity must be positive, got ${order.quantity}`, ['order', 'quantity']);
  require(order.price > 0 && Number.isFinite(order.price), `order price must be positive, got ${order.price}`, ['order', 'price']);
  require(collateral >= 0 && Number.isFinite(collateral), `collateral must be ≥ 0, got ${collateral}`, ['collateral']);
  require(position === undefined || position.symbol === instrument.symbol, `position ${position?.symbol} is not in ${instrument.symbol}`, ['position', 'symbol']);
  require(position === undefined || (position.quantity > 0 && Number.isFinite(position.quantity)), 'position quantity must be positive', ['position', 'quantity']);
  const terms: ContractTerms = { kind: instrument.kind, size: instrument.contractSize };
  const isolated = marginMode === 'isolated';
  const before = position === undefined ? null : liquidationOf(input, position, collateral);
  const held = position?.quantity ?? 0;
  const same = position === undefined || position.side === order.side;
  const closed = same ? 0 : Math.min(held, order.quantity);
  const opened = same ? order.quantity : order.quantity - closed;
  require(
    opened === 0 || same || position?.positionSide === undefined || position.positionSide === 'both',
    `an order of ${order.quantity} would flip the ${position?.positionSide} hedge-mode leg of ${held}`,
    ['order', 'quantity'],
  );
  const effect: OrderEffect = same ? (position === undefined ? 'open' : 'add') : opened > 0 ? 'flip' : closed < held ? 'reduce' : 'close';

  const realizedPnl = position === undefined || closed === 0 ? 0 : -closed * unitPriceLoss(terms, position.side, position.entryPrice, order.price);
  const remaining = held - closed;
  let next: Position | null = null;
  if (same) {
    const entry = position === undefined ? order.price : averageEntry(terms, held, position.entryPrice, order.quantity, order.price);
    next = positionOf(position, instrument.symbol, order.side, held + order.quantity, entry, order.price);
  } else if (remaining > 0 && position !== undefined) {
    next = positionOf(position, instrument.symbol, position.side, remaining, position.entryPrice, order.price);
  } else if (opened > 0) {
    next = positionOf(position, instrument.symbol, order.side, opened, order.price, order.price);
  }

  // Isolated: margin released pro rata for the closed part, the opened part's initial margin posted.
  const released = !isolated || held === 0 ? 0 : (collateral * closed) / held;
  let posted = 0;
  if (isolated && opened > 0 && next !== null) {
    const setting = leverage ?? model.positionMargin(instrument, next, order.price).tier.maxLeverage;
    const added = positionOf(undefined, instrument.symbol, order.side, opened, order.price, order.price);
    posted = model.positionMargin(instrument, added, order.price, setting).initialMargin;
  }
  const transfer = posted - released;
  const after = !isolated ? collateral + realizedPnl : next === null ? 0 : collateral + transfer;
  return {
    effect,
    position: next,
    collateral: after,
    realizedPnl,
    marginTransfer: transfer,
    before,
    after: next === null ? null : liquidationOf(input, next, after),
  };
}
