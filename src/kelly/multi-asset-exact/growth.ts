/** The growth rate G(w) = mean ln(1 + wᵀR_k) of fixed weights over a scenario set. */

/**
 * Growth rate G(w) = (1/N)·Σ_k ln(1 + wᵀR_k) of weights w over scenarios R (rows of simple
 * returns). A kernel: no validation; −Infinity when some scenario is not solvent (1 + wᵀR_k ≤ 0).
 *
 * @example
 * portfolioGrowth([0.2], [[1], [1], [1], [-1], [-1]]); // => ~0.020136 (= 0.6 ln 1.2 + 0.4 ln 0.8)
 * portfolioGrowth([2], [[0.1], [-0.6]]);                // => -Infinity
 */
export function portfolioGrowth(w: readonly number[], scenarios: readonly (readonly number[])[]): number {
  let sum = 0;
  for (const row of scenarios) {
    let x = 0;
    for (let i = 0; i < w.length; i++) x += w[i]! * row[i]!;
    if (!(x > -1)) return Number.NEGATIVE_INFINITY;
    sum += Math.log1p(x);
  }
  return sum / scenarios.length;
}
