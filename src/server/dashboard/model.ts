/**
 * What the page knows besides the latest snapshot: the alerts in force (the latest `alert` or
 * `alert-cleared` event per account and code decides) and a log of the events worth reading
 * (state changes, alerts, market status, fills), newest first. Events are keyed by `seq`, so the
 * history fetched on load and the live stream can arrive in any order and overlap.
 */
import type { EngineEvent } from '../../engine/engine.js';
import type { Snapshot } from '../views.js';
import { fixed, pct, quantity } from './format.js';

export type Level = 'bad' | 'warn' | 'ok' | 'info';

export interface LogEntry {
  readonly seq: number;
  readonly time: number;
  readonly level: Level;
  readonly text: string;
}

export type AlertEvent = Extract<EngineEvent, { type: 'alert' }>;
type AlertSide = AlertEvent | Extract<EngineEvent, { type: 'alert-cleared' }>;

const LOG_SIZE = 60;

const metric = (code: AlertEvent['code'], v: number | null): string => pct(v, code === 'MARGIN_RATIO' ? 2 : 1);

/** The log line of an event, or null for one not worth a line (order decisions, account puts). */
export function describe(e: EngineEvent): Omit<LogEntry, 'seq' | 'time'> | null {
  switch (e.type) {
    case 'state':
      return { level: e.state === 'HALTED' ? 'bad' : e.state === 'REDUCING' ? 'warn' : 'ok', text: `${e.account}: ${e.previous} → ${e.state}${e.cause === null ? '' : ` (${e.cause})`}` };
    case 'alert': {
      const r = e.recommendation;
      const advice = r === null ? '' : `; reduce ${r.market} by ${fixed(r.reduceBy, 4)} to ${quantity(r.quantity)}`;
      return { level: 'bad', text: `${e.account}: ${e.code} ${metric(e.code, e.value)} ≥ ${metric(e.code, e.threshold)}${advice}` };
    }
    case 'alert-cleared':
      return { level: 'ok', text: `${e.account}: ${e.code} back below ${metric(e.code, e.threshold)}` };
    case 'market':
      return { level: e.status === 'down' ? 'bad' : e.status === 'suspect' ? 'warn' : 'ok', text: `${e.market}: prices ${e.status}` };
    case 'fill':
      return { level: 'info', text: `${e.account}: ${e.side} ${e.quantity} ${e.market} @ ${e.price}` };
    default:
      return null;
  }
}

export class Model {
  snapshot: Snapshot | null = null;
  private readonly alerts = new Map<string, AlertSide>();
  private readonly log = new Map<number, LogEntry>();

  /** Takes an event in; true when it changed what the alerts panel shows. */
  apply(e: EngineEvent): boolean {
    let changed = false;
    if (e.type === 'alert' || e.type === 'alert-cleared') {
      const key = `${e.account}\u0000${e.code}`;
      const prev = this.alerts.get(key);
      if (prev === undefined || prev.seq < e.seq) {
        this.alerts.set(key, e);
        changed = true;
      }
    }
    const line = this.log.has(e.seq) ? null : describe(e);
    if (line !== null) {
      this.log.set(e.seq, { seq: e.seq, time: e.time, ...line });
      if (this.log.size > LOG_SIZE) this.log.delete(Math.min(...this.log.keys()));
      changed = true;
    }
    return changed;
  }

  /** The alerts in force, newest first. */
  active(): AlertEvent[] {
    return [...this.alerts.values()].filter((e): e is AlertEvent => e.type === 'alert').sort((a, b) => b.seq - a.seq);
  }

  /** The log, newest first. */
  entries(): LogEntry[] {
    return [...this.log.values()].sort((a, b) => b.seq - a.seq);
  }
}
