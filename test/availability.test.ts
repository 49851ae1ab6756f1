// Catalog, availability and the booking tools' schemas, against the real D1 (no bookings are made on these dates by other tests here).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../worker/auth/principal';
import { findAvailability, SLOT_MINUTES } from '../worker/domain/availability';
import { createBooking } from '../worker/domain/bookings';
import { DomainError } from '../worker/domain/errors';
import { listServices } from '../worker/domain/services';
import { bookingTools } from '../worker/tools/bookings';
import { executeTool, inputJsonSchema } from '../worker/tools/registry';
import { anonymous, ctxFor, customerA, FUTURE_MONDAY, staff } from './helpers';

/** Friday 2030-03-01, 12:00 in Chicago (CST, UTC-6). */
const NOW = Date.parse('2030-03-01T18:00:00Z');
const at = (actor: Principal) => ctxFor(actor, { now: () => NOW });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    return err instanceof DomainError ? err.code : `unexpected: ${String(err)}`;
  }
}

const slotsOf = (a: Awaited<ReturnType<typeof findAvailability>>) => a.days.flatMap((d) => d.slots);

describe('services', () => {
  it('filters by category case-insensitively and by free text', async () => {
    const plumbing = await listServices(at(anonymous), { category: 'plumbing' });
    expect(plumbing.services.map((s) => s.slug).sort()).toEqual(['drain-cleaning', 'leak-repair', 'water-heater-install']);
    expect(plumbing.services.every((s) => s.category === 'Plumbing')).toBe(true);
    expect(plumbing.categories).toEqual(['Electrical', 'HVAC', 'Plumbing']);

    const drain = await listServices(at(anonymous), { query: 'DRAIN' });
    expect(drain.services.map((s) => s.slug)).toEqual(['drain-cleaning']);
    expect(drain.services[0]).toMatchObject({ duration_minutes: 60, price_cents: 14900 });

    expect((await listServices(at(anonymous), { category: 'Roofing' })).services).toEqual([]);
    expect((await listServices(at(anonymous), { query: '100%' })).services).toEqual([]);
  });
});

describe('availability', () => {
  it('follows the weekly schedule, on the 30-minute grid, in Chicago winter time', async () => {
    // Sunday: nobody doing drain cleaning works; Monday: only Dev Patel (8–17).
    const a = await findAvailability(at(anonymous), { service: 'drain-cleaning', date_from: '2030-03-03', date_to: FUTURE_MONDAY });
    expect(a.days.map((d) => [d.date, d.weekday, d.slots.length])).toEqual([
      ['2030-03-03', 'Sunday', 0],
      [FUTURE_MONDAY, 'Monday', 17],
    ]);
    const monday = a.days[1]!.slots;
    expect(monday[0]).toMatchObject({
      time: '08:00',
      start: '2030-03-04T08:00:00-06:00',
      starts_at: '2030-03-04T14:00:00.000Z',
      employee_id: 3,
      employee_name: 'Dev Patel',
      employees_free: 1,
    });
    expect(monday.find((s) => s.time === '09:00')?.starts_at).toBe('2030-03-04T15:00:00.000Z');
    // The last start leaves room for the whole 60-minute job before 17:00.
    expect(monday.at(-1)?.time).toBe('16:00');
    expect(monday.every((s) => Number(s.time.slice(3)) % SLOT_MINUTES === 0)).toBe(true);

    // A 240-minute job must also fit: last start 13:00.
    const long = slotsOf(await findAvailability(at(anonymous), { service: 'water-heater-install', date_from: FUTURE_MONDAY, employee_id: 3 }));
    expect(long.at(-1)?.time).toBe('13:00');
  });

  it('uses summer time after the DST change (09:00 CDT is 14:00Z)', async () => {
    // Asked on Friday 2030-05-31: June is past the 90-day horizon seen from NOW.
    const at = (actor: Principal) => ctxFor(actor, { now: () => Date.parse('2030-05-31T17:00:00Z') });
    const a = await findAvailability(at(customerA), { service: 'drain-cleaning', date_from: '2030-06-03', employee_id: 3 });
    const nine = slotsOf(a).find((s) => s.time === '09:00');
    expect(nine).toMatchObject({ start: '2030-06-03T09:00:00-05:00', starts_at: '2030-06-03T14:00:00.000Z' });

    // An ISO start with an offset is the same instant; the booking then hides that slot.
    const booking = await createBooking(at(customerA), {
      service: 'drain-cleaning',
      start: '2030-06-03T14:00:00Z',
      employee_id: 3,
      customer_name: 'Ann Customer',
      phone: '312-555-0100',
      address: '1 Summer St, Chicago',
    });
    expect(booking.start).toBe('2030-06-03T09:00:00-05:00');
    expect(booking.end).toBe('2030-06-03T10:00:00-05:00');
    const after = slotsOf(await findAvailability(at(customerA), { service: 'drain-cleaning', date_from: '2030-06-03', employee_id: 3 }));
    // 08:30, 09:00 and 09:30 would overlap 09:00–10:00; 08:00 would leave no 30-minute travel buffer
    // before it, and 10:00 is the buffer after it.
    expect(after.map((s) => s.time)).not.toContain('09:00');
    expect(after.map((s) => s.time)).not.toContain('08:30');
    expect(after.map((s) => s.time)).not.toContain('08:00');
    expect(after.map((s) => s.time)).not.toContain('10:00');
    expect(after.map((s) => s.time)).toContain('10:30');
  });

  it('hides time off and starts sooner than the minimum notice', async () => {
    // Sarah Kim (4) works Tue 9–17; off 13:00–15:00 local on 2030-03-05 (CST).
    await env.DB.prepare('INSERT INTO time_off (employee_id, starts_at, ends_at, reason) VALUES (4, ?, ?, ?)')
      .bind(Date.parse('2030-03-05T19:00:00Z'), Date.parse('2030-03-05T21:00:00Z'), 'dentist')
      .run();
    const times = slotsOf(await findAvailability(at(anonymous), { service: 'drain-cleaning', date_from: '2030-03-05', employee_id: 4 })).map((s) => s.time);
    expect(times).toContain('12:00');
    for (const t of ['12:30', '13:00', '13:30', '14:00', '14:30']) expect(times).not.toContain(t);
    expect(times).toContain('15:00');
    // Her day and the business's end at 17:00: the last hour-long job starts at 16:00.
    expect(times.at(-1)).toBe('16:00');

    const booking = createBooking(at(staff), {
      service: 'drain-cleaning', start: '2030-03-05T13:30', employee_id: 4, customer_name: 'X', phone: '3125550100', address: '1 Main St',
    });
    await expect(booking).rejects.toThrow(/outside working hours/);

    // Today (Friday 12:00), with two hours' notice: nothing before 14:00.
    const today = slotsOf(await findAvailability(at(anonymous), { service: 'drain-cleaning', date_from: '2030-03-01', employee_id: 3 }));
    expect(today[0]?.time).toBe('14:00');
  });

  it('refuses past and malformed ranges, unknown services and unqualified employees', async () => {
    const ctx = at(anonymous);
    expect(await codeOf(findAvailability(ctx, { service: 'drain-cleaning', date_from: '2030-02-28' }))).toBe('invalid_input');
    expect(await codeOf(findAvailability(ctx, { service: 'drain-cleaning', date_from: '2030-02-30' }))).toBe('invalid_input');
    expect(await codeOf(findAvailability(ctx, { service: 'drain-cleaning', date_from: '2030-03-04', date_to: '2030-03-03' }))).toBe('invalid_input');
    expect(await codeOf(findAvailability(ctx, { service: 'drain-cleaning', date_from: '2030-03-04', date_to: '2030-03-18' }))).toBe('invalid_input');
    expect(await codeOf(findAvailability(ctx, { service: 'drain-cleaning', date_from: '2030-03-04', date_to: '2030-03-17' }))).toBe('ok');
    expect(await codeOf(findAvailability(ctx, { service: 'roof-repair', date_from: '2030-03-04' }))).toBe('not_found');
    expect(await codeOf(findAvailability(ctx, { service: 'drain-cleaning', date_from: '2030-03-04', employee_id: 1 }))).toBe('invalid_input');
    expect(await codeOf(findAvailability(ctx, { service: 'drain-cleaning', date_from: '2030-03-04', employee_id: 999 }))).toBe('not_found');
  });

  it('caps the answer and says so', async () => {
    const a = await findAvailability(at(anonymous), { service: 'outlet-repair', date_from: '2030-03-18', date_to: '2030-03-29', limit: 10 });
    expect(a.slot_count).toBe(10);
    expect(a.truncated).toBe(true);
    expect(a.note).toMatch(/first 10/);
    // Several electricians work Monday mornings: each start is listed once.
    const first = a.days[0]!.slots;
    expect(new Set(first.map((s) => s.start)).size).toBe(first.length);
    expect(first[0]!.employees_free).toBeGreaterThan(1);
  });
});

describe('booking tools', () => {
  it('declares the tools with valid examples and coerces numeric strings from REST', async () => {
    expect(bookingTools.map((t) => t.name)).toEqual([
      'list_services', 'check_availability', 'create_booking', 'get_booking', 'list_bookings',
      'cancel_booking', 'reschedule_booking', 'update_booking_details', 'complete_booking',
    ]);
    for (const tool of bookingTools) {
      expect(tool.input.safeParse(tool.example).success, tool.name).toBe(true);
      // Every field is described for the model.
      const properties = (inputJsonSchema(tool).properties ?? {}) as Record<string, { description?: string }>;
      for (const [field, schema] of Object.entries(properties)) expect(schema.description, `${tool.name}.${field}`).toBeTruthy();
    }

    const check = bookingTools.find((t) => t.name === 'check_availability')!;
    const result = await executeTool(check, at(anonymous), { service: 'drain-cleaning', date_from: FUTURE_MONDAY, employee_id: '3' }, 'rest');
    expect(result.ok && (result.data as { slot_count: number }).slot_count).toBe(17);

    const create = bookingTools.find((t) => t.name === 'create_booking')!;
    const denied = await executeTool(create, at(anonymous), create.example, 'rest');
    expect(denied.ok ? 'ok' : denied.error.code).toBe('unauthorized');
  });
});
