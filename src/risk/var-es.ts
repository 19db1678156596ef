/**
 * Value at Risk and Expected Shortfall of a return sample at confidence level p (e.g. 0.95),
 * reported as POSITIVE loss numbers in return units: VaR = 0.05 means "a loss of 5 % is exceeded
 * with probability 1 − p". A VaR below zero means that even the α-quantile is a gain.
 *
 * Notation (PerformanceAnalytics conventions, math.md §7): α = 1 − p; r̄ the sample mean;
 * m_k = mean((r − r̄)^k) the POPULATION central moments (divisor n); S = m3/m2^{3/2} the skewness;
 * K = m4/m2² − 3 the excess kurtosis; z = Φ⁻¹(α) < 0; φ the standard normal density.
 *
 *   historical:      q = empirical α-quantile with linear interpolation (Hyndman–Fan type 7, R's
 *                    default, numpy.quantile's default 'linear'): sorted x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎,
 *                    h = (n − 1)·α, q = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
 *                    VaR = −q;  ES = −mean{ r : r < q }  (STRICT inequality, as PerformanceAnalytics;
 *                    when no return lies strictly below q, i.e. q is the sample minimum, the mean of
 *                    { r : r ≤ q } is used, so ES = VaR).
 *   gaussian:        VaR = −(r̄ + z·√m2) = −r̄ + √m2·z_p;   ES = −r̄ + √m2·φ(z)/α.
 *   cornish-fisher:  h = z + (z² − 1)S/6 + (z³ − 3z)K/24 − (2z³ − 5z)S²/36,   VaR = −(r̄ + h·√m2);
 *                    E = φ(h)·[1 + h³S/6 + (h⁶ − 9h⁴ + 9h² + 3)S²/72 + (h⁴ − 2h² − 1)K/24],
 *                    ES = −r̄ − √m2·min(−E/α, h)   (so ES ≥ VaR always).
 *   student-t:       location-scale t fitted by maximum likelihood ({@link fitStudentT}: μ, s, ν),
 *                    q = t_ν⁻¹(p):  VaR = −μ + s·q;  ES = −μ + s·(ν + q²)/(ν − 1)·f_ν(q)/α  (needs ν > 1).
 *
 * The Cornish–Fisher expansion is an approximation: for large |S| or K the quantile h can stop
 * being monotone in α (Maillard 2012); the result is returned as computed.
 *
 * Sources: P. Jorion, "Value at Risk", 3rd ed. (2007), ch. 5 (historical and parametric VaR);
 * C. Acerbi and D. Tasche, "On the coherence of Expected Shortfall", Journal of Banking & Finance
 * 26 (2002) (ES); R. J. Hyndman and Y. Fan, "Sample Quantiles in Statistical Packages", The
 * American Statistician 50(4) (1996) (type 7); L. Favre and J.-A. Galeano, "Mean-Modified
 * Value-at-Risk Optimization with Hedge Funds", Journal of Alternative Investments 5(2) (2002)
 * (Cornish–Fisher VaR); K. Boudt, B. Peterson and C. Croux, "Estimation and decomposition of
 * downside risk for portfolios with non-normal returns", Journal of Risk 11(2) (2008) (modified
 * ES); B. G. Peterson and P. Carl, PerformanceAnalytics, R/VaR.R and R/ES.R (operES.CornishFisher);
 * A. J. McNeil, R. Frey and P. Embrechts, "Quantitative Risk Management" (2015), Example 2.15
 * (Student-t ES); D. Maillard, "A User's Guide to the Cornish Fisher Expansion", SSRN (2012).
 */
import { z } from 'zod';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { TradesizeError } from '../core/errors.js';
import { openUnit } from '../core/schemas.js';
import { parseInput } from '../core/validate.js';
import { studentTLogPdf } from '../dists/student-t.js';
import { requireFiniteSeries } from '../market/returns.js';
import { fitStudentT } from '../stats/student-t-fit.js';

/** Methods of {@link riskMeasures}. */
export const RISK_METHODS = ['historical', 'gaussian', 'cornish-fisher', 'student-t'] as const;
export type RiskMethod = (typeof RISK_METHODS)[number];

/** Fewest returns accepted by {@link riskMeasures}. */
export const MIN_RISK_OBSERVATIONS = 2;

/** Options of {@link riskMeasures}. */
export const RiskMeasuresOptions = z.object({
  /** Confidence level p in (0, 1), e.g. 0.95 or 0.99 (the tail probability is 1 − p). */
  level: openUnit(),
  /** Estimation method (default 'historical'). */
  method: z.enum(RISK_METHODS).default('historical'),
});
export type RiskMeasuresOptions = z.input<typeof RiskMeasuresOptions>;

/** VaR and ES as positive losses in return units. */
export interface VarEs {
  /** Value at Risk: minus the α-quantile of returns. */
  readonly var: number;
  /** Expected Shortfall: minus the mean return in the α-tail; ≥ var. */
  readonly es: number;
}

/** Result of {@link riskMeasures}. */
export interface RiskMeasuresResult extends VarEs {
  readonly method: RiskMethod;
  readonly level: number;
  readonly observations: number;
  /** Sample mean r̄. */
  readonly mean: number;
  /** Population standard deviation √m2. */
  readonly sd: number;
  /** Population skewness (cornish-fisher only). */
  readonly skew?: number;
  /** Population excess kurtosis (cornish-fisher only). */
  readonly excessKurtosis?: number;
  /** Fitted location-scale t (student-t only). */
  readonly studentT?: { readonly loc: number; readonly scale: number; readonly nu: number };
}

/** Population moments of a sample. */
export interface SampleMoments {
  readonly mean: number;
  /** m2 = mean((r − r̄)²). */
  readonly m2: number;
  /** m3/m2^{3/2}. NaN when m2 = 0. */
  readonly skew: number;
  /** m4/m2² − 3. NaN when m2 = 0. */
  readonly excessKurtosis: number;
}

/** Standard normal density φ(x). */
export const normalPdf = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/**
 * Population moments (two passes). A kernel: no validation.
 *
 * @example
 * sampleMoments([1, 2, 3, 10]); // => { mean: 4, m2: 12.5, skew: 1.0733…, excessKurtosis: -0.7632 }
 */
export function sampleMoments(x: ArrayLike<number>): SampleMoments {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i] as number;
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { mean, m2, skew: m3 / m2 ** 1.5, excessKurtosis: m4 / (m2 * m2) - 3 };
}

/**
 * Empirical quantile with linear interpolation (type 7) of an ascending-sorted sample, computed as
 * numpy's `_lerp` (interpolating from the nearer end). A kernel: no validation.
 *
 * @example
 * quantileType7Sorted([1, 2, 3, 4, 5], 0.1); // => 1.4
 */
export function quantileType7Sorted(sorted: ArrayLike<number>, prob: number): number {
  const n = sorted.length;
  const h = (n - 1) * prob;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  if (lo >= n - 1) return sorted[n - 1] as number;
  const b = sorted[lo + 1] as number;
  const t = h - lo;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * Historical VaR/ES (module doc). A kernel: no validation; needs n ≥ 1 finite returns.
 *
 * @example
 * historicalVarEs([-0.05, -0.02, 0, 0.01, 0.03], 0.9); // => { var: 0.038, es: 0.05 } (q = −0.038)
 */
export function historicalVarEs(returns: ArrayLike<number>, level: number): VarEs {
  const sorted = Float64Array.from(returns).sort();
  const q = quantileType7Sorted(sorted, 1 - level);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < sorted.length && (sorted[i] as number) < q; i++, count++) sum += sorted[i] as number;
  if (count === 0) {
    for (let i = 0; i < sorted.length && (sorted[i] as number) <= q; i++, count++) sum += sorted[i] as number;
  }
  return { var: -q, es: -sum / count };
}

/**
 * Gaussian VaR/ES for mean `mean` and standard deviation `sd` (module doc). A kernel.
 *
 * @example
 * gaussianVarEs(0, 1, 0.95); // => { var: 1.644853…, es: 2.062712… }
 */
export function gaussianVarEs(mean: number, sd: number, level: number): VarEs {
  const alpha = 1 - level;
  const z = normalQuantile(alpha, 0, 1);
  return { var: -(mean + z * sd), es: -mean + (sd * normalPdf(z)) / alpha };
}

/**
 * Cornish–Fisher (modified) VaR/ES for given moments (module doc). A kernel.
 *
 * @example
 * cornishFisherVarEs(0, 1, 0, 0, 0.95);     // => the Gaussian values { var: 1.644853…, es: 2.062712… }
 * cornishFisherVarEs(0, 1, -1, 3, 0.99).var; // => 3.3855… (> 2.326 for the normal)
 */
export function cornishFisherVarEs(mean: number, sd: number, skew: number, excessKurtosis: number, level: number): VarEs {
  const alpha = 1 - level;
  const s = skew;
  const k = excessKurtosis;
  const z = normalQuantile(alpha, 0, 1);
  const h = z + ((z * z - 1) * s) / 6 + ((z ** 3 - 3 * z) * k) / 24 - ((2 * z ** 3 - 5 * z) * s * s) / 36;
  const h2 = h * h;
  const e =
    normalPdf(h) *
    (1 + (h ** 3 * s) / 6 + ((h ** 6 - 9 * h2 * h2 + 9 * h2 + 3) * s * s) / 72 + ((h2 * h2 - 2 * h2 - 1) * k) / 24);
  return { var: -(mean + h * sd), es: -mean - sd * Math.min(-e / alpha, h) };
}

/**
 * VaR/ES of a location-scale Student-t (loc μ, scale s, ν > 1 degrees of freedom; module doc). A kernel.
 *
 * @example
 * studentTVarEs(0, 1, 4, 0.95); // => { var: 2.131846…, es: 3.202719… }
 */
export function studentTVarEs(loc: number, scale: number, nu: number, level: number): VarEs {
  const alpha = 1 - level;
  const q = tQuantile(level, nu);
  const logPdf = studentTLogPdf(q, nu);
  return { var: -loc + scale * q, es: -loc + (scale * ((nu + q * q) / (nu - 1)) * Math.exp(logPdf)) / alpha };
}

/**
 * VaR and ES of a return sample by the chosen method, as positive losses in return units.
 *
 * @throws TradesizeError INVALID_INPUT (level ∉ (0, 1) at ['level'], unknown method at ['method'],
 *   a non-finite return at ['returns', i], zero variance for cornish-fisher/student-t at ['returns']),
 *   INSUFFICIENT_DATA (fewer than 2 returns, path ['returns']), NON_FINITE_RESULT (student-t fit
 *   with ν ≤ 1: ES does not exist).
 * @example
 * riskMeasures([-0.05, -0.02, 0, 0.01, 0.03], { level: 0.9 });  // => { var: 0.038, es: 0.05, method: 'historical', ... }
 * riskMeasures(returns, { level: 0.99, method: 'cornish-fisher' }).skew;
 */
export function riskMeasures(returns: ArrayLike<number>, options: RiskMeasuresOptions): RiskMeasuresResult {
  const { level, method } = parseInput(RiskMeasuresOptions, options, 'riskMeasures');
  requireFiniteSeries(returns, ['returns'], MIN_RISK_OBSERVATIONS);
  const m = sampleMoments(returns);
  const sd = Math.sqrt(m.m2);
  const base = { method, level, observations: returns.length, mean: m.mean, sd };
  if (method === 'historical') return { ...historicalVarEs(returns, level), ...base };
  if (method === 'gaussian') return { ...gaussianVarEs(m.mean, sd, level), ...base };
  if (!(m.m2 > 0)) {
    throw new TradesizeError('INVALID_INPUT', `riskMeasures: ${method} needs returns that are not all equal`, ['returns']);
  }
  if (method === 'cornish-fisher') {
    return { ...cornishFisherVarEs(m.mean, sd, m.skew, m.excessKurtosis, level), ...base, skew: m.skew, excessKurtosis: m.excessKurtosis };
  }
  const fit = fitStudentT(returns instanceof Float64Array ? returns : Array.from(returns));
  if (!(fit.nu > 1)) {
    throw new TradesizeError('NON_FINITE_RESULT', `riskMeasures: the fitted t has nu = ${fit.nu} <= 1, so ES is infinite`, ['returns']);
  }
  return { ...studentTVarEs(fit.loc, fit.scale, fit.nu, level), ...base, studentT: { loc: fit.loc, scale: fit.scale, nu: fit.nu } };
}
