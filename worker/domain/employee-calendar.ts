/**
 * Each technician's weekly schedule and time off (admins only, one D1 batch with the configuration bump each),
 * the employee view the Business page and the employee tools return, and the "HH:MM" windows every weekly
 * setting is written in (the business's hours too: ./business-settings.ts). Times of day are "HH:MM"
 * (24-hour) on the wire and minutes after local midnight in D1.
 */
import { and, asc, eq, gt, lt } from 'drizzle-orm';
import { z } from 'zod';
import { bookings, schedules, timeOff } from '../db/schema';
import { addDays, hhmm, minutesOf, startOfDay, toLocalIso } from '../lib/zoned-time';
import { parseStart } from './availability';
import { configBump, requireAdmin, requireEmployee, type EmployeeRow } from './business-config';
import type { DomainContext } from './context';
import { parseLocalDate } from './dates';
import { DomainError, invalidInput } from './errors';
import type { EmployeeAdminView, timeOffAddedSchema, WeeklyWindow } from '../protocol/business';

/** "08:00" → 480; "24:00" (midnight at the end of the day) → 1440. */

/**
 * `windows` as minutes, if each starts before it ends and none overlaps another of its weekday; else a 400
 * whose details name the field (`hours.2.end`), as zod's field errors do.
 */
export function checkWindows(windows: readonly WeeklyWindow[], field: string): { weekday: number; start: number; end: number }[] {
  const out = windows.map((w) => ({ weekday: w.weekday, start: minutesOf(w.start), end: minutesOf(w.end) }));
  const errors: Record<string, string> = {};
  out.forEach((w, i) => {
    if (w.start >= w.end) errors[`${field}.${i}.end`] ??= 'must be after start';
    const overlap = out.findIndex((o, j) => j !== i && o.weekday === w.weekday && o.start < w.end && w.start < o.end);
    if (overlap >= 0 && w.start < w.end) errors[`${field}.${i}.start`] ??= `overlaps ${field}.${overlap} on the same weekday`;
  });
  if (Object.keys(errors).length) throw invalidInput(`Invalid ${field}: ${Object.entries(errors).map(([k, v]) => `${k} ${v}`).join('; ')}`, errors);
  return out.sort((a, b) => a.weekday - b.weekday || a.start - b.start);
}


type TimeOffRow = typeof timeOff.$inferSelect;
export const toTimeOffView = (ctx: DomainContext, t: TimeOffRow) => ({
  id: t.id,
  employee_id: t.employeeId,
  from: toLocalIso(t.startsAt, ctx.timeZone),
  to: toLocalIso(t.endsAt, ctx.timeZone),
  reason: t.reason,
});

export function toEmployeeAdminView(
  ctx: DomainContext,
  e: EmployeeRow,
  week: (typeof schedules.$inferSelect)[],
  off: TimeOffRow[],
): EmployeeAdminView {
  return {
    id: e.id,
    name: e.name,
    email: e.email,
    department: e.department,
    skills: e.skills,
    max_jobs_per_day: e.maxJobsPerDay,
    active: e.active,
    schedule: week.filter((s) => s.employeeId === e.id).map((s) => ({ weekday: s.weekday, start: hhmm(s.startMinute), end: hhmm(s.endMinute) })),
    time_off: off.filter((t) => t.employeeId === e.id).map((t) => toTimeOffView(ctx, t)),
  };
}

/** Confirmed bookings that start in [fromMs, toMs) (for one employee when given): what a closure or absence leaves to rearrange. */
export async function bookingsBetween(ctx: DomainContext, fromMs: number, toMs: number, employeeId?: number): Promise<string[]> {
  const rows = await ctx.db
    .select({ number: bookings.number })
    .from(bookings)
    .where(
      and(
        eq(bookings.status, 'confirmed'),
        lt(bookings.startsAt, toMs),
        gt(bookings.endsAt, fromMs),
        employeeId === undefined ? undefined : eq(bookings.employeeId, employeeId),
      ),
    )
    .orderBy(asc(bookings.startsAt));
  return rows.map((r) => r.number);
}

// ---- a technician's week and time off -----------------------------------------------------------------------

/**
 * Replaces an employee's weekly hours (an empty list: they work no regular hours). Availability then
 * intersects them with the opening hours, as always.
 * @example await setEmployeeSchedule(adminCtx, 4, { schedule: [{ weekday: 2, start: '09:00', end: '17:00' }] });
 */
export async function setEmployeeSchedule(ctx: DomainContext, employeeId: number, input: { schedule: WeeklyWindow[] }): Promise<EmployeeAdminView> {
  requireAdmin(ctx);
  const windows = checkWindows(input.schedule, 'schedule');
  const employee = await requireEmployee(ctx, employeeId);
  const rows = windows.map((w) => ({ employeeId, weekday: w.weekday, startMinute: w.start, endMinute: w.end }));
  const replace = [ctx.db.delete(schedules).where(eq(schedules.employeeId, employeeId)), ...(rows.length ? [ctx.db.insert(schedules).values(rows)] : [])] as const;
  await ctx.db.batch([...replace, configBump(ctx)]);
  return employeeView(ctx, employee);
}

async function employeeView(ctx: DomainContext, employee: EmployeeRow): Promise<EmployeeAdminView> {
  const [week, off] = await Promise.all([
    ctx.db.select().from(schedules).where(eq(schedules.employeeId, employee.id)).orderBy(asc(schedules.weekday), asc(schedules.startMinute)),
    ctx.db.select().from(timeOff).where(and(eq(timeOff.employeeId, employee.id), gt(timeOff.endsAt, ctx.now()))).orderBy(asc(timeOff.startsAt)),
  ]);
  return toEmployeeAdminView(ctx, employee, week, off);
}

/** An employee's view (week and time off) by id, for the tools that change the employee row. */
export async function employeeAdminView(ctx: DomainContext, employee: EmployeeRow): Promise<EmployeeAdminView> {
  return employeeView(ctx, employee);
}

/** A local date (the start of that day, or with `end`, the start of the day after) or a local date-time, as UTC ms. */
function instantOf(value: string, field: string, ctx: DomainContext, end: boolean): number {
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const date = parseLocalDate(text, field);
    return startOfDay(end ? addDays(date, 1) : date, ctx.timeZone);
  }
  try {
    return parseStart(text, ctx.timeZone);
  } catch (e) {
    if (e instanceof DomainError) throw invalidInput(`${field}: ${e.message}`, { [field]: 'expected YYYY-MM-DD or YYYY-MM-DDTHH:MM' });
    throw e;
  }
}

/**
 * Records an absence: whole days (`from` and `to` as dates, both included) or from one local time to
 * another. The employee's confirmed bookings in it are returned; they stay booked.
 * @example await addTimeOff(adminCtx, 4, { from: '2030-03-11', to: '2030-03-15', reason: 'Vacation' });
 */
export async function addTimeOff(
  ctx: DomainContext,
  employeeId: number,
  input: { from: string; to: string; reason?: string | undefined },
): Promise<z.infer<typeof timeOffAddedSchema>> {
  requireAdmin(ctx);
  const startsAt = instantOf(input.from, 'from', ctx, false);
  const endsAt = instantOf(input.to, 'to', ctx, true);
  if (endsAt <= startsAt) throw invalidInput('to must be after from', { to: 'must be after from' });
  if (endsAt - startsAt > 366 * 86_400_000) throw invalidInput('Time off is at most a year per entry', { to: 'at most a year after from' });
  if (endsAt <= ctx.now()) throw invalidInput('That time off is over already', { to: 'must be in the future' });
  await requireEmployee(ctx, employeeId);
  const [inserted] = await ctx.db.batch([
    ctx.db.insert(timeOff).values({ employeeId, startsAt, endsAt, reason: input.reason ?? null }).returning(),
    configBump(ctx),
  ]);
  return { ...toTimeOffView(ctx, inserted[0]!), bookings_affected: await bookingsBetween(ctx, startsAt, endsAt, employeeId) };
}

/**
 * Removes one absence of an employee; 404 when that employee has none with that id.
 * @example await removeTimeOff(adminCtx, 4, 1);
 */
export async function removeTimeOff(ctx: DomainContext, employeeId: number, id: number): Promise<{ removed: true; id: number }> {
  requireAdmin(ctx);
  const [deleted] = await ctx.db.batch([
    ctx.db.delete(timeOff).where(and(eq(timeOff.id, id), eq(timeOff.employeeId, employeeId))).returning({ id: timeOff.id }),
    configBump(ctx),
  ]);
  if (deleted.length === 0) throw new DomainError('not_found', `Time off ${id} of employee ${employeeId} not found`);
  return { removed: true, id };
}
