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
 * {@link expectedSlippage}, the composite cost model: the L2 walk for what the book shows (./walk.ts)
 * and the square-root law beyond it. The book is a supply curve: the x-th unit of a buy costs the
 * price of the level it reaches (the walk's marginal price). Beyond the depth D the curve goes on
 * from the worst level shown, w, moved by the impact the extra quantity adds:
 *
 *   p(x) = w · (1 + s·(I(x) − I(D))),   x > D,   I(x) = Y·σ·√(x/V),   s = +1 buy, −1 sell,
 *
 * continuous at D (p(D) = w) and monotone, as the walk's prices are. I(x) is read as Tóth et al.
 * read it, the price displacement once x has been executed (their "latent order book", whose
 * liquidity vanishes linearly near the price, gives Δ ∝ √Q), so it is the marginal price, and the
 * expected cost of the rest R = Q − D is the integral of p over (D, Q]:
 *
 *   N_rest = ∫_D^Q p(x) dx = w·[R + s·k·(⅔(Q^{3/2} − D^{3/2}) − √D·R)],   k = Y·σ/√V,
 *
 * so the average price of Q is (N_book + N_rest)/Q and the worst (marginal) price p(Q). The
 * average never falls for a buy (never rises for a sell) as Q grows: each added unit costs p(Q),
 * at least the average so far. A sell's curve reaches 0 at I(x) − I(D) = 1, where the law is out of
 * its range: {@link expectedSlippage} refuses sells that far. Without an impact model the rest stays
 * unfilled and is reported (`unfilledQuantity`): never a silent partial fill.
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

/**
 * A walk extended beyond the book by the square-root law. With an impact model and an order
 * larger than the depth, `averagePrice`, `worstPrice` (the marginal price p(Q)), `slippageBps` and
 * `notional` are those of the whole order; `filledQuantity` and `unfilledQuantity` stay what the
 * book fills and what it cannot, and `beyondBookQuantity` (= `unfilledQuantity`) is the part the
 * law priced. Without a model, or within the book, it is the walk and `beyondBookQuantity` is 0.
 */
export interface ExpectedSlippage extends Walk {
  /** Quantity priced by the square-root law beyond the depth shown (0 within the book or without a model). */
  readonly beyondBookQuantity: number;
}

function checkModel(m: ImpactModel): void {
  const ok = (x: number) => Number.isFinite(x) && x > 0;
  if (!ok(m.y) || !ok(m.sigma) || !ok(m.dailyVolume)) {
    throw new TradesizeError('INVALID_INPUT', 'impact model: y, sigma and dailyVolume must be finite positive numbers', ['impact']);
  }
}

/**
 * The largest quantity a sell's continued curve can price: where I(x) − I(D) reaches 1 and p(x) = 0
 * (√x = √D + 1/k); +Infinity for a buy.
 */
export function impactRange(m: ImpactModel, side: OrderSide, depth: number): number {
  if (side === 'buy') return Infinity;
  const root = Math.sqrt(depth) + Math.sqrt(m.dailyVolume) / (m.y * m.sigma);
  return root * root;
}

/**
 * N_rest = ∫_D^Q w·(1 + s·(I(x) − I(D))) dx, the cost of the part beyond the depth (module doc).
 * Written as w·R + s·w·k·R·(⅔(Q + √(QD) + D)/(√Q + √D) − √D), which is the same expression
 * (Q^{3/2} − D^{3/2} = R·(Q + √(QD) + D)/(√Q + √D)) without cancelling two large powers.
 */
export function beyondBookNotional(m: ImpactModel, side: OrderSide, worst: number, depth: number, quantity: number): number {
  const rest = quantity - depth;
  if (!(rest > 0)) return 0;
  const k = (m.y * m.sigma) / Math.sqrt(m.dailyVolume);
  const rq = Math.sqrt(quantity);
  const rd = Math.sqrt(depth);
  const excess = ((2 / 3) * (quantity + rq * rd + depth)) / (rq + rd) - rd;
  return worst * rest * (1 + (side === 'buy' ? 1 : -1) * k * excess);
}

/**
 * The expected fill of a market order of `quantity`: the walk, plus the square-root law beyond
 * the depth when `impact` is given (the composite model of the module doc).
 *
 * @throws TradesizeError INVALID_INPUT for a bad quantity or impact model, or a sell beyond the
 *   law's range ({@link impactRange}).
 * @example
 * // asks 101×1, 102×2, 104×4 (depth 7, notional 721), mid 100.5; Y = 1, σ = 0.04, V = 10,000; buy 10:
 * // k = 0.0004, rest 3 cost 104·[3 + 0.0004·(⅔(10^1.5 − 7^1.5) − √7·3)] = 312.03319…
 * expectedSlippage(book, 'buy', 10, { y: 1, sigma: 0.04, dailyVolume: 1e4 }).averagePrice; // => 103.303319…
 */
export function expectedSlippage(book: OrderBook, side: OrderSide, quantity: number, impact?: ImpactModel): ExpectedSlippage {
  const walk = walkBook(book, side, quantity);
  if (impact === undefined || walk.unfilledQuantity === 0) return { ...walk, beyondBookQuantity: 0 };
  checkModel(impact);
  const depth = sideDepth(takenSide(book, side));
  if (!(quantity < impactRange(impact, side, depth))) {
    throw new TradesizeError('INVALID_INPUT', `a sell of ${quantity} is beyond the square-root law's range for this book (its price would reach 0 at ${impactRange(impact, side, depth)})`, ['quantity']);
  }
  const sign = side === 'buy' ? 1 : -1;
  const notional = walk.notional + beyondBookNotional(impact, side, walk.worstPrice, depth, quantity);
  const mid = bookMid(book);
  const averagePrice = notional / quantity;
  return {
    ...walk,
    averagePrice,
    worstPrice: walk.worstPrice * (1 + sign * (sqrtImpact(impact, quantity) - sqrtImpact(impact, depth))),
    slippageBps: (sign * (averagePrice - mid) * 1e4) / mid,
    notional,
    beyondBookQuantity: walk.unfilledQuantity,
  };
}
