/**
 * The pre-trade check: may this order be sent, and how large may it be?
 *
 * Gates, in order: the account's state (HALTED denies everything; REDUCING denies what adds
 * risk), the market's price integrity (a stale or suspect market denies what adds risk there),
 * then the size: with a stop, the `sizePosition` decision for the account's equity, risk per
 * trade and maximum leverage (the same decision the CLI gives for the same inputs), with one more
 * constraint, the leverage left after the account's other positions; without a stop, that
 * leverage headroom alone. An order reduces risk when it is on the other side of the position
 * and no larger than it; such an order is never capped by the sizing limits.
 *
 * Entry prices are conservative: a buy is priced at the highest valid source price, a sell at
 * the lowest, unless the order names its own price.
 */
import type { ContractTerms, Side } from '../core/contract.js';
import { TradesizeError } from '../core/errors.js';
import { fmt } from '../core/format.js';
import { sizePosition, type SizeResult } from '../sizing/size-position.js';
import { linearCap, type SizingConstraint } from '../sizing/constraints/types.js';
import type { TradingState } from './account-state.js';
import { DENIAL_CODES, type DenialCode } from './denial-codes.js';
import type { AccountLimits, MarketSpec, Order } from './schemas.js';

export interface DenialReason {
  readonly code: DenialCode;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface OrderDecision {
  readonly decision: 'allow' | 'deny';
  /** The largest quantity the limits allow now for this side (contracts); 0 when denied outright. */
  readonly maxQuantity: number;
  readonly reasons: readonly DenialReason[];
  readonly state: TradingState;
  /** The sizing decision behind `maxQuantity` when the order has a stop; null otherwise. */
  readonly sizing: SizeResult | null;
}

/** Everything the check reads, gathered by the engine. */
export interface OrderContext {
  readonly order: Order;
  readonly state: TradingState;
  readonly stateCause: DenialCode | null;
  /** Conservative account equity (settlement currency). */
  readonly equity: number;
  readonly limits: AccountLimits;
  readonly market: MarketSpec;
  /** Signed position in this market (contracts). */
  readonly position: number;
  /** Value of the account's other positions (settlement currency, ≥ 0), for the leverage headroom. */
  readonly otherExposure: number;
  /** Market fault when adding risk there is not allowed now. */
  readonly marketFault: DenialCode | null;
  /** Lowest and highest valid price. */
  readonly low: number;
  readonly high: number;
}

export function reason(code: DenialCode, details: Record<string, unknown> = {}, message: string = DENIAL_CODES[code]): DenialReason {
  return { code, message, details };
}

const deny = (ctx: OrderContext, reasons: DenialReason[], sizing: SizeResult | null = null): OrderDecision => ({
  decision: 'deny',
  maxQuantity: 0,
  reasons,
  state: ctx.state,
  sizing,
});

/** Value of one contract at `price` in the settlement currency. */
function unitValue(m: MarketSpec, price: number): number {
  return m.kind === 'linear' ? m.contractSize * price : m.contractSize / price;
}

/** Rounds down to the lot step (toward safety). */
function floorToLot(q: number, lot: number | undefined): number {
  if (lot === undefined) return q;
  return Math.floor(q / lot + 1e-9) * lot;
}

/**
 * Checks one order.
 *
 * @example
 * checkOrder({ order: { market: 'BTCUSDT', side: 'buy', quantity: 0.1, stop: 63000, reduceOnly: false }, state: 'ACTIVE', ... });
 * // => { decision: 'allow', maxQuantity: 0.0484, reasons: [], state: 'ACTIVE', sizing: {...} }
 */
export function checkOrder(ctx: OrderContext): OrderDecision {
  const { order, position } = ctx;
  const signed = order.side === 'buy' ? 1 : -1;
  const opposite = position !== 0 && Math.sign(position) === -signed;
  const reducing = opposite && (order.quantity === undefined || order.quantity <= Math.abs(position) * (1 + 1e-12));
  if (ctx.state === 'HALTED') return deny(ctx, [reason('ACCOUNT_HALTED'), ...causeOf(ctx)]);
  if (order.reduceOnly || reducing) {
    if (!opposite) return deny(ctx, [reason('ACCOUNT_REDUCING', { reduceOnly: true }, 'a reduce-only order must be on the other side of an open position')]);
    return { decision: 'allow', maxQuantity: Math.abs(position), reasons: [], state: ctx.state, sizing: null };
  }
  if (ctx.state === 'REDUCING') return deny(ctx, [reason('ACCOUNT_REDUCING'), ...causeOf(ctx)]);
  if (ctx.marketFault !== null) return deny(ctx, [reason(ctx.marketFault, { market: order.market })]);

  const side: Side = order.side === 'buy' ? 'long' : 'short';
  const entry = order.price ?? (side === 'long' ? ctx.high : ctx.low);
  const terms: ContractTerms = { kind: ctx.market.kind, size: ctx.market.contractSize };
  // A flip closes the current position first: only what is beyond it adds risk.
  const offset = opposite ? Math.abs(position) : 0;
  const sameSideValue = opposite ? 0 : Math.abs(position) * unitValue(ctx.market, entry);
  const headroom = Math.max(0, ctx.limits.maxLeverage * ctx.equity - ctx.otherExposure - sameSideValue);
  let maxQuantity: number;
  let sizing: SizeResult | null = null;
  const reasons: DenialReason[] = [];
  if (order.stop !== undefined) {
    sizing = sizePosition(
      {
        side,
        equity: ctx.equity,
        entry,
        stop: order.stop,
        risk: ctx.limits.riskPerTrade,
        maxLeverage: ctx.limits.maxLeverage,
        contract: terms,
        ...(ctx.market.lotStep === undefined ? {} : { venue: { lotStep: ctx.market.lotStep } }),
      },
      { constraints: [accountLeverage(headroom)] },
    );
    if (sizing.status === 'refused' && sizing.code === 'STOP_ON_WRONG_SIDE') {
      throw new TradesizeError('INVALID_INPUT', `the stop ${fmt(order.stop)} is not on the losing side of the entry ${fmt(entry)} for a ${order.side}`, ['stop']);
    }
    maxQuantity = sizing.status === 'sized' ? sizing.quantity : 0;
    if (order.quantity !== undefined && order.quantity - offset > maxQuantity * (1 + 1e-12)) {
      reasons.push(...exceeded(sizing, order.quantity - offset));
    }
  } else {
    maxQuantity = floorToLot(headroom / unitValue(ctx.market, entry), ctx.market.lotStep);
    if (order.quantity !== undefined && order.quantity - offset > maxQuantity * (1 + 1e-12)) {
      reasons.push(reason('EXCEEDS_MAX_LEVERAGE', { maxQuantity, maxLeverage: ctx.limits.maxLeverage }, `value after the order would exceed ${fmt(ctx.limits.maxLeverage)}× equity: at most ${fmt(maxQuantity)} more`));
    }
  }
  maxQuantity += offset;
  return { decision: reasons.length === 0 ? 'allow' : 'deny', maxQuantity, reasons, state: ctx.state, sizing };
}

function causeOf(ctx: OrderContext): DenialReason[] {
  return ctx.stateCause === null ? [] : [reason(ctx.stateCause)];
}

/** The leverage left to this order after the account's other positions, as a sizing constraint. */
function accountLeverage(headroom: number): SizingConstraint {
  return linearCap({
    name: 'account-leverage',
    perUnit: (c) => c.unitValue,
    cap: () => headroom,
    explain: (_c, max) => `value ≤ max leverage × equity − the account's other positions = ${fmt(headroom)} → at most ${fmt(max)}`,
  });
}

/** The reasons a quantity breaks the sizing decision: each constraint whose limit it exceeds. */
function exceeded(sizing: SizeResult, quantity: number): DenialReason[] {
  const out: DenialReason[] = [];
  for (const c of sizing.constraints) {
    if (!(quantity > c.maxQuantity * (1 + 1e-12))) continue;
    const code: DenialCode = c.name === 'stop-risk' ? 'EXCEEDS_RISK_BUDGET' : c.name === 'liquidation' ? 'LIQUIDATION_INSIDE_STOP' : 'EXCEEDS_MAX_LEVERAGE';
    if (out.some((r) => r.code === code)) continue;
    out.push(reason(code, { constraint: c.name, maxQuantity: c.maxQuantity }, `${DENIAL_CODES[code]}: ${c.explanation}`));
  }
  if (out.length === 0 && sizing.status === 'refused') out.push(reason('EXCEEDS_RISK_BUDGET', { refusal: sizing.code }, sizing.message));
  return out;
}
