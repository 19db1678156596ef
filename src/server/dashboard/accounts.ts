/**
 * The accounts panel (a card per account: state and cause, equity, leverage, drawdown, gauges of
 * margin ratio and largest liquidation probability against their alert thresholds) and the
 * positions table (signed quantity, entry, mark, PnL, liquidation price, distance to it in price
 * and in σ, probability of reaching it within the engine's horizon).
 */
import type { AccountView } from '../../engine/engine.js';
import type { Snapshot } from '../views.js';
import { el } from './dom.js';
import { clock, DASH, fixed, pct, price, quantity, sigmas, signed } from './format.js';

const STATE_CLASS = { ACTIVE: 'ok', REDUCING: 'warn', HALTED: 'bad' } as const;

/** A badge for a trading state. */
export const stateBadge = (state: AccountView['state']): HTMLElement => el('span', { class: `badge ${STATE_CLASS[state]}`, 'data-role': 'state' }, state);

/** Green below half the threshold, amber below it, red at or above. */
const level = (v: number, threshold: number): string => (v >= threshold ? 'bad' : v >= threshold / 2 ? 'warn' : 'ok');

/**
 * A horizontal gauge of `value` on [0, 1] with a mark at the alert threshold; `missing` says why
 * there is no value.
 */
function gauge(label: string, value: number | null, threshold: number, missing: string, digits: number): HTMLElement {
  const bar = el('div', { class: 'gauge-bar' });
  if (value !== null) {
    const fill = el('div', { class: `gauge-fill ${level(value, threshold)}` });
    fill.style.width = `${Math.min(100, 100 * value)}%`;
    bar.append(fill);
  }
  const mark = el('div', { class: 'gauge-mark', title: `alert at ${pct(threshold, 1)}` });
  mark.style.left = `${100 * threshold}%`;
  bar.append(mark);
  const shown = value === null ? el('span', { class: 'muted' }, missing) : el('span', { class: level(value, threshold) }, pct(value, digits));
  return el('div', { class: 'gauge' }, el('div', { class: 'gauge-head' }, el('span', {}, label), shown), bar, el('div', { class: 'gauge-foot muted' }, `alert at ${pct(threshold, 1)}`));
}

function stat(label: string, value: string, cls = ''): HTMLElement {
  return el('div', { class: 'stat' }, el('div', { class: 'stat-label' }, label), el('div', { class: `stat-value ${cls}` }, value));
}

function accountCard(a: AccountView, s: Snapshot): HTMLElement {
  const drawdown = a.highWaterMark > 0 ? 1 - a.equity / a.highWaterMark : null;
  const dayPnl = a.equity - a.dayStartEquity;
  // One line per distinct condition (a stale feed on three markets is one cause, ×3).
  const lines = new Map<string, { cls: string; n: number }>();
  for (const c of a.conditions) {
    const key = `${c.cause} → ${c.state}${c.until === null ? '' : ` until ${clock(c.until)}`}`;
    lines.set(key, { cls: c.state === 'HALTED' ? 'bad' : 'warn', n: (lines.get(key)?.n ?? 0) + 1 });
  }
  const conditions = [...lines].map(([key, { cls, n }]) => el('li', { class: cls }, n > 1 ? `${key} (×${n})` : key));
  return el(
    'article',
    { class: `card account state-${STATE_CLASS[a.state]}`, 'data-account': a.id, 'data-state': a.state },
    el('header', { class: 'card-head' }, el('h3', {}, a.id), stateBadge(a.state), el('span', { class: 'cause', 'data-role': 'cause' }, a.stateCause ?? 'no restriction')),
    el(
      'div',
      { class: 'stats' },
      stat('Equity', `${fixed(a.equity, 2)} ${a.currency}`),
      stat('Day PnL', signed(dayPnl), dayPnl >= 0 ? 'up' : 'down'),
      stat('Leverage', a.leverage === null ? DASH : `${fixed(a.leverage, 2)}×`),
      stat('Drawdown', pct(drawdown)),
    ),
    el(
      'div',
      { class: 'gauges' },
      gauge('Margin ratio', a.marginRatio, s.thresholds.marginRatio, 'no venue margin model', 2),
      gauge('Max P(liquidation)', a.liquidationProbability, s.thresholds.liquidationProbability, 'no liquidation price', 3),
    ),
    conditions.length === 0 ? null : el('ul', { class: 'conditions' }, ...conditions),
  );
}

export function renderAccounts(root: HTMLElement, s: Snapshot): void {
  root.replaceChildren(...(s.accounts.length === 0 ? [el('p', { class: 'muted' }, 'No accounts yet: PUT /v1/accounts/{id}.')] : s.accounts.map((a) => accountCard(a, s))));
}

const td = (text: string, cls = 'num'): HTMLTableCellElement => el('td', { class: cls }, text);

export function renderPositions(body: HTMLElement, s: Snapshot): void {
  const rows = s.accounts.flatMap((a) =>
    a.positions.map((p) => {
      const hot = p.liquidationProbability !== null && p.liquidationProbability >= s.thresholds.liquidationProbability;
      return el(
        'tr',
        { 'data-account': a.id, 'data-market': p.market },
        td(a.id, ''),
        td(p.market, ''),
        td(quantity(p.quantity), `num ${p.quantity > 0 ? 'up' : 'down'}`),
        td(price(p.entryPrice)),
        td(price(p.markPrice)),
        td(signed(p.unrealisedPnl), `num ${p.unrealisedPnl >= 0 ? 'up' : 'down'}`),
        td(price(p.liquidationPrice)),
        td(pct(p.liquidationDistance)),
        td(sigmas(p.liquidationDistanceSigma)),
        td(pct(p.liquidationProbability, 3), hot ? 'num bad' : 'num'),
        td(`${pct(p.volatility, 0)}${p.volatilitySource === 'default' ? ' (default)' : ''}`),
      );
    }),
  );
  body.replaceChildren(...(rows.length > 0 ? rows : [el('tr', {}, el('td', { colspan: '11', class: 'muted' }, 'No open positions.'))]));
}
