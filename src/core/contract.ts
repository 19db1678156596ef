/**
 * Contract arithmetic for linear and inverse derivatives, per unit of {@link Quantity}.
 * Contract size and fees are applied here and only here, exactly once.
 *
 * Linear (USDT-margined): one contract is `c` base units; value = c·P in quote, which is also
 * the settlement currency; PnL of a long = c·(exit − entry).
 * Inverse (coin-margined): one contract is `c` quote units (e.g. 100 USD); value = c/P in coin,
 * the settlement currency; PnL of a long = c·(1/entry − 1/exit) coin.
 *
 * Sources: Binance, "Leverage and Margin of USDⓈ-M Futures" and "COIN-M Futures Contract
 * Specifications"; Bybit, "Inverse Contract: Profit and Loss Calculation"; BitMEX, "Inverse
 * Contracts" guide.
 */
import type { Price, Quantity, QuoteAmount, SettleAmount } from './units.js';

export type ContractKind = 'linear' | 'inverse';
export type Side = 'long' | 'short';

/** Terms of a contract: its kind and contract size (multiplier). */
export interface ContractTerms {
  readonly kind: ContractKind;
  /** Base units per contract (linear) or quote units per contract (inverse). */
  readonly size: number;
}

/**
 * Value of one unit of quantity at price P, in the settlement currency.
 *
 * @example
 * unitValue({ kind: 'linear', size: 1 }, 65000);    // => 65000 (USDT)
 * unitValue({ kind: 'inverse', size: 100 }, 50000); // => 0.002 (BTC)
 */
export function unitValue(terms: ContractTerms, p: Price | number): SettleAmount {
  return (terms.kind === 'linear' ? terms.size * p : terms.size / p) as SettleAmount;
}

/**
 * Notional of a quantity in the quote currency: c·q·P (linear) or c·q (inverse).
 *
 * @example
 * quoteNotional({ kind: 'inverse', size: 100 }, 3 as Quantity, 50000); // => 300 (USD)
 */
export function quoteNotional(terms: ContractTerms, q: Quantity | number, p: Price | number): QuoteAmount {
  return (terms.kind === 'linear' ? terms.size * q * p : terms.size * q) as QuoteAmount;
}

/**
 * Price loss of one unit moving from `entry` to `exit`, in settlement currency (positive = loss).
 *
 * @example
 * unitPriceLoss({ kind: 'linear', size: 1 }, 'long', 65000, 63000);       // => 2000
 * unitPriceLoss({ kind: 'inverse', size: 100 }, 'long', 50000, 40000);    // => 0.0005 (BTC)
 */
export function unitPriceLoss(terms: ContractTerms, side: Side, entry: number, exit: number): SettleAmount {
  const move =
    terms.kind === 'linear' ? terms.size * (entry - exit) : terms.size * (1 / exit - 1 / entry);
  return (side === 'long' ? move : -move) as SettleAmount;
}
