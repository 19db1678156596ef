/**
 * The bar loop: one pass over Float64Arrays, no allocation inside. Conventions (README,
 * "Backtest conventions"):
 *
 * - Bar i's decision is taken at its close c_i with the data up to c_i: the target quantity is
 *   target_i × E_i / c_i, E_i the equity marked at c_i before that close's fees (or `sizeAt`),
 *   filled at c_i·(1 ± slippage) (+ buying, − selling), a fee of feeRate × traded notional;
 *   the position is then held over bar i + 1. With a rebalance band X the trade happens only
 *   when |target − q| > X·|target|.
 * - Over bar i the position q (marked at P0 = c_{i−1}, balance K: the equity after the trades
 *   at c_{i−1} in cross margin, min(equity, |q|·P0 / isolatedLeverage) in isolated) meets, for
 *   a long (a short mirrors it with the high):
 *     open ≤ LP                 → liquidated at the open;
 *     stop above LP, open ≤ stop → stopped at the open (gap);
 *     stop above LP, low ≤ stop  → stopped at the stop;
 *     low ≤ LP                  → liquidated at LP.
 *   A stop fill pays the fee; a liquidation closes at its price and loses the position's
 *   balance there, MB = K + q·(price − P0), to the venue (at LP that is the maintenance margin):
 *   cross margin ends at 0, isolated keeps the equity outside the margin.
 * - Funding of bar i (`funding/` per-bar rate sums) is paid by the position held over the bar,
 *   valued at c_{i−1} (a long pays a positive rate) — unless a stop or a liquidation closed it
 *   inside the bar (its time there is unknown, so none is charged).
 * - An inverse (coin-margined) contract (`rule.inverse`) runs the same loop in u = 1/P
 *   (`coin-space.ts`): the equity, fees, funding and margins are in the coin, the target is the
 *   coin notional at the close over the equity, fills are c·(1 ± slippage) and stops c·(1 ∓ d)
 *   on the price P, and the trace's position is the signed USD face value (contracts × face value).
 * - The equity is marked at every close; once it is ≤ 0 the account stops trading and its curve
 *   stays at 0 (a negative balance is written off as a liquidation loss).
 *
 * The accounting identity holds on every bar (checked by the tests through `trace`):
 *   equity = initial + realised + unrealised − fees − funding − liquidation losses,
 * with realised PnL against the average entry price and unrealised = q·(c − average entry).
 *
 * Sources: the venue liquidation rule of `margin.ts`; stop and gap fills as in Binance's
 * "Stop-Market Order" (triggered at the stop, filled at market: at the open when it gaps).
 *
 * @example
 * // 10× long through a bar whose low is 10 % under the previous close: liquidated, ends at 0
 * simulateBars({ open: [100, 100], high: [100, 100], low: [100, 90], close: [100, 95], target: [10, 10] }, params).finalEquity; // => 0
 */
import { coinSpace } from './coin-space.js';
import { crossEligible, simulateCross } from './kernel-cross.js';
import type { KernelInput, KernelParams, KernelResult, KernelTrace } from './kernel-types.js';
import { liquidationPrice } from './margin.js';

export type { KernelInput, KernelParams, KernelResult, KernelTrace } from './kernel-types.js';

/** Allocates a trace for n bars. */
export function newTrace(n: number): KernelTrace {
  const a = (): Float64Array => new Float64Array(n);
  return { position: a(), realised: a(), unrealised: a(), fees: a(), funding: a(), liquidationLoss: a(), events: new Uint8Array(n), liquidationPrice: new Float64Array(n).fill(Number.NaN) };
}

/**
 * Runs the bar loop (module doc), writing the equity after each close's trades into `curve`
 * (length = bars) and, when given, the cumulative records into `trace`. A cross-margin run with
 * a flat rate, no stop, no sizer and no trace on Float64Arrays takes the loop specialised for it
 * (`kernel-cross.ts`, the same conventions), chosen once here; an inverse contract takes this
 * loop on its prices in u = 1/P (`coin-space.ts`).
 */
export function simulateBars(given: KernelInput, p: KernelParams, curve: Float64Array, trace: KernelTrace | null = null): KernelResult {
  if (crossEligible(given, p, trace)) return simulateCross(given, p, curve);
  const { feeRate, slippage, band, isolated, isolatedLeverage, rule } = p;
  const inverse = rule.inverse;
  const input = inverse ? coinSpace(given) : given;
  const { open, high, low, close, target } = input;
  const stop = input.stop ?? null;
  const funding = input.funding ?? null;
  const sizeAt = input.sizeAt ?? null;
  const n = close.length;
  // fill = c × these (buying, selling in the loop's price); in u = 1/P a buy is a sale of the contract
  const buyFill = inverse ? 1 / (1 - slippage) : 1 + slippage;
  const sellFill = inverse ? 1 / (1 + slippage) : 1 - slippage;
  const side = inverse ? -1 : 1;
  let cash = p.initial;
  let q = 0;
  let entry = 0;
  let realised = 0;
  let fees = 0;
  let paid = 0;
  let traded = 0;
  let liqLoss = 0;
  let liquidations = 0;
  let stopOuts = 0;
  let ruinedAt = -1;
  let k = 0;
  let stopPx = Number.NaN;
  // A flat maintenance rate is solved inline (the common case); tiers go through margin.ts.
  const flat = rule.valuation === 0 && rule.tiers.length === 3;
  const flatRate = (rule.tiers[1] as number) + rule.extraRate;
  const flatAmount = rule.tiers[2] as number;
  // The average entry and realised PnL are kept for the trace and for entry-valued margin only.
  const track = trace !== null || rule.valuation === 1;
  for (let i = 0; i < n; i++) {
    const c = close[i] as number;
    if (q !== 0) {
      const p0 = close[i - 1] as number;
      let lp: number;
      if (flat) {
        lp = (k - q * p0 + flatAmount) / ((q < 0 ? -q : q) * flatRate - q);
        if (!(lp > 0 && lp < Infinity)) lp = Number.NaN;
      } else lp = liquidationPrice(rule, q, p0, k, entry);
      if (trace !== null) trace.liquidationPrice[i] = lp;
      const hit = q > 0 ? exitLong(open[i] as number, low[i] as number, lp, stopPx) : exitShort(open[i] as number, high[i] as number, lp, stopPx);
      const liquidated = hit < 0;
      const x = liquidated ? -hit : hit;
      if (x === x) {
        const aq = q < 0 ? -q : q;
        cash += q * x;
        realised += q * (x - entry);
        traded += aq * x;
        if (trace !== null) trace.events[i] = liquidated ? 2 : 1;
        if (liquidated) {
          const loss = isolated ? k + q * (x - p0) : cash;
          cash -= loss;
          liqLoss += loss;
          liquidations++;
        } else {
          const fee = feeRate * aq * x;
          cash -= fee;
          fees += fee;
          stopOuts++;
        }
        q = 0;
        entry = 0;
      } else if (funding !== null) {
        const pay = (funding[i] as number) * q * p0;
        cash -= pay;
        paid += pay;
      }
    }
    let e = cash + q * c;
    if (!(e > 0)) {
      // the account is closed at this close; what is left (≤ 0) is written off
      realised += q * (c - entry);
      liqLoss += cash + q * c;
      ruinedAt = i;
      for (let j = i; j < n; j++) curve[j] = 0;
      if (trace !== null) for (let j = i; j < n; j++) record(trace, j, 0, realised, 0, fees, paid, liqLoss);
      break;
    }
    const qt = sizeAt === null ? ((target[i] as number) * e) / c : sizeAt(i, e, c);
    const dq = qt - q;
    const adq = dq < 0 ? -dq : dq;
    if (adq > 0 && adq > band * (qt < 0 ? -qt : qt)) {
      const fill = dq > 0 ? c * buyFill : c * sellFill;
      const fee = feeRate * adq * fill;
      if (track) {
        if (q === 0 || (q > 0) === (dq > 0)) entry = (q * entry + dq * fill) / (q + dq);
        else {
          const aq = q < 0 ? -q : q;
          realised += (q > 0 ? 1 : -1) * (adq < aq ? adq : aq) * (fill - entry);
          if (adq > aq) entry = fill;
          else if (adq === aq) entry = 0;
        }
      }
      cash -= dq * fill + fee;
      q += dq;
      fees += fee;
      traded += adq * fill;
    }
    e = cash + q * c;
    curve[i] = e;
    if (isolated) {
      const margin = ((q < 0 ? -q : q) * c) / isolatedLeverage;
      k = margin < e ? margin : e;
    } else k = e;
    const d = stop === null ? 0 : (stop[i] as number);
    stopPx = q !== 0 && d > 0 ? stopPrice(q > 0, c, d, inverse) : Number.NaN;
    if (trace !== null) record(trace, i, side * q, realised, q * (c - entry), fees, paid, liqLoss);
  }
  return { finalEquity: curve[n - 1] as number, fees, funding: paid, traded, liquidations, stopOuts, liquidationLoss: liqLoss, ruinedAt };
}

/** The stop of a position long (in the loop's price) at c, d away on the price P (inverse: c = 1/P). */
function stopPrice(long: boolean, c: number, d: number, inverse: boolean): number {
  if (!inverse) return long ? c * (1 - d) : c * (1 + d);
  // long in u is short in P: the stop at P·(1 + d) is at u/(1 + d)
  return long ? c / (1 + d) : c / (1 - d);
}

/** A long's exit inside the bar: the stop's fill price (> 0), minus the liquidation price (< 0), or NaN. */
function exitLong(o: number, l: number, lp: number, stopPx: number): number {
  const useStop = !(stopPx <= lp);
  if (o <= lp) return -o;
  if (useStop && o <= stopPx) return o;
  if (useStop && l <= stopPx) return stopPx;
  return l <= lp ? -lp : Number.NaN;
}

/** A short's exit inside the bar (as {@link exitLong}, with the high). */
function exitShort(o: number, h: number, lp: number, stopPx: number): number {
  const useStop = !(stopPx >= lp);
  if (o >= lp) return -o;
  if (useStop && o >= stopPx) return o;
  if (useStop && h >= stopPx) return stopPx;
  return h >= lp ? -lp : Number.NaN;
}

function record(t: KernelTrace, i: number, q: number, realised: number, unrealised: number, fees: number, funding: number, liq: number): void {
  t.position[i] = q;
  t.realised[i] = realised;
  t.unrealised[i] = unrealised;
  t.fees[i] = fees;
  t.funding[i] = funding;
  t.liquidationLoss[i] = liq;
}
