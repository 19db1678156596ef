/**
 * Where a position's risk changes as its market's price moves, the other markets held where
 * they are: the prices that go into the crossing index (./crossings.ts). Each is a flip: on one
 * side of it something holds (a threshold is breached, a protection applies), on the other it
 * does not, so the same price serves for the crossing and for its clearing.
 *
 * - `equityFlip`: the price at which the account's equity reaches a target — equity is the
 *   rest of the account plus the position's unrealised PnL, linear in the price for a linear
 *   contract, c·q·(P − entry), and in 1/P for an inverse one, c·q·(1/entry − 1/P) (Binance,
 *   "How to Calculate Profit and Loss for Futures Contracts"; Bybit, "Inverse Contract: Profit
 *   and Loss Calculation"), so it is solved in closed form.
 * - `hitDistance`: the log distance d* to the liquidation price at which the probability of
 *   touching it within the horizon equals the alert threshold, GBM with zero drift as in the
 *   revaluation (risk/first-passage, reflection principle), in closed form; the flip is LP·e^{±d*}.
 * - `bisectFlip`: the boundary of a predicate that holds at one end of an interval and not at
 *   the other (the margin-ratio threshold, whose maintenance margin follows the venue's tiers).
 */
import type { ContractTerms } from '../core/contract.js';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { maintenanceMargin, type VenueMarket } from './margin.js';
import { kernelMaintenance } from './margin-kernel.js';

/**
 * The price at which `base + unrealised` equals `target`, for a position of `quantity`
 * contracts (+ long) entered at `entry`; null when no positive price does.
 *
 * @example
 * equityFlip({ kind: 'linear', size: 1 }, 2, 100, 1000, 900); // => 50 (2 × (50 − 100) = −100)
 */
export function equityFlip(terms: ContractTerms, quantity: number, entry: number, base: number, target: number): number | null {
  const k = (target - base) / (quantity * terms.size);
  const p = terms.kind === 'linear' ? entry + k : 1 / (1 / entry - k);
  return p > 0 && Number.isFinite(p) ? p : null;
}

/**
 * The distance d* = |ln(P / LP)| at which P(touch LP within `horizonYears`) = `threshold` for a
 * GBM with zero log-drift: the reflection principle gives P = 2·N(−d/(σ√T)) on either side, so
 * d* = σ√T · N⁻¹(1 − threshold/2) (Harrison, "Brownian Motion and Stochastic Flow Systems",
 * 1985, §1.8; the same closed form as risk/first-passage/one-barrier.ts with μ = 0).
 *
 * @example
 * hitDistance(0.8, 1 / 365, 0.05); // ≈ 0.08207: 1.96 daily σ of 4.19 %
 */
export function hitDistance(sigma: number, horizonYears: number, threshold: number): number {
  return sigma * Math.sqrt(horizonYears) * normalQuantile(1 - threshold / 2, 0, 1);
}

/** A predicate on prices, as an object so that a bisection calls one monomorphic method (no closure per call). */
export interface PricePredicate {
  holds(price: number): boolean;
}

/**
 * The boundary between `a`, where `p.holds` gives `atA`, and `b`, where it does not, to a
 * relative precision of 1e-10 (60 halvings at most); null when `holds(b)` equals `atA` (no flip
 * between).
 *
 * @example
 * bisectFlip({ holds: (x) => x >= 3 }, 10, 0); // ≈ 3
 */
export function bisectFlip(p: PricePredicate, a: number, b: number): number | null {
  const atA = p.holds(a);
  if (p.holds(b) === atA) return null;
  let lo = a;
  let hi = b;
  for (let i = 0; i < 60 && Math.abs(hi - lo) > 1e-10 * Math.abs(lo); i++) {
    const mid = (lo + hi) / 2;
    if (p.holds(mid) === atA) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Whether the margin ratio (others' MM + this position's MM at P) / (base + its uPnL at P)
 * reaches `threshold` as this position's price P moves alone (the rest of the account held):
 * MM from the venue's tiers (the packed kernel, else the validated model; beyond the tiers
 * counts as breached), uPnL in closed form (linear c·q·(P − E), inverse c·q·(1/E − 1/P)).
 */
export class MarginRatioBreach implements PricePredicate {
  private terms: ContractTerms = { kind: 'linear', size: 1 };
  private quantity = 0;
  private entry = 0;
  private base = 0;
  private others = 0;
  private threshold = 1;
  private venue: VenueMarket | null = null;

  /** The predicate for a position and the rest of its account (reused: no allocation per position). */
  reset(terms: ContractTerms, quantity: number, entry: number, base: number, others: number, threshold: number, venue: VenueMarket): this {
    this.terms = terms;
    this.quantity = quantity;
    this.entry = entry;
    this.base = base;
    this.others = others;
    this.threshold = threshold;
    this.venue = venue;
    return this;
  }

  holds(price: number): boolean {
    const t = this.terms;
    const upnl = (t.kind === 'linear' ? t.size * (price - this.entry) : t.size * (1 / this.entry - 1 / price)) * this.quantity;
    const equity = this.base + upnl;
    if (equity <= 0) return true;
    const venue = this.venue as VenueMarket;
    const k = venue.packed;
    let mm = k === null ? Number.NaN : kernelMaintenance(k, this.quantity, this.entry, price);
    if (Number.isNaN(mm)) {
      const validated = maintenanceMargin({ quantity: this.quantity, entryPrice: this.entry, mark: price, venue });
      if (validated === null) return true; // beyond the venue's tiers
      mm = validated;
    }
    return (this.others + mm) / equity >= this.threshold;
  }
}

/**
 * The nearest flips below and above a position's mark, starting from the edges of its recheck
 * band: `flip` narrows the bracket to a level; `watch` also notes a threshold not in force that
 * the stressed account (the others at their band edges) is beyond already, `flag` only notes
 * it; `finish` then puts the adverse edge at the mark, so that every adverse tick rechecks.
 *
 * @example
 * const b = new Bracket();
 * b.start(100, 0.02, true, false); b.flip(99); b.flip(150); b.finish();
 * [b.down, b.up]; // => [99, 102]
 */
export class Bracket {
  down = 0;
  up = 0;
  private cur = 0;
  private long = true;
  private stressed = false;
  private adverseNow = false;

  /** `band` on the adverse side (below a long, above a short), `favourable` (default `band`) on the other. */
  start(cur: number, band: number, long: boolean, stressed: boolean, favourable = band): void {
    this.cur = cur;
    this.down = cur * (1 - (long ? band : favourable));
    this.up = cur * (1 + (long ? favourable : band));
    this.long = long;
    this.stressed = stressed;
    this.adverseNow = false;
  }

  flip(x: number | null): void {
    if (x === null || !(x > 0)) return;
    if (x < this.cur) this.down = Math.max(this.down, x);
    else if (x > this.cur) this.up = Math.min(this.up, x);
  }

  flag(x: number | null, inForce: boolean): void {
    if (x !== null && !inForce && this.stressed && (this.long ? x >= this.cur : x <= this.cur)) this.adverseNow = true;
  }

  watch(x: number | null, inForce: boolean): void {
    this.flag(x, inForce);
    this.flip(x);
  }

  /** True when the adverse edge had to be put at the mark. */
  finish(): boolean {
    if (!this.adverseNow) return false;
    if (this.long) this.down = this.cur;
    else this.up = this.cur;
    return true;
  }
}
