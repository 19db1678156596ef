/**
 * A funding-differential plan across venues: hold the perpetual short where funding is highest
 * and long where it is lowest, equal quantities (delta neutral), each leg isolated, so the
 * position earns the difference of the two rates, c_short − c_long a year on its notional.
 *
 * Sizing: over H days a K σ move takes the price to S·e^{∓Kσ√(H/365)}. Each leg gets the margin
 * whose liquidation price lies exactly at that move after the funding it is expected to pay over
 * H (./liquidation-drift.ts; funding it receives is not counted on), and at least its initial
 * margin at the venue's maximum leverage; the quantity is the largest on the coarser lot step
 * of the two venues whose two margins plus the taker fees of entering and leaving both legs
 * (at S) fit the equity. The expected carry over H is Q·S·(c_short − c_long)·H/365, with the
 * standard error √(se_short² + se_long²)·Q·S·H/365 (the estimates treated as independent; funding
 * rates of venues move together, so this overstates the error of the difference).
 *
 * Worked example (flat venues, m = 0.005; equity 10,000; S = 50,000; σ = 0.5, K = 3, H = 30 d,
 * no funding, no fees): Kσ√(30/365) = 0.43004 → down 32,524.26, up 76,865.69; per BTC the long
 * needs 50,000 − 0.995 × 32,524.26 = 17,638.36 and the short 1.005 × 76,865.69 − 50,000 =
 * 27,250.02, so Q = 10,000/44,888.38 = 0.222775 BTC.
 *
 * Source: the funding conventions of ./series.ts; venues.md for the liquidation prices.
 */
import { TradesizeError } from '../core/errors.js';
import { roundDownToStep } from '../core/rounding.js';
import { DAYS_PER_YEAR_CRYPTO } from '../market/periods.js';
import type { FundingEstimate } from './estimate.js';
import { legLiquidationPrice, legMaxLeverage, marginForLiquidation, type Leg, type LegVenue } from './leg-model.js';
import { liquidationDrift } from './liquidation-drift.js';

/** One venue the planner may use. */
export interface PlanVenue {
  readonly name: string;
  readonly funding: FundingEstimate;
  /** Taker fee rate, charged on entry and on exit. */
  readonly takerFee: number;
  readonly rules: LegVenue;
  /** Lot step in base units (none: continuous). */
  readonly lotStep?: number;
  /** Hours between this venue's settlements (default 8). */
  readonly intervalHours?: number;
}

/** Input of {@link planFunding}. */
export interface PlanInput {
  readonly venues: readonly PlanVenue[];
  /** Entry price S of both legs. */
  readonly price: number;
  /** Annual volatility σ. */
  readonly sigma: number;
  /** Move the legs survive, in σ over the holding period (default 3). */
  readonly k?: number;
  /** Holding period in days (default 30). */
  readonly horizonDays?: number;
  readonly equity: number;
}

/** One leg of a plan. */
export interface PlanLeg {
  readonly venue: string;
  readonly side: 'long' | 'short';
  readonly quantity: number;
  readonly notional: number;
  readonly margin: number;
  readonly leverage: number;
  /** Expected funding paid by a long on this venue, a year. */
  readonly fundingRate: number;
  readonly takerFee: number;
  readonly liquidationPrice: number | null;
  /** |S − LP|/S at entry (1 for no liquidation price). */
  readonly liquidationDistance: number;
  /** Liquidation price after the funding expected over the horizon. */
  readonly liquidationAtHorizon: number | null;
  readonly liquidationDistanceAtHorizon: number;
}

/** A funding-differential plan. */
export interface FundingPlan {
  readonly legs: readonly [PlanLeg, PlanLeg];
  readonly expectedCarry: { readonly ratePerYear: number; readonly amount: number; readonly stdError: number; readonly horizonDays: number };
  readonly costs: { readonly entry: number; readonly exit: number; readonly total: number };
  /** Expected carry less costs. */
  readonly netCarry: number;
  readonly price: number;
  readonly sigma: number;
  readonly k: number;
  /** The prices the legs survive: S·e^{∓Kσ√(H/365)}. */
  readonly survives: { readonly down: number; readonly up: number };
  /** Equity left after the margins and fees. */
  readonly spareEquity: number;
}

const leg = (v: PlanVenue, side: 'long' | 'short', quantity: number, entry: number): Leg => ({ venue: v.rules, side, quantity, entry });

/** Equity a quantity needs: both legs' margins plus entry and exit fees. */
function needed(long: PlanVenue, short: PlanVenue, q: number, s: number, down: number, up: number, years: number): { longMargin: number; shortMargin: number; fees: number; total: number } {
  const margin = (v: PlanVenue, side: 'long' | 'short', level: number): number => {
    const l = leg(v, side, q, s);
    const paid = Math.max(0, (side === 'long' ? 1 : -1) * v.funding.ratePerYear) * q * s * years;
    return Math.max(marginForLiquidation(l, level) + paid, (q * s) / legMaxLeverage(l));
  };
  const longMargin = margin(long, 'long', down);
  const shortMargin = margin(short, 'short', up);
  const fees = 2 * q * s * (long.takerFee + short.takerFee);
  return { longMargin, shortMargin, fees, total: longMargin + shortMargin + fees };
}

function planLeg(v: PlanVenue, side: 'long' | 'short', q: number, s: number, margin: number, horizonDays: number): PlanLeg {
  const l = leg(v, side, q, s);
  const drift = liquidationDrift({ leg: l, margin, funding: v.funding, ...(v.intervalHours === undefined ? {} : { intervalHours: v.intervalHours }) }, horizonDays);
  const distance = (lp: number | null) => (lp === null ? 1 : Math.abs(s - lp) / s);
  const lp = legLiquidationPrice(l, margin);
  return {
    venue: v.name, side, quantity: q, notional: q * s, margin, leverage: (q * s) / margin, fundingRate: v.funding.ratePerYear, takerFee: v.takerFee,
    liquidationPrice: lp, liquidationDistance: distance(lp), liquidationAtHorizon: drift.liquidationAtHorizon, liquidationDistanceAtHorizon: distance(drift.liquidationAtHorizon),
  };
}

/**
 * The funding-differential plan (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT (fewer than 2 venues, a value out of range). A plan too small
 *   for one lot has legs of quantity 0.
 * @example
 * planFunding({ venues: [a, b], price: 50000, sigma: 0.5, equity: 10000 }).legs[0].quantity; // => ~0.222775 (flat venues, no funding or fees)
 */
export function planFunding(p: PlanInput): FundingPlan {
  const k = p.k ?? 3;
  const horizonDays = p.horizonDays ?? 30;
  const bad = (path: string, why: string) => new TradesizeError('INVALID_INPUT', `planFunding: ${path} ${why}`, [path]);
  if (p.venues.length < 2) throw bad('venues', `needs at least 2 venues, got ${p.venues.length}`);
  for (const [key, x] of [['price', p.price], ['sigma', p.sigma], ['k', k], ['horizonDays', horizonDays], ['equity', p.equity]] as const) {
    if (!(x > 0 && Number.isFinite(x))) throw bad(key, `must be a finite number > 0, got ${x}`);
  }
  const byRate = [...p.venues].sort((a, b) => a.funding.ratePerYear - b.funding.ratePerYear);
  const long = byRate[0] as PlanVenue;
  const short = byRate[byRate.length - 1] as PlanVenue;
  const years = horizonDays / DAYS_PER_YEAR_CRYPTO;
  const move = k * p.sigma * Math.sqrt(years);
  const down = p.price * Math.exp(-move);
  const up = p.price * Math.exp(move);
  const s = p.price;
  // Equity needed grows with the quantity: bracket, then bisect.
  let hi = p.equity / s;
  for (let i = 0; i < 200 && needed(long, short, hi, s, down, up, years).total <= p.equity; i++) hi *= 2;
  let lo = 0;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (needed(long, short, mid, s, down, up, years).total <= p.equity) lo = mid;
    else hi = mid;
  }
  const step = Math.max(long.lotStep ?? 0, short.lotStep ?? 0);
  const q = step > 0 ? roundDownToStep(lo, step) : lo;
  const need = q > 0 ? needed(long, short, q, s, down, up, years) : { longMargin: 0, shortMargin: 0, fees: 0, total: 0 };
  const notional = q * s;
  const rate = short.funding.ratePerYear - long.funding.ratePerYear;
  const entry = notional * (long.takerFee + short.takerFee);
  const legs: [PlanLeg, PlanLeg] = q > 0
    ? [planLeg(long, 'long', q, s, need.longMargin, horizonDays), planLeg(short, 'short', q, s, need.shortMargin, horizonDays)]
    : [emptyLeg(long, 'long'), emptyLeg(short, 'short')];
  const amount = notional * rate * years;
  return {
    legs,
    expectedCarry: { ratePerYear: rate, amount, stdError: Math.hypot(long.funding.stdError, short.funding.stdError) * notional * years, horizonDays },
    costs: { entry, exit: entry, total: 2 * entry },
    netCarry: amount - 2 * entry,
    price: s, sigma: p.sigma, k, survives: { down, up },
    spareEquity: p.equity - need.total,
  };
}

function emptyLeg(v: PlanVenue, side: 'long' | 'short'): PlanLeg {
  return {
    venue: v.name, side, quantity: 0, notional: 0, margin: 0, leverage: 0, fundingRate: v.funding.ratePerYear, takerFee: v.takerFee,
    liquidationPrice: null, liquidationDistance: 1, liquidationAtHorizon: null, liquidationDistanceAtHorizon: 1,
  };
}
