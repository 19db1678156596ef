/**
 * Accounts as columns for an engine snapshot: one typed array per number (cash, high-water mark,
 * day start, versions; per position its account, market, quantity and entry
 * price), the ids as one string, the specs once per distinct spec, and the rare per-account
 * extras (conditions, alerts, a state other than a plain ACTIVE) as a sparse list. A million
 * positions serialise as a few large buffers instead of a million small objects, which is what
 * keeps taking a snapshot and restarting from one fast (bench/engine/restart.bench.mjs). Map and
 * set orders are kept, so a restored engine iterates exactly as the original did.
 *
 * @example
 * const cols = encodeAccounts(engineSlots, marketIndex);
 * decodeAccounts(cols, marketNames).length; // => engineSlots.length
 */
import { Account, type AccountState } from './account.js';
import type { AccountSpec } from './schemas.js';

export interface AccountColumns {
  /** Ids joined by NUL (ids are URL-safe, so never contain one). */
  readonly ids: string;
  readonly specs: readonly string[];
  readonly spec: Int32Array;
  readonly cash: Float64Array;
  readonly highWater: Float64Array;
  readonly dayStart: Float64Array;
  readonly dayStartEquity: Float64Array;
  readonly version: Int32Array;
  /** Positions per account, in account order; then each position's columns in map order. */
  readonly count: Int32Array;
  readonly market: Int32Array;
  readonly quantity: Float64Array;
  readonly entry: Float64Array;
  /** [slot, conditions, alerts, last] for the accounts that carry any. */
  readonly extras: readonly [number, AccountState['conditions'], AccountState['alerts'], AccountState['last']][];
}

const plain = (a: Account): boolean => a.conditions.size === 0 && a.alerts.size === 0 && a.last.state === 'ACTIVE' && a.last.cause === null && a.last.conditions.length === 0;

/** The accounts (in slot order) as columns; `marketIndex` numbers the markets. */
export function encodeAccounts(slots: readonly Account[], marketIndex: ReadonlyMap<string, number>): AccountColumns {
  const n = slots.length;
  let positions = 0;
  for (const a of slots) positions += a.positions.size;
  const specIds = new Map<string, number>();
  const specs: string[] = [];
  const c = {
    spec: new Int32Array(n), cash: new Float64Array(n), highWater: new Float64Array(n), dayStart: new Float64Array(n), dayStartEquity: new Float64Array(n), version: new Int32Array(n), count: new Int32Array(n),
    market: new Int32Array(positions), quantity: new Float64Array(positions), entry: new Float64Array(positions),
  };
  const extras: AccountColumns['extras'][number][] = [];
  let p = 0;
  slots.forEach((a, i) => {
    const key = JSON.stringify(a.spec);
    let s = specIds.get(key);
    if (s === undefined) {
      s = specs.push(key) - 1;
      specIds.set(key, s);
    }
    c.spec[i] = s;
    c.cash[i] = a.cash;
    c.highWater[i] = a.highWater;
    c.dayStart[i] = a.dayStart;
    c.dayStartEquity[i] = a.dayStartEquity;
    c.version[i] = a.version;
    c.count[i] = a.positions.size;
    for (const [market, pos] of a.positions) {
      c.market[p] = marketIndex.get(market) as number;
      c.quantity[p] = pos.quantity;
      c.entry[p] = pos.entryPrice;
      p++;
    }
    if (!plain(a)) extras.push([i, new Map(a.conditions), new Set(a.alerts), a.last]);
  });
  return { ids: slots.map((a) => a.id).join('\u0000'), specs, ...c, extras };
}

/** The accounts of {@link encodeAccounts}, in slot order; `markets` names the market numbers. */
export function decodeAccounts(c: AccountColumns, markets: readonly string[]): Account[] {
  const ids = c.ids === '' ? [] : c.ids.split('\u0000');
  const specs = c.specs.map((s) => JSON.parse(s) as AccountSpec);
  const extras = new Map(c.extras.map((x) => [x[0], x]));
  const active: AccountState['last'] = { state: 'ACTIVE', cause: null, conditions: [] };
  let p = 0;
  return ids.map((id, i) => {
    const extra = extras.get(i);
    const positions = new Map<string, { quantity: number; entryPrice: number }>();
    for (let k = 0; k < (c.count[i] as number); k++, p++) {
      const market = markets[c.market[p] as number] as string;
      positions.set(market, { quantity: c.quantity[p] as number, entryPrice: c.entry[p] as number });
    }
    return Account.fromState({
      id, spec: specs[c.spec[i] as number] as AccountSpec, cash: c.cash[i] as number, positions, highWater: c.highWater[i] as number, dayStart: c.dayStart[i] as number,
      dayStartEquity: c.dayStartEquity[i] as number, conditions: extra?.[1] ?? new Map(), alerts: extra?.[2] ?? new Set(), last: extra?.[3] ?? active, slot: i, version: c.version[i] as number,
    });
  });
}
