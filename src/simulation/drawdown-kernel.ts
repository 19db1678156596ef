/**
 * The equity kernel: the log-equity ln(W/W_0) of a position holding a fraction f of equity in
 * the asset, and its maximum drawdown 1 − min_{s≤t≤T} W_t / max_{u≤s} W_u, for one chunk of paths.
 *
 * - gbm: continuous rebalancing, so ln W is itself a Brownian motion with drift
 *   f(ν + σ²/2) − f²σ²/2 and volatility |f|σ (Merton 1969; Thorp 2006 §7). With `bridge` the
 *   minimum of ln W inside each step is sampled exactly from its Brownian bridge between the grid
 *   values w and w′: m = (w + w′ − √((w′ − w)² − 2f²σ²Δt·ln V)), V uniform — so ruin (ln W ≤ ln x)
 *   is detected as in continuous time, and the drawdown is measured from the running peak of the
 *   grid values to the sampled in-step minima (a peak inside a step is missed: the drawdown
 *   is biased low by O(√Δt)·P(such a step), small for fine grids). Without `bridge`: the grid
 *   values only.
 * - student-t, garch-t: rebalanced once per step, W′ = W·(1 + f·(e^r − 1)) for the step's
 *   log-return r (see `first-passage-kernel.ts` for r); 1 + f(e^r − 1) ≤ 0 wipes the position out
 *   (drawdown 1, ruin), and the path stops there.
 *
 * Output per chunk: the maximum drawdown of each path (fractions in [0, 1]) followed by the
 * number of ruined paths.
 *
 * Sources: P. Glasserman, "Monte Carlo Methods in Financial Engineering" (2004), §6.4 (minimum of
 * a Brownian bridge: P(min ≤ m) = exp(−2(w − m)(w′ − m)/(s²Δt)), inverted here); R. C. Merton,
 * "Lifetime Portfolio Selection under Uncertainty", Review of Economics and Statistics 51(3)
 * (1969); E. O. Thorp, "The Kelly Criterion in Blackjack, Sports Betting, and the Stock Market"
 * (2006), §7.2–7.3.
 */
import type { EquitySpec } from './path-spec.js';
import { Stream } from './stream.js';

/**
 * Simulates `paths` equity paths of chunk `chunk`; returns their maximum drawdowns and, as the
 * last element, the number of ruined paths. A kernel: the spec is validated by its builder.
 */
export function drawdownChunk(spec: EquitySpec, seed: number, chunk: number, paths: number): Float64Array {
  const out = new Float64Array(paths + 1);
  const stream = new Stream(seed, chunk);
  const ruined = spec.dynamics === 'gbm' ? gbmEquity(spec, stream, paths, out) : steppedEquity(spec, stream, paths, out);
  out[paths] = ruined;
  return out;
}

function gbmEquity(spec: EquitySpec, stream: Stream, paths: number, out: Float64Array): number {
  const { steps, drift, scale, fraction: f, ruinLog, bridge } = spec;
  const s2 = scale * scale;
  const wDrift = f * (drift + 0.5 * s2) - 0.5 * f * f * s2;
  const wScale = Math.abs(f) * scale;
  const twoVar = 2 * wScale * wScale;
  let ruined = 0;
  for (let p = 0; p < paths; p++) {
    let w = 0;
    let peak = 0;
    let maxDd = 0;
    let ruin = false;
    for (let i = 0; i < steps; i++) {
      const next = w + wDrift + wScale * stream.normal();
      let low = next < w ? next : w;
      if (bridge) {
        const d = next - w;
        low = 0.5 * (w + next - Math.sqrt(d * d - twoVar * Math.log(stream.uniform())));
      }
      if (peak - low > maxDd) maxDd = peak - low;
      if (low <= ruinLog) ruin = true;
      if (next > peak) peak = next;
      w = next;
    }
    out[p] = -Math.expm1(-maxDd);
    if (ruin) ruined++;
  }
  return ruined;
}

function steppedEquity(spec: EquitySpec, stream: Stream, paths: number, out: Float64Array): number {
  const { steps, drift, scale, nu, omega, alpha, beta, h0, fraction: f, ruinLog } = spec;
  const unit = Math.sqrt((nu - 2) / nu);
  const garch = spec.dynamics === 'garch-t';
  let ruined = 0;
  for (let p = 0; p < paths; p++) {
    let w = 0;
    let peak = 0;
    let maxDd = 0;
    let ruin = false;
    let h = h0;
    for (let i = 0; i < steps; i++) {
      const z = stream.studentT(nu) * unit;
      let e: number;
      if (garch) {
        e = Math.sqrt(h) * z;
        h = omega + alpha * e * e + beta * h;
      } else e = scale * z;
      const growth = 1 + f * Math.expm1(drift + e);
      if (!(growth > 0)) {
        maxDd = Infinity;
        ruin = true;
        break;
      }
      w += Math.log(growth);
      if (peak - w > maxDd) maxDd = peak - w;
      if (w <= ruinLog) ruin = true;
      if (w > peak) peak = w;
    }
    out[p] = -Math.expm1(-maxDd);
    if (ruin) ruined++;
  }
  return ruined;
}
