/**
 * Full revaluation of a portfolio over the scenario grid, per underlying: for every price move m
 * (standard moves × vol up/same/down, and the extended moves on vol up), every position of the
 * underlying is revalued at s·(1 + m) with its shocked vol (`./vol-shock.ts`) and the change of its
 * equity contribution is summed:
 *
 *   PnL_u(m, v) = Σ_{i ∈ u} [value_i(s_u(1 + m), σ_i^v) − value_i(s_u, σ_i)] + coin_u · s_u · m
 *
 * next to its delta-gamma-vega approximation from the same positions' Greeks:
 *
 *   PnL̃_u(m, v) = Δ_u·(s_u m) + ½·Γ_u·(s_u m)² + Σ_{i ∈ u} vega_i·(σ_i^v − σ_i)
 *
 * and, for standard-margin accounts, the maintenance requirement of the underlying's positions at
 * each moved price (and both requirements now) (`../../portfolio/account.ts`). Scenarios across underlyings are
 * sums of these per-underlying vectors (`./scenarios.ts`), so a portfolio over U underlyings costs
 * one revaluation per position and grid point: (2·buckets + 1)·3 + extended ≈ 35 kernel calls per
 * option, one closed form per move for linear positions.
 *
 * Source: Deribit, "Portfolio Margin" (the risk-matrix structure; parameters in `./params.ts`);
 * valuation in `../../portfolio/valuation.ts`.
 *
 * @example
 * const g = revalueGrid(compilePortfolio(p), stressParams());
 * g.pnl[(0 * g.moves + 8) * 3 + 1]; // => PnL of underlying 0 at +16 %, vol same
 */
import { INVERSE_LINEAR, LINEAR, type CompiledPortfolio } from '../portfolio/compile.js';
import { positionGreeks, positionValue } from '../portfolio/valuation.js';
import { initialAt, maintenanceAt } from '../portfolio/account.js';
import type { StressParams } from './params.js';
import { volShocks } from './vol-shock.js';

/** Per-underlying grid vectors (layouts in the field docs). */
export interface GridRevaluation {
  readonly params: StressParams;
  readonly underlyings: number;
  /** Number of standard price moves K (= 2·buckets + 1). */
  readonly moves: number;
  /** Number of extended moves E. */
  readonly extended: number;
  /** Full-revaluation PnL, index (u·K + k)·3 + v with v = 0 up, 1 same, 2 down. */
  readonly pnl: Float64Array;
  /** Delta-gamma-vega approximation, same layout as `pnl`. */
  readonly approx: Float64Array;
  /** Extended moves (vol up): index u·E + e; and their approximation. */
  readonly extPnl: Float64Array;
  readonly extApprox: Float64Array;
  /** Standard-margin maintenance requirement of u's positions at move k (u·K + k) and extended move e (u·E + e); zeros for portfolio margin. */
  readonly mm: Float64Array;
  readonly extMm: Float64Array;
  /** Requirements at the current prices, per underlying. */
  readonly mm0: Float64Array;
  readonly im0: Float64Array;
}

/** Revalues every position over the grid (module doc). O(positions × grid points). */
export function revalueGrid(c: CompiledPortfolio, p: StressParams): GridRevaluation {
  const U = c.underlyings.length;
  const mv = p.moves;
  const em = p.extendedMoves;
  const K = mv.length;
  const E = em.length;
  const pnl = new Float64Array(U * K * 3);
  const extPnl = new Float64Array(U * E);
  const mm = new Float64Array(U * K);
  const extMm = new Float64Array(U * E);
  const mm0 = new Float64Array(U);
  const im0 = new Float64Array(U);
  const delta = Float64Array.from(c.coin);
  const gamma = new Float64Array(U);
  const vegaShift = new Float64Array(U * 3);
  const standard = c.margin.style === 'standard';

  for (let i = 0; i < c.n; i++) {
    const u = c.under[i] as number;
    const s0 = c.spot[u] as number;
    const code = c.code[i] as number;
    const vol = c.vol[i] as number;
    const g = positionGreeks(c, i);
    const v0 = g.value;
    delta[u] = (delta[u] as number) + g.delta;
    gamma[u] = (gamma[u] as number) + g.gamma;
    if (code === LINEAR || code === INVERSE_LINEAR) {
      for (let k = 0; k < K; k++) {
        const d = positionValue(c, i, s0 * (1 + (mv[k] as number)), vol, 0) - v0;
        const at = (u * K + k) * 3;
        pnl[at] = (pnl[at] as number) + d;
        pnl[at + 1] = (pnl[at + 1] as number) + d;
        pnl[at + 2] = (pnl[at + 2] as number) + d;
      }
      for (let e = 0; e < E; e++) {
        extPnl[u * E + e] = (extPnl[u * E + e] as number) + positionValue(c, i, s0 * (1 + (em[e] as number)), vol, 0) - v0;
      }
    } else {
      const shocked = volShocks(vol, (c.expiry[i] as number) * 365, p);
      const up = shocked.up;
      const down = shocked.down;
      vegaShift[u * 3] = (vegaShift[u * 3] as number) + g.vega * (up - vol);
      vegaShift[u * 3 + 2] = (vegaShift[u * 3 + 2] as number) + g.vega * (down - vol);
      for (let k = 0; k < K; k++) {
        const s = s0 * (1 + (mv[k] as number));
        const at = (u * K + k) * 3;
        pnl[at] = (pnl[at] as number) + positionValue(c, i, s, up, 0) - v0;
        pnl[at + 1] = (pnl[at + 1] as number) + positionValue(c, i, s, vol, 0) - v0;
        pnl[at + 2] = (pnl[at + 2] as number) + positionValue(c, i, s, down, 0) - v0;
      }
      for (let e = 0; e < E; e++) {
        extPnl[u * E + e] = (extPnl[u * E + e] as number) + positionValue(c, i, s0 * (1 + (em[e] as number)), up, 0) - v0;
      }
    }
    if (standard) {
      mm0[u] = (mm0[u] as number) + maintenanceAt(c, i, s0);
      im0[u] = (im0[u] as number) + initialAt(c, i, s0);
      for (let k = 0; k < K; k++) mm[u * K + k] = (mm[u * K + k] as number) + maintenanceAt(c, i, s0 * (1 + (mv[k] as number)));
      for (let e = 0; e < E; e++) extMm[u * E + e] = (extMm[u * E + e] as number) + maintenanceAt(c, i, s0 * (1 + (em[e] as number)));
    }
  }

  const approx = new Float64Array(U * K * 3);
  const extApprox = new Float64Array(U * E);
  for (let u = 0; u < U; u++) {
    const s0 = c.spot[u] as number;
    const coinMove = c.coin[u] as number;
    const quad = (m: number) => (delta[u] as number) * s0 * m + 0.5 * (gamma[u] as number) * (s0 * m) * (s0 * m);
    for (let k = 0; k < K; k++) {
      const m = mv[k] as number;
      const at = (u * K + k) * 3;
      for (let v = 0; v < 3; v++) approx[at + v] = quad(m) + (vegaShift[u * 3 + v] as number);
      // coin collateral revalues linearly with the move; its PnL is exact in both columns
      for (let v = 0; v < 3; v++) pnl[at + v] = (pnl[at + v] as number) + coinMove * s0 * m;
    }
    for (let e = 0; e < E; e++) {
      const m = em[e] as number;
      extApprox[u * E + e] = quad(m) + (vegaShift[u * 3] as number);
      extPnl[u * E + e] = (extPnl[u * E + e] as number) + coinMove * s0 * m;
    }
  }
  return { params: p, underlyings: U, moves: K, extended: E, pnl, approx, extPnl, extApprox, mm, extMm, mm0, im0 };
}
