export type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | EventListener | undefined>;

/** Creates an element: h('a', { href: '#/' }, 'text', child). Strings become text, never HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'object' ? child : String(child));
  }
  return element;
}

export function clear(element: Element): void {
  element.replaceChildren();
}

/** "2026-11-25T10:53:25Z" as a local date and time to the second. */
export function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const SPANS: [Intl.RelativeTimeFormatUnit, number][] = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];

/** How long ago (or how far ahead) a time is, in its largest whole unit: "3 hours ago". */
export function ago(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  for (const [unit, span] of SPANS) {
    if (Math.abs(seconds) >= span || unit === 'second') return relative.format(Math.trunc(seconds / span), unit);
  }
  return '';
}

/** How long from one time to another (or to now, for what still runs): "2 h 5 min", "42 s". */
export function duration(fromIso: string, toIso: string | null, now: number = Date.now()): string {
  let seconds = Math.max(0, Math.round(((toIso ? new Date(toIso).getTime() : now) - new Date(fromIso).getTime()) / 1000));
  const days = Math.floor(seconds / 86400);
  seconds -= days * 86400;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const parts = days ? [`${days} d`, `${hours} h`] : hours ? [`${hours} h`, `${minutes} min`] : minutes ? [`${minutes} min`, `${seconds} s`] : [`${seconds} s`];
  return parts.filter((p) => !p.startsWith('0 ')).join(' ') || '0 s';
}

/** A time as a <time> element: the full local time, "3 hours ago" beside it, the ISO time as its title. */
export function stamp(iso: string): HTMLElement {
  return h('time', { datetime: iso, title: iso }, when(iso), h('span', { class: 'ago' }, ` · ${ago(iso)}`));
}

export function bytes(size: number | null | undefined): string {
  if (size === null || size === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** A definition list from label/value pairs; values may be nodes. */
export function facts(rows: [string, Child][]): HTMLDListElement {
  const list = h('dl', { class: 'facts' });
  for (const [label, value] of rows) list.append(h('dt', {}, label), h('dd', {}, value ?? '—'));
  return list;
}

export function errorBox(error: unknown): HTMLElement {
  const message = error instanceof Error ? error.message : String(error);
  return h('p', { class: 'error', role: 'alert' }, message);
}
