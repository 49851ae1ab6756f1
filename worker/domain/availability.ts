/**
 * Free start times for a service: employee hours ∩ the business's opening hours,
 * minus holidays, closures, time off and the cells of existing bookings (with
 * their travel buffers), under the booking rules, in the business's time zone. The answer is shaped
 * for a model: grouped by local day, one entry per start, capped in size.
 */
import { z } from 'zod';
import { addDays, daysBetween, localTimeExists, startOfDay, toLocalIso, toZoned, zonedToUtc } from '../lib/zoned-time';
import { bookingRulesOf } from './booking-rules';
import { businessDay, formatWindows, nextOpenDay } from './business-calendar';
import { cellCountOf, dayLoad, isBooked, jobsOnDay, loadSchedule, onTimeOff, SLOT_MINUTES, SLOT_MS, workingWindows } from './calendar';
import type { DomainContext } from './context';
import { parseLocalDate } from './dates';
import { invalidInput } from './errors';
import { WEEKDAY_NAMES } from './hours-text';

export { SLOT_MINUTES } from './calendar';
export { parseLocalDate } from './dates';

/** The longest range one availability query may cover, in days. */
export const MAX_RANGE_DAYS = 14;
export const DEFAULT_SLOT_LIMIT = 60;
export const MAX_SLOT_LIMIT = 200;

export interface AvailabilityInput {
  service: string | number;
  date_from: string;
  /** Defaults to `date_from`. */
  date_to?: string | undefined;
  employee_id?: number | undefined;
  /** Most slots to return (default 60, max 200). */
  limit?: number | undefined;
}

export const slotSchema = z.object({
  time: z.string().describe('Local wall-clock time, e.g. 09:30.'),
  start: z.string().describe('Local ISO 8601 with offset, e.g. 2030-03-04T09:30:00-06:00: pass it to create_booking as start.'),
  starts_at: z.string().describe('The same instant in UTC, ISO 8601.'),
  employee_id: z.int(),
  employee_name: z.string(),
  employees_free: z.int().describe('How many qualified employees are free at this start (1 when one was asked for).'),
});
export type Slot = z.infer<typeof slotSchema>;

/** Free starts of one service over a range of local days, grouped by day. */
export const availabilitySchema = z.object({
  service: z.object({ slug: z.string(), name: z.string(), duration_minutes: z.int() }),
  time_zone: z.string(),
  date_from: z.string(),
  date_to: z.string(),
  days: z.array(
    z.object({
      date: z.string(),
      weekday: z.string(),
      hours: z.string().optional().describe('Opening hours that day, e.g. 8:00 AM–5:00 PM (absent when closed).'),
      closed: z.string().optional().describe('Why the business is closed all day, e.g. "Christmas" or "closed on Sundays".'),
      slots: z.array(slotSchema),
    }),
  ),
  slot_count: z.int(),
  truncated: z.boolean(),
  note: z.string().optional(),
});
export type Availability = z.infer<typeof availabilitySchema>;

/**
 * A booking start as a UTC instant: local `YYYY-MM-DDTHH:MM[:SS]` in
 * `timeZone`, or a full ISO 8601 with `Z`/offset. Local times that do not exist
 * (the spring-forward hour) are refused rather than silently moved.
 * @example parseStart('2030-03-04T09:00', 'America/Chicago') // Date.parse('2030-03-04T15:00:00Z')
 */
export function parseStart(value: string, timeZone: string): number {
  const text = value.trim();
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (local) {
    const date = parseLocalDate(local[1]!, 'start');
    const [h, min, sec] = [Number(local[2]), Number(local[3]), Number(local[4] ?? 0)];
    if (h > 23 || min > 59 || sec > 59) throw invalidInput('start has an invalid time of day');
    if (!localTimeExists(date, h * 60 + min, timeZone)) throw invalidInput(`${text} does not exist in ${timeZone} (clocks change)`);
    return zonedToUtc(date, h * 60 + min, timeZone) + sec * 1000;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/i.test(text)) {
    const ms = Date.parse(text);
    if (Number.isFinite(ms)) return ms;
  }
  throw invalidInput('start must be a local date-time like 2030-03-04T10:00 (business time zone) or ISO 8601 with an offset');
}

/** `start` must sit on the 30-minute grid of local time, to the second. */
export function assertOnGrid(ms: number, timeZone: string): void {
  if (ms % 60_000 !== 0 || toZoned(ms, timeZone).minute % SLOT_MINUTES !== 0) {
    throw invalidInput(`start must be on the ${SLOT_MINUTES}-minute grid (e.g. 09:00 or 09:30 local time)`);
  }
}

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** [a, b) ∩ [c, d) for every pair of two window lists, in minutes. */
function intersect(a: [number, number][], b: [number, number][]): [number, number][] {
  return a.flatMap(([s1, e1]) => b.map(([s2, e2]): [number, number] => [Math.max(s1, s2), Math.min(e1, e2)])).filter(([s, e]) => s < e);
}

/**
 * Free starts for `service` on local days [date_from, date_to] (at most 14),
 * for one employee or for anyone qualified. A start is listed when the whole
 * job fits in the employee's hours and in the business's opening hours that day
 * (not a holiday or closure; it ends by closing time), overlaps no time off, its
 * cells and travel buffer overlap no booked cell, the employee is under their
 * daily cap, and it is at least the minimum notice from now and within the
 * booking horizon (worker/domain/booking-rules.ts). A closed day says why
 * (`closed`). With several free employees the least booked that day is offered
 * (the same choice create_booking makes).
 * @example const a = await findAvailability(ctx, { service: 'drain-cleaning', date_from: '2030-03-04' });
 */
export async function findAvailability(ctx: DomainContext, input: AvailabilityInput): Promise<Availability> {
  const tz = ctx.timeZone;
  const from = parseLocalDate(input.date_from, 'date_from');
  const to = input.date_to ? parseLocalDate(input.date_to, 'date_to') : from;
  const today = toZoned(ctx.now(), tz).date;
  if (from < today) throw invalidInput(`date_from ${from} is in the past; today is ${today} (${tz})`);
  if (to < from) throw invalidInput('date_to must be on or after date_from');
  if (daysBetween(from, to) >= MAX_RANGE_DAYS) throw invalidInput(`A date range covers at most ${MAX_RANGE_DAYS} days`);
  const limit = Math.min(Math.max(input.limit ?? DEFAULT_SLOT_LIMIT, 1), MAX_SLOT_LIMIT);

  const rules = bookingRulesOf(ctx);
  const { service, people, business, cal } = await loadSchedule(ctx, input.service, startOfDay(from, tz), startOfDay(addDays(to, 1), tz), {
    employeeId: input.employee_id,
  });
  const names = new Map(people.map((p) => [p.id, p.name]));
  const durationMs = service.durationMinutes * 60_000;
  const heldMs = cellCountOf(service, rules) * SLOT_MS;
  const earliest = ctx.now() + rules.minNoticeMinutes * 60_000;
  const lastDate = addDays(today, rules.horizonDays);

  const days: Availability['days'] = [];
  let count = 0;
  let truncated = false;
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const day = businessDay(business, date);
    const weekdayName = WEEKDAY_NAMES[day.weekday] ?? '';
    if (day.closed) {
      days.push({ date, weekday: weekdayName, slots: [], closed: day.closed });
      continue;
    }
    const hours = formatWindows(day.windows);
    if (date > lastDate) {
      days.push({ date, weekday: weekdayName, hours, slots: [] });
      continue;
    }
    const dayStart = startOfDay(date, tz);
    // Least booked first, so the offered employee spreads the work.
    const order = [...people].sort((a, b) => dayLoad(cal, a.id, dayStart, tz) - dayLoad(cal, b.id, dayStart, tz) || a.id - b.id);
    const free = new Map<number, number[]>();
    for (const person of order) {
      if (jobsOnDay(cal, person.id, dayStart, tz) >= person.maxJobsPerDay) continue;
      for (const [open, close] of intersect(workingWindows(cal, person.id, date, day.weekday), day.windows)) {
        const windowEnd = zonedToUtc(date, close, tz);
        for (let m = Math.ceil(open / SLOT_MINUTES) * SLOT_MINUTES; m < close; m += SLOT_MINUTES) {
          // A wall time the clocks skip is not a start (it would repeat the next real one).
          if (!localTimeExists(date, m, tz)) continue;
          const start = zonedToUtc(date, m, tz);
          if (start + durationMs > windowEnd) break;
          if (start < earliest || onTimeOff(cal, person.id, start, start + durationMs)) continue;
          if (isBooked(cal, person.id, start, start + heldMs)) continue;
          const list = free.get(start);
          if (list) list.push(person.id);
          else free.set(start, [person.id]);
        }
      }
    }
    const slots: Slot[] = [];
    for (const start of [...free.keys()].sort((a, b) => a - b)) {
      if (count >= limit) {
        truncated = true;
        break;
      }
      const ids = [...new Set(free.get(start))];
      const first = ids[0]!;
      slots.push({
        time: hhmm(toZoned(start, tz).minute),
        start: toLocalIso(start, tz),
        starts_at: new Date(start).toISOString(),
        employee_id: first,
        employee_name: names.get(first) ?? '',
        employees_free: ids.length,
      });
      count += 1;
    }
    if (slots.length > 0 || !truncated) days.push({ date, weekday: weekdayName, hours, slots });
    if (truncated) break;
  }
  const notes: string[] = [];
  if (truncated) notes.push(`Showing the first ${count} open times; ask for a later date_from or a shorter range for more.`);
  else if (count === 0) {
    const next = nextOpenDay(business, to);
    notes.push(`No open times in this range; try later dates or another employee.${next ? ` The next day we are open is ${WEEKDAY_NAMES[next.weekday]} ${next.date}.` : ''}`);
  }
  if (to > lastDate) notes.push(`We book at most ${rules.horizonDays} days ahead, up to ${lastDate}.`);
  return {
    service: { slug: service.slug, name: service.name, duration_minutes: service.durationMinutes },
    time_zone: tz,
    date_from: from,
    date_to: to,
    days,
    slot_count: count,
    truncated,
    ...(notes.length ? { note: notes.join(' ') } : {}),
  };
}
