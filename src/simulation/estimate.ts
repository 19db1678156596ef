/**
 * Monte Carlo estimators: a sample mean with its standard error s/√m, and the binomial standard
 * error √(p̂(1 − p̂)/n) of a frequency.
 *
 * Source: P. Glasserman, "Monte Carlo Methods in Financial Engineering" (2004), §1.1.
 */

/** A sample mean and its standard error. */
export interface MeanEstimate {
  readonly mean: number;
  readonly stdError: number;
}

/**
 * Mean and standard error from the sum and sum of squares of m values (sample variance with
 * m − 1; 0 for m = 1). A kernel.
 *
 * @example
 * meanEstimate(6, 14, 3); // => { mean: 2, stdError: √(1/3) ≈ 0.57735 }   (values 1, 2, 3)
 */
export function meanEstimate(sum: number, sumSq: number, m: number): MeanEstimate {
  const mean = sum / m;
  const variance = m > 1 ? Math.max(0, (sumSq - m * mean * mean) / (m - 1)) : 0;
  return { mean, stdError: Math.sqrt(variance / m) };
}

/**
 * √(p(1 − p)/n), the standard error of a frequency p over n trials. A kernel.
 *
 * @example
 * binomialStdError(0.5, 10_000); // => 0.005
 */
export function binomialStdError(p: number, n: number): number {
  return Math.sqrt((p * (1 - p)) / n);
}
