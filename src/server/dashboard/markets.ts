/**
 * The markets panel (per market: the median price, the effective status with the grace period,
 * and each source's price, age and validity with the reason it is not valid) and the alerts
 * panel (the alerts in force with their resize recommendation, then the event log).
 */
import type { MarketView, Snapshot } from '../views.js';
import { el } from './dom.js';
import { age, clock, price } from './format.js';
import type { Model } from './model.js';
import { describe } from './model.js';

const STATUS_CLASS = { ok: 'ok', suspect: 'warn', down: 'bad' } as const;

function marketCard(m: MarketView, now: number): HTMLElement {
  const grace = m.status !== m.effective ? el('span', { class: 'muted' }, ` (sources ${m.status}; grace period)`) : null;
  const rows = m.sources.map((src) =>
    el(
      'tr',
      { 'data-source': src.source, 'data-valid': String(src.valid) },
      el('td', {}, src.source),
      el('td', { class: 'num' }, price(src.price)),
      el('td', { class: 'num' }, age(now - src.time)),
      el('td', { class: src.valid ? 'ok' : 'bad' }, src.valid ? 'valid' : (src.reason ?? 'invalid')),
    ),
  );
  return el(
    'article',
    { class: 'card market', 'data-market': m.market, 'data-status': m.effective },
    el('header', { class: 'card-head' }, el('h3', {}, m.market), el('span', { class: `badge ${STATUS_CLASS[m.effective]}` }, m.effective), grace),
    el('div', { class: 'market-price' }, price(m.price), el('span', { class: 'muted' }, ` · ${m.validSources}/${m.sources.length} valid${m.fault === null ? '' : ` · ${m.fault}`}`)),
    el('table', { class: 'sources' }, el('thead', {}, el('tr', {}, el('th', {}, 'source'), el('th', { class: 'num' }, 'price'), el('th', { class: 'num' }, 'age'), el('th', {}, 'validity'))), el('tbody', {}, ...rows)),
  );
}

export function renderMarkets(root: HTMLElement, s: Snapshot): void {
  root.replaceChildren(...(s.markets.length === 0 ? [el('p', { class: 'muted' }, 'No markets yet.')] : s.markets.map((m) => marketCard(m, s.time))));
}

export function renderAlerts(active: HTMLElement, log: HTMLElement, model: Model): void {
  const alerts = model.active().map((e) => el('li', { class: 'alert bad', 'data-code': e.code }, el('time', {}, clock(e.time)), ` ${describe(e)?.text ?? e.code}`));
  active.replaceChildren(...(alerts.length > 0 ? alerts : [el('li', { class: 'muted' }, 'No alert in force.')]));
  const lines = model.entries().map((l) => el('li', { class: l.level }, el('time', {}, clock(l.time)), ` ${l.text}`));
  log.replaceChildren(...(lines.length > 0 ? lines : [el('li', { class: 'muted' }, 'No events yet.')]));
}
