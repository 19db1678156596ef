/**
 * The bar loop of `kernel.ts` specialised, once before the loop, for its common case: cross
 * margin on a linear contract, a flat maintenance rate (a generic venue, dYdX) (mark valuation: MM = |q|·P·r − A), no stops, no sizer, no
 * trace, Float64Array inputs. The conventions are those of `kernel.ts` (module doc there); the
 * state is the equity K after the trades at the last close P0 = c_{i−1} and the position q:
 *
 *   LP  = (K − q·P0 + A) / (|q|·r − q)        (margin.ts; NaN unless 0 < LP < ∞)
 *   long: open ≤ LP → liquidated at the open, else low ≤ LP → at LP (a short with the high);
 *         the loss to the venue is the balance there, K + q·(x − P0), and cross margin ends at 0;
 *   E   = K + q·(c − P0 − f·P0)               (the mark at c less the funding f·q·P0 of the bar)
 *   q*  = E · (target / c),  Δ = q* − q        (traded when |Δ| > 0 and |Δ| > band·|q*|)
 *   fill = c·(1 ± s) (+ buying), so |Δ|·fill = c·(|Δ| + s·Δ) and the equity after the fill and
 *   its fee φ·|Δ|·fill is E − Δ·(fill − c) − φ·|Δ|·fill = E − (|Δ|·c·(s + φ) + Δ·c·s·φ).
 *
 * Written on the equity rather than the cash, the chain of dependent operations from one bar to
 * the next is a handful of multiplies and adds, with no division (target / c does not depend on
 * the equity) and no branch on the side of the trade (|Δ| and Δ instead of the fill price); the
 * values agree with the general loop to rounding (test/backtest/kernel-cross.test.ts). For V8:
 * the parameters reach the loop in a Float64Array, so its variables are unboxed doubles; the
 * ruined tail is zeroed after the loop, which keeps it innermost; the loop function is called
 * on blocks of bars (simulateCross).
 *
 * Sources: `kernel.ts` (the conventions and the general loop), `margin.ts` (the liquidation price).
 *
 * @example
 * crossEligible(input, params, null) && simulateCross(input, params, curve).finalEquity; // as simulateBars
 */
import type { KernelInput, KernelParams, KernelResult, KernelTrace } from './kernel-types.js';

/** Bars per call of the loop function (simulateCross). */
const BLOCK = 4096;

/** Whether simulateBars takes this loop (module doc). */
export function crossEligible(input: KernelInput, p: KernelParams, trace: KernelTrace | null): boolean {
  const { rule } = p;
  const typed = (a: ArrayLike<number> | null | undefined): boolean => a instanceof Float64Array;
  return (
    trace === null &&
    !p.isolated &&
    !rule.inverse &&
    rule.valuation === 0 &&
    rule.tiers.length === 3 &&
    (input.sizeAt ?? null) === null &&
    (input.stop ?? null) === null &&
    typed(input.open) &&
    typed(input.high) &&
    typed(input.low) &&
    typed(input.close) &&
    typed(input.target) &&
    (input.funding === undefined || input.funding === null || typed(input.funding))
  );
}

/** simulateBars for an eligible run (crossEligible). */
export function simulateCross(input: KernelInput, p: KernelParams, curve: Float64Array): KernelResult {
  const f64 = (a: ArrayLike<number>): Float64Array => a as Float64Array;
  const n = input.close.length;
  const funding = input.funding === undefined || input.funding === null ? new Float64Array(0) : f64(input.funding);
  const rate = (p.rule.tiers[1] as number) + p.rule.extraRate;
  const amount = p.rule.tiers[2] as number;
  const s = Float64Array.of(p.initial, 0, 0, 0, 0, 0, 0, 0, p.feeRate, p.slippage, p.band, rate, amount);
  const run = (from: number, to: number): number => crossLoop(f64(input.open), f64(input.high), f64(input.low), f64(input.close), f64(input.target), funding, curve, s, from, to);
  // In blocks of bars that double from 1 to BLOCK: V8 then optimises the loop function as a whole
  // after calls that ran its code before and after the loop (with their type feedback), rather
  // than only on the stack of one long call (on-stack replacement), whose code lacks that
  // feedback and is left at every call's end.
  let ruinedAt = -1;
  for (let from = 0, size = 1; from < n && ruinedAt < 0; from += size, size = Math.min(2 * size, BLOCK)) ruinedAt = run(from, Math.min(n, from + size));
  if (ruinedAt >= 0) curve.fill(0, ruinedAt, n);
  return { finalEquity: curve[n - 1] as number, fees: s[3] as number, funding: s[4] as number, traded: s[5] as number, liquidations: s[7] as number, stopOuts: 0, liquidationLoss: s[6] as number, ruinedAt };
}

/**
 * The loop over bars [from, to). s = [K, q, P0, fees, funding, traded, liquidation loss,
 * liquidations, fee rate, slippage, band, r, A]: the first six are read and written back, the
 * next two are written at a ruin (the run ends there), the last five are the parameters.
 * Writes the curve before a ruin; returns the bar of the ruin or −1.
 */
function crossLoop(
  open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, target: Float64Array, funding: Float64Array, curve: Float64Array,
  s: Float64Array, from: number, to: number,
): number {
  // read from a Float64Array, the parameters are doubles to V8 (not tagged values)
  const phi = s[8] as number;
  const slip = s[9] as number;
  const bnd = s[10] as number;
  const r = s[11] as number;
  const a = s[12] as number;
  const end = to | 0;
  const sf = slip * phi;
  const sp = slip + phi;
  const paidFunding = funding.length > 0;
  let k = s[0] as number;
  let q = s[1] as number;
  let p0 = s[2] as number;
  let fees = s[3] as number;
  let paid = s[4] as number;
  let traded = s[5] as number;
  let ruinedAt = -1;
  for (let i = from | 0; i < end; i++) {
    const c = close[i] as number;
    let e = k;
    if (q !== 0) {
      const aq = Math.abs(q);
      const lp = (k - q * p0 + a) / (aq * r - q);
      let x = lp;
      let hit = false;
      if (lp > 0 && lp < Infinity) {
        const o = open[i] as number;
        if (q > 0 ? o <= lp : o >= lp) {
          x = o;
          hit = true;
        } else if (q > 0) hit = (low[i] as number) <= lp;
        else hit = (high[i] as number) >= lp;
      }
      if (hit) {
        // liquidated: the balance at x goes to the venue, the account ends at 0
        traded += aq * x;
        s[6] = k + q * (x - p0);
        s[7] = 1;
        ruinedAt = i;
        break;
      }
      const f = paidFunding ? (funding[i] as number) : 0;
      paid += f * q * p0;
      e = k + q * (c - p0 - f * p0);
    }
    if (!(e > 0)) {
      s[6] = e;
      ruinedAt = i;
      break;
    }
    const qt = e * ((target[i] as number) / c);
    const dq = qt - q;
    const adq = Math.abs(dq);
    if (adq > 0 && adq > bnd * Math.abs(qt)) {
      const notional = c * (adq + slip * dq);
      fees += phi * notional;
      traded += notional;
      e -= adq * (c * sp) + dq * (c * sf);
      q += dq;
    }
    curve[i] = e;
    k = e;
    p0 = c;
  }
  s[0] = k;
  s[1] = q;
  s[2] = p0;
  s[3] = fees;
  s[4] = paid;
  s[5] = traded;
  return ruinedAt;
}
