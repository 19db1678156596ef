/**
 * Estimates with standard errors over the simulated paths: a mean with s/√m, and a standard
 * deviation s with the delta-method standard error √((m₄ − s⁴)/m)/(2s), m₄ the fourth central
 * moment (Var(s²) ≈ (μ₄ − σ⁴)/m and ds = ds²/(2s): A. Stuart and J. K. Ord, "Kendall's Advanced
 * Theory of Statistics" vol. 1, 6th ed. (1994), §10.5 and §10.7) — which does not assume normal
 * P&L (for normal data it is σ/√(2m)). Two passes, so large common offsets cancel exactly.
 */

/** An estimate and its standard error. */
export interface Estimate {
  readonly value: number;
  readonly stdError: number;
}

/**
 * Mean and its standard error of values[from … from + m).
 *
 * @example
 * meanOf(Float64Array.of(1, 2, 3), 0, 3); // => { value: 2, stdError: ~0.57735 }
 */
export function meanOf(values: Float64Array, from: number, m: number): Estimate {
  let sum = 0;
  for (let i = from; i < from + m; i++) sum += values[i] as number;
  const mean = sum / m;
  let ss = 0;
  for (let i = from; i < from + m; i++) ss += ((values[i] as number) - mean) ** 2;
  return { value: mean, stdError: m > 1 ? Math.sqrt(ss / (m - 1) / m) : 0 };
}

/**
 * Standard deviation (divisor m − 1) and its delta-method standard error (module doc).
 *
 * @example
 * sdOf(Float64Array.of(-1, 1, -1, 1), 0, 4); // => { value: ~1.1547, stdError: 0 } (two-point data: m₄ = s⁴ in the limit)
 */
export function sdOf(values: Float64Array, from: number, m: number): Estimate {
  const mean = meanOf(values, from, m).value;
  let m2 = 0;
  let m4 = 0;
  for (let i = from; i < from + m; i++) {
    const d2 = ((values[i] as number) - mean) ** 2;
    m2 += d2;
    m4 += d2 * d2;
  }
  const s2 = m > 1 ? m2 / (m - 1) : 0;
  const mu2 = m2 / m;
  const s = Math.sqrt(s2);
  const excess = Math.max(0, m4 / m - mu2 * mu2);
  return { value: s, stdError: s > 0 ? Math.sqrt(excess / m) / (2 * s) : 0 };
}
