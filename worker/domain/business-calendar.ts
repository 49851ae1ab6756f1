/**
 * The business's calendar as data (D1 `opening_hours`, `holidays`, `closures`): when the business is
 * open on a local date, and why not when it is closed. Availability intersects staff schedules with
 * it, bookings are refused outside it (409 naming the next open day), and the system prompt and the
 * hours article state it (worker/domain/hours-text.ts).
 */
import { asc, eq, gte } from 'drizzle-orm';
import { closures, counters, holidays, openingHours } from '../db/schema';
import { BUSINESS_CONFIG_COUNTER } from '../db/seed-data';
import { addDays, toZoned, weekdayOf, zonedToUtc } from '../lib/zoned-time';
import type { DomainContext } from './context';
import { conflict, type DomainError } from './errors';
import { holidayLookup, holidaysInYear, type HolidayDate, type HolidayDefinition } from './holidays';
import { clock, WEEKDAY_NAMES, type OpeningWindow } from './hours-text';

export interface Closure {
  date: string;
  /** Null with `endMinute` null: the whole day. */
  startMinute: number | null;
  endMinute: number | null;
  reason: string;
}

export interface BusinessCalendar {
  hours: OpeningWindow[];
  holidays: HolidayDefinition[];
  closures: Closure[];
  holidayOn: (date: string) => HolidayDate | undefined;
}

/** One local date: its open windows (minutes after midnight) and, when it has none, why. */
export interface BusinessDay {
  date: string;
  weekday: number;
  windows: [number, number][];
  /** Why the business is closed all day, e.g. "Christmas" or "closed on Sundays". */
  closed?: string;
}

/** A calendar from rows (tests and the seed build one without D1). */
export function businessCalendar(hours: OpeningWindow[], definitions: HolidayDefinition[], oneOff: Closure[]): BusinessCalendar {
  return { hours, holidays: definitions, closures: oneOff, holidayOn: holidayLookup(definitions) };
}

/**
 * The calendar from D1: weekly hours, holiday rules and the closures from yesterday on (older ones
 * cannot matter: nothing is booked in the past).
 */
export async function loadBusinessCalendar(ctx: DomainContext): Promise<BusinessCalendar> {
  const [hours, rules, oneOff] = await ctx.db.batch(businessCalendarQueries(ctx));
  return businessCalendar(hours, rules, oneOff);
}

/** The three reads of the calendar, for one `db.batch` (one D1 round trip) alone or with others (calendar.ts). */
export function businessCalendarQueries(ctx: DomainContext) {
  const since = addDays(toZoned(ctx.now(), ctx.timeZone).date, -1);
  return [
    ctx.db.select().from(openingHours).orderBy(asc(openingHours.weekday), asc(openingHours.opensMinute)),
    ctx.db.select().from(holidays).orderBy(asc(holidays.month), asc(holidays.id)),
    ctx.db.select().from(closures).where(gte(closures.date, since)).orderBy(asc(closures.date)),
  ] as const;
}

/** How long the system prompt's copy of the calendar is kept per isolate, at most (a backstop for edits made outside the API). */
export const PROMPT_CALENDAR_TTL_MS = 60_000;
const promptCalendars = new Map<string, { at: number; version: number; calendar: Promise<BusinessCalendar> }>();

/** How long a read of the configuration counter stands for in this isolate before it is read again. */
export const CONFIG_CHECK_MS = 5_000;
let configChecked: { at: number; version: number } | undefined;

/**
 * The configuration counter every admin change bumps (worker/domain/business-config.ts); 0 before the first.
 * Read at most once per CONFIG_CHECK_MS per isolate: a busy isolate's turns do not each pay a D1 round trip
 * before the reply for a value that changes a few times a year.
 */
async function configVersion(ctx: DomainContext): Promise<number> {
  if (configChecked && ctx.now() - configChecked.at < CONFIG_CHECK_MS && ctx.now() >= configChecked.at) return configChecked.version;
  const row = await ctx.db.select({ value: counters.value }).from(counters).where(eq(counters.name, BUSINESS_CONFIG_COUNTER)).get();
  const version = row?.value ?? 0;
  configChecked = { at: ctx.now(), version };
  return version;
}

/**
 * Forgets this isolate's copies (the counter read and the prompt's calendar): an admin change made here
 * shows in the next turn at once; one made in another isolate within CONFIG_CHECK_MS.
 */
export function forgetBusinessConfig(): void {
  configChecked = undefined;
  promptCalendars.clear();
}

/**
 * The calendar the system prompt states (chat, voice, MCP), kept per isolate so a turn does not read three
 * tables for it every time: the configuration counter (read at most every CONFIG_CHECK_MS) tells whether the
 * copy is still current, so a change an admin makes through the API shows in the next turn's prompt in the
 * isolate that made it and within seconds in every other. Edits made straight in D1 show within a minute. Availability and bookings never use this copy: they read
 * `loadBusinessCalendar` fresh.
 */
export async function loadPromptCalendar(ctx: DomainContext): Promise<BusinessCalendar> {
  const key = `${ctx.timeZone}|${toZoned(ctx.now(), ctx.timeZone).date}`;
  const version = await configVersion(ctx);
  const kept = promptCalendars.get(key);
  if (kept && kept.version === version && ctx.now() - kept.at < PROMPT_CALENDAR_TTL_MS) return kept.calendar;
  const calendar = loadBusinessCalendar(ctx);
  promptCalendars.clear();
  promptCalendars.set(key, { at: ctx.now(), version, calendar });
  // A failed read is not kept.
  calendar.catch(() => promptCalendars.delete(key));
  return calendar;
}

/** `windows` minus [from, to), in minutes. */
function subtract(windows: [number, number][], from: number, to: number): [number, number][] {
  return windows.flatMap(([s, e]): [number, number][] =>
    to <= s || e <= from ? [[s, e]] : ([[s, Math.min(e, from)], [Math.max(s, to), e]] as [number, number][]).filter(([a, b]) => a < b),
  );
}

/**
 * When the business is open on local `date`: the weekday's hours, none on a holiday (observed days
 * included), minus the closures of that date.
 * @example businessDay(cal, '2030-12-25') // { date: '2030-12-25', weekday: 3, windows: [], closed: 'Christmas' }
 */
export function businessDay(cal: BusinessCalendar, date: string): BusinessDay {
  const weekday = weekdayOf(date);
  let windows = cal.hours
    .filter((h) => h.weekday === weekday && h.opensMinute < h.closesMinute)
    .map((h): [number, number] => [h.opensMinute, h.closesMinute])
    .sort((a, b) => a[0] - b[0]);
  if (windows.length === 0) return { date, weekday, windows, closed: `closed on ${WEEKDAY_NAMES[weekday]}s` };
  const holiday = cal.holidayOn(date);
  if (holiday) return { date, weekday, windows: [], closed: holiday.observed ? `${holiday.name}, observed` : holiday.name };
  let reason: string | undefined;
  for (const c of cal.closures) {
    if (c.date !== date) continue;
    windows = c.startMinute === null && c.endMinute === null ? [] : subtract(windows, c.startMinute ?? 0, c.endMinute ?? 24 * 60);
    if (windows.length === 0) reason ??= c.reason;
  }
  return reason ? { date, weekday, windows, closed: reason } : { date, weekday, windows };
}

/**
 * The first date after `date` with opening hours, looking a year ahead.
 * @example nextOpenDay(cal, '2030-12-24')?.date // '2030-12-26'
 */
export function nextOpenDay(cal: BusinessCalendar, date: string): BusinessDay | undefined {
  for (let d = addDays(date, 1), i = 0; i < 370; d = addDays(d, 1), i += 1) {
    const day = businessDay(cal, d);
    if (day.windows.length > 0) return day;
  }
  return undefined;
}

/** "8:00 AM–5:00 PM", or "8:00 AM–12:00 PM and 1:00 PM–5:00 PM". */
export const formatWindows = (windows: [number, number][]) => windows.map(([s, e]) => `${clock(s)}–${clock(e)}`).join(' and ');

/** "Thursday 2030-12-26 (8:00 AM–5:00 PM)". */
const describeDay = (day: BusinessDay) => `${WEEKDAY_NAMES[day.weekday]} ${day.date} (${formatWindows(day.windows)})`;

/** The holidays (observed days included) from `from` for `days` days: what the prompt warns about. */
export function upcomingHolidays(cal: BusinessCalendar, from: string, days: number): HolidayDate[] {
  const to = addDays(from, days);
  const years = [...new Set([Number(from.slice(0, 4)), Number(to.slice(0, 4))])];
  return years.flatMap((y) => holidaysInYear(cal.holidays, y)).filter((h) => h.date >= from && h.date <= to);
}

/**
 * Null when the business is open for the whole job [startMs, endMs); otherwise the 409 to give, naming
 * the next open day: closed that day (weekday, holiday, closure), or the job does not fit in the
 * day's hours (it must end by closing time).
 */
export function closedError(cal: BusinessCalendar, startMs: number, endMs: number, timeZone: string): DomainError | null {
  const { date } = toZoned(startMs, timeZone);
  const day = businessDay(cal, date);
  if (day.windows.some(([s, e]) => zonedToUtc(date, s, timeZone) <= startMs && endMs <= zonedToUtc(date, e, timeZone))) return null;
  const next = nextOpenDay(cal, date);
  const nextText = next ? describeDay(next) : 'not within the next year';
  const details = { next_open_day: next?.date ?? null, next_open_hours: next ? formatWindows(next.windows) : null };
  if (day.closed) {
    return conflict(
      `We are closed on ${WEEKDAY_NAMES[day.weekday]} ${date} (${day.closed}). The next open day is ${nextText}; check_availability lists open times.`,
      { reason: 'closed', closed: day.closed, ...details },
    );
  }
  const minutes = Math.round((endMs - startMs) / 60_000);
  return conflict(
    `That time is outside our opening hours: on ${WEEKDAY_NAMES[day.weekday]} ${date} we are open ${formatWindows(day.windows)}, ` +
      `and the ${minutes}-minute job must end by closing time. The next open day after that is ${nextText}; check_availability lists open times.`,
    { reason: 'outside_opening_hours', opening_hours: formatWindows(day.windows), ...details },
  );
}
