/**
 * The facts that decide whether an employee can take a job at a given time:
 * weekly hours, time off and the slot-grid cells of their bookings. Shared by
 * availability (many candidate starts) and booking (one start, then the unique
 * keys in D1 have the last word).
 */
import { and, asc, gt, inArray, lt, ne } from 'drizzle-orm';
import { bookingSlots, employees, schedules, timeOff } from '../db/schema';
import { addDays, toZoned, zonedToUtc } from '../lib/zoned-time';
import type { DomainContext } from './context';
import { DomainError, invalidInput } from './errors';
import type { ServiceRow } from './services';

/** The booking grid: starts fall on :00/:30 local, and each booking holds one cell per 30 minutes. */
export const SLOT_MINUTES = 30;
export const SLOT_MS = SLOT_MINUTES * 60_000;
/** Nobody can be sent out sooner than this, so availability hides earlier starts. */
export const LEAD_MINUTES = 60;

export interface EmployeeRef {
  id: number;
  name: string;
}

export interface Calendar {
  hours: Map<number, { weekday: number; startMinute: number; endMinute: number }[]>;
  timeOff: Map<number, [number, number][]>;
  /** Start instants of occupied cells, per employee. */
  cells: Map<number, number[]>;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/**
 * Active employees qualified for `service`; with `employeeId`, just that one,
 * or `not_found` (unknown/inactive) / `invalid_input` (not qualified).
 */
export async function qualifiedEmployees(ctx: DomainContext, service: ServiceRow, employeeId?: number): Promise<EmployeeRef[]> {
  const rows = await ctx.db.select().from(employees).orderBy(asc(employees.id));
  if (employeeId !== undefined) {
    const e = rows.find((r) => r.id === employeeId);
    if (!e || !e.active) throw new DomainError('not_found', `Employee ${employeeId} not found`);
    if (!e.skills.includes(service.slug)) {
      const who = rows.filter((r) => r.active && r.skills.includes(service.slug)).map((r) => `${r.name} (${r.id})`);
      throw invalidInput(`${e.name} is not qualified for ${service.name}; qualified: ${who.join(', ') || 'nobody'}`);
    }
    return [{ id: e.id, name: e.name }];
  }
  return rows.filter((r) => r.active && r.skills.includes(service.slug)).map((r) => ({ id: r.id, name: r.name }));
}

/**
 * Hours, time off and occupied cells of `employeeIds` around [fromMs, toMs).
 * Cells exist only for bookings that still hold time (cancel deletes them), so
 * every cell counts. `excludeBookingId` leaves out a booking being moved.
 */
export async function loadCalendar(
  ctx: DomainContext,
  employeeIds: number[],
  fromMs: number,
  toMs: number,
  excludeBookingId?: number,
): Promise<Calendar> {
  const cal: Calendar = { hours: new Map(), timeOff: new Map(), cells: new Map() };
  if (employeeIds.length === 0) return cal;
  const [hours, off, cells] = await Promise.all([
    ctx.db.select().from(schedules).where(inArray(schedules.employeeId, employeeIds)),
    ctx.db
      .select()
      .from(timeOff)
      .where(and(inArray(timeOff.employeeId, employeeIds), lt(timeOff.startsAt, toMs), gt(timeOff.endsAt, fromMs))),
    ctx.db
      .select()
      .from(bookingSlots)
      .where(
        and(
          inArray(bookingSlots.employeeId, employeeIds),
          // One cell before `fromMs` can still reach into the range.
          gt(bookingSlots.slotStart, fromMs - SLOT_MS),
          lt(bookingSlots.slotStart, toMs),
          excludeBookingId === undefined ? undefined : ne(bookingSlots.bookingId, excludeBookingId),
        ),
      ),
  ]);
  for (const h of hours) push(cal.hours, h.employeeId, h);
  for (const t of off) push(cal.timeOff, t.employeeId, [t.startsAt, t.endsAt] as [number, number]);
  for (const c of cells) push(cal.cells, c.employeeId, c.slotStart);
  return cal;
}

/** True when [startMs, endMs) lies inside one of the employee's working windows that day. */
export function withinHours(cal: Calendar, employeeId: number, startMs: number, endMs: number, timeZone: string): boolean {
  const { date, weekday } = toZoned(startMs, timeZone);
  return (cal.hours.get(employeeId) ?? []).some(
    (h) => h.weekday === weekday && zonedToUtc(date, h.startMinute, timeZone) <= startMs && endMs <= zonedToUtc(date, h.endMinute, timeZone),
  );
}

export const onTimeOff = (cal: Calendar, employeeId: number, startMs: number, endMs: number): boolean =>
  (cal.timeOff.get(employeeId) ?? []).some(([s, e]) => s < endMs && startMs < e);

export const isBooked = (cal: Calendar, employeeId: number, startMs: number, endMs: number): boolean =>
  (cal.cells.get(employeeId) ?? []).some((c) => c < endMs && startMs < c + SLOT_MS);

/** Occupied cells on the local day of `dayMs`: how busy someone already is. */
export function dayLoad(cal: Calendar, employeeId: number, dayMs: number, timeZone: string): number {
  const date = toZoned(dayMs, timeZone).date;
  const from = zonedToUtc(date, 0, timeZone);
  const to = zonedToUtc(addDays(date, 1), 0, timeZone);
  return (cal.cells.get(employeeId) ?? []).filter((c) => c >= from && c < to).length;
}

/**
 * Who can take `service` at [startMs, startMs + duration): the free employees,
 * `prefer` first, then the least booked that day. Explains why when nobody can:
 * `invalid_input` for hours/time off/qualification, `conflict` when booked.
 * @example const [first] = await candidatesFor(ctx, service, start, { employeeId: 3 });
 */
export async function candidatesFor(
  ctx: DomainContext,
  service: ServiceRow,
  startMs: number,
  options: { employeeId?: number; prefer?: number; excludeBookingId?: number } = {},
): Promise<EmployeeRef[]> {
  const endMs = startMs + service.durationMinutes * 60_000;
  const people = await qualifiedEmployees(ctx, service, options.employeeId);
  if (people.length === 0) throw invalidInput(`Nobody currently performs ${service.name}`);
  const date = toZoned(startMs, ctx.timeZone).date;
  const cal = await loadCalendar(
    ctx,
    people.map((p) => p.id),
    zonedToUtc(date, 0, ctx.timeZone),
    zonedToUtc(addDays(date, 2), 0, ctx.timeZone),
    options.excludeBookingId,
  );
  const who = options.employeeId !== undefined ? (people[0]?.name ?? 'that employee') : `anyone who does ${service.name}`;
  const working = people.filter((p) => withinHours(cal, p.id, startMs, endMs, ctx.timeZone));
  if (working.length === 0) {
    throw invalidInput(`That time is outside working hours for ${who} (the ${service.durationMinutes}-minute job must fit in their hours); check_availability lists open times`);
  }
  const present = working.filter((p) => !onTimeOff(cal, p.id, startMs, endMs));
  if (present.length === 0) throw invalidInput(`That time is outside working hours for ${who}: time off; check_availability lists open times`);
  const free = present.filter((p) => !isBooked(cal, p.id, startMs, endMs));
  if (free.length === 0) throw slotTaken();
  const load = new Map(free.map((p) => [p.id, dayLoad(cal, p.id, startMs, ctx.timeZone)]));
  return free.sort(
    (a, b) => Number(b.id === options.prefer) - Number(a.id === options.prefer) || (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.id - b.id,
  );
}

export const slotTaken = () =>
  new DomainError('conflict', 'That time is no longer available; call check_availability for open times');
