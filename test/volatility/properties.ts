/**
 * Property pieces shared by the close-to-close and EWMA tests: the return arbitrary and the two
 * scaling laws every volatility estimator must obey.
 */
import fc from 'fast-check';

/** Log returns on a 1e-7 grid up to ±0.2: realistic and free of subnormals. */
export const logReturnGrid = (maxLength: number) =>
  fc.array(fc.integer({ min: -2_000_000, max: 2_000_000 }).map((k) => k * 1e-7), { minLength: 2, maxLength });

/** vol(k·r) = |k|·vol(r), within rounding of ~ε·max|r| in absolute terms (even when vol(r) ≈ 0). */
export function scalesWithMultiplier(vol: (r: number[]) => number, r: number[], k: number): boolean {
  const c = Math.abs(k);
  const base = vol(r);
  const scaled = vol(r.map((x) => k * x));
  const scale = Math.max(...r.map(Math.abs));
  return Math.abs(scaled - c * base) <= 1e-12 * c * base + 1e-14 * c * scale;
}

/** annualised(r, p1)·√p2 = annualised(r, p2)·√p1: annualisation scales with √periodsPerYear. */
export function scalesWithSqrtPeriods(annualized: (r: number[], periodsPerYear: number) => number, r: number[], p1: number, p2: number): boolean {
  const a1 = annualized(r, p1);
  const a2 = annualized(r, p2);
  return Math.abs(a1 * Math.sqrt(p2) - a2 * Math.sqrt(p1)) <= 1e-12 * a1 * Math.sqrt(p2) + 1e-300;
}
