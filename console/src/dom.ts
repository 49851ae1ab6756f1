/** Tiny DOM helpers: elements built with textContent only (never innerHTML), and formatters. */

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from console.html`);
  return el as T;
}

/** "3:07 PM" (today) or "Mar 4, 3:07 PM", in the viewer's locale and zone. */
export function shortTime(iso: string | null | undefined, now = new Date()): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const sameDay = d.toDateString() === now.toDateString();
  return d.toLocaleString(undefined, sameDay ? { hour: 'numeric', minute: '2-digit' } : { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/** "5 min ago" style age of an ISO time, for the queue. */
export function age(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return '';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const hrs = Math.round(m / 60);
  if (hrs < 24) return `${hrs} h ago`;
  return `${Math.round(hrs / 24)} d ago`;
}

/**
 * The clock time of a local ISO time with offset ("2030-03-04T10:00:00-06:00" → "10:00 AM"),
 * as the business's zone has it: read from the string, not converted to the viewer's zone.
 */
export function localClock(iso: string): string {
  const m = /T(\d{2}):(\d{2})/.exec(iso);
  if (!m) return iso;
  const hour = Number(m[1]);
  const suffix = hour < 12 ? 'AM' : 'PM';
  return `${hour % 12 === 0 ? 12 : hour % 12}:${m[2]} ${suffix}`;
}

/** "Tue, Mar 5" of a local ISO date (the date part, in the business's zone). */
export function localDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return d.toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** Today's date (YYYY-MM-DD) in an IANA zone. */
export function todayIn(timeZone: string | undefined, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  }
}

export function money(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

/** Sentence-case label of a status or mode ("escalated" → "Escalated"). */
export function label(value: string): string {
  return value ? value[0]!.toUpperCase() + value.slice(1) : value;
}

/** A polite live region: announces short texts to screen readers (one at a time, latest wins). */
export class Announcer {
  constructor(private readonly region: HTMLElement) {}
  say(text: string): void {
    // Clear first so the same text twice is announced twice.
    this.region.textContent = '';
    setTimeout(() => (this.region.textContent = text), 50);
  }
}
