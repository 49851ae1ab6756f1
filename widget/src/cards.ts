/**
 * Booking confirmation cards: what a reply's booking tools returned (on
 * `TranscriptMessage.bookings`, and on `tool_finished` during a turn or a call),
 * shown under the reply with "Add to calendar" and "Reschedule or cancel".
 */
import type { TranscriptMessage } from '../../worker/protocol/chat';
import { h } from './dom';
import type { Strings } from './strings';

/** The part of a booking (create_booking's data) the confirmation card shows. */
export interface BookingCard {
  number: string;
  status?: string;
  service?: { name?: string };
  employee?: { name?: string };
  start?: string;
  address?: string;
  /** Paths on the API origin: the .ics file (fetched with the session token) and the manage page (token in its #fragment). */
  links?: { ics?: string; manage?: string };
}

/** Confirmation cards of a reply: what its booking tools returned, less cancellations. */
export function bookingCards(m: TranscriptMessage): BookingCard[] {
  return ((m.bookings ?? []) as BookingCard[]).filter((b) => b && typeof b === 'object' && 'number' in b && b.status !== 'cancelled');
}

/** "Mon, Mar 4, 2030, 10:00 AM" from a local ISO time with offset, shown in the business's own zone. */
function formatLocal(iso: string | undefined, lang: string): string {
  const m = iso && /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) return iso ?? '';
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!));
  return new Intl.DateTimeFormat(lang, { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' }).format(d);
}

/** What a card needs from the widget. */
export interface CardContext {
  strings: Strings;
  lang: string;
  apiBase: string;
  /** The session's token: the .ics link needs it (a plain link could not send it). */
  token: string | undefined;
  /** Says `text` in the widget's live region (the calendar download failed). */
  announce(text: string): void;
  /** Where a download link is clicked (inside the shadow root). */
  root: ShadowRoot;
}

/** A booking's confirmation card. */
export function renderCard(b: BookingCard, c: CardContext): HTMLElement {
  const s = c.strings;
  const dl = h('dl');
  const row = (k: string, v: string | undefined) => {
    if (v) dl.append(h('dt', {}, k), h('dd', {}, v));
  };
  row(s.bookingNumber, b.number);
  row(s.service, b.service?.name);
  row(s.when, formatLocal(b.start, c.lang));
  row(s.technician, b.employee?.name);
  const card = h('div', { class: 'card', role: 'group', 'aria-label': s.bookingConfirmed }, h('h3', {}, s.bookingConfirmed), dl);
  const actions = h('div', { class: 'card-actions' });
  if (b.links?.ics) {
    const ics = b.links.ics;
    const button = h('button', { type: 'button', 'data-action': 'calendar' }, s.addToCalendar);
    button.addEventListener('click', () => void downloadCalendar(c, ics, `${b.number}.ics`));
    actions.append(button);
  }
  // noreferrer: the page's URL (with the token in its fragment) is never passed on as a Referer.
  if (b.links?.manage) actions.append(h('a', { href: `${c.apiBase}${b.links.manage}`, target: '_blank', rel: 'noopener noreferrer', 'data-action': 'manage' }, s.manageBooking));
  if (actions.childElementCount) card.append(actions);
  return card;
}

/** The booking's .ics through the session's token, saved as a file. */
async function downloadCalendar(c: CardContext, path: string, filename: string): Promise<void> {
  try {
    const res = await fetch(`${c.apiBase}${path}`, { headers: c.token ? { authorization: `Bearer ${c.token}` } : {} });
    if (!res.ok) throw new Error(String(res.status));
    const url = URL.createObjectURL(await res.blob());
    const a = h('a', { href: url, download: filename });
    c.root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch {
    c.announce(c.strings.calendarFailed);
  }
}
