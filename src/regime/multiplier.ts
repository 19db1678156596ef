/**
 * A sizing multiplier in (0, 1] from a regime: how much of the normal position to take in the
 * current market. `sizePosition` callers multiply their risk budget (or any cap) by it.
 *
 * HMM regimes (default table: inverse volatility relative to the calmest state)
 *
 *   m_k = σ_0 / σ_k          (m_0 = 1; a state twice as volatile gets half the exposure),
 *   applied m = Σ_k p_k m_k  with p the filtered probabilities at the last return (weighting
 *                            'probability', the default: the expected multiplier given what is
 *                            known now, smooth as the evidence shifts), or m = m_current
 *                            (weighting 'current').
 *
 * Scaling exposure by σ_target / σ keeps the position's volatility constant across regimes:
 * with σ_target the calm state's vol the position is never levered up, only cut back.
 *
 * Volatility-percentile regimes (default table: low 1, normal 0.75, high 0.5): a step version of
 * the same rule. Halving exposure in the high bucket is what inverse-vol scaling gives when that
 * bucket's vol is about twice the low bucket's; the user table overrides it.
 *
 * A user table gives m per state (an array of K numbers for an HMM, { low, normal, high } for the
 * classifier), each in (0, 1]. Any weighted mean of such numbers is again in (0, 1].
 *
 * Sources: A. Moreira and T. Muir, "Volatility-Managed Portfolios", J. Finance 72(4) (2017)
 * (exposure ∝ 1 / variance forecast; here the more conservative 1 / vol); C. R. Harvey, E. Hoyle,
 * R. Korgaonkar, S. Rattray, M. Sargaison and O. Van Hemert, "The Impact of Volatility
 * Targeting", J. Portfolio Management 45(1) (2018) (scaling by σ_target / σ̂).
 */
import { TradesizeError } from '../core/errors.js';
import { fmt, pct } from '../core/format.js';
import type { RegimeReport } from './report.js';
import { VOL_REGIMES, type VolRegimeLabel, type VolRegimeReport } from './vol-regime.js';

/** A regime's sizing multiplier and why. */
export interface RegimeMultiplier {
  /** e.g. 'hmm-state-1 of 2 (turbulent)' or 'vol-high'. */
  readonly regime: string;
  /** In (0, 1]. */
  readonly multiplier: number;
  /** One line: why this multiplier. */
  readonly explanation: string;
}

/** How an HMM's state multipliers are combined. */
export type RegimeWeighting = 'probability' | 'current';

/** Options of {@link regimeMultiplier}. */
export interface RegimeMultiplierOptions {
  /** HMM only: probability-weighted (default) or the current state's multiplier. */
  readonly weighting?: RegimeWeighting;
}

/** Default multipliers of the volatility-percentile classifier. */
export const VOL_REGIME_MULTIPLIERS: Readonly<Record<VolRegimeLabel, number>> = { low: 1, normal: 0.75, high: 0.5 };

function checkMultiplier(x: unknown, path: (string | number)[]): number {
  if (typeof x !== 'number' || !(x > 0 && x <= 1)) {
    throw new TradesizeError('INVALID_INPUT', `regimeMultiplier: ${path.join('.')} must be a number in (0, 1], got ${String(x)}`, path);
  }
  return x;
}

function hmmTable(report: RegimeReport, table: unknown): { m: number[]; why: string } {
  const k = report.states.length;
  if (table === undefined) {
    const calm = report.states[0]?.vol as number;
    return { m: report.states.map((s) => Math.min(1, calm / s.vol)), why: 'calm vol / state vol' };
  }
  if (!Array.isArray(table) || table.length !== k) {
    throw new TradesizeError('INVALID_INPUT', `regimeMultiplier: an HMM with ${k} states needs a table of ${k} multipliers`, ['table']);
  }
  return { m: table.map((x: unknown, i) => checkMultiplier(x, ['table', i])), why: 'given table' };
}

function forHmm(report: RegimeReport, table: unknown, weighting: RegimeWeighting): RegimeMultiplier {
  const { m, why } = hmmTable(report, table);
  const labels = report.states.map((s) => s.label);
  const k = labels.length;
  const regime = `hmm-state-${report.current} of ${k} (${report.currentLabel})`;
  const perState = `state multipliers ${m.map((x) => fmt(x, 4)).join(', ')} (${why})`;
  if (weighting === 'current') {
    const multiplier = m[report.current] as number;
    return { regime, multiplier, explanation: `current state ${report.currentLabel} (filtered P = ${fmt(report.probabilities[report.current] as number, 4)}); ${perState} → ${fmt(multiplier, 4)}` };
  }
  let multiplier = 0;
  report.probabilities.forEach((p, s) => (multiplier += p * (m[s] as number)));
  // The weights sum to 1 up to rounding; keep the mean between the smallest and largest multiplier.
  multiplier = Math.min(Math.max(...m), Math.max(Math.min(...m), multiplier));
  const probs = report.probabilities.map((p) => fmt(p, 4)).join(', ');
  return { regime, multiplier, explanation: `filtered P(${labels.join(', ')}) = ${probs} at the last return; ${perState}; probability-weighted → ${fmt(multiplier, 4)}` };
}

function forVol(report: VolRegimeReport, table: unknown): RegimeMultiplier {
  let m: Record<VolRegimeLabel, number> = { ...VOL_REGIME_MULTIPLIERS };
  if (table !== undefined) {
    if (typeof table !== 'object' || table === null || Array.isArray(table)) {
      throw new TradesizeError('INVALID_INPUT', 'regimeMultiplier: a volatility regime needs a table { low, normal, high }', ['table']);
    }
    const t = table as Record<string, unknown>;
    for (const key of Object.keys(t)) {
      if (!(VOL_REGIMES as readonly string[]).includes(key)) throw new TradesizeError('INVALID_INPUT', `regimeMultiplier: unknown regime "${key}" in the table; use low, normal, high`, ['table', key]);
    }
    m = { low: checkMultiplier(t.low, ['table', 'low']), normal: checkMultiplier(t.normal, ['table', 'normal']), high: checkMultiplier(t.high, ['table', 'high']) };
  }
  const multiplier = m[report.current];
  const [lo, hi] = report.thresholds;
  return {
    regime: `vol-${report.current}`,
    multiplier,
    explanation:
      `EWMA vol ${pct(report.annualizedVol)} is at percentile ${fmt(report.percentile * 100, 3)} of the last ${report.window} periods ` +
      `(low < ${fmt(lo * 100, 3)} ≤ normal ≤ ${fmt(hi * 100, 3)} < high) → ${report.current} → ${fmt(multiplier, 4)} ` +
      `(table low ${fmt(m.low, 4)}, normal ${fmt(m.normal, 4)}, high ${fmt(m.high, 4)})`,
  };
}

/**
 * The sizing multiplier of a regime result (see the module doc).
 *
 * @param report - an {@link RegimeReport} (hmmRegimes) or a {@link VolRegimeReport} (volRegime)
 * @param table - multipliers per state: K numbers for an HMM, { low, normal, high } for the classifier; each in (0, 1]
 * @param options - HMM weighting: 'probability' (default) or 'current'
 * @throws TradesizeError INVALID_INPUT (a table of the wrong shape at ['table'], an entry outside (0, 1] at ['table', key]).
 * @example
 * regimeMultiplier(hmmRegimes({ values: closes, states: 2 }));
 *   // => { regime: 'hmm-state-1 of 2 (turbulent)', multiplier: 0.41, explanation: 'filtered P(calm, turbulent) = 0.08, 0.92 …' }
 * regimeMultiplier(volRegime({ values: closes }), { low: 1, normal: 0.8, high: 0.4 });
 *   // => { regime: 'vol-high', multiplier: 0.4, explanation: 'EWMA vol 71% is at percentile 93 …' }
 */
export function regimeMultiplier(
  report: RegimeReport | VolRegimeReport,
  table?: readonly number[] | Readonly<Record<string, number>>,
  options: RegimeMultiplierOptions = {},
): RegimeMultiplier {
  const weighting = options.weighting ?? 'probability';
  if (weighting !== 'probability' && weighting !== 'current') {
    throw new TradesizeError('INVALID_INPUT', `regimeMultiplier: weighting must be 'probability' or 'current', got ${String(weighting)}`, ['weighting']);
  }
  if (report.method === 'hmm') return forHmm(report, table, weighting);
  if (report.method === 'vol') return forVol(report, table);
  throw new TradesizeError('INVALID_INPUT', 'regimeMultiplier: report must come from hmmRegimes or volRegime', ['report', 'method']);
}
