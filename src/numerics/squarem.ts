/**
 * SQUAREM, scheme SqS3: the squared extrapolation step that accelerates any fixed-point
 * iteration θ ↦ F(θ) such as an EM algorithm. From θ₀ two updates give θ₁ = F(θ₀), θ₂ = F(θ₁);
 * with r = θ₁ − θ₀ and v = θ₂ − 2θ₁ + θ₀,
 *
 *   α = −‖r‖/‖v‖ (taken at most −1),   θ′ = θ₀ − 2α·r + α²·v,
 *
 * and the cycle ends with one more update F(θ′). α = −1 gives θ′ = θ₂ exactly (plain EM), so
 * clamping α ≤ −1 never steps shorter than two updates. The users keep their own norm (a
 * weighted one, or one on transformed parameters) and their own monotone safeguard; this module
 * holds the step length and the extrapolation.
 *
 * Source: R. Varadhan and C. Roland, "Simple and Globally Convergent Methods for Accelerating the
 * Convergence of Any EM Algorithm", Scandinavian Journal of Statistics 35(2) (2008) 335–353,
 * §3 (the steps S1–S3; SqS3 is α = −‖r‖/‖v‖) and §4 (α ≤ −1 and the safeguard).
 */

/**
 * The SqS3 step length −√(‖r‖²/‖v‖²), at most −1; −1 (plain EM) when ‖v‖² is 0 or not a number.
 * A kernel: takes the squared norms, so the caller picks the norm.
 *
 * @example
 * sqs3StepLength(4, 1);  // => −2
 * sqs3StepLength(1, 4);  // => −1 (clamped)
 * sqs3StepLength(1, 0);  // => −1
 */
export function sqs3StepLength(rNormSquared: number, vNormSquared: number): number {
  if (!(vNormSquared > 0)) return -1;
  return Math.min(-1, -Math.sqrt(rNormSquared / vNormSquared));
}

/**
 * One coordinate of the SQUAREM point θ₀ − 2α·(θ₁ − θ₀) + α²·(θ₂ − 2θ₁ + θ₀). A kernel.
 *
 * @example
 * squaremPoint(0, 1, 2, -1);  // => 2 (α = −1 lands on θ₂)
 * squaremPoint(0, 1, 2, -3);  // => 6 (a linear sequence is extrapolated along its line)
 */
export function squaremPoint(x0: number, x1: number, x2: number, alpha: number): number {
  return x0 - 2 * alpha * (x1 - x0) + alpha * alpha * (x2 - 2 * x1 + x0);
}
