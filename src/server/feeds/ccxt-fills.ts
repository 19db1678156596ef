/**
 * Venue trades → engine fills, and the engine's positions checked against the venue's.
 *
 * A ccxt trade (`fetchMyTrades` / `watchMyTrades`) becomes the body of
 * `POST /v1/accounts/{id}/fills`: `{market, side, quantity: amount (contracts), price, fee, time}`.
 * The fee counts when it is paid in the market's settlement currency (the account's); a rebate
 * (negative cost) or a fee in another coin (BNB) is left out, since the engine takes fees ≥ 0 in
 * the account currency. Each trade is taken once, by its id (venues resend trades on every poll
 * and after a reconnect).
 *
 * Reconciliation: the engine's signed quantity per market (learnt from those fills) against the
 * venue's `fetchPositions` / `watchPositions` (long +, short −; hedge-mode legs summed); a
 * difference beyond rounding is a mismatch (./ccxt.ts reports one seen twice in a row, once per
 * distinct pair of quantities).
 *
 * SOURCE: ccxt 4.5 `types.d.ts` Trade {id, timestamp, symbol, side, amount, price, fee {cost,
 * currency}} and Position {symbol, side, contracts}; ccxt Manual, "Trades" (amount in contracts
 * for derivatives).
 */
import type { FillInput } from '../../engine/schemas.js';

/** The fields of a ccxt trade that make a fill. */
export interface CcxtTrade {
  readonly id?: string | undefined;
  readonly order?: string | undefined;
  readonly timestamp?: number | undefined;
  readonly symbol?: string | undefined;
  readonly side?: string | undefined;
  readonly amount?: number | undefined;
  readonly price?: number | undefined;
  readonly fee?: { readonly cost?: number | undefined; readonly currency?: string | undefined } | undefined;
}

/** The fields of a ccxt position that reconciliation reads. */
export interface CcxtPosition {
  readonly symbol?: string | undefined;
  readonly side?: string | undefined;
  readonly contracts?: number | undefined;
}

const finitePositive = (x: number | undefined): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/**
 * The fill of a trade in `market`, or null when the trade lacks a side, amount or price.
 *
 * @example
 * fillFromTrade({ id: '1', side: 'buy', amount: 0.01, price: 110000, timestamp: 1756166400000, fee: { cost: 0.44, currency: 'USDT' } }, 'BTCUSDT', 'USDT');
 * // => { market: 'BTCUSDT', side: 'buy', quantity: 0.01, price: 110000, fee: 0.44, time: 1756166400000 }
 */
export function fillFromTrade(t: CcxtTrade, market: string, settle: string | undefined): FillInput | null {
  if ((t.side !== 'buy' && t.side !== 'sell') || !finitePositive(t.amount) || !finitePositive(t.price)) return null;
  const cost = t.fee?.cost;
  const fee = settle !== undefined && t.fee?.currency === settle && typeof cost === 'number' && Number.isFinite(cost) && cost > 0 ? cost : 0;
  const time = typeof t.timestamp === 'number' && Number.isInteger(t.timestamp) && t.timestamp >= 0 ? t.timestamp : undefined;
  return { market, side: t.side, quantity: t.amount, price: t.price, fee, ...(time === undefined ? {} : { time }) };
}

/** The trades already taken, by id (at most `capacity`, the oldest forgotten first). */
export class TradeLog {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 100_000) {}

  /** True the first time a trade is seen; false for a repeat. */
  take(t: CcxtTrade): boolean {
    const key = keyOf(t);
    if (this.ids.has(key)) return false;
    this.ids.add(key);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
    return true;
  }

  /** Forgets a taken trade (it was not recorded), so that it is taken when seen again. */
  forget(t: CcxtTrade): void {
    this.ids.delete(keyOf(t));
  }
}

const keyOf = (t: CcxtTrade): string => t.id ?? `${t.order ?? ''}:${t.timestamp ?? ''}:${t.side ?? ''}:${t.amount ?? ''}:${t.price ?? ''}`;

/**
 * The venue's signed quantity per symbol (long +, short −), 0 for each of `symbols` it does not list.
 *
 * @example
 * venueQuantities([{ symbol: 'ETH/USDT:USDT', side: 'short', contracts: 0.5 }], ['BTC/USDT:USDT', 'ETH/USDT:USDT']);
 * // => Map { 'BTC/USDT:USDT' => 0, 'ETH/USDT:USDT' => -0.5 }
 */
export function venueQuantities(positions: readonly CcxtPosition[], symbols: readonly string[]): Map<string, number> {
  const out = new Map<string, number>(symbols.map((s) => [s, 0]));
  for (const p of positions) {
    if (p.symbol === undefined || !out.has(p.symbol) || typeof p.contracts !== 'number' || !Number.isFinite(p.contracts)) continue;
    const signed = p.side === 'short' ? -Math.abs(p.contracts) : Math.abs(p.contracts);
    out.set(p.symbol, (out.get(p.symbol) as number) + signed);
  }
  return out;
}

/**
 * Whether two signed quantities differ beyond the rounding of summed fills (relative 1e-9).
 *
 * @example
 * quantitiesDiffer(0.01 + 0.005 - 0.003, 0.012); // => false
 * quantitiesDiffer(0, -0.5); // => true
 */
export function quantitiesDiffer(engine: number, venue: number): boolean {
  return Math.abs(engine - venue) > 1e-9 * Math.max(Math.abs(engine), Math.abs(venue)) + 1e-12;
}
