/**
 * Rebalancing policies of a delta hedge and their SPEC strings (`tradesize hedge-sim --policy`):
 *
 *   interval:D          rebalance to delta-neutral every D: a duration `30m`, `1h`, `4h`, `1d`, or a
 *                       bare integer of steps (`interval:1` = every step); a multiple of the step
 *   band:X              rebalance to delta-neutral when |book delta| exceeds X (units of the underlying)
 *   ww:γ  or  ww:λ,γ    Whalley–Wilmott band for risk aversion γ (per USD), built for cost rate λ
 *                       (default: the cost rate charged); traded to its nearest edge
 *   zak:γ or zak:λ,γ    Zakamouline's band (also `zakamouline:`), likewise
 *
 * (`whalley-wilmott:` is accepted for `ww:`). The bands' formulas and sources are in
 * `../options/no-trade-band.ts`.
 *
 * @example
 * parsePolicySpec('interval:4h', 3_600_000, 0.0005).params; // => { code: 0, every: 4, band: 0, costRate: 0, riskAversion: 0 }
 * parsePolicySpec('ww:0.001,2e-4', 3_600_000, 0.0005).params.riskAversion; // => 2e-4
 */
import { TradesizeError } from '../core/errors.js';
import { POLICY_BAND, POLICY_INTERVAL, POLICY_WW, POLICY_ZAKAMOULINE, type PolicyParams } from '../simulation/hedge-spec.js';

/** A policy of the hedge now (`hedgeRecommendation`): the band's rule and its parameters. */
export type HedgePolicy =
  | { readonly kind: 'interval' }
  | { readonly kind: 'band'; readonly band: number }
  | { readonly kind: 'whalley-wilmott'; readonly costRate: number; readonly riskAversion: number }
  | { readonly kind: 'zakamouline'; readonly costRate: number; readonly riskAversion: number };

/** A parsed SPEC: its text (the label in reports) and the kernel's parameters. */
export interface ParsedPolicy {
  readonly label: string;
  readonly params: PolicyParams;
}

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

function refuse(spec: string, why: string, index: number): never {
  throw new TradesizeError('INVALID_INPUT', `policy "${spec}": ${why} (SPEC is interval:D, band:X, ww:[λ,]γ or zak:[λ,]γ)`, ['policy', index]);
}

function positive(spec: string, text: string | undefined, what: string, index: number): number {
  const v = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(v) || !(v > 0)) refuse(spec, `${what} must be a number > 0, got "${text ?? ''}"`, index);
  return v;
}

/** Steps between rebalances of `interval:D` on a grid of `stepMs`. */
function intervalSteps(spec: string, d: string, stepMs: number, index: number): number {
  const m = /^(\d+(?:\.\d+)?)([mhd])?$/.exec(d.trim());
  if (m === null) refuse(spec, `the interval must be a duration such as 30m, 1h, 1d or a whole number of steps, got "${d}"`, index);
  const amount = Number(m[1]);
  if (m[2] === undefined) {
    if (!Number.isInteger(amount) || amount < 1) refuse(spec, `a bare interval counts steps: a whole number ≥ 1, got "${d}"`, index);
    return amount;
  }
  const steps = (amount * (UNIT_MS[m[2]] as number)) / stepMs;
  const whole = Math.round(steps);
  if (whole < 1 || Math.abs(steps - whole) > 1e-9 * steps) refuse(spec, `${d} is not a whole number of ${stepMs / 60_000}-minute steps`, index);
  return whole;
}

/**
 * Parses one SPEC (module doc) for a simulation on steps of `stepMs` milliseconds; `costRate` is
 * the cost rate charged, the default λ of the bands.
 *
 * @throws TradesizeError INVALID_INPUT (path ['policy', index]) for an unknown kind or a bad parameter.
 */
export function parsePolicySpec(spec: string, stepMs: number, costRate: number, index = 0): ParsedPolicy {
  const colon = spec.indexOf(':');
  const kind = (colon < 0 ? spec : spec.slice(0, colon)).trim().toLowerCase();
  const arg = colon < 0 ? '' : spec.slice(colon + 1);
  const none = { every: 0, band: 0, costRate: 0, riskAversion: 0 };
  if (kind === 'interval') return { label: spec, params: { ...none, code: POLICY_INTERVAL, every: intervalSteps(spec, arg, stepMs, index) } };
  if (kind === 'band') return { label: spec, params: { ...none, code: POLICY_BAND, band: positive(spec, arg, 'the band X', index) } };
  const code = kind === 'ww' || kind === 'whalley-wilmott' ? POLICY_WW : kind === 'zak' || kind === 'zakamouline' ? POLICY_ZAKAMOULINE : null;
  if (code === null) refuse(spec, `unknown policy "${kind}"`, index);
  const parts = arg.split(',');
  if (parts.length > 2) refuse(spec, 'expected γ or λ,γ', index);
  const lambda = parts.length === 2 ? positive(spec, parts[0], 'the cost rate λ', index) : costRate;
  if (!(lambda > 0)) refuse(spec, 'a band needs a cost rate λ > 0 (give ww:λ,γ or --cost-rate)', index);
  const gamma = positive(spec, parts[parts.length - 1], 'the risk aversion γ', index);
  return { label: spec, params: { ...none, code, costRate: lambda, riskAversion: gamma } };
}
