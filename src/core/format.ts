/**
 * Human formatting of numbers for explanations and tables (never used for machine output).
 */

/**
 * A number with up to `digits` significant digits and no trailing zeros.
 *
 * @example
 * fmt(0.048449612403100775); // => '0.0484496'
 * fmt(200000);               // => '200000'
 */
export function fmt(x: number, digits = 6): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1e15 || abs < 1e-9) return x.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(digits)));
}

/** A fraction as a percentage: 0.0125 → '1.25%'. */
export function pct(x: number, digits = 4): string {
  return `${fmt(x * 100, digits)}%`;
}
