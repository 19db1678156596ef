/**
 * The risk engine's dashboard (served at `/` by `tradesize serve`): accounts with their trading
 * state, positions with their liquidation risk, alerts, price sources and live charts of the
 * change in equity and in prices since the page opened, all from the engine's WebSocket stream. On the first snapshot it fetches each
 * account's event history once, so alerts raised before the page opened show too.
 */
import type { EngineEvent } from '../../engine/engine.js';
import type { Snapshot } from '../views.js';
import { renderAccounts, renderPositions } from './accounts.js';
import { LiveChart } from './charts.js';
import { byId } from './dom.js';
import { clock, fixed, signed } from './format.js';
import { renderAlerts, renderMarkets } from './markets.js';
import { Model } from './model.js';
import { connect } from './stream.js';

const model = new Model();
const equity = new LiveChart(byId('equity-chart'), (v) => signed(v, 0));
const prices = new LiveChart(byId('price-chart'), (v) => `${fixed(v, 2)}%`);
/** Each account's first equity and each market's first price seen: the bases of the charts' changes. */
const equityBase = new Map<string, number>();
const base = new Map<string, number>();
let historyLoaded = false;

const showAlerts = (): void => renderAlerts(byId('active-alerts'), byId('event-log'), model);

async function loadHistory(s: Snapshot): Promise<void> {
  for (const a of s.accounts) {
    const res = await fetch(`/v1/accounts/${encodeURIComponent(a.id)}/events`);
    if (res.ok) for (const e of (await res.json()) as EngineEvent[]) model.apply(e);
  }
  showAlerts();
}

function onSnapshot(s: Snapshot): void {
  model.snapshot = s;
  if (!historyLoaded) {
    historyLoaded = true;
    void loadHistory(s);
  }
  byId('engine-time').textContent = clock(s.time);
  renderAccounts(byId('accounts'), s);
  renderPositions(byId('positions-body'), s);
  renderMarkets(byId('markets'), s);
  for (const a of s.accounts) if (!equityBase.has(a.id)) equityBase.set(a.id, a.equity);
  equity.push(s.time, new Map(s.accounts.map((a) => [a.id, a.equity - (equityBase.get(a.id) as number)])));
  const changes = new Map<string, number | null>();
  for (const m of s.markets) {
    if (m.price !== null && !base.has(m.market)) base.set(m.market, m.price);
    const b = base.get(m.market);
    changes.set(m.market, m.price === null || b === undefined ? null : 100 * (m.price / b - 1));
  }
  prices.push(s.time, changes);
}

connect(
  (m) => {
    if (m.type === 'snapshot') onSnapshot(m);
    else if (model.apply(m)) showAlerts();
  },
  (c) => {
    const badge = byId('connection');
    badge.textContent = c;
    badge.className = `badge ${c === 'live' ? 'ok' : 'warn'}`;
  },
);
showAlerts();
