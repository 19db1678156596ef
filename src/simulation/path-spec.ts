/**
 * The plain-data description of a simulation that a kernel (in this thread or a worker) runs:
 * the dynamics of the log-price per grid step, the barriers as log-distances, and the grid.
 * Structured-cloneable (numbers, strings, booleans only), validated before it is built.
 */

/** Dynamics of the log-price X = ln(S/S_0) per step of length Δt. */
export type Dynamics = 'gbm' | 'student-t' | 'garch-t';

/** The step model of a simulation, in per-step units. */
export interface StepModel {
  readonly dynamics: Dynamics;
  /** Grid steps per path. */
  readonly steps: number;
  /** Step length Δt in years. */
  readonly dt: number;
  /** Log-drift per step, ν·Δt. */
  readonly drift: number;
  /** gbm and student-t: standard deviation of the log increment per step, σ√Δt. */
  readonly scale: number;
  /** student-t and garch-t: degrees of freedom ν > 2 of the (unit-variance) innovations; 0 otherwise. */
  readonly nu: number;
  /** garch-t: per-step variance recursion h' = ω + α·e² + β·h from h = h0; zeros otherwise. */
  readonly omega: number;
  readonly alpha: number;
  readonly beta: number;
  readonly h0: number;
  /** gbm only: Brownian-bridge correction between grid points (continuous monitoring). */
  readonly bridge: boolean;
}

/** A first-passage simulation: a step model and the barriers. */
export interface PathSpec extends StepModel {
  /** Log-distance a = ln(S_0/L) > 0 to the lower barrier, or Infinity without one. */
  readonly lower: number;
  /** Log-distance b = ln(U/S_0) > 0 to the upper barrier, or Infinity without one. */
  readonly upper: number;
}

/** What a sized position's equity does: fraction f of equity in the asset, rebalanced. */
export interface EquitySpec extends StepModel {
  /** Fraction f ≠ 0 of equity held in the asset (negative: short). */
  readonly fraction: number;
  /** Log of the ruin level x (equity ≤ x·W_0 is ruin), or −Infinity for none. */
  readonly ruinLog: number;
}

/** Paths per chunk: the unit of seeding and of work; a run's results never depend on threads. */
export const CHUNK_PATHS = 2048;
