/**
 * Policy SPEC strings (public contracts): `fixed-leverage:L`, `fixed-risk:F`, `kelly:C`,
 * `vol-target:S`, `sizer`, `universal:LMAX`.
 *
 * @example
 * parsePolicy('kelly:0.5'); // => { kind: 'kelly', param: 0.5, text: 'kelly:0.5' }
 * parsePolicy('sizer');     // => { kind: 'sizer', param: 0, text: 'sizer' }
 */
import { TradesizeError } from '../../core/errors.js';

export const POLICY_KINDS = ['fixed-leverage', 'fixed-risk', 'kelly', 'vol-target', 'sizer', 'universal'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

/** A parsed policy: its kind, its one parameter (0 for `sizer`) and the SPEC as written. */
export interface PolicySpec {
  readonly kind: PolicyKind;
  readonly param: number;
  readonly text: string;
}

/** What each kind's parameter means and its range. */
const PARAM: Readonly<Record<Exclude<PolicyKind, 'sizer'>, { name: string; ok: (x: number) => boolean; range: string }>> = {
  'fixed-leverage': { name: 'L', ok: (x) => x >= 0, range: '≥ 0' },
  'fixed-risk': { name: 'F', ok: (x) => x > 0 && x <= 1, range: 'in (0, 1]' },
  kelly: { name: 'C', ok: (x) => x > 0, range: '> 0' },
  'vol-target': { name: 'S', ok: (x) => x > 0, range: '> 0' },
  universal: { name: 'LMAX', ok: (x) => x > 0, range: '> 0' },
};

/**
 * Parses one SPEC string.
 *
 * @throws TradesizeError INVALID_INPUT (unknown kind, missing or out-of-range parameter), path ['policy'].
 */
export function parsePolicy(text: string): PolicySpec {
  const s = String(text).trim();
  const colon = s.indexOf(':');
  const kind = (colon < 0 ? s : s.slice(0, colon)) as PolicyKind;
  if (!(POLICY_KINDS as readonly string[]).includes(kind)) {
    throw new TradesizeError('INVALID_INPUT', `unknown policy "${s}"; expected one of fixed-leverage:L, fixed-risk:F, kelly:C, vol-target:S, sizer, universal:LMAX`, ['policy']);
  }
  if (kind === 'sizer') {
    if (colon >= 0) throw new TradesizeError('INVALID_INPUT', `policy "sizer" takes no parameter, got "${s}"`, ['policy']);
    return { kind, param: 0, text: s };
  }
  const rule = PARAM[kind];
  const raw = colon < 0 ? '' : s.slice(colon + 1).trim();
  const x = raw === '' ? Number.NaN : Number(raw);
  if (!(Number.isFinite(x) && rule.ok(x))) {
    throw new TradesizeError('INVALID_INPUT', `policy "${s}": ${kind}:${rule.name} needs ${rule.name} ${rule.range}`, ['policy']);
  }
  return { kind, param: x, text: s };
}
