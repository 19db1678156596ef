/**
 * Lot rounding toward safety: quantities are only ever rounded down, to an exact decimal
 * multiple of the lot step, so rounding can never push a size past a limit.
 */

/** Number of decimals needed to write `step` exactly (0.001 → 3, 5 → 0, 2.5e-7 → 8). */
export function stepDecimals(step: number): number {
  let scale = 1;
  for (let d = 0; d <= 15; d++) {
    const scaled = step * scale;
    if (Math.abs(Math.round(scaled) - scaled) <= 1e-9 * scaled) return d;
    scale *= 10;
  }
  return 15;
}

/** k lot steps written as the nearest decimal with the step's precision. */
function lots(k: number, step: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(k * step * scale) / scale;
}

/**
 * The largest multiple of `step` that is ≤ q (0 when q < step).
 * Robust to binary floating point: 0.3 with step 0.1 gives 0.3, never 0.30000000000000004 or 0.2.
 *
 * @example
 * roundDownToStep(0.04999, 0.001); // => 0.049
 * roundDownToStep(0.3, 0.1);       // => 0.3
 * roundDownToStep(0.0004, 0.001);  // => 0
 */
export function roundDownToStep(q: number, step: number): number {
  if (!(q > 0)) return 0;
  const decimals = stepDecimals(step);
  // Beyond 2^52 scaled units the lot grid is finer than double precision can resolve at this
  // magnitude: every representable q is as close to the grid as floats get.
  if (q * 10 ** decimals >= 2 ** 52) return q;
  let k = Math.floor(q / step);
  // q/step can land just below an integer when q is an exact multiple (0.3/0.1 = 2.9999999999999996).
  if (lots(k + 1, step, decimals) <= q) k += 1;
  let r = lots(k, step, decimals);
  for (let i = 0; i < 4 && r > q && k > 0; i++) r = lots(--k, step, decimals);
  return r > q ? 0 : r;
}
