/**
 * The facts that decide whether an employee can take a job at a given time:
 * weekly hours, time off, the slot-grid cells of their bookings (jobs and the
 * travel buffers after them) and how many jobs they have that day. Shared by
 * availability (many candidate starts) and booking (one start, then the unique
 * keys and guards in D1 have the last word). The business's own calendar
 * (opening hours, holidays, closures) is in ./business-calendar.ts.
 */
import { and, asc, gt, gte, inArray, lt, ne } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { bookings, bookingSlots, employees, schedules, timeOff } from '../db/schema';
import { addDays, startOfDay, toZoned, zonedToUtc } from '../lib/zoned-time';
import { bookingRulesOf, type BookingRules } from './booking-rules';
import { businessCalendar, businessCalendarQueries, closedError, type BusinessCalendar } from './business-calendar';
import type { DomainContext } from './context';
import { conflict, DomainError, invalidInput } from './errors';
import { WEEKDAY_NAMES } from './hours-text';
import { activeService, serviceQuery, type ServiceRow } from './services';

/** The booking grid: starts fall on :00/:30 local, and each booking holds one cell per 30 minutes. */
export const SLOT_MINUTES = 30;
export const SLOT_MS = SLOT_MINUTES * 60_000;

export interface EmployeeRef {
  id: number;
  name: string;
  /** Their daily cap: their own `max_jobs_per_day`, else the rule's default. */
  maxJobsPerDay: number;
}

export interface Calendar {
  hours: Map<number, { weekday: number; startMinute: number; endMinute: number }[]>;
  timeOff: Map<number, [number, number][]>;
  /** Start instants of occupied cells, per employee. */
  cells: Map<number, number[]>;
  /** Start instants of jobs that hold their day (pending, confirmed, completed), per employee. */
  jobs: Map<number, number[]>;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/** The travel buffer after a job of `service`, in minutes. */
export const bufferOf = (service: ServiceRow, rules: BookingRules) => service.bufferMinutes ?? rules.bufferMinutes;

/**
 * How many grid cells a job of `service` holds: its duration plus the buffer after it, rounded up to
 * whole cells. The buffer's cells are what keeps the next job of that employee away, under the same
 * primary key as the job's own.
 */
export const cellCountOf = (service: ServiceRow, rules: BookingRules) =>
  Math.ceil((service.durationMinutes + bufferOf(service, rules)) / SLOT_MINUTES);

/** The employee rows, as ordered for every choice below (lowest id first on ties). */
const employeesQuery = (ctx: DomainContext) => ctx.db.select().from(employees).orderBy(asc(employees.id));
type EmployeeRow = Awaited<ReturnType<typeof employeesQuery>>[number];

/**
 * Active employees (of `rows`) qualified for `service`; with `employeeId`, just that one,
 * or `not_found` (unknown/inactive) / `invalid_input` (not qualified).
 */
function qualifiedAmong(ctx: DomainContext, rows: EmployeeRow[], service: ServiceRow, employeeId?: number): EmployeeRef[] {
  const cap = bookingRulesOf(ctx).maxJobsPerDay;
  const ref = (r: EmployeeRow): EmployeeRef => ({ id: r.id, name: r.name, maxJobsPerDay: r.maxJobsPerDay ?? cap });
  if (employeeId !== undefined) {
    const e = rows.find((r) => r.id === employeeId);
    if (!e || !e.active) throw new DomainError('not_found', `Employee ${employeeId} not found`);
    if (!e.skills.includes(service.slug)) {
      const who = rows.filter((r) => r.active && r.skills.includes(service.slug)).map((r) => `${r.name} (${r.id})`);
      throw invalidInput(`${e.name} is not qualified for ${service.name}; qualified: ${who.join(', ') || 'nobody'}`);
    }
    return [ref(e)];
  }
  return rows.filter((r) => r.active && r.skills.includes(service.slug)).map(ref);
}

/**
 * The four reads of a calendar around [fromMs, toMs): weekly hours, time off, occupied cells (one cell before
 * `fromMs` can still reach into the range) and jobs; of `employeeIds`, or of everyone when not given (the
 * ids are not known yet inside one batch). `excludeBookingId` leaves out a booking being moved.
 */
function calendarQueries(ctx: DomainContext, employeeIds: number[] | undefined, fromMs: number, toMs: number, excludeBookingId?: number) {
  const of = (column: AnySQLiteColumn) => (employeeIds ? inArray(column, employeeIds) : undefined);
  return [
    ctx.db.select().from(schedules).where(of(schedules.employeeId)),
    ctx.db
      .select()
      .from(timeOff)
      .where(and(of(timeOff.employeeId), lt(timeOff.startsAt, toMs), gt(timeOff.endsAt, fromMs))),
    ctx.db
      .select()
      .from(bookingSlots)
      .where(
        and(
          of(bookingSlots.employeeId),
          gt(bookingSlots.slotStart, fromMs - SLOT_MS),
          lt(bookingSlots.slotStart, toMs),
          excludeBookingId === undefined ? undefined : ne(bookingSlots.bookingId, excludeBookingId),
        ),
      ),
    ctx.db
      .select({ employeeId: bookings.employeeId, startsAt: bookings.startsAt })
      .from(bookings)
      .where(
        and(
          of(bookings.employeeId),
          inArray(bookings.status, ['confirmed', 'completed']),
          gte(bookings.startsAt, fromMs),
          lt(bookings.startsAt, toMs),
          excludeBookingId === undefined ? undefined : ne(bookings.id, excludeBookingId),
        ),
      ),
  ] as const;
}

type CalendarRows = readonly [
  (typeof schedules.$inferSelect)[],
  (typeof timeOff.$inferSelect)[],
  (typeof bookingSlots.$inferSelect)[],
  { employeeId: number; startsAt: number }[],
];

function calendarFrom([hours, off, cells, jobs]: CalendarRows): Calendar {
  const cal: Calendar = { hours: new Map(), timeOff: new Map(), cells: new Map(), jobs: new Map() };
  for (const h of hours) push(cal.hours, h.employeeId, h);
  for (const t of off) push(cal.timeOff, t.employeeId, [t.startsAt, t.endsAt] as [number, number]);
  for (const c of cells) push(cal.cells, c.employeeId, c.slotStart);
  for (const j of jobs) push(cal.jobs, j.employeeId, j.startsAt);
  return cal;
}

/** Everything one scheduling decision reads: the service, who may do it, the business's calendar and theirs. */
export interface Schedule {
  service: ServiceRow;
  people: EmployeeRef[];
  business: BusinessCalendar;
  cal: Calendar;
}

/**
 * The service (by slug or id, or the row already in hand, read again), the employees qualified for it, the
 * business calendar and the employees' calendars around [fromMs, toMs), in one `db.batch`: one D1 round trip
 * where reading them in turn took three (availability and booking are on a chat turn's path).
 * @example const { service, people, business, cal } = await loadSchedule(ctx, 'drain-cleaning', from, to);
 */
export async function loadSchedule(
  ctx: DomainContext,
  service: string | number | ServiceRow,
  fromMs: number,
  toMs: number,
  options: { employeeId?: number; excludeBookingId?: number } = {},
): Promise<Schedule> {
  const ref = typeof service === 'object' ? service.id : service;
  const [serviceRows, employeeRows, hours, rules, oneOff, ...calendarRows] = await ctx.db.batch([
    serviceQuery(ctx, ref),
    employeesQuery(ctx),
    ...businessCalendarQueries(ctx),
    ...calendarQueries(ctx, undefined, fromMs, toMs, options.excludeBookingId),
  ]);
  const row = activeService(serviceRows[0], ref);
  return {
    service: row,
    people: qualifiedAmong(ctx, employeeRows, row, options.employeeId),
    business: businessCalendar(hours, rules, oneOff),
    cal: calendarFrom(calendarRows),
  };
}

/** The employee's working windows on local `date` (minutes), from their weekly hours. */
export function workingWindows(cal: Calendar, employeeId: number, date: string, weekday: number): [number, number][] {
  return (cal.hours.get(employeeId) ?? []).filter((h) => h.weekday === weekday).map((h): [number, number] => [h.startMinute, h.endMinute]);
}

/** True when [startMs, endMs) lies inside one of the employee's working windows that day. */
export function withinHours(cal: Calendar, employeeId: number, startMs: number, endMs: number, timeZone: string): boolean {
  const { date, weekday } = toZoned(startMs, timeZone);
  return workingWindows(cal, employeeId, date, weekday).some(
    ([s, e]) => zonedToUtc(date, s, timeZone) <= startMs && endMs <= zonedToUtc(date, e, timeZone),
  );
}

export const onTimeOff = (cal: Calendar, employeeId: number, startMs: number, endMs: number): boolean =>
  (cal.timeOff.get(employeeId) ?? []).some(([s, e]) => s < endMs && startMs < e);

export const isBooked = (cal: Calendar, employeeId: number, startMs: number, endMs: number): boolean =>
  (cal.cells.get(employeeId) ?? []).some((c) => c < endMs && startMs < c + SLOT_MS);

/** The local day [from, to) of instant `dayMs`. */
export function dayBounds(dayMs: number, timeZone: string): [number, number] {
  const date = toZoned(dayMs, timeZone).date;
  return [startOfDay(date, timeZone), startOfDay(addDays(date, 1), timeZone)];
}

/** Occupied cells on the local day of `dayMs`: how busy someone already is. */
export function dayLoad(cal: Calendar, employeeId: number, dayMs: number, timeZone: string): number {
  const [from, to] = dayBounds(dayMs, timeZone);
  return (cal.cells.get(employeeId) ?? []).filter((c) => c >= from && c < to).length;
}

/** Jobs the employee already has on the local day of `dayMs` (what the daily cap counts). */
export function jobsOnDay(cal: Calendar, employeeId: number, dayMs: number, timeZone: string): number {
  const [from, to] = dayBounds(dayMs, timeZone);
  return (cal.jobs.get(employeeId) ?? []).filter((j) => j >= from && j < to).length;
}

/**
 * Who can take `service` at [startMs, startMs + duration): the free employees,
 * `prefer` first, then the least booked that day. Explains why when nobody can:
 * `conflict` (409, naming the next open day) when the business is closed or the
 * job would not end by closing time; `invalid_input` for an employee's hours, time
 * off or qualification; `conflict` when booked (the job and its travel buffer) or
 * at the daily cap.
 * @example const { service, candidates: [first] } = await candidatesFor(ctx, 'drain-cleaning', start, { employeeId: 3 });
 */
export async function candidatesFor(
  ctx: DomainContext,
  ref: ServiceRow | string | number,
  startMs: number,
  options: { employeeId?: number; prefer?: number; excludeBookingId?: number } = {},
): Promise<{ service: ServiceRow; candidates: EmployeeRef[] }> {
  const { date, weekday } = toZoned(startMs, ctx.timeZone);
  // The service (by slug or id, `not_found` when retired) is read with the schedule: one round trip.
  const { service, people, business, cal } = await loadSchedule(ctx, ref, startOfDay(date, ctx.timeZone), startOfDay(addDays(date, 2), ctx.timeZone), options);
  const rules = bookingRulesOf(ctx);
  const endMs = startMs + service.durationMinutes * 60_000;
  const heldEndMs = startMs + cellCountOf(service, rules) * SLOT_MS;
  const closed = closedError(business, startMs, endMs, ctx.timeZone);
  if (closed) throw closed;
  if (people.length === 0) throw invalidInput(`Nobody currently performs ${service.name}`);
  const who = options.employeeId !== undefined ? (people[0]?.name ?? 'that employee') : `anyone who does ${service.name}`;
  const working = people.filter((p) => withinHours(cal, p.id, startMs, endMs, ctx.timeZone));
  if (working.length === 0) {
    throw invalidInput(`That time is outside working hours for ${who} (the ${service.durationMinutes}-minute job must fit in their hours); check_availability lists open times`);
  }
  const present = working.filter((p) => !onTimeOff(cal, p.id, startMs, endMs));
  if (present.length === 0) throw invalidInput(`That time is outside working hours for ${who}: time off; check_availability lists open times`);
  const free = present.filter((p) => !isBooked(cal, p.id, startMs, heldEndMs));
  if (free.length === 0) throw slotTaken();
  const open = free.filter((p) => jobsOnDay(cal, p.id, startMs, ctx.timeZone) < p.maxJobsPerDay);
  if (open.length === 0) {
    throw dayFull(options.employeeId !== undefined ? (people[0]?.name ?? 'That employee') : `Everyone who does ${service.name}`, `${WEEKDAY_NAMES[weekday]} ${date}`);
  }
  const load = new Map(open.map((p) => [p.id, dayLoad(cal, p.id, startMs, ctx.timeZone)]));
  const candidates = open.sort(
    (a, b) => Number(b.id === options.prefer) - Number(a.id === options.prefer) || (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.id - b.id,
  );
  return { service, candidates };
}

export const slotTaken = () =>
  new DomainError('conflict', 'That time is no longer available; call check_availability for open times');

/** Everyone who could take the job already has their most jobs that day. */
export const dayFull = (who: string, day: string) =>
  conflict(`${who} is fully booked on ${day} (the most jobs a day we take); call check_availability for other days`, { reason: 'daily_cap' });
