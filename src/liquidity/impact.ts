/**
 * Square-root market impact and the expected slippage of an order larger than the book shows.
 *
 *   impact(Q) = Y · σ · √(Q / V)     (fraction of the price)
 *
 * with σ the daily volatility (fraction), V the daily traded volume (in the book's quantity units)
 * and Y a dimensionless constant of order one: R. Almgren, C. Thum, E. Hauptmann and H. Li,
 * "Direct Estimation of Equity Market Impact", Risk 18(7), 2005 (exponent ≈ 1/2 for the
 * permanent + temporary cost); B. Tóth, Y. Lempérière, C. Deremble, J. de Lataillade, J. Kockelkoren
 * and J.-P. Bouchaud, "Anomalous Price Impact and the Critical Nature of Liquidity in Financial
 * Markets", Phys. Rev. X 1, 021006 (2011), eq. (1): Δ = Y σ √(Q/V).
 *
 * {@link expectedSlippage}: the L2 walk for what the book shows (./walk.ts) and the square-root law
 * beyond it. With depth D < Q, the D shown fill as walked and the rest R = Q − D at the worst
 * price shown moved on by the impact between D and Q:
 *
 *   price of the rest = worst · (1 + s·(impact(Q) − impact(D)))
 *
 * continuous in Q at D and increasing, so the expected slippage never falls as Q grows. Without an
 * impact model the rest stays unfilled and is reported (`unfilledQuantity`).
 *
 * @example
 * sqrtImpact({ y: 0.5, sigma: 0.04, dailyVolume: 1e6 }, 1e4); // => 0.002 (20 bps)
 */
import { TradesizeError } from '../core/errors.js';
import { bookMid, sideDepth, takenSide, type OrderBook, type OrderSide } from './book.js';
import { walkBook, type Walk } from './walk.js';

/** The square-root law's inputs: Y, daily σ (fraction) and daily volume V (book units). */
export interface ImpactModel {
  readonly y: number;
  readonly sigma: number;
  readonly dailyVolume: number;
}

/**
 * Y fitted on the real books of ../shared/data/orderbook (Binance BTCUSDT book25 and Bybit
 * XRPUSDT ob500 with its deltas; σ and V from the 30 daily bars before each book) by
 * `fitImpact` (./calibrate.ts), reproduced by scripts/fixtures/liquidity_impact.py into
 * test/fixtures/liquidity/impact.json, which the tests hold this constant to: Y with its
 * cluster-robust standard error and the out-of-sample error on the held-out half of the books.
 * It is the books' own concavity (no trades in the data), a default to override with a venue's own:
 * fitted per venue, Y is 0.171 ± 0.005 on the Binance BTCUSDT top-25 books (out-of-sample RMSE
 * 0.28 bps) and 1.156 ± 0.005 on the Bybit XRPUSDT 500-level books (11.3 bps), so the pooled
 * value is mostly Bybit's and its standard error does not cover the spread between venues.
 */
export const BOOK_IMPACT_Y = { y: 1.155, standardError: 0.0052, outOfSampleRmseBps: 10.4 } as const;

/** Y·σ·√(Q/V) as a fraction of the price. */
export function sqrtImpact(m: ImpactModel, quantity: number): number {
  return m.y * m.sigma * Math.sqrt(quantity / m.dailyVolume);
}

/** A walk extended beyond the book by the square-root law. */
export interface ExpectedSlippage extends Walk {
  /** Quantity priced by the square-root law beyond the depth shown (0 within the book). */
  readonly beyondBookQuantity: number;
}

function checkModel(m: ImpactModel): void {
  const ok = (x: number) => Number.isFinite(x) && x > 0;
  if (!ok(m.y) || !ok(m.sigma) || !ok(m.dailyVolume)) {
    throw new TradesizeError('INVALID_INPUT', 'impact model: y, sigma and dailyVolume must be finite positive numbers', ['impact']);
  }
}

/**
 * The expected fill of a market order of `quantity`: the walk, plus the square-root law beyond
 * the depth when `impact` is given.
 *
 * @throws TradesizeError INVALID_INPUT for a bad quantity or impact model.
 */
export function expectedSlippage(book: OrderBook, side: OrderSide, quantity: number, impact?: ImpactModel): ExpectedSlippage {
  const walk = walkBook(book, side, quantity);
  if (impact === undefined || walk.unfilledQuantity === 0) return { ...walk, beyondBookQuantity: 0 };
  checkModel(impact);
  const depth = sideDepth(takenSide(book, side));
  const sign = side === 'buy' ? 1 : -1;
  const rest = quantity - walk.filledQuantity;
  const restPrice = walk.worstPrice * (1 + sign * (sqrtImpact(impact, quantity) - sqrtImpact(impact, depth)));
  const notional = walk.notional + rest * restPrice;
  const mid = bookMid(book);
  const averagePrice = notional / quantity;
  return {
    ...walk,
    averagePrice,
    worstPrice: restPrice,
    slippageBps: (sign * (averagePrice - mid) * 1e4) / mid,
    filledQuantity: quantity,
    unfilledQuantity: 0,
    notional,
    beyondBookQuantity: rest,
  };
}
