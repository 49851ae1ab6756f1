/**
 * What a customer takes away from a booking: the path of its calendar file and its manage link. Both are
 * paths on the Switchboard origin (the domain does not know which origin a caller used; the widget and
 * the manage page resolve them against it). The manage link's token is in the URL fragment, which
 * browsers never send to a server, so it is in no request line, access log or Referer header.
 */
import { env } from 'cloudflare:workers';
import { z } from 'zod';
import { signManageToken } from '../auth/manage-token';
import type { TokenConfig } from '../auth/tokens';
import { bookingViewSchema } from '../protocol/api';
import { toBookingView, type BookingRecord } from './booking-views';
import type { DomainContext } from './context';

export const bookingLinksSchema = z.object({
  ics: z.string().describe('Path of the .ics calendar file (GET with the same bearer token, or the manage token).'),
  manage: z.string().describe('Path of the no-sign-in page to view, reschedule or cancel it; the token is in the #fragment.'),
});

/** A booking just made or moved, with its links (create_booking's and reschedule_booking's data). */
export const bookingWithLinksSchema = bookingViewSchema.extend({ links: bookingLinksSchema });
export type BookingWithLinks = z.infer<typeof bookingWithLinksSchema>;

/** The calendar file's path for booking `number`. */
export const calendarPath = (number: string) => `/api/v1/bookings/${encodeURIComponent(number)}/ics`;

/**
 * The booking's view with its links; the manage token is minted for the booking's current epoch.
 * @example const b = await withLinks(ctx, record); // b.links.manage === '/manage.html#t=eyJ…'
 */
export async function withLinks(ctx: DomainContext, record: BookingRecord): Promise<BookingWithLinks> {
  const token = await signManageToken(env as unknown as TokenConfig, { bookingNumber: record.number, epoch: record.manageEpoch });
  return { ...toBookingView(record, ctx.timeZone), links: { ics: calendarPath(record.number), manage: `/manage.html#t=${token}` } };
}
