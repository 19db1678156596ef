/**
 * A position learnt from fills: signed quantity in contracts (+ long), average entry price, and
 * the PnL realised by fills that reduce it. Average-cost accounting: adding to a position moves
 * the entry to the quantity-weighted mean of the position's value per contract (arithmetic mean of
 * prices for linear contracts, harmonic mean for inverse ones, whose value is c/P); reducing it
 * realises c·(P − entry) per contract (linear) or c·(1/entry − 1/P) (inverse), signed by side,
 * as `core/contract.ts` defines; a fill through zero closes the position and opens the rest at
 * the fill price.
 *
 * SOURCES: Binance, "How to Calculate Profit and Loss for Futures Contracts" (average entry
 * price, realised PnL); Bybit, "Inverse Contract: Profit and Loss Calculation" (harmonic entry).
 */
import { unitPriceLoss, type ContractTerms } from '../core/contract.js';

export interface PositionState {
  /** Contracts, signed: + long, − short. */
  readonly quantity: number;
  /** Average entry price; 0 when flat. */
  readonly entryPrice: number;
}

export interface FillEffect {
  readonly position: PositionState;
  /** PnL realised by this fill, in the settlement currency (before fees). */
  readonly realised: number;
  /** Contracts of the previous position that this fill closed (≥ 0). */
  readonly closed: number;
}

export const FLAT: PositionState = { quantity: 0, entryPrice: 0 };

/**
 * Applies a fill of `signedQty` contracts (+ buy, − sell) at `price`.
 *
 * @example
 * applyFill({ kind: 'linear', size: 1 }, FLAT, 2, 100);
 * // => { position: { quantity: 2, entryPrice: 100 }, realised: 0, closed: 0 }
 * applyFill({ kind: 'linear', size: 1 }, { quantity: 2, entryPrice: 100 }, -3, 110);
 * // => { position: { quantity: -1, entryPrice: 110 }, realised: 20, closed: 2 }
 */
export function applyFill(terms: ContractTerms, pos: PositionState, signedQty: number, price: number): FillEffect {
  const q = pos.quantity;
  if (q === 0 || Math.sign(q) === Math.sign(signedQty)) {
    const total = q + signedQty;
    const entry =
      q === 0
        ? price
        : terms.kind === 'linear'
          ? (q * pos.entryPrice + signedQty * price) / total
          : total / (q / pos.entryPrice + signedQty / price);
    return { position: { quantity: total, entryPrice: entry }, realised: 0, closed: 0 };
  }
  const closed = Math.min(Math.abs(q), Math.abs(signedQty));
  const realised = -unitPriceLoss(terms, q > 0 ? 'long' : 'short', pos.entryPrice, price) * closed;
  const rest = q + signedQty;
  const position = rest === 0 || Math.abs(rest) < 1e-12 * Math.abs(q) ? FLAT : Math.sign(rest) === Math.sign(q) ? { quantity: rest, entryPrice: pos.entryPrice } : { quantity: rest, entryPrice: price };
  return { position, realised, closed };
}

/**
 * Unrealised PnL of a position marked at `mark`, in the settlement currency.
 *
 * @example
 * unrealised({ kind: 'linear', size: 1 }, { quantity: -1, entryPrice: 110 }, 100); // => 10
 */
export function unrealised(terms: ContractTerms, pos: PositionState, mark: number): number {
  if (pos.quantity === 0) return 0;
  return -unitPriceLoss(terms, pos.quantity > 0 ? 'long' : 'short', pos.entryPrice, mark) * Math.abs(pos.quantity);
}
