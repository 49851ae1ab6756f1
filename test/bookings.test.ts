// Booking writes against the real D1: numbers, assignment, refusals, races, cancel, reschedule and ownership.
// Every test uses its own date (and employee) so the shared D1 never couples them.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../worker/auth/principal';
import { findAvailability } from '../worker/domain/availability';
import {
  cancelBooking,
  completeBooking,
  createBooking,
  getBooking,
  listBookings,
  rescheduleBooking,
  updateBookingDetails,
  type CreateBookingInput,
} from '../worker/domain/bookings';
import { DomainError } from '../worker/domain/errors';
import { withWriteLimits } from '../worker/domain/write-limits';
import { admin, anonymous, ctxFor, customerA, customerB, FUTURE_MONDAY, staff } from './helpers';

/** Friday 2030-03-01, 12:00 in Chicago. */
const NOW = Date.parse('2030-03-01T18:00:00Z');
// Booking mechanics: customerA and customerB book far more than the write limits allow one customer,
// so the limits are lifted here; test/security/write-limits.test.ts tests them.
const NO_WRITE_LIMITS = { activeBookingsPerCustomer: 1000, activeBookingsPerPhone: 1000, bookingsPerDay: 1000 };
const at = (actor: Principal, interactionId?: number) =>
  withWriteLimits(ctxFor(actor, { now: () => NOW, ...(interactionId !== undefined ? { interactionId } : {}) }), NO_WRITE_LIMITS);

const contact = { customer_name: 'Ann Customer', phone: '(312) 555-0100', address: '1200 W Main St, Chicago' };
/** What each caller types: customers their own details, staff a phone caller's. */
const contactOf = (actor: Principal) =>
  actor === customerA
    ? contact
    : actor === customerB
      ? { customer_name: 'Ben Customer', phone: '312-555-0111', address: '77 Lake St, Chicago' }
      : { customer_name: 'Carl Caller', phone: '773-555-0142', address: '500 N State St, Chicago' };
type Slot = Omit<CreateBookingInput, keyof typeof contact> & Partial<CreateBookingInput>;
const book = (actor: Principal, input: Slot) => createBooking(at(actor), { ...contactOf(actor), ...input });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    return err instanceof DomainError ? err.code : `unexpected: ${String(err)}`;
  }
}

const counterValue = async () =>
  (await env.DB.prepare("SELECT value FROM counters WHERE name = 'booking:2030'").first<{ value: number }>())?.value ?? 0;
const cellsOf = async (number: string) =>
  (
    await env.DB.prepare('SELECT s.employee_id, s.slot_start FROM booking_slots s JOIN bookings b ON b.id = s.booking_id WHERE b.number = ? ORDER BY s.slot_start')
      .bind(number)
      .all<{ employee_id: number; slot_start: number }>()
  ).results;
const freeTimes = async (date: string, employeeId: number, service = 'drain-cleaning') =>
  (await findAvailability(at(anonymous), { service, date_from: date, employee_id: employeeId })).days.flatMap((d) => d.slots.map((s) => s.time));

describe('createBooking', () => {
  it('numbers the booking, links the interaction, writes its cells and hides the slot', async () => {
    const interaction = await env.DB.prepare("INSERT INTO interactions (number, session_id, channel) VALUES ('INT-2030-90001', 'sess-bk-1', 'chat') RETURNING id").first<{ id: number }>();
    const before = await counterValue();
    const b = await createBooking(at(customerA, interaction!.id), { ...contact, service: 'drain-cleaning', start: '2030-03-06T10:00', employee_id: 3, notes: 'Slow sink' });
    expect(b.number).toMatch(/^BK-2030-\d{6}$/);
    expect(Number(b.number.slice(-6))).toBe(before + 1);
    expect(b).toMatchObject({
      status: 'confirmed',
      service: { slug: 'drain-cleaning', name: 'Drain Cleaning', category: 'Plumbing' },
      employee: { id: 3, name: 'Dev Patel' },
      // The phone as typed, returned in E.164.
      customer: { name: 'Ann Customer', phone: '+13125550100', email: 'ann@example.com' },
      start: '2030-03-06T10:00:00-06:00',
      end: '2030-03-06T11:00:00-06:00',
      starts_at: '2030-03-06T16:00:00.000Z',
      price_cents: 14900,
      notes: 'Slow sink',
      interaction_id: interaction!.id,
    });
    // The hour's two cells and the 30-minute travel buffer after it.
    expect((await cellsOf(b.number)).map((c) => c.slot_start)).toEqual([
      Date.parse('2030-03-06T16:00:00Z'),
      Date.parse('2030-03-06T16:30:00Z'),
      Date.parse('2030-03-06T17:00:00Z'),
    ]);
    const times = await freeTimes('2030-03-06', 3);
    expect(times).not.toContain('10:00');
    expect(times).not.toContain('09:30');
    // 09:00 would leave no travel time before 10:00; 11:00 is the buffer after this job.
    expect(times).not.toContain('09:00');
    expect(times).not.toContain('11:00');
    expect(times).toContain('08:30');
    expect(times).toContain('11:30');
    // The same customer row is reused (keyed by token subject) and refreshed.
    await book(customerA, { service: 'drain-cleaning', start: '2030-03-06T15:00', employee_id: 3, phone: '312-555-0199' });
    const rows = await env.DB.prepare("SELECT phone, phone_e164 FROM customers WHERE subject = 'cust-a'").all<{ phone: string }>();
    expect(rows.results).toEqual([{ phone: '312-555-0199', phone_e164: '+13125550199' }]);
  });

  it('auto-assigns a free qualified employee, least booked first, then refuses when all are taken', async () => {
    const input = { service: 'drain-cleaning', start: '2030-03-07T10:00' };
    const first = await book(staff, input);
    const second = await book(customerB, input);
    expect([first.employee.id, second.employee.id].sort()).toEqual([3, 4]);
    expect(await codeOf(book(customerA, input))).toBe('conflict');
    // Dev (3) now has one booking that day and Sarah (4) one more at 13:00: 14:00 goes to Dev.
    await book(staff, { service: 'drain-cleaning', start: '2030-03-07T13:00', employee_id: 4 });
    expect((await book(staff, { service: 'drain-cleaning', start: '2030-03-07T14:00', phone: '(773) 555 0142' })).employee.id).toBe(3);
    // Staff bookings for one caller share one customer row, matched by phone whatever its format.
    const callers = await env.DB.prepare("SELECT count(*) AS n FROM customers WHERE name = 'Carl Caller'").first<{ n: number }>();
    expect(callers?.n).toBe(1);
  });

  it('refuses unknown services, past, off-grid, out-of-hours and unqualified requests with clear errors', async () => {
    // Nothing is written: FUTURE_MONDAY stays untouched for availability.test.ts.
    const base = { service: 'drain-cleaning', start: `${FUTURE_MONDAY}T10:00`, employee_id: 3 };
    expect(await codeOf(book(customerA, { ...base, service: 'roof-repair' }))).toBe('not_found');
    await expect(book(customerA, { ...base, start: '2030-02-28T10:00' })).rejects.toThrow(/past/);
    await expect(book(customerA, { ...base, start: '2030-03-04T10:15' })).rejects.toThrow(/grid/);
    // The business closes at 17:00: a 60-minute job at 16:30 would not end by closing time (409, naming the next open day).
    await expect(book(customerA, { ...base, start: '2030-03-04T16:30' })).rejects.toThrow(
      /outside our opening hours: on Monday 2030-03-04 we are open 8:00 AM–5:00 PM.*next open day after that is Tuesday 2030-03-05/,
    );
    expect(await codeOf(book(customerA, { ...base, start: '2030-03-04T16:30' }))).toBe('conflict');
    await expect(book(customerA, { ...base, start: '2030-03-03T10:00', employee_id: undefined })).rejects.toThrow(
      /closed on Sunday 2030-03-03 \(closed on Sundays\)\. The next open day is Monday 2030-03-04 \(8:00 AM–5:00 PM\)/,
    );
    // Inside opening hours but outside one technician's: Sarah Kim (4) does not work Mondays.
    await expect(book(customerA, { ...base, employee_id: 4 })).rejects.toThrow(/outside working hours for Sarah Kim/);
    expect(await codeOf(book(customerA, { ...base, phone: '555-1234' }))).toBe('invalid_input');
    await expect(book(customerA, { ...base, employee_id: 1 })).rejects.toThrow(/not qualified/);
    await expect(book(customerA, { ...base, start: 'next tuesday' })).rejects.toThrow(/local date-time/);
    expect(await codeOf(book(customerA, { ...base, start: '2030-03-01T12:30' }))).toBe('invalid_input');
    expect(await codeOf(book(anonymous, base))).toBe('unauthorized');
  });

  it('refuses overlaps of different lengths, also when they race', async () => {
    await book(staff, { service: 'water-heater-install', start: '2030-03-08T09:00', employee_id: 3 });
    expect(await codeOf(book(staff, { service: 'drain-cleaning', start: '2030-03-08T10:00', employee_id: 3 }))).toBe('conflict');
    expect(await codeOf(book(staff, { service: 'leak-repair', start: '2030-03-08T08:00', employee_id: 3 }))).toBe('conflict');
    // 09:00–13:00 plus its 30-minute travel buffer: the next job can start at 13:30, not at 13:00.
    expect(await codeOf(book(staff, { service: 'drain-cleaning', start: '2030-03-08T13:00', employee_id: 3 }))).toBe('conflict');
    expect(await codeOf(book(staff, { service: 'drain-cleaning', start: '2030-03-08T13:30', employee_id: 3 }))).toBe('ok');

    // Both pass the read check; only the cells' primary key can decide.
    const race = await Promise.allSettled([
      book(staff, { service: 'water-heater-install', start: '2030-03-11T09:00', employee_id: 3 }),
      book(customerB, { service: 'drain-cleaning', start: '2030-03-11T11:30', employee_id: 3 }),
    ]);
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = race.find((r) => r.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(DomainError);
    expect((rejected?.reason as DomainError).code).toBe('conflict');
  });

  it('lets exactly one of 20 concurrent bookings of one slot win, with no gap in the numbers', async () => {
    const before = await counterValue();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => book(i % 2 ? customerA : customerB, { service: 'drain-cleaning', start: '2030-03-12T11:00', employee_id: 4 })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) expect([r.reason instanceof DomainError, (r.reason as DomainError).code]).toEqual([true, 'conflict']);

    const rows = await env.DB.prepare('SELECT number FROM bookings WHERE employee_id = 4 AND starts_at = ?')
      .bind(Date.parse('2030-03-12T16:00:00Z'))
      .all<{ number: string }>();
    expect(rows.results).toHaveLength(1);
    expect(await counterValue()).toBe(before + 1);
    expect(rows.results[0]!.number).toBe(`BK-2030-${String(before + 1).padStart(6, '0')}`);
    // The hour's two cells and the travel buffer's one.
    expect(await cellsOf(rows.results[0]!.number)).toHaveLength(3);
  });
});

describe('cancel and reschedule', () => {
  it('cancelling frees the slot, and a cancelled booking cannot be cancelled again', async () => {
    const b = await book(customerA, { service: 'drain-cleaning', start: '2030-03-13T14:00', employee_id: 3 });
    expect(await freeTimes('2030-03-13', 3)).not.toContain('14:00');
    const cancelled = await cancelBooking(at(customerA), { booking_number: b.number, reason: 'Fixed it myself' });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.notes).toMatch(/Fixed it myself/);
    expect(await cellsOf(b.number)).toEqual([]);
    expect(await freeTimes('2030-03-13', 3)).toContain('14:00');
    expect(await codeOf(book(customerB, { service: 'drain-cleaning', start: '2030-03-13T14:00', employee_id: 3 }))).toBe('ok');
    expect(await codeOf(cancelBooking(at(customerA), { booking_number: b.number }))).toBe('conflict');
  });

  it('a refused reschedule leaves the booking intact; an accepted one moves its cells', async () => {
    // 2030-03-14 is after the spring-forward change: Chicago is UTC-5.
    const x = await book(customerA, { service: 'drain-cleaning', start: '2030-03-14T09:00', employee_id: 3 });
    const y = await book(customerB, { service: 'drain-cleaning', start: '2030-03-14T11:00', employee_id: 3 });
    const xCells = await cellsOf(x.number);
    for (const start of ['2030-03-14T11:00', '2030-03-14T10:30']) {
      expect(await codeOf(rescheduleBooking(at(customerA), { booking_number: x.number, start, employee_id: 3 }))).toBe('conflict');
    }
    expect(await getBooking(at(customerA), x.number)).toMatchObject({ start: '2030-03-14T09:00:00-05:00', employee: { id: 3 }, status: 'confirmed' });
    expect(await cellsOf(x.number)).toEqual(xCells);
    expect((await getBooking(at(customerB), y.number)).start).toBe('2030-03-14T11:00:00-05:00');

    // Overlapping its own old time is fine: the old cells go in the same batch.
    const moved = await rescheduleBooking(at(customerA), { booking_number: x.number, start: '2030-03-14T09:30' });
    expect(moved).toMatchObject({ number: x.number, start: '2030-03-14T09:30:00-05:00', employee: { id: 3 } });
    expect((await cellsOf(x.number)).map((c) => c.slot_start)).toEqual([
      Date.parse('2030-03-14T14:30:00Z'),
      Date.parse('2030-03-14T15:00:00Z'),
      Date.parse('2030-03-14T15:30:00Z'),
    ]);
    expect(await codeOf(rescheduleBooking(at(customerA), { booking_number: x.number, start: '2030-03-14T10:15' }))).toBe('invalid_input');
  });
});

describe('correcting a booking\'s details', () => {
  it('changes only the fields given (the phone to E.164), keeps the time, and refuses other customers, nothing given, and cancelled bookings', async () => {
    const b = await book(customerA, { service: 'drain-cleaning', start: '2030-03-20T10:00', employee_id: 3 });
    const cells = await cellsOf(b.number);
    const fixed = await updateBookingDetails(at(customerA), { booking_number: b.number, address: '2660 N Orchard St, Chicago', phone: '312 555 0199' });
    expect(fixed).toMatchObject({ number: b.number, address: '2660 N Orchard St, Chicago', start: b.start, customer: { name: 'Ann Customer', phone: '+13125550199' } });
    expect(await cellsOf(b.number)).toEqual(cells);
    expect((await getBooking(at(customerA), b.number)).address).toBe('2660 N Orchard St, Chicago');
    expect(await codeOf(updateBookingDetails(at(customerB), { booking_number: b.number, address: '1 Hijack Lane, Chicago' }))).toBe('not_found');
    expect(await codeOf(updateBookingDetails(at(customerA), { booking_number: b.number }))).toBe('invalid_input');
    expect(await codeOf(updateBookingDetails(at(customerA), { booking_number: b.number, phone: 'not a phone' }))).toBe('invalid_input');
    await cancelBooking(at(customerA), { booking_number: b.number });
    expect(await codeOf(updateBookingDetails(at(customerA), { booking_number: b.number, address: '3 Late St, Chicago' }))).toBe('conflict');
    expect((await getBooking(at(customerA), b.number)).address).toBe('2660 N Orchard St, Chicago');
  });
});

describe('ownership and staff transitions', () => {
  it("a customer cannot see or change another customer's booking; staff can", async () => {
    const b = await book(customerB, { service: 'drain-cleaning', start: '2030-03-15T09:00', employee_id: 4 });
    const aCtx = at(customerA);
    expect(await codeOf(getBooking(aCtx, b.number))).toBe('not_found');
    expect(await codeOf(getBooking(aCtx, b.number.toLowerCase()))).toBe('not_found');
    expect(await codeOf(cancelBooking(aCtx, { booking_number: b.number }))).toBe('not_found');
    expect(await codeOf(rescheduleBooking(aCtx, { booking_number: b.number, start: '2030-03-15T10:00' }))).toBe('not_found');
    // The staff-only filter is refused for a customer (not narrowed to nothing), and no other filter widens the list.
    expect(await codeOf(listBookings(aCtx, { customer_email: 'ben@example.com' }))).toBe('forbidden');
    expect((await listBookings(aCtx, { employee_id: 4, limit: 200 })).bookings.map((x) => x.number)).not.toContain(b.number);
    expect((await listBookings(aCtx, { limit: 200 })).bookings.every((x) => x.customer.email === 'ann@example.com')).toBe(true);
    expect((await listBookings(at(customerB), { date_from: '2030-03-15', date_to: '2030-03-15' })).bookings.map((x) => x.number)).toEqual([b.number]);

    expect((await getBooking(at(staff), b.number)).customer).toEqual({ name: 'Ben Customer', phone: '+13125550111', email: 'ben@example.com' });
    const staffList = await listBookings(at(staff), { customer_email: 'BEN@example.com', date_from: '2030-03-15', date_to: '2030-03-15' });
    expect(staffList.bookings.map((x) => x.number)).toEqual([b.number]);
    expect(await codeOf(getBooking(at(anonymous), b.number))).toBe('unauthorized');
  });

  it('is confirmed when made; only staff complete it, along the allowed transitions', async () => {
    const b = await book(customerA, { service: 'drain-cleaning', start: '2030-03-15T13:00', employee_id: 4 });
    expect(b.status).toBe('confirmed');
    expect(await codeOf(completeBooking(at(customerA), { booking_number: b.number }))).toBe('forbidden');
    expect((await completeBooking(at(admin), { booking_number: b.number })).status).toBe('completed');
    expect(await codeOf(completeBooking(at(staff), { booking_number: b.number }))).toBe('conflict');
    expect(await codeOf(cancelBooking(at(staff), { booking_number: b.number }))).toBe('conflict');
    expect(await codeOf(rescheduleBooking(at(staff), { booking_number: b.number, start: '2030-03-15T15:00' }))).toBe('conflict');
    expect(await codeOf(completeBooking(at(staff), { booking_number: 'BK-2030-999999' }))).toBe('not_found');
  });
});
