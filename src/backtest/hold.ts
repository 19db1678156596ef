/**
 * One position held over a window of bars through the backtester's bar loop (./kernel.ts): the
 * position of `quantity` (signed base units) is filled at the close of bar `from` and closed at
 * the close of bar `to`, on an account that holds only its margin M. The kernel's cross-margin
 * rule on an account of M is the isolated rule with margin M: the balance the liquidation price
 * solves for is MB(P) = M + q·(P − P0) + the PnL since the fill − the funding paid, exactly what a
 * venue holds as an isolated position's margin balance (venues.md §2.3), and a liquidation takes
 * that balance and nothing else. The account starts with M plus the entry fee so the margin after
 * the fill is M.
 *
 * Everything else is the bar loop's: the taker fee on both fills at the closes, funding per bar
 * (./funding.ts: a settlement at τ charged on the position held at τ, valued at the last close at
 * or before τ; a long pays a positive rate), and the intrabar liquidation of the venue or flat
 * rule (./margin.ts: at the open when it gaps through the liquidation price, else at that price
 * when the bar's low (long) or high (short) reaches it). After a liquidation the account is empty
 * and holds nothing more.
 *
 * The liquidation distance over bar i is (low_i − LP_i)/low_i for a long and (LP_i − high_i)/high_i
 * for a short, LP_i the liquidation price the position met in bar i (1 when there is none); it is
 * ≤ 0 exactly in the bars where the loop liquidates.
 *
 * @example
 * // 1 BTC long at 100 on 10 of margin (flat 0.5 %), a bar down to 89: LP = (10 − 100)/(0.005 − 1) = 90.45 → liquidated
 * holdPosition({ open: [100, 100], high: [100, 100], low: [100, 89], close: [100, 95] }, null, { from: 0, to: 1, quantity: 1, margin: 10, feeRate: 0, rule: flatRule(0.005) }).liquidated; // => true
 */
import { TradesizeError } from '../core/errors.js';
import { newTrace, simulateBars } from './kernel.js';
import type { LiquidationRule } from './margin.js';
import type { OhlcBars } from '../market/ohlc-csv.js';

/** The bars a hold runs on (one value per bar). */
export type HoldBars = OhlcBars;

/** The position held and its account. */
export interface HoldSpec {
  /** The bar at whose close the position is filled. */
  readonly from: number;
  /** The bar at whose close it is closed (> from). */
  readonly to: number;
  /** Signed quantity in base units (> 0 long, < 0 short). */
  readonly quantity: number;
  /** The isolated margin M after the entry fill. */
  readonly margin: number;
  /** Taker fee rate of both fills. */
  readonly feeRate: number;
  readonly rule: LiquidationRule;
}

/** What the hold did. */
export interface HoldResult {
  /** Funding paid by the position (negative: received). */
  readonly funding: number;
  /** Fees of the fills (entry, and exit unless liquidated). */
  readonly fees: number;
  readonly liquidated: boolean;
  /** The bar (absolute index) in which it was liquidated, or −1. */
  readonly liquidatedAt: number;
  /** The smallest liquidation distance over the bars held (module doc). */
  readonly worstLiquidationDistance: number;
  /** The account's change: price PnL − fees − funding − what a liquidation took. */
  readonly pnl: number;
}

/**
 * Holds one position over bars `from`…`to` (module doc); `funding` is the per-bar rate sums of
 * ./funding.ts on the same bars, or null.
 *
 * @throws TradesizeError INVALID_INPUT for a window outside the bars, a zero quantity or a margin ≤ 0.
 */
export function holdPosition(bars: HoldBars, funding: ArrayLike<number> | null, h: HoldSpec): HoldResult {
  const n = bars.close.length;
  if (!(Number.isInteger(h.from) && Number.isInteger(h.to) && h.from >= 0 && h.to > h.from && h.to < n)) {
    throw new TradesizeError('INVALID_INPUT', `holdPosition: the window [${h.from}, ${h.to}] must lie within the ${n} bars, from < to`, ['from']);
  }
  if (!(h.quantity !== 0 && Number.isFinite(h.quantity))) throw new TradesizeError('INVALID_INPUT', 'holdPosition: quantity must be a finite non-zero number', ['quantity']);
  if (!(h.margin > 0 && Number.isFinite(h.margin))) throw new TradesizeError('INVALID_INPUT', 'holdPosition: margin must be a finite number > 0', ['margin']);
  const { from, to, quantity } = h;
  const cut = <T extends ArrayLike<number>>(a: T): number[] => Array.from({ length: to - from + 1 }, (_, i) => a[from + i] as number);
  const open = cut(bars.open);
  const high = cut(bars.high);
  const low = cut(bars.low);
  const close = cut(bars.close);
  const m = close.length;
  const initial = h.margin + h.feeRate * Math.abs(quantity) * (close[0] as number);
  const trace = newTrace(m);
  const curve = new Float64Array(m);
  const k = simulateBars(
    { open, high, low, close, target: new Float64Array(m), funding: funding === null ? null : cut(funding), sizeAt: (i) => (i < m - 1 ? quantity : 0) },
    { initial, feeRate: h.feeRate, slippage: 0, band: 0, isolated: false, isolatedLeverage: 1, rule: h.rule },
    curve,
    trace,
  );
  let worst = 1;
  let liquidatedAt = -1;
  for (let i = 1; i < m; i++) {
    if (trace.position[i - 1] === 0) break;
    const lp = trace.liquidationPrice[i] as number;
    if (lp === lp) worst = Math.min(worst, quantity > 0 ? ((low[i] as number) - lp) / (low[i] as number) : (lp - (high[i] as number)) / (high[i] as number));
    if (trace.events[i] === 2) liquidatedAt = from + i;
  }
  return { funding: k.funding, fees: k.fees, liquidated: k.liquidations > 0, liquidatedAt, worstLiquidationDistance: worst, pnl: k.finalEquity - initial };
}
