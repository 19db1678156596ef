/**
 * Units as types. A quantity of contracts, an amount of quote currency, an amount of the
 * settlement currency and a fraction of equity are all `number` at run time, but mixing them
 * up is the classic sizing bug (contract multiplier ignored, notional used as quantity). These
 * zero-cost brands keep them apart at compile time.
 *
 * - {@link Quantity}: instrument units — contracts of `contractSize` (base units for a linear
 *   contract, quote units for an inverse one); equal to the base quantity when contractSize = 1.
 * - {@link QuoteAmount}: an amount of the quote currency (USDT, USD), e.g. a linear notional.
 * - {@link SettleAmount}: an amount of the settlement (margin) currency: the quote for linear
 *   contracts, the coin for inverse ones. Equity, margin and risk are settlement amounts.
 * - {@link Fraction}: a dimensionless ratio (0.01 = 1 %).
 * - {@link Price}: quote currency per one unit of base.
 */
declare const unit: unique symbol;
type Branded<T, U extends string> = T & { readonly [unit]: U };

export type Quantity = Branded<number, 'Quantity'>;
export type QuoteAmount = Branded<number, 'QuoteAmount'>;
export type SettleAmount = Branded<number, 'SettleAmount'>;
export type Fraction = Branded<number, 'Fraction'>;
export type Price = Branded<number, 'Price'>;
