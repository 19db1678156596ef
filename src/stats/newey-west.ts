/**
 * A weighted mean m = Σ wᵢxᵢ / Σ wᵢ and its heteroskedasticity- and autocorrelation-consistent
 * (HAC) standard error, Newey–West's Bartlett-kernel estimator applied to the mean's scores
 * eᵢ = wᵢ(xᵢ − m):
 *
 *   Var(m) = [Σᵢ eᵢ² + 2 Σ_{l=1..L} (1 − l/(L+1)) Σᵢ eᵢ eᵢ₋ₗ] / (Σ wᵢ)²,
 *
 * which is the HAC covariance of weighted least squares of x on a constant (statsmodels
 * `WLS(x, 1, weights=w).fit(cov_type='HAC', cov_kwds={'maxlags': L, 'use_correction': False})`).
 * With equal weights it is the Newey–West standard error of a sample mean. The default lag is
 * Newey and West's (1994) rule L = ⌊4 (n/100)^{2/9}⌋.
 *
 * Source: W. K. Newey and K. D. West, "A Simple, Positive Semi-Definite, Heteroskedasticity and
 * Autocorrelation Consistent Covariance Matrix", Econometrica 55 (1987), eq. (2); "Automatic Lag
 * Selection in Covariance Matrix Estimation", Rev. Econ. Stud. 61 (1994).
 */

/** The Newey–West (1994) default lag ⌊4 (n/100)^{2/9}⌋ for n observations. */
export function neweyWestLag(n: number): number {
  return Math.floor(4 * Math.pow(n / 100, 2 / 9));
}

/** A weighted mean and its HAC standard error. */
export interface HacMean {
  readonly mean: number;
  readonly stdError: number;
  /** The lag L used. */
  readonly lags: number;
}

/**
 * Weighted mean and its Newey–West standard error (see the module doc). A kernel: the caller
 * passes equal-length arrays of finite values with a positive weight sum.
 *
 * @example
 * weightedMeanHac([1, 2, 3, 4], [1, 1, 1, 1], 0); // => { mean: 2.5, stdError: ~0.559, lags: 0 } (√(5/4)/2)
 */
export function weightedMeanHac(x: ArrayLike<number>, w: ArrayLike<number>, lags: number = neweyWestLag(x.length)): HacMean {
  const n = x.length;
  let sw = 0;
  let swx = 0;
  for (let i = 0; i < n; i++) {
    sw += w[i] as number;
    swx += (w[i] as number) * (x[i] as number);
  }
  const mean = swx / sw;
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) e[i] = (w[i] as number) * ((x[i] as number) - mean);
  let s = 0;
  for (let i = 0; i < n; i++) s += (e[i] as number) ** 2;
  const L = Math.min(lags, n - 1);
  for (let l = 1; l <= L; l++) {
    let c = 0;
    for (let i = l; i < n; i++) c += (e[i] as number) * (e[i - l] as number);
    s += 2 * (1 - l / (L + 1)) * c;
  }
  return { mean, stdError: Math.sqrt(Math.max(s, 0)) / sw, lags: L };
}
