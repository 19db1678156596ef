/**
 * An account's trading state, from the conditions in force: HALTED when any halting condition
 * holds (kill switch, no valid price for an exposed market, a protection that failed), else
 * REDUCING when any reducing condition holds (daily loss, drawdown, cooldown after a stop-out,
 * a suspect market), else ACTIVE. The cause is the condition of highest priority. Each
 * condition may carry the time it ends by itself.
 *
 * SOURCE: NautilusTrader `TradingState` (ACTIVE / REDUCING / HALTED) and its RiskEngine, as
 * summarised in ../shared/references/style.md §7; issue #10 §4.
 */
import type { DenialCode } from './denial-codes.js';

export type TradingState = 'ACTIVE' | 'REDUCING' | 'HALTED';

export interface Condition {
  readonly state: Exclude<TradingState, 'ACTIVE'>;
  readonly cause: DenialCode;
  /** Engine time at which the condition ends by itself; null: until lifted. */
  readonly until: number | null;
  /** Engine time at which it began. */
  readonly since: number;
}

/** Causes in priority order: the first that holds is the account's `stateCause`. */
const PRIORITY: readonly DenialCode[] = [
  'KILL_SWITCH',
  'PROTECTION_ERROR',
  'STALE_PRICE',
  'PRICE_DEVIATION',
  'INSUFFICIENT_SOURCES',
  'DRAWDOWN_LIMIT',
  'DAILY_LOSS_LIMIT',
  'COOLDOWN',
];

export interface StateSummary {
  readonly state: TradingState;
  readonly cause: DenialCode | null;
  /** Every condition in force, highest priority first. */
  readonly conditions: readonly Condition[];
}

/**
 * The state that a set of conditions gives.
 *
 * @example
 * summarise([{ state: 'REDUCING', cause: 'COOLDOWN', until: 9, since: 0 }]);
 * // => { state: 'REDUCING', cause: 'COOLDOWN', conditions: [...] }
 */
export function summarise(conditions: readonly Condition[]): StateSummary {
  const sorted = [...conditions].sort((a, b) => rank(a) - rank(b));
  const halted = sorted.find((c) => c.state === 'HALTED');
  const top = halted ?? sorted[0];
  return { state: top === undefined ? 'ACTIVE' : top.state, cause: top?.cause ?? null, conditions: sorted };
}

function rank(c: Condition): number {
  const i = PRIORITY.indexOf(c.cause);
  return (c.state === 'HALTED' ? 0 : 100) + (i < 0 ? PRIORITY.length : i);
}

/** Start of the UTC day containing `t` (ms). */
export function utcDayStart(t: number): number {
  return Math.floor(t / 86_400_000) * 86_400_000;
}
