/**
 * Reading bookings: the view callers get, and the ownership rule. A customer
 * may see and change a booking when (1) its customer row carries their token
 * subject, (2) a verified one-time code bound it to their subject (a
 * `booking_grants` row, see booking-codes.ts), or (3) their token is an
 * identity provider's with a verified email equal to the booking's email
 * (`verifiedEmail`). Anything else is "not found", so a guessed number reveals
 * nothing. The one exception is `findBooking`: one booking, read-only, for its
 * number plus a contact detail typed on it, rate limited and answered like an
 * unknown number on a mismatch.
 */
import { and, asc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { MANAGE_LINK_GRACE_DAYS } from '../auth/manage-token';
import { requireRole, type ManagePrincipal, type UserPrincipal } from '../auth/principal';
import { BOOKING_STATUSES, bookings, customers, employees, services, type BookingStatus } from '../db/schema';
import { addDays, startOfDay, toLocalIso } from '../lib/zoned-time';
import { parseLocalDate } from './availability';
import type { DomainContext } from './context';
import { requireE164, toE164 } from './phones';
import { DomainError, forbidden, invalidInput } from './errors';
import type { BookingList, BookingView } from '../protocol/api';
import { assertLookupAllowed, limitedCaller, recordLookupFailure, type LookupScope } from './write-limits';

export type { BookingList, BookingView };

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
  customerPhoneE164: customers.phoneE164,
  customerEmail: customers.email,
  customerSubject: customers.subject,
  contactName: bookings.contactName,
  contactPhone: bookings.contactPhone,
  contactEmail: bookings.contactEmail,
  phoneE164: bookings.phoneE164,
  sequence: bookings.sequence,
  manageEpoch: bookings.manageEpoch,
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

/**
 * The booking's phone in E.164: its stored column, else (rows the backfill could not read) the typed text
 * normalized now, else that text as it was typed.
 */
function bookingPhone(r: BookingRecord): string | null {
  const typed = r.contactName !== null ? r.contactPhone : r.customerPhone;
  const stored = r.contactName !== null ? r.phoneE164 : r.customerPhoneE164;
  return stored ?? (typed ? (toE164(typed) ?? typed) : null);
}

export function toBookingView(r: BookingRecord, timeZone: string): BookingView {
  return {
    number: r.number,
    status: r.status,
    service: { slug: r.serviceSlug, name: r.serviceName, category: r.serviceCategory },
    employee: { id: r.employeeId, name: r.employeeName },
    // What was typed for this booking (the phone in E.164); rows from before those columns show their customer row.
    customer:
      r.contactName !== null
        ? { name: r.contactName, phone: bookingPhone(r), email: r.contactEmail }
        : { name: r.customerName, phone: bookingPhone(r), email: r.customerEmail },
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
export const normalizeBookingNumber = (n: string) => n.trim().toUpperCase();
const normalizeNumber = normalizeBookingNumber;

/**
 * An email as bookings compare it: trimmed, ASCII letters lowercased, exactly as SQLite's
 * `lower()` does, so the SQL and the JS side of a comparison agree.
 * @example normalizeEmail(' Ann@Example.COM ') // 'ann@example.com'
 */
export const normalizeEmail = (email: string) => email.trim().replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The email on a booking: its own column, else its customer row's for rows older than it. */
const BOOKING_EMAIL_SQL = sql`lower(trim(CASE WHEN ${bookings.contactName} IS NOT NULL THEN ${bookings.contactEmail} ELSE ${customers.email} END))`;

/**
 * The SQL condition on a booking row (joined with its customer) under which the customer `actor`
 * may see and change it: theirs, granted to their subject by a verified code, or carrying the
 * email their identity provider verified. The one ownership rule of every customer read and write.
 */
function customerMayAct(actor: UserPrincipal): SQL {
  return or(
    eq(customers.subject, actor.subject),
    sql`EXISTS (SELECT 1 FROM booking_grants g WHERE g.booking_id = ${bookings.id} AND g.subject = ${actor.subject})`,
    actor.verifiedEmail ? sql`${BOOKING_EMAIL_SQL} = ${normalizeEmail(actor.verifiedEmail)}` : undefined,
  )!;
}

/**
 * The SQL condition under which a manage link still works for its booking: the epoch it was minted in is
 * the booking's (a cancel moves it on), and the visit, as booked now, ended less than the grace ago.
 */
function manageLinkWorks(actor: ManagePrincipal, now: number): SQL {
  return and(eq(bookings.manageEpoch, actor.epoch), gte(bookings.endsAt, now - MANAGE_LINK_GRACE_DAYS * 86_400_000))!;
}

/** The booking with id `id`, for the caller that has just changed it (no second access check). */
export async function reloadBooking(ctx: DomainContext, id: number): Promise<BookingRecord> {
  const [row] = await selectBookings(ctx, eq(bookings.id, id)).limit(1);
  if (!row) throw new DomainError('not_found', `Booking ${id} not found`);
  return row;
}

/**
 * The booking `number` if the caller may see it: staff/admin any, a customer
 * one they may act on (`customerMayAct`), a manage link's bearer its one booking while
 * the link works (`manageLinkWorks`). Anything else is `not_found`, like a missing one.
 */
export async function loadBookingForActor(ctx: DomainContext, number: string): Promise<BookingRecord> {
  const wanted = normalizeNumber(number);
  if (ctx.actor.kind === 'manage') {
    const link = ctx.actor;
    const [row] = link.bookingNumber === wanted ? await selectBookings(ctx, and(eq(bookings.number, wanted), manageLinkWorks(link, ctx.now()))).limit(1) : [];
    if (!row) throw new DomainError('not_found', `This link does not open booking ${wanted}: it was cancelled, its visit is over, or the link is for another booking`);
    return row;
  }
  const actor = requireRole(ctx.actor, 'customer', 'staff', 'admin');
  const [row] = await selectBookings(ctx, and(eq(bookings.number, wanted), actor.role === 'customer' ? customerMayAct(actor) : undefined)).limit(1);
  if (!row) throw new DomainError('not_found', `Booking ${wanted} not found`);
  return row;
}

/**
 * One booking by number (see `loadBookingForActor` for who may see what).
 * @example const b = await getBooking(ctx, 'BK-2030-000001');
 */
export async function getBooking(ctx: DomainContext, number: string): Promise<BookingView> {
  return toBookingView(await loadBookingForActor(ctx, number), ctx.timeZone);
}

export interface FindBookingInput {
  booking_number: string;
  /** The phone typed on that booking, in any format. */
  phone?: string | undefined;
  /** The email typed on that booking, any case. */
  email?: string | undefined;
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
const sha256 = (text: string) => crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));

/** The normalised details a look-up compares: `p:<E.164 phone>` and/or `e:<lowercased email>`. */
function lookupDetails(input: FindBookingInput): string[] {
  const details: string[] = [];
  if (input.phone !== undefined) {
    details.push(`p:${requireE164(input.phone)}`);
  }
  if (input.email !== undefined) {
    const email = input.email.trim().toLowerCase();
    if (!email.includes('@')) throw invalidInput('email must be an email address');
    details.push(`e:${email}`);
  }
  if (details.length === 0) throw invalidInput('Give the phone number or the email used for the booking');
  return details;
}

/** The same details as stored on a booking (its own columns, else its customer row's for older rows). */
function detailsOnBooking(row: BookingRecord): { phone: string | null; email: string | null } {
  const phone = bookingPhone(row);
  const email = (row.contactName !== null ? row.contactEmail : row.customerEmail)?.trim().toLowerCase() ?? null;
  return { phone: phone ? `p:${phone}` : null, email: email ? `e:${email}` : null };
}

/**
 * A returning customer's "find my booking": the booking `booking_number` if
 * every detail given (phone and/or email) matches what was typed on it. Staff,
 * and a customer who may act on it (`customerMayAct`), get it as from `getBooking`. Anyone else gets
 * the view without its notes (they may hold door or alarm codes), and nothing
 * more: it is not theirs to list, cancel or reschedule (a one-time code, booking-codes.ts, makes it so). A wrong detail answers
 * exactly like an unknown number, digests are compared in constant time, and
 * failures are rate limited per caller, session, number and detail
 * (`lookupFailuresPerHour`), checked before the booking is read.
 * @example await findBooking(ctx, { booking_number: 'BK-2030-000001', phone: '312-555-0100' });
 */
export async function findBooking(ctx: DomainContext, input: FindBookingInput): Promise<BookingView> {
  const actor = requireRole(ctx.actor, 'customer', 'staff', 'admin');
  const wanted = normalizeNumber(input.booking_number);
  const given = lookupDetails(input);
  if (!limitedCaller(ctx)) return getBooking(ctx, wanted);
  const scope: LookupScope = {
    subject: actor.subject,
    sessionId: actor.sessionId ?? null,
    bookingNumber: wanted,
    detailDigest: hex(await sha256(given[0]!)),
  };
  await assertLookupAllowed(ctx, scope);

  const [row] = await selectBookings(ctx, eq(bookings.number, wanted)).limit(1);
  // One the caller may act on anyway (their own, granted, their verified email): the full view.
  if (row && (await selectBookings(ctx, and(eq(bookings.id, row.id), customerMayAct(actor))).limit(1)).length) {
    return toBookingView(row, ctx.timeZone);
  }
  const stored = row ? detailsOnBooking(row) : null;
  // Every given detail is compared, digest against digest, even when there is no booking (against a random value).
  let matches = row !== undefined;
  for (const detail of given) {
    const expected = (detail.startsWith('p:') ? stored?.phone : stored?.email) ?? `x:${crypto.randomUUID()}`;
    const same = crypto.subtle.timingSafeEqual(await sha256(detail), await sha256(expected));
    matches = same && matches;
  }
  if (!row || !matches) {
    await recordLookupFailure(ctx, scope);
    throw new DomainError('not_found', `Booking ${wanted} not found`);
  }
  return { ...toBookingView(row, ctx.timeZone), notes: null };
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
 * ANDed with the ones they may act on (`customerMayAct`), so no filter can widen what they see,
 * and the staff-only `customer_email` filter is a 403.
 * @example const { bookings } = await listBookings(ctx, { status: 'confirmed', date_from: '2030-03-04' });
 */
export async function listBookings(
  ctx: DomainContext,
  input: ListBookingsInput = {},
): Promise<BookingList> {
  const actor = requireRole(ctx.actor, 'customer', 'staff', 'admin');
  // A staff-only filter (customers are not shown it): refused, not quietly narrowed, whatever a client sends.
  if (actor.role === 'customer' && input.customer_email !== undefined) throw forbidden('Only staff can list bookings by customer email');
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
      actor.role === 'customer' ? customerMayAct(actor) : undefined,
      input.status ? eq(bookings.status, input.status) : undefined,
      from ? gte(bookings.startsAt, startOfDay(from, tz)) : undefined,
      to ? lt(bookings.startsAt, startOfDay(addDays(to, 1), tz)) : undefined,
      input.employee_id !== undefined ? eq(bookings.employeeId, input.employee_id) : undefined,
      email ? sql`lower(coalesce(${bookings.contactEmail}, ${customers.email})) = lower(${email})` : undefined,
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
