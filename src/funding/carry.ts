/**
 * The funding a position pays over a holding period, and the Kelly fraction with that carry in
 * its edge.
 *
 * A long pays the funding rate c (annual, a fraction of notional) and a short receives it, so
 * over H days a position of notional N pays side · c · N · H/365 (side +1 long, −1 short), with
 * standard error se(c) · N · H/365 for an estimated c. In continuous time the carry lowers a
 * long's drift: f* = (μ − r − c)/σ² (Thorp 2006 §7.1, `kelly/continuous.ts`), negative f* being
 * a short, which then earns the funding; an estimated c moves f* by se(c)/σ². Over a holding
 * period H the edge is (μ − r − c)·H and the variance σ²·H, so the expected carry over the
 * holding period, c·H, enters the edge and f* is the same for any H.
 *
 * Worked example: c = 0.1095 (0.01 % per 8 h), N = 65,000, H = 30 days → a long pays
 * 0.1095 × 65,000 × 30/365 = 585; with μ = 0.5, σ = 0.6, f* = (0.5 − 0.1095)/0.36 = 1.0847.
 *
 * Source: E. O. Thorp, "The Kelly Criterion in Blackjack, Sports Betting, and the Stock Market"
 * (2006), §7.1; the funding conventions of ./series.ts.
 */
import type { Side } from '../core/contract.js';
import { DAYS_PER_YEAR_CRYPTO } from '../market/periods.js';
import { kellyContinuous, type KellyContinuousResult } from '../kelly/continuous.js';
import type { FundingEstimate } from './estimate.js';

/** The funding a position pays over its holding period (negative: it earns). */
export interface PositionCarry {
  /** Funding paid per year as a fraction of notional: side · c. */
  readonly ratePerYear: number;
  /** Funding paid over the holding period, in the notional's currency. */
  readonly amount: number;
  /** Standard error of `amount`. */
  readonly stdError: number;
  readonly horizonDays: number;
}

/**
 * Funding paid by a position of `notional` over `horizonDays` (see the module doc).
 *
 * @example
 * positionCarry(givenFunding(0.1095), 'long', 65000, 30).amount;  // => 585
 * positionCarry(givenFunding(0.1095), 'short', 65000, 30).amount; // => -585
 */
export function positionCarry(f: FundingEstimate, side: Side, notional: number, horizonDays: number): PositionCarry {
  const sign = side === 'long' ? 1 : -1;
  const years = horizonDays / DAYS_PER_YEAR_CRYPTO;
  return { ratePerYear: sign * f.ratePerYear, amount: sign * f.ratePerYear * notional * years, stdError: f.stdError * notional * years, horizonDays };
}

/** The continuous Kelly result with the funding carry in the edge, and the fraction's standard error from the carry's. */
export interface FundingKelly extends KellyContinuousResult {
  /** The carry c used (annual, paid by a long). */
  readonly carry: number;
  /** se(c)/σ²: the standard error of the fraction from the funding estimate alone. */
  readonly fractionStdError: number;
}

/**
 * Continuous Kelly f* = (μ − r − c)/σ² with the expected funding as the carry c.
 *
 * @throws TradesizeError INVALID_INPUT (from kellyContinuous: σ ≤ 0, a value not finite).
 * @example
 * fundingKelly(0.5, 0.6, givenFunding(0.1095)).fraction; // => ~1.0847
 */
export function fundingKelly(mu: number, sigma: number, f: FundingEstimate, rf = 0): FundingKelly {
  const k = kellyContinuous({ mu, sigma, rf, carry: f.ratePerYear });
  return { ...k, carry: f.ratePerYear, fractionStdError: f.stdError / (sigma * sigma) };
}
