/** The shapes of tool results the offline engine reads, and how it says a price. */
import type { CatalogEntry } from './parse';

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
  service: { name: string; slug?: string };
  employee: { name: string };
  address: string;
  start: string;
  price_cents: number;
  /** On create and reschedule: the manage page's path (its token in the #fragment) and the .ics path. */
  links?: { manage: string; ics: string };
}

export const money = (cents: number | undefined) => (cents ? `$${(cents / 100).toFixed(cents % 100 ? 2 : 0)}` : 'free');
