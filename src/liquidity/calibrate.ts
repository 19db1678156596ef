/**
 * Calibrating the square-root law's Y (./impact.ts) on real books: for each book and side, the
 * walked slippage y of orders Q = D·j/20 (j = 1…19, D the side's depth, so every order fills
 * within the book) against x = σ·√(Q/V); Y is the least-squares slope through the origin,
 *
 *   Ŷ = Σ xᵢyᵢ / Σ xᵢ²,
 *
 * with a cluster-robust standard error, one cluster per book side (the 19 orders of one book are
 * not independent): Var Ŷ = Σ_c (Σ_{i∈c} xᵢ eᵢ)² / (Σ xᵢ²)², eᵢ = yᵢ − Ŷxᵢ (Liang & Zeger 1986;
 * Cameron & Miller, "A Practitioner's Guide to Cluster-Robust Inference", J. Human Resources 50(2),
 * 2015, eq. (11)). Books taken a fraction of a second apart are still correlated, so the standard
 * error is a lower bound on the uncertainty. The out-of-sample error is the root mean square (and
 * mean absolute) error in bps of Ŷ·x against the walked slippage on the books held out.
 *
 * This Y is the static book's own concavity (what an order walks through now), not the
 * metaorder impact of Tóth et al. measured from trades: ../shared/data has books but no trades.
 *
 * @example
 * fitImpact([{ group: 'bybit', holdOut: false, book, sigma: 0.05, dailyVolume: 8e8 }]).y;
 */
import { TradesizeError } from '../core/errors.js';
import { sideDepth, takenSide, type OrderBook, type OrderSide } from './book.js';
import { walkBook } from './walk.js';

/** One book in the calibration: its venue group, whether it is held out, σ (daily) and V (book units). */
export interface CalibrationBook {
  readonly group: string;
  readonly holdOut: boolean;
  readonly book: OrderBook;
  readonly sigma: number;
  readonly dailyVolume: number;
}

/** The fitted Y with its standard error and out-of-sample error. */
export interface ImpactFit {
  readonly y: number;
  readonly standardError: number;
  readonly observations: number;
  readonly clusters: number;
  readonly outOfSample: { readonly rmseBps: number; readonly meanAbsErrorBps: number; readonly observations: number };
}

/**
 * σ and V of the square-root law from daily bars: σ the sample standard deviation (n − 1) of the
 * log returns of `closes`, V the mean of `volumes` (one per return: the volumes of bars 1…n).
 *
 * @example
 * dailyScale([100, 110, 99], [5, 7]); // => { sigma: 0.1417…, dailyVolume: 6 }
 */
export function dailyScale(closes: readonly number[], volumes: readonly number[]): { sigma: number; dailyVolume: number } {
  if (closes.length < 3 || volumes.length !== closes.length - 1) {
    throw new TradesizeError('INSUFFICIENT_DATA', 'dailyScale needs at least 3 closes and one volume per return', ['closes']);
  }
  const r = closes.slice(1).map((c, i) => Math.log(c / (closes[i] as number)));
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  const variance = r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1);
  return { sigma: Math.sqrt(variance), dailyVolume: volumes.reduce((a, b) => a + b, 0) / volumes.length };
}

/** The fractions of the depth at which each book side is walked. */
export const DEPTH_FRACTIONS: readonly number[] = Array.from({ length: 19 }, (_, j) => (j + 1) / 20);

interface Point {
  readonly x: number;
  readonly y: number;
  readonly cluster: number;
}

function points(books: readonly CalibrationBook[]): Point[] {
  const out: Point[] = [];
  books.forEach((b, i) => {
    (['buy', 'sell'] as OrderSide[]).forEach((side, s) => {
      const depth = sideDepth(takenSide(b.book, side));
      for (const f of DEPTH_FRACTIONS) {
        const q = depth * f;
        out.push({ x: b.sigma * Math.sqrt(q / b.dailyVolume), y: walkBook(b.book, side, q).slippageBps / 1e4, cluster: 2 * i + s });
      }
    });
  });
  return out;
}

/**
 * Fits Y on the books not held out and scores it on the held-out ones.
 *
 * @throws TradesizeError INSUFFICIENT_DATA without at least one fitting and one held-out book.
 */
export function fitImpact(books: readonly CalibrationBook[]): ImpactFit {
  const fit = points(books.filter((b) => !b.holdOut));
  const test = points(books.filter((b) => b.holdOut));
  if (fit.length === 0 || test.length === 0) {
    throw new TradesizeError('INSUFFICIENT_DATA', 'fitImpact needs at least one fitting book and one held-out book', ['books']);
  }
  let sxx = 0;
  let sxy = 0;
  for (const p of fit) {
    sxx += p.x * p.x;
    sxy += p.x * p.y;
  }
  const y = sxy / sxx;
  const scores = new Map<number, number>();
  for (const p of fit) scores.set(p.cluster, (scores.get(p.cluster) ?? 0) + p.x * (p.y - y * p.x));
  let meat = 0;
  for (const s of scores.values()) meat += s * s;
  let sq = 0;
  let abs = 0;
  for (const p of test) {
    const e = (y * p.x - p.y) * 1e4;
    sq += e * e;
    abs += Math.abs(e);
  }
  return {
    y,
    standardError: Math.sqrt(meat) / sxx,
    observations: fit.length,
    clusters: scores.size,
    outOfSample: { rmseBps: Math.sqrt(sq / test.length), meanAbsErrorBps: abs / test.length, observations: test.length },
  };
}
