/**
 * The one DOM helper: an element with attributes and children. Text always goes in as text
 * nodes (never as HTML), so nothing the engine sends can inject markup.
 *
 * @example
 * el('td', { class: 'num' }, '1.00'); // <td class="num">1.00</td>
 */
export type Child = Node | string | null;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Readonly<Record<string, string>> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c !== null) e.append(c);
  return e;
}

/** The element with `id` (the page's skeleton, index.html, has them all). */
export function byId(id: string): HTMLElement {
  const e = document.getElementById(id);
  if (e === null) throw new Error(`index.html has no #${id}`);
  return e;
}
