/**
 * Writing bookings. Every write is one `d1.batch` (one transaction): the row,
 * its slot-grid cells and, on create, the number's counter. The unique keys on
 * cells and on (employee, start) are what refuse a double booking; the reads
 * before a write only pick an employee and explain refusals clearly.
 */
import { eq } from 'drizzle-orm';
import { isStaff, requireRole } from '../auth/principal';
import { services } from '../db/schema';
import { addDays, startOfDay, toZoned } from '../lib/zoned-time';
import { assertOnGrid, parseStart } from './availability';
import { bookingRulesOf } from './booking-rules';
import { withLinks, type BookingWithLinks } from './booking-links';
import { loadBookingForActor, reloadBooking, toBookingView, type BookingRecord, type BookingView } from './booking-views';
import { candidatesFor, cellCountOf, dayFull, slotTaken, SLOT_MS, type EmployeeRef } from './calendar';
import type { DomainContext } from './context';
import { allocateStatement } from './counters';
import { resolveBookingCustomer } from './customers';
import { conflict, invalidInput } from './errors';
import { WEEKDAY_NAMES } from './hours-text';
import { requireE164 } from './phones';
import { assertBookingAllowed, bookingGuard, bookingLimitError, type BookingScope } from './write-limits';

export { getBooking, listBookings, type BookingView, type ListBookingsInput } from './booking-views';

export interface CreateBookingInput {
  /** Service slug or id. */
  service: string | number;
  /** Local `YYYY-MM-DDTHH:MM` in the business zone, or ISO 8601 with offset. */
  start: string;
  customer_name: string;
  phone: string;
  email?: string | undefined;
  address: string;
  employee_id?: number | undefined;
  notes?: string | undefined;
}

/** A booking that still holds its time (the lifecycle: schema.ts BOOKING_STATUSES). */
const ACTIVE = "('confirmed')";
/** The jobs a daily cap counts: every booking that holds (or held) its time that day. */
const HOLDS_DAY = "('confirmed', 'completed')";

/** D1 reports a UNIQUE or PRIMARY KEY violation (the slot is taken) in the message or its cause. */
function isUniqueViolation(err: unknown): boolean {
  const text = err instanceof Error ? `${err.message} ${String(err.cause ?? '')}` : String(err);
  return /UNIQUE constraint failed|SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)/i.test(text);
}

/**
 * The cells' insert names its booking by the number just allocated (on reschedule:
 * by its id at the new time), so when a guard (write limits, the daily cap) kept
 * the row out, it inserts a NULL booking_id and the NOT NULL constraint rolls the
 * whole batch back (counter included: no gap in numbers). One statement inserts
 * all cells (json_each), so long jobs keep the batch short.
 */
function isLimitGuardRefusal(err: unknown): boolean {
  const text = err instanceof Error ? `${err.message} ${String(err.cause ?? '')}` : String(err);
  return /NOT NULL constraint failed: booking_slots\.booking_id/i.test(text);
}

/** Cell start instants of a booking at `startMs` holding `count` cells (its job and its travel buffer). */
const cellsOf = (startMs: number, count: number) => Array.from({ length: count }, (_, i) => startMs + i * SLOT_MS);

/** The guard in the write refused this employee: they reached their daily cap meanwhile. */
class DayCapReached extends Error {}


const inWords = (minutes: number) =>
  minutes % 60 === 0 ? `${minutes / 60} hour${minutes === 60 ? '' : 's'}` : `${minutes} minutes`;

/**
 * Checks shared by create and reschedule: parses `start` and refuses the past, the off-grid, a start
 * sooner than the minimum notice (staff exempt) and one past the booking horizon.
 */
function validStart(ctx: DomainContext, start: string): number {
  const rules = bookingRulesOf(ctx);
  const ms = parseStart(start, ctx.timeZone);
  const now = ctx.now();
  if (ms < now) throw invalidInput('That start time is in the past');
  // Staff may squeeze in a same-day job; customers get the notice availability promises.
  if (!isStaff(ctx.actor) && ms < now + rules.minNoticeMinutes * 60_000) {
    throw invalidInput(`Bookings must start at least ${inWords(rules.minNoticeMinutes)} from now; check_availability lists open times`, {
      reason: 'min_notice',
    });
  }
  const lastDate = addDays(toZoned(now, ctx.timeZone).date, rules.horizonDays);
  if (toZoned(ms, ctx.timeZone).date > lastDate) {
    throw invalidInput(`We book at most ${rules.horizonDays} days ahead, up to ${lastDate}`, { reason: 'horizon', last_date: lastDate });
  }
  assertOnGrid(ms, ctx.timeZone);
  return ms;
}

/** The local day [from, to) of `startMs` and its name, for the daily cap. */
function capDay(ctx: DomainContext, startMs: number): { from: number; to: number; name: string } {
  const { date, weekday } = toZoned(startMs, ctx.timeZone);
  return { from: startOfDay(date, ctx.timeZone), to: startOfDay(addDays(date, 1), ctx.timeZone), name: `${WEEKDAY_NAMES[weekday]} ${date}` };
}

/**
 * Tries `candidates` in order until one batch commits. Losing a race for one
 * employee (the slot, or the last job of their day) moves on to the next
 * qualified one (bounded by the list), never retries the same slot.
 */
async function firstThatCommits<T>(candidates: EmployeeRef[], day: string, attempt: (employee: EmployeeRef) => Promise<T>): Promise<T> {
  let capped = 0;
  for (const candidate of candidates) {
    try {
      return await attempt(candidate);
    } catch (err) {
      if (err instanceof DayCapReached) capped += 1;
      else if (!isUniqueViolation(err)) throw err;
    }
  }
  if (capped === candidates.length) throw dayFull(candidates.length === 1 ? candidates[0]!.name : 'Everyone who does this service', day);
  throw slotTaken();
}

/**
 * Books `service` at `start` for the caller (a customer books for themselves;
 * staff for whoever they name). The employee is the one given, or the least
 * booked qualified one free for the whole job. The number BK-YYYY-NNNNNN (YYYY:
 * the visit's year in the business zone, counter `booking:YYYY`), the
 * row and its cells commit together or not at all, so numbers have no gaps.
 * The contact details typed are stored on the booking itself. A customer's
 * booking must fit the write limits (worker/domain/write-limits.ts), checked
 * before and again inside the insert, so concurrent creates cannot pass them.
 * @example const b = await createBooking(ctx, { service: 'drain-cleaning', start: '2030-03-04T10:00', customer_name: 'Ann', phone: '312-555-0100', address: '1 Main St' });
 */
export async function createBooking(ctx: DomainContext, input: CreateBookingInput): Promise<BookingWithLinks> {
  const actor = requireRole(ctx.actor, 'customer', 'staff', 'admin');
  const startMs = validStart(ctx, input.start);
  const scope: BookingScope = {
    subject: actor.subject,
    sessionId: actor.role === 'customer' ? (actor.sessionId ?? null) : null,
    phoneE164: requireE164(input.phone),
  };
  // The limit check and the slot search read D1 at the same time (two reads, one wait); the service is read
  // with the schedule (`not_found` for an unknown or retired one). A flood is told about the limit first,
  // never about which times are taken.
  const [allowed, slot] = await Promise.allSettled([
    assertBookingAllowed(ctx, scope),
    candidatesFor(ctx, input.service, startMs, { employeeId: input.employee_id }),
  ]);
  if (allowed.status === 'rejected') throw allowed.reason;
  if (slot.status === 'rejected') throw slot.reason;
  const { service, candidates } = slot.value;
  const customerId = await resolveBookingCustomer(ctx, input);
  const contactEmail = input.email?.trim() || (actor.role === 'customer' ? actor.email : undefined) || null;
  const guard = bookingGuard(ctx, scope, 22);
  const endMs = startMs + service.durationMinutes * 60_000;
  // The year of the visit (business zone), so a booking's number reads like its date.
  const year = toZoned(startMs, ctx.timeZone).year;
  const counter = `booking:${year}`;
  const cells = JSON.stringify(cellsOf(startMs, cellCountOf(service, bookingRulesOf(ctx))));
  const day = capDay(ctx, startMs);
  const now = ctx.now();

  const number = await firstThatCommits(candidates, day.name, async ({ id: employeeId, maxJobsPerDay }) => {
    const batch = ctx.d1.batch<{ id: number; number: string }>([
      allocateStatement(ctx.d1, counter),
      // interaction_id: the session's row may still sit in its outbox; a missing one must not fail the booking.
      // The guards count the employee's jobs that day and the caller's bookings in this same statement
      // (one transaction with the cells).
      ctx.d1
        .prepare(
          `INSERT INTO bookings (number, customer_id, service_id, employee_id, starts_at, ends_at, status, address, notes,
             price_cents, interaction_id, created_by, created_at, updated_at,
             contact_name, contact_phone, contact_email, phone_e164, session_id)
           SELECT ?1 || printf('%06d', (SELECT value FROM counters WHERE name = ?2)), ?3, ?4, ?5, ?6, ?7, 'confirmed', ?8, ?9,
             ?10, (SELECT id FROM interactions WHERE id = ?11), ?12, ?13, ?13, ?14, ?15, ?16, ?17, ?18
           WHERE (SELECT count(*) FROM bookings WHERE employee_id = ?5 AND status IN ${HOLDS_DAY} AND starts_at >= ?19 AND starts_at < ?20) < ?21
             AND ${guard.sql}
           RETURNING id, number`,
        )
        .bind(
          `BK-${year}-`,
          counter,
          customerId,
          service.id,
          employeeId,
          startMs,
          endMs,
          input.address.trim(),
          input.notes?.trim() || null,
          service.priceCents,
          ctx.interactionId ?? null,
          actor.subject,
          now,
          input.customer_name.trim(),
          input.phone.trim(),
          contactEmail,
          scope.phoneE164,
          scope.sessionId,
          day.from,
          day.to,
          maxJobsPerDay,
          ...guard.params,
        ),
      // The booking just inserted, by the number just allocated (NULL, and so a rollback, if the guard refused it).
      ctx.d1
        .prepare(
          `INSERT INTO booking_slots (employee_id, slot_start, booking_id)
           SELECT ?1, j.value, (SELECT id FROM bookings WHERE number = ?3 || printf('%06d', (SELECT value FROM counters WHERE name = ?4)))
           FROM json_each(?2) AS j`,
        )
        .bind(employeeId, cells, `BK-${year}-`, counter),
    ]);
    let inserted: D1Result<{ id: number; number: string }> | undefined;
    try {
      [, inserted] = await batch;
    } catch (err) {
      if (!isLimitGuardRefusal(err)) throw err;
      // A concurrent create filled the budget between our check and this batch, or the employee's day.
      const limit = await bookingLimitError(ctx, scope);
      if (limit) throw limit;
      throw new DayCapReached();
    }
    const row = inserted?.results[0];
    if (!row) throw new Error('booking insert returned no row');
    return row.number;
  });
  return withLinks(ctx, await loadBookingForActor(ctx, number));
}

/** Customers may change only what has not started yet. */
function assertChangeable(ctx: DomainContext, booking: BookingRecord, verb: string): void {
  if (booking.status !== 'confirmed') {
    throw conflict(`Booking ${booking.number} is ${booking.status} and cannot be ${verb}`);
  }
  if (!isStaff(ctx.actor) && booking.startsAt <= ctx.now()) {
    throw conflict(`Booking ${booking.number} has already started; please contact us to change it`);
  }
}

/**
 * Moves a booking to `start` (optionally to another employee). Old cells,
 * new cells and the row change in one batch, so if the new time is taken the
 * booking stays exactly where it was. Its calendar SEQUENCE goes up by one; its
 * manage links keep working (the answer carries a fresh one).
 * @example await rescheduleBooking(ctx, { booking_number: 'BK-2030-000001', start: '2030-03-05T13:00' });
 */
export async function rescheduleBooking(
  ctx: DomainContext,
  input: { booking_number: string; start: string; employee_id?: number | undefined },
): Promise<BookingWithLinks> {
  // Who may: loadBookingForActor (customers their own, staff any, a manage link its booking).
  const booking = await loadBookingForActor(ctx, input.booking_number);
  assertChangeable(ctx, booking, 'rescheduled');
  // By id and regardless of `active`: a booked job keeps its service even if the catalog retired it.
  const [service] = await ctx.db.select().from(services).where(eq(services.id, booking.serviceId));
  if (!service) throw new Error(`booking ${booking.number}: service ${booking.serviceId} is missing`);
  const startMs = validStart(ctx, input.start);
  const { candidates } = await candidatesFor(ctx, service, startMs, {
    employeeId: input.employee_id,
    prefer: booking.employeeId,
    excludeBookingId: booking.id,
  });
  const endMs = startMs + service.durationMinutes * 60_000;
  const cells = JSON.stringify(cellsOf(startMs, cellCountOf(service, bookingRulesOf(ctx))));
  const day = capDay(ctx, startMs);
  const changedMeanwhile = () => conflict(`Booking ${booking.number} changed meanwhile; it was not rescheduled`);

  await firstThatCommits(candidates, day.name, async ({ id: employeeId, maxJobsPerDay }) => {
    let updated: D1Result | undefined;
    try {
      [, updated] = await ctx.d1.batch([
        ctx.d1.prepare('DELETE FROM booking_slots WHERE booking_id = ?1').bind(booking.id),
        // Moved only while still active and while the employee's day (without this booking) has room.
        ctx.d1
          .prepare(
            `UPDATE bookings SET employee_id = ?2, starts_at = ?3, ends_at = ?4, updated_at = ?5, sequence = sequence + 1 WHERE id = ?1 AND status IN ${ACTIVE}
               AND (SELECT count(*) FROM bookings WHERE employee_id = ?2 AND id != ?1 AND status IN ${HOLDS_DAY} AND starts_at >= ?6 AND starts_at < ?7) < ?8`,
          )
          .bind(booking.id, employeeId, startMs, endMs, ctx.now(), day.from, day.to, maxJobsPerDay),
        // The new cells name the booking only if it now sits there; else a NULL booking_id rolls the batch back
        // (the old cells' DELETE included), so a refused move leaves everything as it was.
        ctx.d1
          .prepare(
            `INSERT INTO booking_slots (employee_id, slot_start, booking_id)
             SELECT ?1, j.value, (SELECT id FROM bookings WHERE id = ?3 AND status IN ${ACTIVE} AND employee_id = ?1 AND starts_at = ?4)
             FROM json_each(?2) AS j`,
          )
          .bind(employeeId, cells, booking.id, startMs),
      ]);
    } catch (err) {
      if (!isLimitGuardRefusal(err)) throw err;
      const now = await ctx.d1.prepare('SELECT status FROM bookings WHERE id = ?1').bind(booking.id).first<{ status: string }>();
      // Cancelled or completed between our read and this batch: nothing was moved.
      if (now?.status !== 'confirmed') throw changedMeanwhile();
      throw new DayCapReached();
    }
    if (!updated?.meta.changes) throw changedMeanwhile();
  });
  return withLinks(ctx, await reloadBooking(ctx, booking.id));
}

/**
 * Cancels a confirmed booking and frees its cells in the same batch.
 * The reason, if any, is appended to the notes. Its calendar SEQUENCE goes up, and so
 * does its manage epoch: every manage link of it stops working.
 * @example await cancelBooking(ctx, { booking_number: 'BK-2030-000001', reason: 'Fixed it myself' });
 */
export async function cancelBooking(
  ctx: DomainContext,
  input: { booking_number: string; reason?: string | undefined },
): Promise<BookingView> {
  // Who may: loadBookingForActor (customers their own, staff any, a manage link its booking).
  const booking = await loadBookingForActor(ctx, input.booking_number);
  assertChangeable(ctx, booking, 'cancelled');
  const by = ctx.actor.kind === 'user' ? ctx.actor.subject : 'the manage link';
  const note = `Cancelled by ${by}${input.reason?.trim() ? `: ${input.reason.trim()}` : ''}`;
  const [updated] = await ctx.d1.batch([
    ctx.d1
      .prepare(
        `UPDATE bookings SET status = 'cancelled', notes = coalesce(notes || char(10), '') || ?2, updated_at = ?3,
           sequence = sequence + 1, manage_epoch = manage_epoch + 1
         WHERE id = ?1 AND status IN ${ACTIVE}`,
      )
      .bind(booking.id, note, ctx.now()),
    ctx.d1
      .prepare("DELETE FROM booking_slots WHERE booking_id = ?1 AND (SELECT status FROM bookings WHERE id = ?1) = 'cancelled'")
      .bind(booking.id),
  ]);
  if (!updated?.meta.changes) throw conflict(`Booking ${booking.number} changed meanwhile; it was not cancelled`);
  // By id: a manage link that just cancelled no longer opens the booking.
  return toBookingView(await reloadBooking(ctx, booking.id), ctx.timeZone);
}

export interface UpdateBookingDetailsInput {
  booking_number: string;
  customer_name?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  address?: string | undefined;
  notes?: string | undefined;
}

/**
 * Corrects the contact details or the address of an active booking ("the last 4 should be 0173", "that's
 * my old address"): only the fields given change, in one guarded UPDATE, so a booking cancelled meanwhile
 * is a conflict and nothing is half-written. The time and service stay; move those with reschedule.
 * @example await updateBookingDetails(ctx, { booking_number: 'BK-2030-000001', address: '2660 N Orchard St, Chicago' });
 */
export async function updateBookingDetails(ctx: DomainContext, input: UpdateBookingDetailsInput): Promise<BookingView> {
  requireRole(ctx.actor, 'customer', 'staff', 'admin');
  const booking = await loadBookingForActor(ctx, input.booking_number);
  assertChangeable(ctx, booking, 'changed');
  const sets: string[] = [];
  const values: unknown[] = [];
  const set = (column: string, value: unknown) => {
    values.push(value);
    sets.push(`${column} = ?${values.length + 1}`);
  };
  if (input.customer_name !== undefined) set('contact_name', input.customer_name.trim());
  if (input.phone !== undefined) {
    set('contact_phone', input.phone.trim());
    set('phone_e164', requireE164(input.phone));
  }
  if (input.email !== undefined) set('contact_email', input.email.trim());
  if (input.address !== undefined) set('address', input.address.trim());
  if (input.notes !== undefined) set('notes', input.notes.trim());
  if (!sets.length) throw invalidInput('Give at least one of customer_name, phone, email, address or notes to change');
  set('updated_at', ctx.now());
  const result = await ctx.d1
    .prepare(`UPDATE bookings SET ${sets.join(', ')} WHERE id = ?1 AND status IN ${ACTIVE}`)
    .bind(booking.id, ...values)
    .run();
  if (!result.meta.changes) throw conflict(`Booking ${booking.number} changed meanwhile; its details were not changed`);
  return toBookingView(await loadBookingForActor(ctx, booking.number), ctx.timeZone);
}

/**
 * confirmed → completed (staff/admin), once the job is done. The cells stay: the time was used.
 * Guarded in SQL, so a concurrent cancel is a conflict, not an overwrite.
 * @example await completeBooking(staffCtx, { booking_number: 'BK-2030-000001' });
 */
export async function completeBooking(ctx: DomainContext, input: { booking_number: string }): Promise<BookingView> {
  // Checked before the lookup, so a customer learns nothing about the number.
  requireRole(ctx.actor, 'staff', 'admin');
  const booking = await loadBookingForActor(ctx, input.booking_number);
  if (booking.status !== 'confirmed') throw conflict(`Booking ${booking.number} is ${booking.status} and cannot become completed`);
  const result = await ctx.d1
    .prepare(`UPDATE bookings SET status = 'completed', updated_at = ?2 WHERE id = ?1 AND status IN ${ACTIVE}`)
    .bind(booking.id, ctx.now())
    .run();
  if (!result.meta.changes) throw conflict(`Booking ${booking.number} changed meanwhile; it was not completed`);
  return toBookingView(await reloadBooking(ctx, booking.id), ctx.timeZone);
}
