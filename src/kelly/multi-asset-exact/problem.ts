/** Shapes shared by the barrier solver: the problem, a feasible iterate and a Newton direction. */

/** The barrier problem: scenarios, per-asset bounds and the form of the gross cap. */
export interface Problem {
  readonly n: number;
  readonly count: number;
  /** Scenario returns, count×n row-major. */
  readonly returns: Float64Array;
  /** Bounds on w; ±Infinity when absent. */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** Labels reported when a bound binds. */
  readonly loLabel: readonly string[];
  readonly hiLabel: readonly string[];
  /** 'sum': Σw ≤ L (long-only); 'split': s_i ≥ |w_i|, Σs ≤ L. */
  readonly gross: 'none' | 'sum' | 'split';
  readonly cap: number;
  /** Number m of inequality constraints. */
  readonly constraints: number;
}

/** A strictly feasible point: weights w, gross auxiliaries s (split only), wealth factors u = 1 + Rw. */
export interface Iterate {
  w: Float64Array;
  s: Float64Array;
  u: Float64Array;
}

/** A Newton direction with the relative change of every log term per unit step. */
export interface Direction {
  readonly dw: Float64Array;
  readonly ds: Float64Array;
  /** (R_kᵀΔw)/u_k for each scenario. */
  readonly scenario: Float64Array;
  /** Δslack_j/slack_j for each constraint. */
  readonly slack: Float64Array;
  /** Newton decrement squared, λ² = −∇ψᵀΔx. */
  readonly decrement2: number;
}
