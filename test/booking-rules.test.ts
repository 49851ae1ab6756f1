// The business calendar and the booking rules against the real D1: every rule in availability (table-driven), then
// enforced on create and reschedule, over the domain and over REST. Dates from 2030-12-17 on belong to this file.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../worker/auth/principal';
import { findAvailability, type AvailabilityInput } from '../worker/domain/availability';
import { bookingRulesFrom, DEFAULT_BOOKING_RULES, withBookingRules, type BookingRules } from '../worker/domain/booking-rules';
import { createBooking, rescheduleBooking } from '../worker/domain/bookings';
import { DomainError } from '../worker/domain/errors';
import { withWriteLimits } from '../worker/domain/write-limits';
import { signToken } from '../worker/auth/tokens';
import { ctxFor, customerA, staff } from './helpers';
import { call } from './http-helpers';

/** Monday 2030-12-16, 12:00 in Chicago (CST). */
const NOW = Date.parse('2030-12-16T18:00:00Z');
const NO_WRITE_LIMITS = { activeBookingsPerCustomer: 1000, activeBookingsPerPhone: 1000, bookingsPerDay: 1000 };
const at = (actor: Principal, rules: Partial<BookingRules> = {}) =>
  withWriteLimits(withBookingRules(ctxFor(actor, { now: () => NOW }), rules), NO_WRITE_LIMITS);
const contact = { customer_name: 'Rita Rules', phone: '(312) 555-0177', address: '9 Rule St, Chicago' };

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string; details?: unknown }> {
  try {
    await promise;
    return { code: 'ok', message: '' };
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, message: err.message, details: err.details };
    throw err;
  }
}

/** One day of availability: the times offered, the day's hours and why it is closed. */
async function day(input: Omit<AvailabilityInput, 'service'> & { service?: string }, rules: Partial<BookingRules> = {}) {
  const a = await findAvailability(at(staff, rules), { service: 'drain-cleaning', ...input });
  const d = a.days.find((x) => x.date === input.date_from);
  return { times: d?.slots.map((s) => s.time) ?? [], hours: d?.hours, closed: d?.closed, note: a.note };
}

describe('availability follows the calendar and the rules', () => {
  it('seeds the published hours, holiday rules and default rules', async () => {
    expect(DEFAULT_BOOKING_RULES).toEqual({ bufferMinutes: 30, minNoticeMinutes: 120, horizonDays: 90, maxJobsPerDay: 6 });
    // wrangler.jsonc ships the same defaults as the code.
    expect(bookingRulesFrom({ BOOKING_BUFFER_MINUTES: '30', BOOKING_MIN_NOTICE_MINUTES: '120', BOOKING_HORIZON_DAYS: '90', BOOKING_MAX_JOBS_PER_DAY: '6' })).toEqual(DEFAULT_BOOKING_RULES);
    expect(bookingRulesFrom({ BOOKING_HORIZON_DAYS: '0', BOOKING_BUFFER_MINUTES: '0', BOOKING_MAX_JOBS_PER_DAY: 'lots' })).toMatchObject({ horizonDays: 90, bufferMinutes: 0, maxJobsPerDay: 6 });
    const hours = await env.DB.prepare('SELECT weekday, opens_minute, closes_minute FROM opening_hours ORDER BY weekday').all();
    expect(hours.results.map((h) => Object.values(h))).toEqual([[1, 480, 1020], [2, 480, 1020], [3, 480, 1020], [4, 480, 1020], [5, 480, 1020], [6, 540, 780]]);
    const holidays = await env.DB.prepare('SELECT slug FROM holidays ORDER BY id').all<{ slug: string }>();
    expect(holidays.results.map((h) => h.slug)).toEqual(['new-years-day', 'memorial-day', 'independence-day', 'labor-day', 'thanksgiving', 'christmas']);
  });

  // [what, query, rules, first time, last time, how many, closed because]
  const cases: [string, Omit<AvailabilityInput, 'service'> & { service?: string }, Partial<BookingRules>, string | null, string | null, number, string | undefined][] = [
    ['a weekday: 8:00–17:00, the last hour-long job at 16:00', { date_from: '2030-12-17', employee_id: 3 }, {}, '08:00', '16:00', 17, undefined],
    ['Saturday: 9:00–13:00, not the old 17:00', { date_from: '2030-12-21', employee_id: 3 }, {}, '09:00', '12:00', 7, undefined],
    ['Saturday for a 4-hour job: 9:00 only', { date_from: '2030-12-21', service: 'water-heater-install' }, {}, '09:00', '09:00', 1, undefined],
    // Sarah Kim works Tuesdays 9–17: the intersection with 8–17 starts at 9.
    ['a schedule inside the hours', { date_from: '2030-12-17', employee_id: 4 }, {}, '09:00', '16:00', 15, undefined],
    ['Sunday', { date_from: '2030-12-22' }, {}, null, null, 0, 'closed on Sundays'],
    ['Christmas (a Wednesday)', { date_from: '2030-12-25' }, {}, null, null, 0, 'Christmas'],
    ['New Year’s Day', { date_from: '2031-01-01' }, {}, null, null, 0, 'New Year’s Day'],
    ['Memorial Day: the last Monday of May', { date_from: '2031-05-26' }, {}, null, null, 0, 'Memorial Day'],
    ['Labor Day: the first Monday of September', { date_from: '2031-09-01' }, {}, null, null, 0, 'Labor Day'],
    ['Thanksgiving: the 4th Thursday of November', { date_from: '2031-11-27' }, {}, null, null, 0, 'Thanksgiving'],
    ['the day after Thanksgiving is open', { date_from: '2031-11-28', employee_id: 3 }, {}, '08:00', '16:00', 17, undefined],
    ['July 4th on a Sunday is observed on Monday', { date_from: '2032-07-05' }, {}, null, null, 0, 'July 4th, observed'],
    ['New Year’s Day on a Saturday is observed on Friday', { date_from: '2032-12-31' }, {}, null, null, 0, 'New Year’s Day, observed'],
    ['… and the Saturday itself is closed too', { date_from: '2033-01-01' }, {}, null, null, 0, 'New Year’s Day'],
    ['today: two hours’ notice from 12:00', { date_from: '2030-12-16', employee_id: 3 }, {}, '14:00', '16:00', 5, undefined],
    ['a shorter notice by rule', { date_from: '2030-12-16', employee_id: 3 }, { minNoticeMinutes: 30 }, '12:30', '16:00', 8, undefined],
    ['the last day of a 90-day horizon', { date_from: '2031-03-14', employee_id: 3 }, { horizonDays: 90 }, '08:00', '16:00', 17, undefined],
    ['past the horizon', { date_from: '2031-03-17', employee_id: 3 }, { horizonDays: 90 }, null, null, 0, undefined],
  ];
  it.each(cases)('%s', async (_what, query, rules, first, last, count, closed) => {
    const got = await day(query, rules);
    expect(got.closed).toBe(closed);
    expect(got.times.length).toBe(count);
    expect(got.times[0] ?? null).toBe(first);
    expect(got.times.at(-1) ?? null).toBe(last);
    if (!closed) expect(got.hours).toMatch(/AM–/);
  });

  it('says why a range has nothing and names the next open day', async () => {
    const got = await day({ date_from: '2031-03-17', employee_id: 3 }, { horizonDays: 90 });
    expect(got.note).toMatch(/at most 90 days ahead, up to 2031-03-16/);
    const christmas = await findAvailability(at(staff), { service: 'drain-cleaning', date_from: '2030-12-25' });
    expect(christmas.note).toMatch(/The next day we are open is Thursday 2030-12-26/);
  });

  it('leaves out one-off closures, whole days and parts of days', async () => {
    await env.DB.batch([
      env.DB.prepare("INSERT INTO closures (date, reason) VALUES ('2030-12-27', 'Staff training')"),
      env.DB.prepare("INSERT INTO closures (date, start_minute, end_minute, reason) VALUES ('2030-12-24', 720, 1440, 'Christmas Eve')"),
    ]);
    expect(await day({ date_from: '2030-12-27' })).toMatchObject({ times: [], closed: 'Staff training' });
    const eve = await day({ date_from: '2030-12-24', employee_id: 3 });
    expect(eve).toMatchObject({ hours: '8:00 AM–12:00 PM', closed: undefined });
    expect([eve.times[0], eve.times.at(-1), eve.times.length]).toEqual(['08:00', '11:00', 7]);
    // Booking refuses them too, naming the next open day (Saturday 2030-12-28 after the Friday closure).
    const refused = await errorOf(createBooking(at(customerA), { ...contact, service: 'drain-cleaning', start: '2030-12-27T10:00' }));
    expect(refused).toMatchObject({ code: 'conflict', details: { reason: 'closed', closed: 'Staff training', next_open_day: '2030-12-28' } });
    expect(refused.message).toMatch(/closed on Friday 2030-12-27 \(Staff training\)\. The next open day is Saturday 2030-12-28 \(9:00 AM–1:00 PM\)/);
    const late = await errorOf(createBooking(at(customerA), { ...contact, service: 'drain-cleaning', start: '2030-12-24T11:30' }));
    expect(late).toMatchObject({ code: 'conflict', details: { reason: 'outside_opening_hours', opening_hours: '8:00 AM–12:00 PM' } });
  });

  it('hides time off', async () => {
    await env.DB.prepare('INSERT INTO time_off (employee_id, starts_at, ends_at, reason) VALUES (3, ?, ?, ?)')
      .bind(Date.parse('2030-12-18T16:00:00Z'), Date.parse('2030-12-18T18:00:00Z'), 'training')
      .run();
    const { times } = await day({ date_from: '2030-12-18', employee_id: 3 });
    expect(times).toContain('09:00');
    for (const t of ['09:30', '10:00', '10:30', '11:00', '11:30']) expect(times).not.toContain(t);
    expect(times).toContain('12:00');
  });

  it('keeps the travel buffer free after each job, per service', async () => {
    await createBooking(at(staff), { ...contact, service: 'drain-cleaning', start: '2030-12-19T10:00', employee_id: 3 });
    const { times } = await day({ date_from: '2030-12-19', employee_id: 3 });
    // 09:00 would end at 10:00 with no time to travel; 11:00 is the 30 minutes after the job.
    expect(times.filter((t) => t >= '08:00' && t <= '12:00')).toEqual(['08:00', '08:30', '11:30', '12:00']);
    // A service's own buffer_minutes overrides the default: an hour after a leak repair.
    await env.DB.prepare("UPDATE services SET buffer_minutes = 60 WHERE slug = 'leak-repair'").run();
    await createBooking(at(staff), { ...contact, service: 'leak-repair', start: '2031-01-06T09:00', employee_id: 3 });
    const after = (await day({ date_from: '2031-01-06', employee_id: 3 })).times;
    expect(after).not.toContain('11:00');
    expect(after).toContain('11:30');
    // No buffer by rule: back-to-back jobs on both sides.
    await createBooking(at(staff, { bufferMinutes: 0 }), { ...contact, service: 'drain-cleaning', start: '2031-01-10T10:00', employee_id: 3 });
    const tight = (await day({ date_from: '2031-01-10', employee_id: 3 }, { bufferMinutes: 0 })).times;
    expect(tight).toContain('09:00');
    expect(tight).toContain('11:00');
  });

  it('stops offering a technician at their daily cap', async () => {
    const ctx = at(staff, { maxJobsPerDay: 2 });
    await createBooking(ctx, { ...contact, service: 'drain-cleaning', start: '2031-01-07T08:00', employee_id: 3 });
    expect((await day({ date_from: '2031-01-07', employee_id: 3 }, { maxJobsPerDay: 2 })).times.length).toBeGreaterThan(0);
    await createBooking(ctx, { ...contact, service: 'drain-cleaning', start: '2031-01-07T13:00', employee_id: 3 });
    expect((await day({ date_from: '2031-01-07', employee_id: 3 }, { maxJobsPerDay: 2 })).times).toEqual([]);
    const third = await errorOf(createBooking(ctx, { ...contact, service: 'drain-cleaning', start: '2031-01-07T15:00', employee_id: 3 }));
    expect(third).toMatchObject({ code: 'conflict', details: { reason: 'daily_cap' } });
    expect(third.message).toMatch(/Dev Patel is fully booked on Tuesday 2031-01-07/);
    // Without naming anyone, the job goes to Sarah Kim, who has room.
    expect((await createBooking(ctx, { ...contact, service: 'drain-cleaning', start: '2031-01-07T15:00' })).employee.id).toBe(4);
    // An employee's own max_jobs_per_day overrides the default.
    await env.DB.prepare('UPDATE employees SET max_jobs_per_day = 1 WHERE id = 4').run();
    expect((await day({ date_from: '2031-01-07', employee_id: 4 })).times).toEqual([]);
    await env.DB.prepare('UPDATE employees SET max_jobs_per_day = NULL WHERE id = 4').run();
  });
});

describe('create and reschedule enforce the rules', () => {
  it('refuses holidays and times past closing with a 409 naming the next open day', async () => {
    const christmas = await errorOf(createBooking(at(customerA), { ...contact, service: 'drain-cleaning', start: '2030-12-25T10:00' }));
    expect(christmas).toMatchObject({ code: 'conflict', details: { reason: 'closed', closed: 'Christmas', next_open_day: '2030-12-26', next_open_hours: '8:00 AM–5:00 PM' } });
    expect(christmas.message).toBe(
      'We are closed on Wednesday 2030-12-25 (Christmas). The next open day is Thursday 2030-12-26 (8:00 AM–5:00 PM); check_availability lists open times.',
    );
    // Saturday closes at 13:00: a 60-minute job at 12:30 would not end by then (the old schedule took it until 17:00).
    const saturday = await errorOf(createBooking(at(customerA), { ...contact, service: 'drain-cleaning', start: '2030-12-21T12:30', employee_id: 3 }));
    expect(saturday).toMatchObject({ code: 'conflict', details: { reason: 'outside_opening_hours', opening_hours: '9:00 AM–1:00 PM', next_open_day: '2030-12-23' } });
    // A weekday job may not start at 17:00.
    expect((await errorOf(createBooking(at(staff), { ...contact, service: 'drain-cleaning', start: '2030-12-17T17:00' }))).code).toBe('conflict');
    // Staff are held to the calendar too.
    expect((await errorOf(createBooking(at(staff), { ...contact, service: 'drain-cleaning', start: '2030-12-25T10:00' }))).code).toBe('conflict');
  });

  it('refuses starts inside the notice (staff exempt) and past the horizon', async () => {
    const soon = await errorOf(createBooking(at(customerA), { ...contact, service: 'drain-cleaning', start: '2030-12-16T13:30' }));
    expect(soon).toMatchObject({ code: 'invalid_input', details: { reason: 'min_notice' } });
    expect(soon.message).toMatch(/at least 2 hours from now/);
    expect((await createBooking(at(staff), { ...contact, service: 'outlet-repair', start: '2030-12-16T13:30', employee_id: 6 })).start).toBe('2030-12-16T13:30:00-06:00');
    const far = await errorOf(createBooking(at(customerA, { horizonDays: 90 }), { ...contact, service: 'drain-cleaning', start: '2031-03-17T10:00' }));
    expect(far).toMatchObject({ code: 'invalid_input', details: { reason: 'horizon', last_date: '2031-03-16' } });
  });

  it('reschedule meets the same calendar, buffer and cap, and a refused move changes nothing', async () => {
    const ctx = at(customerA, { maxJobsPerDay: 1 });
    const b = await createBooking(ctx, { ...contact, service: 'drain-cleaning', start: '2031-01-08T10:00', employee_id: 3 });
    const holiday = await errorOf(rescheduleBooking(ctx, { booking_number: b.number, start: '2031-01-01T10:00' }));
    expect(holiday).toMatchObject({ code: 'conflict', details: { reason: 'closed', next_open_day: '2031-01-02' } });
    await createBooking(at(staff, { maxJobsPerDay: 1 }), { ...contact, service: 'drain-cleaning', start: '2031-01-09T10:00', employee_id: 3 });
    const capped = await errorOf(rescheduleBooking(ctx, { booking_number: b.number, start: '2031-01-09T14:00', employee_id: 3 }));
    expect(capped).toMatchObject({ code: 'conflict', details: { reason: 'daily_cap' } });
    // Moving within its own day does not count against itself.
    expect((await rescheduleBooking(ctx, { booking_number: b.number, start: '2031-01-08T14:00' })).start).toBe('2031-01-08T14:00:00-06:00');
    const row = await env.DB.prepare('SELECT count(*) AS n FROM booking_slots WHERE booking_id = (SELECT id FROM bookings WHERE number = ?)').bind(b.number).first<{ n: number }>();
    expect(row?.n).toBe(3);
  });

  it('holds the daily cap when creates race', async () => {
    const ctx = at(staff, { maxJobsPerDay: 2 });
    const starts = ['08:00', '09:30', '11:00', '12:30', '14:00', '15:30'];
    const results = await Promise.allSettled(
      starts.map((t) => createBooking(ctx, { ...contact, service: 'drain-cleaning', start: `2031-01-13T${t}`, employee_id: 3 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as DomainError).code).toBe('conflict');
    const n = await env.DB.prepare("SELECT count(*) AS n FROM bookings WHERE employee_id = 3 AND status = 'confirmed' AND starts_at >= ? AND starts_at < ?")
      .bind(Date.parse('2031-01-13T06:00:00Z'), Date.parse('2031-01-14T06:00:00Z'))
      .first<{ n: number }>();
    expect(n?.n).toBe(2);
  });

  it('answers REST with the error shape: 409 on a holiday, 400 for a malformed start or phone', async () => {
    const token = await signToken(env, { sub: 'rest-rules', role: 'customer', name: 'Rita Rules' }, '1h');
    const post = (body: Record<string, unknown>) =>
      call('/api/v1/bookings', { method: 'POST', token, body: JSON.stringify({ service: 'drain-cleaning', ...contact, ...body }) });
    const holiday = await post({ start: '2031-12-25T10:00' });
    expect(holiday.res.status).toBe(409);
    expect(holiday.body.error).toMatchObject({ code: 'conflict', details: { reason: 'closed', closed: 'Christmas', next_open_day: '2031-12-26' } });
    expect(holiday.body.error.message).toMatch(/The next open day is Friday 2031-12-26/);
    const sunday = await post({ start: '2031-12-28T10:00' });
    expect([sunday.res.status, sunday.body.error.details.next_open_day]).toEqual([409, '2031-12-29']);
    expect((await post({ start: 'Christmas morning' })).res.status).toBe(400);
    expect((await post({ start: '2031-12-29T10:00', phone: '555-12' })).res.status).toBe(400);
    const ok = await post({ start: '2031-12-29T10:00', phone: '312.555.0177' });
    expect(ok.res.status).toBe(201);
    expect(ok.body.customer.phone).toBe('+13125550177');
    const availability = await call('/api/v1/availability?service=drain-cleaning&date_from=2031-12-25');
    expect(availability.body.days[0]).toMatchObject({ date: '2031-12-25', closed: 'Christmas', slots: [] });
  });
});
