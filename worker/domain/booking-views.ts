/**
 * Reading bookings: the view callers get, and the ownership rule. A customer
 * sees only bookings whose customer row carries their token subject; anything
 * else is "not found", so a guessed number reveals nothing.
 */
import { and, asc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { requireRole } from '../auth/principal';
import { BOOKING_STATUSES, bookings, customers, employees, services, type BookingStatus } from '../db/schema';
import { addDays, toLocalIso, zonedToUtc } from '../lib/zoned-time';
import { parseLocalDate } from './availability';
import type { DomainContext } from './context';
import { DomainError, invalidInput } from './errors';

/** A booking as callers see it, with its service, technician and customer. */
export const bookingViewSchema = z.object({
  number: z.string().describe('BK-YYYY-NNNNNN'),
  status: z.enum(BOOKING_STATUSES),
  service: z.object({ slug: z.string(), name: z.string(), category: z.string() }),
  employee: z.object({ id: z.int(), name: z.string() }),
  customer: z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
  address: z.string(),
  start: z.string().describe('Local ISO 8601 with offset, in the business time zone.'),
  end: z.string().describe('Local ISO 8601 with offset, in the business time zone.'),
  starts_at: z.string().describe('UTC, ISO 8601.'),
  ends_at: z.string().describe('UTC, ISO 8601.'),
  price_cents: z.int(),
  notes: z.string().nullable(),
  interaction_id: z.int().nullable(),
  created_at: z.string().describe('UTC, ISO 8601.'),
});
export type BookingView = z.infer<typeof bookingViewSchema>;

/** One page of bookings; `has_more` says whether another page follows at `offset + limit`. */
export const bookingListSchema = z.object({
  bookings: z.array(bookingViewSchema),
  limit: z.int(),
  offset: z.int(),
  has_more: z.boolean(),
});
export type BookingList = z.infer<typeof bookingListSchema>;

const columns = {
  id: bookings.id,
  number: bookings.number,
  status: bookings.status,
  serviceId: bookings.serviceId,
  employeeId: bookings.employeeId,
  startsAt: bookings.startsAt,
  endsAt: bookings.endsAt,
  address: bookings.address,
  notes: bookings.notes,
  priceCents: bookings.priceCents,
  interactionId: bookings.interactionId,
  createdAt: bookings.createdAt,
  serviceSlug: services.slug,
  serviceName: services.name,
  serviceCategory: services.category,
  employeeName: employees.name,
  customerName: customers.name,
  customerPhone: customers.phone,
  customerEmail: customers.email,
  customerSubject: customers.subject,
};

/** A booking joined with its service, employee and customer. */
export type BookingRecord = Awaited<ReturnType<typeof selectBookings>>[number];

function selectBookings(ctx: DomainContext, where: SQL | undefined) {
  return ctx.db
    .select(columns)
    .from(bookings)
    .innerJoin(services, eq(services.id, bookings.serviceId))
    .innerJoin(employees, eq(employees.id, bookings.employeeId))
    .innerJoin(customers, eq(customers.id, bookings.customerId))
    .where(where)
    .orderBy(asc(bookings.startsAt), asc(bookings.id));
}

export function toBookingView(r: BookingRecord, timeZone: string): BookingView {
  return {
    number: r.number,
    status: r.status,
    service: { slug: r.serviceSlug, name: r.serviceName, category: r.serviceCategory },
    employee: { id: r.employeeId, name: r.employeeName },
    customer: { name: r.customerName, phone: r.customerPhone, email: r.customerEmail },
    address: r.address,
    start: toLocalIso(r.startsAt, timeZone),
    end: toLocalIso(r.endsAt, timeZone),
    starts_at: new Date(r.startsAt).toISOString(),
    ends_at: new Date(r.endsAt).toISOString(),
    price_cents: r.priceCents,
    notes: r.notes,
    interaction_id: r.interactionId,
    created_at: new Date(r.createdAt).toISOString(),
  };
}

/** Booking numbers are matched case-insensitively (`bk-2030-000001` works). */
const normalizeNumber = (n: string) => n.trim().toUpperCase();

/**
 * The booking `number` if the caller may see it: staff/admin any, a customer
 * only their own. Someone else's booking is `not_found`, like a missing one.
 */
export async function loadBookingForActor(ctx: DomainContext, number: string): Promise<BookingRecord> {
  const actor = requireRole(ctx.actor, 'customer', 'staff', 'admin');
  const wanted = normalizeNumber(number);
  const [row] = await selectBookings(ctx, eq(bookings.number, wanted)).limit(1);
  if (!row || (actor.role === 'customer' && row.customerSubject !== actor.subject)) {
    throw new DomainError('not_found', `Booking ${wanted} not found`);
  }
  return row;
}

/**
 * One booking by number (see `loadBookingForActor` for who may see what).
 * @example const b = await getBooking(ctx, 'BK-2030-000001');
 */
export async function getBooking(ctx: DomainContext, number: string): Promise<BookingView> {
  return toBookingView(await loadBookingForActor(ctx, number), ctx.timeZone);
}

export interface ListBookingsInput {
  status?: BookingStatus | undefined;
  /** Local dates (business zone), inclusive, on the booking's start. */
  date_from?: string | undefined;
  date_to?: string | undefined;
  employee_id?: number | undefined;
  customer_email?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/**
 * Bookings by start time. Staff/admin see all; for a customer every filter is
 * ANDed with "mine", so no filter can widen what they see.
 * @example const { bookings } = await listBookings(ctx, { status: 'pending', date_from: '2030-03-04' });
 */
export async function listBookings(
  ctx: DomainContext,
  input: ListBookingsInput = {},
): Promise<BookingList> {
  const actor = requireRole(ctx.actor, 'customer', 'staff', 'admin');
  const tz = ctx.timeZone;
  if (input.status !== undefined && !BOOKING_STATUSES.includes(input.status)) {
    throw invalidInput(`status must be one of ${BOOKING_STATUSES.join(', ')}`);
  }
  const limit = input.limit ?? 50;
  const offset = input.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw invalidInput('limit must be 1 to 200');
  if (!Number.isInteger(offset) || offset < 0) throw invalidInput('offset must be 0 or more');
  const from = input.date_from ? parseLocalDate(input.date_from, 'date_from') : undefined;
  const to = input.date_to ? parseLocalDate(input.date_to, 'date_to') : undefined;
  const email = input.customer_email?.trim();

  const rows = await selectBookings(
    ctx,
    and(
      actor.role === 'customer' ? eq(customers.subject, actor.subject) : undefined,
      input.status ? eq(bookings.status, input.status) : undefined,
      from ? gte(bookings.startsAt, zonedToUtc(from, 0, tz)) : undefined,
      to ? lt(bookings.startsAt, zonedToUtc(addDays(to, 1), 0, tz)) : undefined,
      input.employee_id !== undefined ? eq(bookings.employeeId, input.employee_id) : undefined,
      email ? sql`lower(${customers.email}) = lower(${email})` : undefined,
    ),
  )
    .limit(limit + 1)
    .offset(offset);
  return {
    bookings: rows.slice(0, limit).map((r) => toBookingView(r, tz)),
    limit,
    offset,
    has_more: rows.length > limit,
  };
}
