/**
 * The types of the bar loop (`kernel.ts`, `kernel-cross.ts`): its per-bar inputs, its costs and
 * margin, its per-bar trace and its totals. Conventions: the module doc of `kernel.ts`.
 */
import type { LiquidationRule } from './margin.js';

/** Per-bar inputs (one value per bar). */
export interface KernelInput {
  readonly open: ArrayLike<number>;
  readonly high: ArrayLike<number>;
  readonly low: ArrayLike<number>;
  readonly close: ArrayLike<number>;
  /** Target leverage (signed position value / equity) decided at each close. */
  readonly target: ArrayLike<number>;
  /** Stop distance as a fraction of the close (> 0), or 0/none: no stop. */
  readonly stop?: ArrayLike<number> | null;
  /** Funding rate settled during each bar (see funding.ts), or none. */
  readonly funding?: ArrayLike<number> | null;
  /** Instead of target × equity / close: the target quantity at bar i with equity e (the sizer policy). */
  readonly sizeAt?: ((i: number, equity: number, close: number) => number) | null;
}

/** Costs and margin of a run. */
export interface KernelParams {
  readonly initial: number;
  readonly feeRate: number;
  /** Fraction of the close (bps / 10,000). */
  readonly slippage: number;
  readonly band: number;
  readonly isolated: boolean;
  /** Isolated margin = position value / this leverage (capped at the equity). */
  readonly isolatedLeverage: number;
  readonly rule: LiquidationRule;
}

/** Cumulative per-bar records (for the accounting identity and the reports). */
export interface KernelTrace {
  /** Signed position: base units (linear), or USD of face value = contracts × face value (inverse). */
  readonly position: Float64Array;
  readonly realised: Float64Array;
  readonly unrealised: Float64Array;
  readonly fees: Float64Array;
  readonly funding: Float64Array;
  readonly liquidationLoss: Float64Array;
  /** What happened inside each bar: 0 nothing, 1 a stop-out, 2 a liquidation. */
  readonly events: Uint8Array;
  /** The liquidation price the position held over each bar met there (NaN: no position, or none exists). */
  readonly liquidationPrice: Float64Array;
}

/** The totals of a run. */
export interface KernelResult {
  readonly finalEquity: number;
  readonly fees: number;
  readonly funding: number;
  /** Σ |traded quantity| × fill price, every fill (stops and liquidations included). */
  readonly traded: number;
  readonly liquidations: number;
  readonly stopOuts: number;
  readonly liquidationLoss: number;
  /** The first bar whose close equity is 0, or −1. */
  readonly ruinedAt: number;
}
