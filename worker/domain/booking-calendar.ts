/**
 * A booking as an `.ics` calendar file (RFC 5545, written by lib/icalendar.ts): one event whose UID is
 * stable per booking, times in UTC, the service and business as SUMMARY, the visit's address as
 * LOCATION, and a SEQUENCE the booking raises on every reschedule and on the cancel, so a calendar that
 * imports the file again replaces the event rather than adding a second one.
 */
import { calendarFile } from '../lib/icalendar';
import { loadBookingForActor } from './booking-views';
import type { DomainContext } from './context';

export interface CalendarFile {
  filename: string;
  text: string;
}

const dollars = (cents: number) => `$${(cents / 100).toFixed(2).replace(/\.00$/, '')}`;

/**
 * Booking `number` as a calendar file, for whoever may see it (loadBookingForActor: its customer,
 * staff, or its manage link). `uidDomain` makes the UID globally unique (the API's host name).
 * @example const { filename, text } = await bookingCalendarFile(ctx, 'BK-2030-000001', { uidDomain: 'example.com', businessName: 'Brightside' });
 */
export async function bookingCalendarFile(ctx: DomainContext, number: string, site: { uidDomain: string; businessName: string }): Promise<CalendarFile> {
  const b = await loadBookingForActor(ctx, number);
  const text = calendarFile('-//Switchboard//Bookings//EN', {
    uid: `${b.number}@${site.uidDomain}`,
    stamp: ctx.now(),
    sequence: b.sequence,
    start: b.startsAt,
    end: b.endsAt,
    summary: `${b.serviceName} · ${site.businessName}`,
    location: b.address,
    description: `Booking ${b.number}\nTechnician: ${b.employeeName}\nPrice: ${dollars(b.priceCents)}`,
    status: b.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
  });
  return { filename: `${b.number}.ics`, text };
}
