/** Which constraints bind at the solution, by their input labels. */
import type { Problem } from './problem.js';

/** Labels of the constraints within `near` of their bound at w. */
export function activeConstraints(p: Problem, w: Float64Array, near: number): string[] {
  const active: string[] = [];
  const close = (slack: number, bound: number) => Number.isFinite(bound) && slack <= near * Math.max(1, Math.abs(bound));
  const gross = w.reduce((a, b) => a + Math.abs(b), 0);
  if (p.gross !== 'none' && close(p.cap - gross, p.cap)) active.push('maxGrossLeverage');
  w.forEach((wi, i) => {
    if (close(wi - p.lo[i]!, p.lo[i]!)) active.push(p.loLabel[i]!);
    if (close(p.hi[i]! - wi, p.hi[i]!)) active.push(p.hiLabel[i]!);
  });
  return active;
}
