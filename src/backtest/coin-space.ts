/**
 * An inverse (coin-margined) contract as the bar loop sees it: every price as u = 1/P, so that
 * the coin PnL is linear in u and the linear loop of `kernel.ts` applies unchanged.
 *
 * A position of signed USD face value Q (contracts × face value; + long) has coin PnL from
 * entry E to exit X of Q·(1/E − 1/X) = q·(u_X − u_E) with q = −Q: in u it is a linear position
 * of q units, short when long. Hence, with the equity e in the coin:
 *
 *   prices      open' = 1/open, close' = 1/close, high' = 1/low, low' = 1/high;
 *   target      q = target'·e/u with target' = −target: the coin notional |Q|/P = |target|·e;
 *   funding     the loop pays rate'·q·u0 = rate·Q/P0 with rate' = −rate (the coin notional at the
 *               last close; a long pays a positive rate);
 *   sizer       q = −sizeAt(i, e·P, P)·P: the sizer's base units at equity e·P (its quote value)
 *               are the coin notional, Q = base units × P;
 *   fees        feeRate × |q|·u_fill = feeRate × |Q|/P_fill: the traded notional in coin;
 *   fills, stops the loop takes them from the price, so the slippage and stop multipliers are
 *               applied to P and inverted (`kernel.ts`): buying Q fills at P·(1 + slippage).
 *
 * The average entry in u is the Q-weighted mean of 1/P_fill: the reciprocal of the harmonic
 * average entry price that inverse venues report (Bybit "position value = contracts / entry").
 *
 * Sources: `core/contract.ts` (inverse PnL c·(1/entry − 1/exit), Binance "COIN-M Futures
 * Contract Specifications", BitMEX "Inverse Contracts"); `venues/tiered-liquidation.ts`
 * ("in the coordinate u = 1/P both are linear in u").
 *
 * @example
 * coinSpace({ open: [100], high: [110], low: [80], close: [100], target: [2] }).low[0]; // => 1/110
 */
import type { KernelInput } from './kernel-types.js';

const inv = (a: ArrayLike<number>): Float64Array => Float64Array.from(a, (x) => 1 / x);

/** The input in u = 1/P (module doc). */
export function coinSpace(input: KernelInput): KernelInput {
  const sizeAt = input.sizeAt ?? null;
  const funding = input.funding ?? null;
  return {
    open: inv(input.open),
    high: inv(input.low),
    low: inv(input.high),
    close: inv(input.close),
    target: Float64Array.from(input.target, (t) => -t),
    stop: input.stop ?? null,
    funding: funding === null ? null : Float64Array.from(funding, (f) => -f),
    sizeAt: sizeAt === null ? null : (i, e, u) => (-sizeAt(i, e / u, 1 / u)) / u,
  };
}
