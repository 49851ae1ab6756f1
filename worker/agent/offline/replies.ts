/** How the offline model words tool results for a customer. */
import { describeDate, describeTime, splitLocalIso, type CatalogEntry } from './parse';

export interface ServiceList {
  services: CatalogEntry[];
}

export interface AvailabilityData {
  days: { date: string; slots: { time: string; start: string; employee_name: string }[] }[];
  slot_count: number;
}

export interface BookingData {
  number: string;
  status: string;
  service: { name: string };
  employee: { name: string };
  address: string;
  start: string;
  price_cents: number;
}

export const money = (cents: number | undefined) => (cents ? `$${(cents / 100).toFixed(cents % 100 ? 2 : 0)}` : 'free');

/** A short catalog, grouped by category. */
export function describeServices(list: ServiceList, brief: boolean): string {
  const byCategory = new Map<string, CatalogEntry[]>();
  for (const s of list.services) byCategory.set(s.category, [...(byCategory.get(s.category) ?? []), s]);
  const lines = [...byCategory].map(([category, items]) =>
    brief ? `- ${category}: ${items.map((s) => s.name).join(', ')}` : `${category}:\n${items.map((s) => `- ${s.name}: ${money(s.price_cents)}`).join('\n')}`,
  );
  return `${brief ? 'We offer' : 'Here is what we offer'}:\n${lines.join('\n')}`;
}

/** "On Monday, March 4 I have 8:00 AM, 8:30 AM, … open." */
export function describeAvailability(data: AvailabilityData | undefined, date: string): string {
  const day = data?.days.find((d) => d.date === date);
  const times = [...new Set((day?.slots ?? []).map((s) => s.time))];
  if (!times.length) return `I have no openings on ${describeDate(date)}.`;
  const shown = times.slice(0, 8).map((t) => describeTime(Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))));
  return `On ${describeDate(date)} I have ${shown.join(', ')}${times.length > shown.length ? ' and later times' : ''} open.`;
}

/** The confirmation card's text. */
export function describeBooking(b: BookingData, mode: 'created' | 'moved' | 'status' = 'created'): string {
  const { date, minute } = splitLocalIso(b.start);
  const when = `${describeDate(date)} at ${describeTime(minute)}`;
  const what = `${b.service.name} on ${when} with ${b.employee.name} at ${b.address}`;
  if (mode === 'status') return `Booking ${b.number}: ${what}. Status: ${b.status}.`;
  if (mode === 'moved') return `Booking ${b.number} is now ${what}.`;
  return `You're booked! Your booking number is ${b.number}: ${what}. Price: ${money(b.price_cents)}. We'll call before we arrive. Anything else?`;
}
